"""Reporting verbs built the Russian way: `told about`, `informed that`, `announced about`."""

from __future__ import annotations

from collections.abc import Iterator

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import anchored_matches
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document

# A passive (`he was told about it`, `the ministry was informed that`) is English.
_NOT_PASSIVE = "".join(
    f"(?<!\\b{auxiliary} )" for auxiliary in ("was", "were", "is", "are", "be", "been", "being", "get", "got")
)
_VERB = lazy(
    _NOT_PASSIVE + r"\b(?:(?P<tell>[Tt]old) about|(?P<inform>informed|notified) that|(?P<announce>announced) about)\b"
)
# Where a match of _VERB can start: its words found by str.find (the look-behinds, tried
# at every position of the text, cost the regex engine more than all else the rule does).
VERB_ANCHORS = (("old about", 1), ("informed that", 0), ("notified that", 0), ("announced about", 0))
_TALK = {"told": "talked", "Told": "Talked"}
# `shared` as the verb of an attribution (поделился): right after the quotation it attributes.
_SHARED = lazy(r"(?:[\"”»],?|,[ \t]*[-–—]) (?:(?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+|he|she|they) (?P<verb>shared)(?=[.,])")


def russian_reporting_verb(doc: Document) -> Iterator[Violation]:
    """Reporting verb built the Russian way.

    What it does:
        Finds `told about` with no one told (`The governor told about his
        trip`, for рассказал о), `informed that` and `notified that` with no
        one informed (`The ministry informed that`, for сообщил, что), and
        `announced about` (заявил о), and `shared` as the verb of an
        attribution (`…, - Mikhail Degtyarev shared.`, for поделился), and
        proposes `talked about`, `said that`, `announced` and `said`.
        Passives (`he was told about it`) are left alone.

    Why is this bad?
        English `tell` and `inform` take the person told; `announce` and
        `share` take their object directly. The Russian verbs do not, and MT
        keeps their shape.

    Example:
        Bad: The acting governor told about his trip to the region.
        Bad: The ministry informed that the road was closed.
        Bad: The agency announced about the destruction of two systems.
        Bad: "People here are wonderful," Mikhail Degtyarev shared.
        Good: The acting governor talked about his trip; he was told about the plan.
        Good: The ministry said that the road was closed; it informed residents that it was.
        Good: She posted a video her brother shared.

    Known problems:
        `The film tells about…` (рассказывает о, of a book or film: `is about`)
        is left alone: translators write it too.

    Fix safety:
        Unsafe: the verb is replaced (`talked about`, `said that`, `announced`);
        `spoke about` or `reported` may read better.
    """
    text = doc.text
    if " shared." in text or " shared," in text:  # what _SHARED ends with: most texts have neither
        for match in _SHARED.finditer(text):
            start, end = match.span("verb")
            yield _replacing(start, end, "shared", "said")
    if " about" not in text and " that" not in text:
        return
    for match in anchored_matches(_VERB, text, VERB_ANCHORS):
        if glossary_covers(doc, *match.span()):
            continue
        if tell := match.group("tell"):
            start, end, replacement = match.start("tell"), match.end("tell"), _TALK[tell]
        elif match.group("inform"):
            start, end, replacement = match.start("inform"), match.end("inform"), "said"
        else:
            start, end, replacement = match.end("announce"), match.end(), ""
        fixed = text[match.start() : start] + replacement + text[end : match.end()]
        yield _replacing(match.start(), match.end(), match.group(), fixed)


def _replacing(start: int, end: int, found: str, fixed: str) -> Violation:
    """A finding on `found` (the text from `start` to `end`) whose fix makes it `fixed`."""
    return Violation(
        start,
        end,
        _("Reporting verb built the Russian way: `{found}`; write `{fixed}`").format(found=found, fixed=fixed),
        Fix(
            _("Replace with `{replacement}`").format(replacement=fixed),
            (Edit(start, end, fixed),),
            Applicability.UNSAFE,
        ),
    )
