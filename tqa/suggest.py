"""Did-you-mean hints for misspelt rule codes, rule names, setting names and glossary keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tqa.i18n import _


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` most likely misspells, if one is close enough."""
    choices = list(choices)
    by_folded = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `X`?)`, or "" when nothing is close."""
    match = closest(word, choices)
    return " " + _("(did you mean `{suggestion}`?)").format(suggestion=match) if match else ""
