"""Quotation conventions of Russian origin: dash attribution, a quote mark glued
to the next word, and proper names in quotation marks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import char_positions, excerpt, matches_from
from tqa.rules.quote_marks import analyse
from tqa.text.document import Document, Paragraph

# `…here, - Mikhail shared`, `…," - said the governor`, `…, "- said`, `…!!! - she wrote`:
# the end of a quotation, a dash, then the attribution. The pattern opens with
# the dash, a literal the engine can jump to; the punctuation is read backwards.
_DASH = lazy(r"[-–—]{1,2}(?=\s+[^\W\d_])")
_DASHES = "-–—"
_DIALOGUE_DASH = re.compile(r"[-–—]{1,2}[ \t\u00a0]+")
_BEFORE_DASH = re.compile(r"(?P<punct>[,!?…]|\.\.)(?P<gap>\s*)(?P<quote>[\"”»]?)[ \t\u00a0]*$")

# A proper name in quotation marks after the word for what it names:
# `the frigate "Admiral Gorshkov"`, `the bank "Otkritie"`, `the newspaper "Vedomosti"`.
_NAMED_KINDS = (
    # ships and boats
    "ship", "ships", "frigate", "frigates", "corvette", "corvettes", "cruiser", "cruisers", "submarine",
    "submarines", "destroyer", "destroyers", "vessel", "vessels", "boat", "boats", "icebreaker", "icebreakers",
    "warship", "warships", "gunship", "tanker", "tankers", "carrier", "minesweeper", "trawler", "craft",
    "battleship", "yacht", "ferry", "tug", "patrolman",
    # weapons, rockets and spacecraft
    "missile", "missiles", "rocket", "rockets", "launcher", "complex", "complexes", "system", "systems",
    "drone", "drones", "helicopter", "helicopters", "tank", "tanks", "howitzer", "satellite", "spacecraft",
    "module", "vehicle",
    # companies and organisations
    "company", "companies", "corporation", "concern", "holding", "group", "bank", "plant", "factory",
    "enterprise", "shipyard", "shipyards", "airline", "carrier", "operator", "firm", "club", "team", "teams",
    "party", "movement", "bloc", "faction", "association", "foundation", "fund", "centre", "center",
    # media
    "newspaper", "newspapers", "publication", "magazine", "agency", "channel", "outlet", "broadcaster",
    "radio", "portal", "website", "tabloid", "daily", "weekly",
    # places and events
    "station", "airport", "port", "base", "field", "deposit", "pipeline", "operation", "exercise", "exercises",
    "forum", "festival", "camp", "park", "hotel", "stadium", "district", "ground",
)  # fmt: skip


def _by_first_letter(words: Iterable[str]) -> str:
    """An alternation of lowercase words (their first letter in either case),
    grouped by first letter: the regex engine tests one letter per group at each
    position instead of every word."""
    groups = []
    for first, same in groupby(sorted(set(words)), key=itemgetter(0)):
        rests = sorted((word[1:] for word in same), key=len, reverse=True)
        groups.append(f"[{first}{first.upper()}](?:{'|'.join(rests)})")
    return "|".join(groups)


_KIND_PATTERN = _by_first_letter(_NAMED_KINDS)
# The name: one to eight capitalised words or numbers, `of`/`de`/`the` may join them.
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|the)\s+){0,2}[A-Z0-9][\w'’.-]*){0,7}"
# Or after someone who works for a newspaper or channel: `the observer of "Komsomolskaya Pravda"`.
_MEDIA_ROLE = (
    r"(?:observer|correspondent|journalist|editor|editor-in-chief|reporter|columnist|interview)s?\s+(?:of|with|to|for)"
)
# A quoted name, found from its opening mark (a literal the engine jumps to); the word
# for what it names is then looked for just before it.
OPENING_MARKS = '"“«'
_QUOTED_NAME = lazy(r"(?P<open>[\"“«])\s?(?P<name>" + _NAME + r")\s?(?P<close>[\"”»])")
_KIND_BEFORE = lazy(r"\b(?:" + _KIND_PATTERN + "|" + _MEDIA_ROLE + r")(?:\s+the)?\s*$")
_KIND_REACH = 45
# The word _KIND_BEFORE ends with, in lower case: a kind, the last word of a media role, or `the`.
_KIND_LAST_WORDS = frozenset(_NAMED_KINDS) | {"of", "with", "to", "for", "the"}
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# More quoted names in the same list: `, "Pyotr Morgunov", "Korolev"`, ` and "Korolev"`.
_LISTED_NAME = lazy(r"\s*(?:,|\band\b|,\s*and\b)\s*(?P<open>[\"“«])\s?(?P<name>" + _NAME + r")\s?(?P<close>[\"”»])")


def _spaced_dashes(doc: Document) -> Iterator[tuple[Paragraph, list[int]]]:
    """Each prose paragraph where _DASH can match, with the offsets in it where
    a match can start: a dash (or the first of two) before white space. Found
    from the dashes of the text rather than by reading every paragraph."""
    text, prose, starts = doc.text, doc.prose, doc.prose_starts
    paragraph: Paragraph | None = None
    found: list[int] = []
    for dash in char_positions(text, _DASHES):
        after = text[dash + 1 : dash + 2]
        if not after.isspace() and not (after and after in _DASHES and text[dash + 2 : dash + 3].isspace()):
            continue
        if paragraph is not None and dash < paragraph.end:  # dashes come in text order
            found.append(dash - paragraph.start)
            continue
        number = bisect.bisect_right(starts, dash) - 1
        if number < 0 or dash >= prose[number].end:
            continue
        if paragraph is not None:
            yield paragraph, found
        paragraph = prose[number]
        found = [dash - paragraph.start]
    if paragraph is not None:
        yield paragraph, found


def russian_dash_attribution(doc: Document) -> Iterator[Violation]:
    """Quotation attributed with a dash, Russian style.

    What it does:
        Finds the Russian way of attributing a quotation: the quotation's
        comma, question or exclamation mark, a dash, then who said it
        (`live here, - Mikhail Degtyarev shared`, `landfills," - said the deputy`).

    Why is this bad?
        Russian sets off the author's words with a dash (`, — сказал он`);
        English closes the quotation and goes straight on: `," he said`.
        Left in, the dash reads as a broken sentence.

    Example:
        Bad: "Hardworking and wonderful people live here, - Mikhail Degtyarev shared.
        Bad: "We will solve the problem of landfills," - said the deputy chairman.
        Bad: "I am very worried about his fate, "- said the acting governor.
        Bad: "It is not yet rising"..., - writes Zhukov.
        Bad: - A 4-year-old girl was injured in the accident, - the regional police chief said.
        Good: "We will solve the problem of landfills," said the deputy chairman.
        Good: The talks failed, he said - and left.
        Good: Three options were left - none of them good.

    Fix safety:
        Safe when a closing quotation mark is there: only the dash goes, and a
        mark glued to the dash moves before the space (`," said`). Unsafe
        without one: the dash becomes a closing mark, and an opening one goes
        at the paragraph start unless a mark there opens the quotation; check
        where the quotation really starts.
    """
    text = doc.text
    if " -" not in text and "-" not in text and "—" not in text and "–" not in text:
        return
    for paragraph, dashes in _spaced_dashes(doc):
        body = paragraph.text
        marks: list[int] | None = None  # offsets of the paragraph's double marks, found once when needed
        for match in matches_from(_DASH, body, dashes):
            start = match.start()
            if start and body[start - 1] in "-–—":
                continue
            before = _BEFORE_DASH.search(body, max(0, start - 6), start)
            if before is None or before.start() == 0 or body[before.start() - 1].isspace():
                continue
            # `"… , "- said`: a closing mark right before the dash, after a space, belongs to the quotation.
            quote = before.group("quote")
            closing = bool(quote) or _mark_before(body, before.start())
            keep = before.end("punct")
            tail = match.end()
            while tail < len(body) and body[tail] in " \t\u00a0":
                tail += 1
            offset = paragraph.start
            if marks is None and not closing:
                marks = [mark.start() for mark in _DOUBLE_MARK.finditer(body)]
            opened = bisect.bisect_left(marks, keep) if marks is not None else 0
            edits = _attribution_edits(body, offset, keep, tail, quote, closing, opened)
            line_start = body.rfind("\n", 0, start) + 1
            yield Violation(
                offset + start,
                offset + match.end(),
                _("Quotation attributed with a dash, Russian style: `{found}`").format(
                    found=excerpt(body, max(line_start, keep - 20), min(len(body), tail + 20))
                ),
                Fix(
                    _("Drop the dash") if closing else _("Drop the dash and put the quotation in quotation marks"),
                    edits,
                    Applicability.SAFE if closing else Applicability.UNSAFE,
                ),
            )


_DOUBLE_MARK = lazy('["“”«»„]')


def _mark_before(body: str, end: int) -> bool:
    """Whether `body[:end]`, less final `.…!?`, ends in a closing double mark (without copying it)."""
    index = end - 1
    while index >= 0 and body[index] in ".…!?":
        index -= 1
    return index >= 0 and body[index] in ('"', "”", "»")


def _attribution_edits(
    body: str, offset: int, keep: int, tail: int, quote: str, closing: bool, marks: int
) -> tuple[Edit, ...]:
    """The dash goes; a quotation without its closing mark gets one, and its
    opening mark at the paragraph start when no mark opens it. `marks` is the
    number of double marks before `keep`."""
    if closing:
        return (Edit(offset + keep, offset + tail, quote + " "),)
    close = Edit(offset + keep, offset + tail, '" ')
    if marks % 2:
        return (close,)  # `"Hardworking … here, - Mikhail`: opened, never closed
    first = len(body) - len(body.lstrip())
    # A dialogue dash opening the paragraph (`- A girl was injured, - he said`) becomes the mark.
    dash = _DIALOGUE_DASH.match(body, first)
    return (Edit(offset + first, offset + (dash.end() if dash else first), '"'), close)


def quote_glued_to_word(doc: Document) -> Iterator[Violation]:
    """Quotation mark glued to the word outside it.

    What it does:
        Finds a closing quotation mark with a letter right after it
        (`"Zircon"will enter service`) and an opening one with a letter
        right before it (`the missile"Zircon"`).

    Why is this bad?
        MT output from Russian loses the space next to a quotation mark; the
        word and the quotation run together.

    Example:
        Bad: The ship with the hypersonic missile "Zircon"will enter service.
        Bad: The ship with the hypersonic missile"Zircon" will enter service.
        Good: The ship with the hypersonic missile "Zircon" will enter service.
        Good: He said "no"; then he left.

    Fix safety:
        Safe: a space is added between the mark and the word.
    """
    text = doc.text
    for mark in [mark for mark in analyse(doc).marks if mark.flank == "both"]:
        index = mark.offset
        if mark.role == "close" and text[index + 1 : index + 2].isalpha() and not text[index - 1 : index].isspace():
            spaced, found = mark.char + " ", text[max(0, index - 12) : index + 8]
        elif mark.role == "open" and text[index - 1 : index].isalpha() and text[index + 1 : index + 2].isalnum():
            spaced, found = " " + mark.char, text[max(0, index - 8) : index + 12]
        else:
            continue
        # The edit covers the mark, so a fix that drops the mark (quoted-proper-name) waits its turn.
        yield Violation(
            index,
            index + 1,
            _("Quotation mark glued to the next word: `{found}`").format(found=excerpt(found, 0, len(found))),
            Fix(_("Add a space"), (Edit(index, index + 1, spaced),), Applicability.SAFE),
        )


def _kind_may_end(text: str, end: int) -> bool:
    """Whether the words before `end` (and white space) are what _KIND_BEFORE
    can end with: a kind or the last word of a media role, and `the` only after
    one of them (`the correspondent of the`). A cheap test before the regex,
    which tries every position of its window."""
    word, first = _word_before(text, end)
    if word == "the":
        word = _word_before(text, first)[0]
    return word in _KIND_LAST_WORDS


def _word_before(text: str, end: int) -> tuple[str, int]:
    """The run of ASCII letters before `end` and white space, in lower case, and where it starts."""
    last = end
    while last and text[last - 1].isspace():
        last -= 1
    first = last
    while first and text[first - 1] in _ASCII_LETTERS:
        first -= 1
    return text[first:last].lower(), first


def _quoted_names(text: str) -> Iterator[re.Match]:
    """What `_QUOTED_NAME.finditer` finds after a kind, and the names listed
    after it, tried only at the opening marks of the text (every match starts
    at one)."""
    position = 0
    for start in char_positions(text, OPENING_MARKS):
        # A mark after a rejected name may close it, or open the next one.
        if start < position or (match := _QUOTED_NAME.match(text, start)) is None:
            continue
        if not _kind_may_end(text, start) or not _KIND_BEFORE.search(text, max(0, start - _KIND_REACH), start):
            continue
        yield match
        position = match.end()
        while (listed := _LISTED_NAME.match(text, position)) is not None:
            yield listed
            position = listed.end()


def _space_kept(text: str, outside: int) -> str:
    """` ` where the mark glued the name to the word outside (`"Sovetsk"was`, `ships "Ustyug "and`)."""
    return " " if 0 <= outside < len(text) and text[outside].isalnum() else ""


def quoted_proper_name(doc: Document) -> Iterator[Violation]:
    """Name of a ship, missile, company or newspaper in quotation marks.

    What it does:
        Finds a capitalised name in quotation marks right after the word for
        what it names (`the frigate "Admiral Gorshkov"`, `the bank "Otkritie"`,
        `the newspaper "Kommersant"`) and the quoted names listed after it
        (`landing ships "Minsk", "Korolev"`).

    Why is this bad?
        Russian puts names of ships, weapons, companies and media in
        quotation marks; English news writes them plain (or in italics):
        `the frigate Admiral Gorshkov`. The marks make the name look ironic.

    Example:
        Bad: The frigate "Admiral Gorshkov" fired the missile.
        Bad: The large landing ships "Minsk", "Pyotr Morgunov" and "Korolev" took part.
        Bad: He told the newspaper «Kommersant» about it.
        Good: The frigate Admiral Gorshkov fired the missile.
        Bad: The small missile ships "Veliky Ustyug "and" Serpukhov "of project 21631 took part.
        Good: The song "Ai-yai-yai" won; no "Islamic" or "Orthodox" choice.

    Fix safety:
        Unsafe: the quotation marks go; English word order may also want the
        kind after the name (`Otkritie Bank`), and a title of a film or a
        book keeps its marks.
    """
    text = doc.text
    if '"' not in text and "“" not in text and "«" not in text:
        return
    for match in _quoted_names(text):
        open_at, close_at = match.start("open"), match.start("close")
        name = match.group("name")
        yield Violation(
            open_at,
            close_at + 1,
            _("Name in quotation marks, Russian style: `{found}`").format(found=text[open_at : close_at + 1]),
            Fix(
                _("Drop the quotation marks: `{name}`").format(name=name),
                (
                    Edit(open_at, match.start("name"), _space_kept(text, open_at - 1)),
                    Edit(match.end("name"), close_at + 1, _space_kept(text, close_at + 1)),
                ),
                Applicability.UNSAFE,
            ),
        )
