"""Reporting verbs built the Russian way: `told about`, `informed that`, `announced about`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document

# A passive (`he was told about it`, `the ministry was informed that`) is English.
_NOT_PASSIVE = "".join(
    f"(?<!\\b{auxiliary} )" for auxiliary in ("was", "were", "is", "are", "be", "been", "being", "get", "got")
)
_VERB = re.compile(
    _NOT_PASSIVE + r"\b(?:(?P<tell>[Tt]old) about|(?P<inform>informed|notified) that|(?P<announce>announced) about)\b"
)
_TALK = {"told": "talked", "Told": "Talked"}


def russian_reporting_verb(doc: Document) -> Iterator[Violation]:
    """Reporting verb built the Russian way.

    What it does:
        Finds `told about` with no one told (`The governor told about his
        trip`, for рассказал о), `informed that` and `notified that` with no
        one informed (`The ministry informed that`, for сообщил, что), and
        `announced about` (заявил о), and proposes `talked about`, `said
        that` and `announced`. Passives (`he was told about it`) are left alone.

    Why is this bad?
        English `tell` and `inform` take the person told; `announce` takes
        its object directly. The Russian verbs do not, and MT keeps their
        shape.

    Example:
        Bad: The acting governor told about his trip to the region.
        Bad: The ministry informed that the road was closed.
        Bad: The agency announced about the destruction of two systems.
        Good: The acting governor talked about his trip; he was told about the plan.
        Good: The ministry said that the road was closed; it informed residents that it was.

    Known problems:
        `The film tells about…` (рассказывает о, of a book or film: `is about`)
        is left alone: translators write it too.

    Fix safety:
        Unsafe: the verb is replaced (`talked about`, `said that`, `announced`);
        `spoke about` or `reported` may read better.
    """
    text = doc.text
    if " about" not in text and " that" not in text:
        return
    for match in _VERB.finditer(text):
        if glossary_covers(doc, *match.span()):
            continue
        if tell := match.group("tell"):
            start, end, replacement = match.start("tell"), match.end("tell"), _TALK[tell]
        elif match.group("inform"):
            start, end, replacement = match.start("inform"), match.end("inform"), "said"
        else:
            start, end, replacement = match.end("announce"), match.end(), ""
        found = match.group()
        fixed = text[match.start() : start] + replacement + text[end : match.end()]
        yield Violation(
            match.start(),
            match.end(),
            _("Reporting verb built the Russian way: `{found}`; write `{fixed}`").format(found=found, fixed=fixed),
            Fix(
                _("Replace with `{replacement}`").format(replacement=fixed),
                (Edit(start, end, replacement),),
                Applicability.UNSAFE,
            ),
        )
