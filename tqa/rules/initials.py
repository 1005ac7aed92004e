"""A person named by an initial and a surname, the Russian way (`М. Помпео`
-> `M. Pompeo`): Russian news writes a first name as its initial; English
news writes it in full at first mention and the surname alone after."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tqa.glossary.entry import Entry
from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import matches_from
from tqa.rules.names import Person, first_occurrence, glossary_people, is_ordinary_word
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document

# One capital letter and a full stop, then a capitalised surname: not a second
# initial (`J. K. Rowling`), not an abbreviation's last letter (`U.S. Treasury`),
# not a middle initial after a first name (`George W. Bush`).
_INITIAL_AND_SURNAME = re.compile(
    r"(?<![\w.’'])(?P<initial>[A-Z])\.[ \u00a0](?P<surname>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![ \u00a0]?[A-Z]\.)"
)
# Where a match can start: the letter before a full stop, a space and a capital
# (a pattern that opens with a literal the regex engine jumps to; the one above
# opens with a look-behind, tried at every position).
_STOP_BEFORE_CAPITAL = re.compile(r"\.[ \u00a0][A-Z]")
_WORD_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w’'-]*\.?)[ \u00a0]$")
# A byline or a signature: a short line of its own (`M. Ivanova`, `By J. Smith`).
_BYLINE_WORDS = 4
_PERSON = ("person",)


def _after_first_name(text: str, start: int) -> bool:
    """Whether a first name or another initial stands before (`George W.`,
    `J. K.`); a capitalised ordinary word does not (`Later`, `Secretary`)."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group("word")
    return len(word.rstrip(".")) == 1 or not (word.endswith(".") or is_ordinary_word(word))


def _is_byline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return len(text[line_start : len(text) if line_end < 0 else line_end].split()) <= _BYLINE_WORDS


def russian_style_initial(doc: Document) -> Iterator[Violation]:
    """A first name written as an initial before the surname, Russian style.

    What it does:
        Finds an initial and a surname in running text (`M. Pompeo called`,
        `D. Russell noted`), the way Russian news names people. Where the
        surname was named before in the document, it proposes the surname
        alone; at a first mention, the full name when the glossary knows one
        person of that surname whose first name has that initial (`Mike
        Pompeo`); otherwise it only reports. Second and middle initials (`J. K. Rowling`, `George W.
        Bush`), abbreviations (`U.S. Treasury`), a letter ending a sentence
        before an ordinary word (`plan B. Then`) and bylines (a short line of
        its own) are left alone. Opt-in (`--extend-select N605`): human
        translations of Russian news keep the initials too.

    Why is this bad?
        English news writes the first name in full at first mention and the
        surname alone after it; `M. Pompeo` reads as a translation, and an
        initial alone may not say who is meant.

    Example:
        Bad: Speaking at the Nixon library, M. Pompeo called for a new approach to China.
        Bad: Daniel Russell spoke on Friday. "This is not diplomacy," D. Russell noted.
        Good: Speaking at the Nixon library, Mike Pompeo called for a new approach to China.
        Good: The book by J. K. Rowling sold well, George W. Bush said.

    Fix safety:
        Display-only: a namesake may be meant, and professional translations
        keep the initials, so writing the name out is the editor's choice
        (`tqa fix --interactive` accepts it one finding at a time). At the
        first mention of a person the glossary does not know, it only reports.
    """
    text = doc.text
    people = glossary_people(doc.glossary_files)
    starts = (stop.start() - 1 for stop in _STOP_BEFORE_CAPITAL.finditer(text) if stop.start())
    for match in matches_from(_INITIAL_AND_SURNAME, text, starts):
        initial, surname = match.group("initial"), match.group("surname")
        start, end = match.start(), match.end()
        if (
            is_ordinary_word(surname)
            or _after_first_name(text, start)
            or _is_byline(text, start, end)
            or glossary_covers(doc, start, end, _PERSON)
            or doc.is_protected(start, end)
        ):
            continue
        before = first_occurrence(text, surname)
        if before is not None and before < start:
            replacement = surname  # named before: the surname alone
            message = _("`{found}`: named before; English news writes the surname alone: `{replacement}`")
            entry = None
        else:
            entry = _only_person(people.written.get(surname.lower(), ()), initial, surname)
            if entry is None:
                yield Violation(
                    start,
                    end,
                    _("`{found}`: English news writes the first name in full at first mention").format(
                        found=match.group()
                    ),
                )
                continue
            replacement = entry.en
            message = _("`{found}`: English news writes the first name in full at first mention: `{replacement}`")
        yield Violation(
            start,
            end,
            message.format(found=match.group(), replacement=replacement),
            Fix(
                _("Replace with `{replacement}`").format(replacement=replacement),
                (Edit(start, end, replacement),),
                Applicability.DISPLAY_ONLY,
            ),
            entry.why if entry is not None else None,
        )


def _only_person(people: Iterable[Person], initial: str, surname: str) -> Entry | None:
    """The one glossary person of this surname whose first name has this initial."""
    found = {p.entry for p in people if p.entry.en.startswith(initial) and p.entry.en.split()[-1] == surname}
    return next(iter(found)) if len(found) == 1 and len(next(iter(found)).en.split()) > 1 else None
