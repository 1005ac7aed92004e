"""Terminology rules driven by the glossary: calques, names of institutions and
titles, treaties and acronyms, overused connectors."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Collection, Iterator

from tqa.glossary.compiled import load_glossary
from tqa.glossary.entry import KINDS
from tqa.glossary.matcher import Match
from tqa.glossary.replacement import replacement
from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.text.document import Document

_APPLICABILITY = {
    "safe": Applicability.SAFE,
    "unsafe": Applicability.UNSAFE,
    "display-only": Applicability.DISPLAY_ONLY,
}
# A connector is a habit when it comes back this often in one document.
# Calibrated on the human references of WMT21 ru-en (38,175 words, news and
# quoted speech): no connector exceeds 0.3 uses per 1,000 words there, so
# 4 uses at 1 per 400 words (2.5 per 1,000) is 8 times the busiest human rate;
# a 1,600-word human text reaches it by chance about once in a thousand.
CONNECTOR_MIN_USES = 4
CONNECTOR_MAX_WORDS_PER_USE = 400


def glossary_matches(doc: Document) -> list[Match]:
    """Every glossary match in the document's prose, computed once per document."""
    cached = doc.cache.get("glossary")
    if cached is None:
        matcher = load_glossary(doc.glossary_files).matcher
        cached = matcher.find(doc.text)
        if doc.protected:
            cached = [m for m in cached if not doc.is_protected(m.start, m.end)]
        doc.cache["glossary"] = cached
    return cached


def glossary_matches_of(doc: Document, kinds: Collection[str]) -> list[Match]:
    """The document's glossary matches of entries of these `kinds`, in text
    order: the matches are sorted by kind once per document, so each rule
    reads only its own."""
    by_kind = doc.cache.get("glossary_by_kind")
    if by_kind is None:
        by_kind = doc.cache["glossary_by_kind"] = {}
        for match in glossary_matches(doc):
            by_kind.setdefault(match.form.entry.kind, []).append(match)
    present = [by_kind[kind] for kind in kinds if kind in by_kind]
    if len(present) < 2:
        return list(present[0]) if present else []
    found = [match for matches in present for match in matches]
    found.sort(key=lambda m: m.start)
    return found


def glossary_covers(doc: Document, start: int, end: int, kinds: Collection[str] = KINDS) -> bool:
    """Whether a glossary match of an entry of these `kinds` overlaps `start:end`:
    its rule reports that span, so another rule leaves it. Sorted once per document
    and kinds; asked by bisection."""
    key = ("glossary_reach", tuple(kinds))
    reach = doc.cache.get(key)
    if reach is None:
        matches = glossary_matches_of(doc, kinds)
        reach = doc.cache[key] = ([m.start for m in matches], list(itertools.accumulate((m.end for m in matches), max)))
    starts, ends = reach
    before = bisect.bisect_left(starts, end)  # matches that start before the span ends
    return before > 0 and ends[before - 1] > start


def glossary_fix(doc: Document, match: Match) -> Fix:
    """The entry's replacement computed for this place (see tqa.glossary.replacement)."""
    computed = replacement(doc.text, match)
    applicability = _APPLICABILITY[match.form.fix] if computed.computed else Applicability.DISPLAY_ONLY
    edit = Edit(computed.start, computed.end, computed.content)
    if not match.form.template:
        title = _("Drop `{found}`").format(found=doc.text[match.start : match.end])
    else:
        title = _("Replace with `{replacement}`").format(replacement=computed.content)
    return Fix(title, (edit,), applicability)


def _violations(doc: Document, kinds: tuple[str, ...], message: str) -> Iterator[Violation]:
    text = doc.text
    for match in glossary_matches_of(doc, kinds):
        form = match.form
        if form.info:
            continue
        entry = form.entry
        fix = glossary_fix(doc, match)
        yield Violation(
            match.start,
            match.end,
            message.format(found=text[match.start : match.end], ru=entry.ru, en=suggestion(match, fix)),
            fix,
            entry.why,
        )


def suggestion(match: Match, fix: Fix) -> str:
    """The English a finding's message proposes: the replacement as computed for
    this place (`taken out of service`, not the entry's `put into service`)."""
    if not match.form.template:
        return _("(drop it)")
    return fix.edits[0].content


def calque(doc: Document) -> Iterator[Violation]:
    """Calque of a Russian phrase.

    What it does:
        Finds English renderings that copy a Russian phrase word for word
        (`contact line` for линия соприкосновения, `increased degree` for
        повышенный градус, `Recall that` for Напомним), as listed in the
        glossary, and proposes the rendering editors use.

    Why is this bad?
        A calque is English words with Russian grammar; readers stumble, and
        some calques say something else in English.

    Example:
        Bad: Tensions rose along the contact line.
        Bad: Recall that on October 6, NATO demanded cuts.
        Good: Tensions rose along the line of contact.

    Fix safety:
        As the glossary entry (or its avoid-form) says; unsafe unless marked
        safe, because wording needs an editor's look. A replacement that
        cannot be made to agree with its place (number, tense, articles) is
        display-only.
    """
    yield from _violations(doc, ("calque", "term"), _("Calque of «{ru}»: `{found}`; write `{en}`"))


