"""A document's language: plain English is told without langdetect, and agrees with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SEED
from tqa.text import langid

FOREIGN = {
    "fr": "Le président a déclaré que la situation dans le pays est très difficile et que le gouvernement "
    "va prendre des mesures pour la sécurité de tous les citoyens.",
    "de": "Der Präsident sagte, dass die Lage im Land sehr schwierig ist und die Regierung bald neue "
    "Maßnahmen zur Sicherheit aller Bürger ergreifen wird.",
    "ru": "Президент заявил, что ситуация в стране очень сложная и правительство примет меры по "
    "обеспечению безопасности всех граждан.",
}


def english_documents() -> list[str]:
    paths = [SEED, *sorted((DATA / "cases").glob("*.txt"))]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return [text for text in texts if len(langid._WORD.findall(text[: langid.SAMPLE_CHARACTERS])) >= 30]


def test_plain_english_needs_no_langdetect_and_agrees_with_it():
    documents = english_documents()
    assert len(documents) >= 3
    for text in documents:
        assert langid._plainly_english(text[: langid.SAMPLE_CHARACTERS]), text[:80]
        assert langid.detect(text[:4000])[0] == langid.document_language(text) == "en"


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_go_to_langdetect(language):
    text = FOREIGN[language]
    assert not langid._plainly_english(text[: langid.SAMPLE_CHARACTERS])
    assert langid.document_language(text) == language


PIECES = [" the ", " of ", " and ", "the", " to", "in ", " is", " was ", " for ", " ", "word", "Word", "Москва",
          "провокация ", "é", "ß", "12", ".", ",", "Der Präsident ", "sagte ", "dass ", "la ", "situation "]  # fmt: skip
PARAGRAPHS = st.lists(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), max_size=6)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts=PARAGRAPHS, may_have_cyrillic=st.booleans(), long=st.integers(0, 700))
def test_suspicious_texts_picks_what_suspicious_picks(texts, may_have_cyrillic, long):
    texts = [*texts, "word " * (long // 5) + " the " + texts[0] if texts else "x"]  # the word past the sample
    expected = [
        n
        for n, text in enumerate(texts)
        if len(text) >= langid.MIN_LETTERS and langid.suspicious(text, may_have_cyrillic)
    ]
    assert langid.suspicious_texts(texts, may_have_cyrillic) == expected
