"""Quote-mark analysis shared by the quote rules.

Every double quote mark (" “ ” « » „) of a document gets a role, open or
close, from its glyph where the glyph says it and from the quotation state where
it does not (the straight "). The state runs across paragraphs, because a
quotation may legitimately go on over several: English repeats the opening
mark at each new paragraph, MT output from Russian often does not.

A document that writes its quotations ”…“ (curly marks reversed, as some
keyboards and converters do) is read that way: there ” opens and “ closes;
one that writes ”…” (one glyph for both, Swedish style) gives ” the role its
spacing shows.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from tqa.lazy_pattern import lazy
from tqa.rules._shared import char_positions
from tqa.text.document import Document, Paragraphs, cached_once

DOUBLE_MARKS = '"“”«»„'
OPENING_GLYPHS = "«„"
CLOSING_GLYPHS = "”»"
CURLY = "“”"
STRAIGHT = '"'
# A quotation may run over this many paragraphs without a mark before we call
# it unclosed; scraped RT-style quotes with torn insertions run up to about ten.
MAX_CARRIED_PARAGRAPHS = 14
# A quoted word or two, nested in a quotation: `he is "a" - my comrade, "b" - …`.
_SHORT_QUOTATION = 25
_OPENING_CONTEXT = set("([{—–-/") | {"\u00a0"}
_TRAILING_CONTEXT = set(".,;:!?)]}…—–-/'’")
_ATTRIBUTION = lazy(
    r"\b(?:said|says|say|added|adds|stressed|stresses|noted|notes|explained|explains|told|tells|"
    r"emphasi[sz]ed|emphasi[sz]es|summed up|sums up|wrote|writes|stated|states|declared|declares|"
    r"continued|concluded|asked|asks|argued|argues|warned|warns|insisted|insists|admitted|"
    r"replied|commented|comments|believes|recalled|recalls|pointed out|underlined|underscored|"
    r"agreed|agrees|confirmed|confirms|acknowledged|admits|clarified|specified|suggested|urged|"
    r"promised|responded|remarked|observed|conceded|joked|"
    r"reported|reports|announced|assured|complained|quoted|according to|"
    r"the (?:expert|analyst|minister|source|spokes\w+|diplomat|official|politician) \w+)\b",
    re.I,
)
_SENTENCE_END = lazy(r"[.!?…](?=\s|$)")


class Mark(NamedTuple):
    offset: int
    char: str
    role: str  # "open" or "close"
    paragraph: int
    flank: str  # "left", "right", "both" or "none"
    depth: int  # nesting level of the quotation it opens or closes (1 = outermost)


@dataclass
class QuoteAnalysis:
    marks: list[Mark] = field(default_factory=list)
    unclosed: list[Mark] = field(default_factory=list)
    orphans: list[Mark] = field(default_factory=list)
    pairs: list[tuple[Mark, Mark]] = field(default_factory=list)
    # A mark that re-opens a quotation at a new paragraph -> the opening mark it repeats.
    carried: dict[int, Mark] = field(default_factory=dict)
    # How the document writes its curly quotations: "“”" (English), "”“" (reversed) or "””".
    curly_style: str = "“”"

    @cached_once
    def style(self) -> str:
        """The document's double-quote style: "straight" or "curly" (the default)."""
        chars = "".join(map(_CHAR, self.marks))
        return "straight" if chars.count(STRAIGHT) > chars.count("“") + chars.count("”") else "curly"


_CHAR = operator.itemgetter(1)  # a Mark's char


# (space or opening context before, space or trailing context after) -> flank.
_FLANKS = {(True, False): "left", (False, True): "right", (True, True): "none", (False, False): "both"}
# Every character str.isspace() accepts, so that one set lookup asks both.
WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_OR_OPENING = WHITE_SPACE | _OPENING_CONTEXT
_SPACE_OR_TRAILING = WHITE_SPACE | _TRAILING_CONTEXT


