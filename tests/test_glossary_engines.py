"""The glossary matcher finds the same matches with hyperscan and with the
pure-Python automaton, and keeps its hyperscan database through the on-disk cache."""

from __future__ import annotations

import copy
import pickle
import random

import pytest
from test_scan import corpus

from tqa.glossary.compiled import load_glossary
from tqa.glossary.matcher import _hyperscan

pytestmark = pytest.mark.skipif(_hyperscan() is None, reason="no hyperscan wheel for this platform")

# Characters that change length in UTF-8, in lower case or in folding, and a lone surrogate (an undecodable byte).
_NOISE = ["é", "İ", "ß", "ﬁ", "Ё", "—", "\u00a0", "  ", "\n\n", "\r\n\r\n", "\udcff", "“", "’"]


def _texts() -> list[str]:
    texts = [text for _name, text in corpus()]
    shuffle = random.Random(12)
    for text in texts[:300]:
        at = shuffle.randrange(len(text) + 1)
        texts.append(text[:at] + shuffle.choice(_NOISE) + text[at:])
    return texts


def test_hyperscan_and_the_automaton_find_the_same_matches():
    matcher = load_glossary().matcher
    automaton = copy.copy(matcher)
    automaton._literals = None
    assert matcher._literals is not None
    found = 0
    for text in _texts():
        for overlapping in (False, True):
            assert matcher.find(text, overlapping) == automaton.find(text, overlapping)
        found += len(matcher.find(text))
    assert found > 1000  # the corpus exercises the glossary


def test_the_compiled_glossary_keeps_its_hyperscan_database():
    matcher = load_glossary().matcher
    again = pickle.loads(pickle.dumps(matcher))
    text = "Tensions rose along the contact line, the head of the Russian Foreign Ministry said."
    assert again._literals is not None
    assert again.find(text) == matcher.find(text) != []
