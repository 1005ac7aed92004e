"""An office named the Russian way before a name: `acting Degtyarev`, `Head of the region Igor Kobzev`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.glossary.inflection import lemmas
from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import anchored_matches
from tqa.rules.terms import glossary_matches
from tqa.text.document import Document

# `acting Degtyarev with…`: «врио Дегтярева», the office left out. A capitalised word that
# English does not know (a surname), then a lower-case word or a stop: `Acting Governor`,
# `acting Irkutsk region governor` and title-case headlines (`Acting Fast Saves`) stay quiet.
_ACTING = lazy(r"\b(?P<acting>[Aa]cting) (?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[ ,.;:!?)][^A-Z]|[.,;:!?)]?$)", re.M)
_ACTING_ANCHORS = (("cting ", 1),)
_PLACE_OR_OFFICE_AFTER = lazy(r" (?:region|territory|province|district|city|republic|oblast|krai)\b", re.I)
# `Head of the region Igor Kobzev met…`: «глава региона Игорь Кобзев», a title in Russian order,
# without the article English puts before an apposition. `the ex-head of the region Sergei
# Furgal` and `the former head of…` are left to office-metonymy (opt-in): translators write them.
_HEAD_BEFORE_NAME = lazy(
    r"(?<![-\w])(?<![Ff]ormer )(?:[Tt]he )?(?P<head>[Hh]ead of the region) "
    r"(?P<name>[A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)
_HEAD_ANCHORS = (("ead of the region ", 1), ("ead of the region ", 5))  # `head …`, `the head …`


def _unknown_word(word: str) -> bool:
    """A word the English lexicon does not know: a surname or a first name from Russian."""
    return all(not lemmas(part.lower()) for part in word.split("-"))


def _reported(doc: Document, start: int, end: int) -> bool:
    """Whether a glossary rule reports a span overlapping `start:end` by default
    (`head of the region` alone is translationese, reported only on request)."""
    return any(m.start < end and m.end > start and not m.form.info for m in glossary_matches(doc))


def office_before_name(doc: Document) -> Iterator[Violation]:
    """Office named the Russian way before a name.

    What it does:
        Finds `acting` put straight before a surname with the office left
        out (`the meeting of acting Degtyarev`, for «встреча врио
        Дегтярева») and `head of the region` used as a title before a name
        (`Head of the region Igor Kobzev met the mayors`, for «глава региона
        Игорь Кобзев»), and proposes the title English news uses
        (`Governor Igor Kobzev`).

    Why is this bad?
        «Врио» (temporarily acting) always names an office in English:
        acting governor, acting mayor. «Глава региона» is the governor (or the
        head of a republic); before a name English puts a title, not a
        description.

    Example:
        Bad: The day saw a meeting of acting Degtyarev with protesters.
        Bad: Head of the region Igor Kobzev met the mayors.
        Good: The day saw a meeting of acting governor Mikhail Degtyarev with protesters.
        Good: Governor Igor Kobzev met the mayors; acting Irkutsk region governor Igor Kobzev spoke.
        Good: Acting Governor Degtyarev spoke; the ex-head of the region Sergei Furgal was arrested.

    Fix safety:
        No fix for `acting`: the office it stands for is not in the text.
        Display-only for the head of a region: a governor, or the head of a
        republic.
    """
    text = doc.text
    if "cting " in text:
        for match in anchored_matches(_ACTING, text, _ACTING_ANCHORS):
            name = match.group("name")
            if not _unknown_word(name) or _PLACE_OR_OFFICE_AFTER.match(text, match.end()):
                continue
            if _reported(doc, *match.span()):
                continue
            yield Violation(
                match.start(),
                match.end(),
                _(
                    "`{found}` leaves out the office; name it (`{acting} governor {name}`, `{acting} mayor {name}`)"
                ).format(found=match.group(), acting=match.group("acting"), name=name),
            )
    if "ead of the region " in text:
        for match in anchored_matches(_HEAD_BEFORE_NAME, text, _HEAD_ANCHORS):
            if not all(_unknown_word(word) for word in match.group("name").split()):
                continue
            if _reported(doc, *match.span()):
                continue
            replacement = f"Governor {match.group('name')}"
            yield _display_only(
                match.start(),
                match.end(),
                _("`{found}` puts a description before a name; English news writes `{replacement}`").format(
                    found=match.group(), replacement=replacement
                ),
                replacement,
            )


def _display_only(start: int, end: int, message: str, replacement: str) -> Violation:
    return Violation(
        start,
        end,
        message,
        Fix(
            _("Replace with `{replacement}`").format(replacement=replacement),
            (Edit(start, end, replacement),),
            Applicability.DISPLAY_ONLY,
        ),
    )