def flank(text: str, index: int) -> str:
    """Where a mark leans: left-flanking (`␣"word`) opens, right-flanking closes."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1 : index + 2] or " "
    return _FLANKS[before in _SPACE_OR_OPENING, after in _SPACE_OR_TRAILING]


def followed_by_attribution(text: str, index: int) -> bool:
    """Whether the words after a mark, up to the sentence end, attribute a quotation."""
    tail = text[index + 1 : index + 120]
    end = _SENTENCE_END.search(tail)
    return bool(_ATTRIBUTION.search(tail[: end.start() if end else len(tail)]))


def analyse(doc: Document) -> QuoteAnalysis:
    cached = doc.cache.get("quotes")
    if cached is None:
        cached = doc.cache["quotes"] = _analyse(doc)
    return cached


def _marks_by_paragraph(doc: Document) -> dict[int, tuple[int, int, str, list[int]]]:
    """{prose paragraph number: (its index among the paragraphs, where it starts,
    its text, offsets within it of its unprotected double quote marks)} of the
    paragraphs with a mark."""
    prose, starts, texts = doc.prose, doc.prose_starts, doc.prose_texts
    plain = type(prose) is Paragraphs  # every paragraph is prose: its number is its index
    protected = doc.is_protected if doc.protected else None
    grouped: dict[int, tuple[int, int, str, list[int]]] = {}
    number, start, end, text, offsets = -1, -1, -1, "", []
    for offset in char_positions(doc.text, DOUBLE_MARKS):
        if not start <= offset < end:  # marks come in text order: most share a paragraph with the last
            number = bisect.bisect_right(starts, offset) - 1
            if number >= 0:
                start, text = starts[number], texts[number]
                end = start + len(text)
            else:
                start, end = -1, -1
        if not start <= offset < end or (protected is not None and protected(offset, offset + 1)):
            continue
        if number not in grouped:
            grouped[number] = (number if plain else prose[number].index, start, text, offsets := [])
        offsets.append(offset - start)
    return grouped


def _analyse(doc: Document) -> QuoteAnalysis:
    result = QuoteAnalysis()
    if not any(mark in doc.text for mark in DOUBLE_MARKS):
        return result
    stack: list[Mark] = []
    carried_paragraphs = 0
    previous = 0
    grouped = _marks_by_paragraph(doc)
    result.curly_style = curly_style = _curly_style(doc, grouped)
    closing_glyphs = {"”“": "“»", "””": "»"}.get(result.curly_style, CLOSING_GLYPHS)
    glyph_roles = _GLYPH_ROLES[curly_style]
    marks, pairs, orphans = result.marks, result.pairs, result.orphans
    # Paragraphs without marks change nothing but the count of paragraphs a
    # quotation has been carried over: step from one paragraph with marks to the
    # next (`grouped` holds them in text order).
    for number, (index, start, text, positions) in grouped.items():
        if stack:
            carried_paragraphs += number - previous
            if carried_paragraphs > MAX_CARRIED_PARAGRAPHS:
                result.unclosed.extend(stack)
                stack.clear()
        previous = number
        last = len(text) - 1
        for n, i in enumerate(positions):
            char = text[i]
            # flank(text, i), written out: it runs for every mark.
            spaced_before = text[i - 1] in _SPACE_OR_OPENING if i else True
            spaced_after = text[i + 1] in _SPACE_OR_TRAILING if i < last else True
            if spaced_before:
                side = "none" if spaced_after else "left"
            else:
                side = "right" if spaced_after else "both"
            if (
                stack
                and n == 0  # only a paragraph's first mark can open its visible text
                and (i == 0 or text[:i].isspace())
                and char not in closing_glyphs
                and (not spaced_after or char != STRAIGHT)
                and stack[-1].paragraph != index
            ):
                top = stack[-1]
                mark = _new_mark((start + i, char, "open", index, side, top.depth))  # re-opens the carried quotation
                stack[-1] = mark
                result.carried[start + i] = top
                marks.append(mark)
                continue
            if char != STRAIGHT:
                role = glyph_roles.get(char) or _role(char, side, text, i, positions, n + 1, stack, index)
            elif stack:
                # What _role says of most straight marks, without the call: one that
                # does not lean left closes a straight-marked quotation...
                opener = stack[-1]
                if opener[1] == STRAIGHT and (spaced_after or not spaced_before):  # its char
                    stack.pop()
                    mark = _new_mark((start + i, char, "close", index, side, opener[5]))  # its depth
                    pairs.append((opener, mark))
                    marks.append(mark)
                    continue
                role = _role(char, side, text, i, positions, n + 1, stack, index)
            elif not spaced_after:
                # ... and one that does not lean right opens when no quotation is open.
                mark = _new_mark((start + i, char, "open", index, side, 1))
                stack.append(mark)
                marks.append(mark)
                continue
            else:
                role = _role(char, side, text, i, positions, n + 1, stack, index)
            if role == "reopen":
                # A carried quotation that nothing closes: a new one starts here.
                result.unclosed.append(stack.pop())
                role = "open"
            if role == "open":
                mark = _new_mark((start + i, char, "open", index, side, len(stack) + 1))
                stack.append(mark)
            elif stack:
                opener = stack.pop()
                mark = _new_mark((start + i, char, "close", index, side, opener.depth))
                pairs.append((opener, mark))
            else:
                mark = _new_mark((start + i, char, "close", index, side, 0))
                orphans.append(mark)
            marks.append(mark)
        if not stack:
            carried_paragraphs = 0
    result.unclosed.extend(stack)
    return result


# Mark((offset, char, role, paragraph, flank, depth)) without the Python frame of its __new__.
_new_mark = functools.partial(tuple.__new__, Mark)


class _Later:
    """The marks of a paragraph after the current one, without copying them
    (a copy per mark is quadratic in a paragraph of thousands of marks)."""

    def __init__(self, positions: list[int], start: int):
        self.positions, self.start = positions, start

    def first(self) -> int | None:
        return self.positions[self.start] if self.start < len(self.positions) else None

    def __iter__(self) -> Iterator[int]:
        # Not itertools.islice: it steps over the first `start` items one by one.
        positions = self.positions
        return (positions[index] for index in range(self.start, len(positions)))


def _curly_style(doc: Document, grouped: dict[int, tuple[int, int, str, list[int]]]) -> str:
    """The pair of curly marks most paragraphs write their quotations with
    (and only with): “…”, ”…“ or ”…”; “…” when none has more.
    Only a paragraph whose first curly mark is ” votes for another style than
    “…”: where none has one (every mark of a paragraph counts when nothing is
    protected), the votes need not be counted."""
    texts = (text for _index, _start, text, _positions in grouped.values())
    if "”" not in doc.text or (not doc.protected and not any(map(_opens_with_right_mark, texts))):
        return "“”"
    votes = {"“”": 0, "”“": 0, "””": 0}
    for _index, _start, text, positions in grouped.values():
        curly = "".join(text[i] for i in positions if text[i] in CURLY)
        if len(curly) < 2 or len(curly) % 2:
            continue
        for style in votes:
            if curly == style * (len(curly) // 2):
                votes[style] += 1
    best = max(votes, key=lambda style: (votes[style], style == "“”"))
    return best if votes[best] > votes["“”"] else "“”"


def _opens_with_right_mark(text: str) -> bool:
    """Whether the first curly mark of `text` is ”."""
    right = text.find("”")
    return right >= 0 and text.find("“", 0, right) < 0


# The marks whose glyph alone gives their role, in each curly style (see _role).
_GLYPH_ROLES = {
    "“”": {"«": "open", "„": "open", "”": "close", "»": "close"},
    "”“": {"«": "open", "„": "open", "”": "open", "“": "close", "»": "close"},
    "””": {"«": "open", "„": "open", "»": "close"},
}


def _role(
    char: str, side: str, text: str, index: int, positions: list[int], following: int, stack: list[Mark], paragraph: int
) -> str:
    """The role of a mark its glyph does not give (_GLYPH_ROLES): `”` in a
    document that writes ”…”, `“` and the straight mark. `positions[following:]`
    are the later marks of its paragraph."""
    if char == "”":  # the document writes ”…”
        if side in ("left", "right"):
            return "open" if side == "left" else "close"
        return "close" if stack else "open"
    top = stack[-1] if stack else None
    if char == "“":
        # In Russian and German typography „ is closed by “.
        return "close" if top is not None and top.char == "„" else "open"
    # The straight mark: its role follows from what is open.
    if top is None:
        # After `,` `.` `?` `!` and before `… he said`: the end of a quotation
        # whose opening mark is missing or in an earlier segment, not a new one.
        closes = (
            side in ("right", "none")
            and _after_quotation_punctuation(text, index)
            and followed_by_attribution(text, index)
        )
        return "close" if closes else "open"
    later = _Later(positions, following)
    if top.char != STRAIGHT and _straight_pair_ahead(text, later):
        return "open"  # a nested "…" inside a curly quotation
    if side == "left" and (
        (not _after_quotation_punctuation(text, index) and _straight_pair_ahead(text, later))
        or _short_quotation_ahead(text, index, later)
    ):
        return "open"  # `these "yeses" on every corner`, `"a" - my comrade, "b" - …`: nested inside a quotation
    if top.paragraph != paragraph and side == "left" and not followed_by_attribution(text, index):
        return "reopen"
    return "close"


def _after_quotation_punctuation(text: str, index: int) -> bool:
    """Whether the mark follows `,` `.` `?` `!` and spaces: where a quotation ends."""
    before = index - 1
    while before >= 0 and text[before] in " \t\u00a0":
        before -= 1
    return before >= 0 and text[before] in ",.!?…;:"


def _short_quotation_ahead(text: str, index: int, later: _Later) -> bool:
    """Whether a closing-shaped straight mark follows within a few words: `"b" - …`."""
    following = later.first()
    return (
        following is not None
        and text[following] == STRAIGHT
        and following - index <= _SHORT_QUOTATION
        and flank(text, following) == "right"
    )


def _straight_pair_ahead(text: str, later: _Later) -> bool:
    """Whether another straight mark follows before any curly closing mark."""
    for j in later:
        if text[j] == STRAIGHT:
            return True
        if text[j] in CLOSING_GLYPHS:
            return False
    return False