def non_standard_institution_name(doc: Document) -> Iterator[Violation]:
    """Non-standard name of an institution, body or title.

    What it does:
        Finds names of bodies and titles rendered word for word from Russian
        (`NATO information bureau`, `the head of the Russian Foreign Ministry`)
        and proposes the official English name.

    Why is this bad?
        Institutions have official English names; a literal rendering hides
        which body is meant and looks amateurish.

    Example:
        Bad: The NATO information bureau declined to comment.
        Good: The NATO Information Office declined to comment.

    Fix safety:
        As the glossary entry says; usually unsafe.
    """
    yield from _violations(
        doc, ("institution", "title"), _("Non-standard name for «{ru}»: `{found}`; the usual English is `{en}`")
    )


def non_standard_treaty_or_acronym(doc: Document) -> Iterator[Violation]:
    """Non-standard name of a treaty, agreement, format or acronym.

    What it does:
        Finds transliterated Russian acronyms (`ODKB`) and literal names of
        treaties and formats, and proposes the established English name.

    Why is this bad?
        English readers know CSTO and New START, not their Russian spellings.

    Example:
        Bad: Armenia raised the issue at the ODKB summit.
        Good: Armenia raised the issue at the CSTO summit.

    Fix safety:
        As the glossary entry says.
    """
    yield from _violations(doc, ("treaty", "acronym"), _("Non-standard name for «{ru}»: `{found}`; write `{en}`"))


def person_name_spelling(doc: Document) -> Iterator[Violation]:
    """Person's name spelled against the glossary's canonical form.

    What it does:
        Finds variant transliterations of people frequent in Russian foreign
        and security policy news (`Sergei Ermakov`) and proposes the spelling
        major English-language media use (`Sergei Yermakov`).

    Why is this bad?
        One person under several spellings splits search results and looks
        like several people.

    Example:
        Bad: Sergei Ermakov, a leading expert at RISS, explained.
        Good: Sergei Yermakov, a leading expert at RISS, explained.

    Fix safety:
        As the glossary entry says; usually unsafe, as a namesake may be meant.
    """
    yield from _violations(doc, ("person",), _("`{found}` is not the usual English spelling of {ru}; write `{en}`"))


def translationese(doc: Document) -> Iterator[Violation]:
    """Phrase that is ordinary English but often betrays a Russian source.

    What it does:
        Reports the glossary's avoid-forms marked `level = "info"`: phrases
        professional English writers also use (`the head of the region`,
        `with a length of`), which MT from Russian produces far more often.
        The rules of the entries' kinds leave them alone; this one is opt-in
        (select T505 or `translationese`).

    Why is this bad?
        It is not wrong, so it is off by default; an editor polishing MT from
        Russian may still want the idiomatic form (`the governor`, `20 km
        long`).

    Example:
        Bad: The head of the region instructed officials to repair the road.
        Good: The governor instructed officials to repair the road.

    Fix safety:
        Display-only: the phrase is English, so the rewrite (computed as
        for `calque`) is the editor's choice and never applied.
    """
    for match in glossary_matches(doc):
        if not match.form.info:
            continue
        fix = dataclasses.replace(glossary_fix(doc, match), applicability=Applicability.DISPLAY_ONLY)
        yield Violation(
            match.start,
            match.end,
            _("Often translationese for «{ru}»: `{found}`; consider `{en}`").format(
                found=doc.text[match.start : match.end], ru=match.entry.ru, en=suggestion(match, fix)
            ),
            fix,
        )


def overused_connector(doc: Document) -> Iterator[Violation]:
    """Discourse connector overused the way Russian uses it.

    What it does:
        Counts connectors that MT carries over from Russian (`At the same
        time` for при этом, `In addition` for кроме того) and reports one
        that returns at least four times and at least once in 400 words,
        eight times the rate of the busiest connector in professional
        translations. A few uses are fine.

    Why is this bad?
        Russian news prose links sentences with these words; in English the
        repetition reads as a verbal tic.

    Example:
        Bad: At the same time, he left. At the same time, she stayed. At the same time, they waited. At the same time, we ate.
        Good: At the same time, he left.

    Fix safety:
        No fix: vary, drop or rephrase the connectors.
    """
    by_entry: dict[str, list[Match]] = {}
    for match in glossary_matches_of(doc, ("connector",)):
        by_entry.setdefault(match.entry.id, []).append(match)
    for uses in by_entry.values():
        if len(uses) < CONNECTOR_MIN_USES:
            continue
        words = max(doc.word_count, 1)
        if words / len(uses) > CONNECTOR_MAX_WORDS_PER_USE:
            continue
        first = uses[0]
        found = doc.text[first.start : first.end]
        entry = first.entry
        if entry.en:
            message = _("`{found}` used {count} times in {words} words (for «{ru}»); vary or drop it, e.g. `{en}`")
        else:
            message = _("`{found}` used {count} times in {words} words (for «{ru}»); vary or drop it")
        yield Violation(
            first.start,
            first.end,
            message.format(found=found, count=len(uses), words=words, ru=entry.ru, en=entry.en),
            glossary=entry.why,
        )
