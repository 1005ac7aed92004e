"""Quote rules: detached, misspaced, flattened-nested, unbalanced and foreign quote marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import excerpt, next_word_end
from tqa.rules.quote_marks import CURLY, DOUBLE_MARKS, STRAIGHT, Mark, QuoteAnalysis, analyse
from tqa.text.document import Document

INLINE_SPACE = " \t\u00a0"
QUOTATION_END_PUNCTUATION = ",.!?…;:"
_FUNCTION_WORD_BEFORE = lazy(
    r"\b(?:of|the|a|an|its|their|his|her|our|your|my|this|these|those|to|in|on|at|by|for|with|"
    r"from|into|and|or|as|than|about|between|against|under|over|via|whose)$",
    re.I,
)
# The longest of its words and the line break `$` may stand before.
_FUNCTION_WORD_REACH = len("between\n")
_MAX_INNER_WORDS = 6
_NOT_MOVABLE_NEXT_TO = "\r\n" + DOUBLE_MARKS + "'‘’"


def _space_before(text: str, offset: int) -> int:
    """Start of the run of spaces and tabs that ends at `offset`."""
    start = offset
    while start > 0 and text[start - 1] in INLINE_SPACE:
        start -= 1
    return start


def _space_after(text: str, offset: int) -> int:
    end = offset
    while end < len(text) and text[end] in INLINE_SPACE:
        end += 1
    return end


def _is_detached(text: str, mark: Mark) -> bool:
    """A closing mark after `, ` glued to the next word: `, ”Lavrov`."""
    if mark.role != "close" or mark.flank != "left":
        return False
    space = _space_before(text, mark.offset)
    return space != mark.offset and space > 0 and text[space - 1] in QUOTATION_END_PUNCTUATION


def _glyphs(style: str, depth: int) -> tuple[str, str]:
    if style == "straight":
        return ('"', '"') if depth % 2 == 1 else ("'", "'")
    return ("“", "”") if depth % 2 == 1 else ("‘", "’")


def detached_closing_quote(doc: Document) -> Iterator[Violation]:
    """Closing quote detached from the quotation and glued to the next word.

    What it does:
        Finds a closing quotation mark that stands after a space, glued to the
        word that follows, while the quotation's own punctuation is left behind:
        `, ”Lavrov said`. Straight marks count as closing when the quotation
        state says a quotation is open, also one opened paragraphs earlier.

    Why is this bad?
        Machine translation from Russian moves the closing mark of «…», — said
        X to the wrong side of the space. Readers see a new quotation opening.

    Example:
        Bad: “We suspend the work of our mission,” he said. “This is a response to the chief military representative, ”Lavrov said.
        Bad: “We are ready for dialogue. ¶ We do not share them, ”said the Secretary General.
        Good: “We suspend the work of our mission,” Lavrov said.
        Good: He said, "We are ready."

    Fix safety:
        Safe: the mark moves to the punctuation and a space goes after it
        (`,” Lavrov said`); no word changes.
    """
    text = doc.text
    for mark in [mark for mark in analyse(doc).marks if mark.flank == "left" and mark.role == "close"]:
        if not _is_detached(text, mark):
            continue
        space = _space_before(text, mark.offset)
        shown_end = next_word_end(text, mark.offset + 1, len(text))
        fixed = text[space - 1] + mark.char + " " + text[mark.offset + 1 : shown_end]
        yield Violation(
            space - 1,
            mark.offset + 1,
            _("Closing quote detached from the quotation and glued to the next word: `{found}`").format(
                found=excerpt(text, space - 1, shown_end)
            ),
            Fix(
                _("Move the quote to the punctuation: `{fixed}`").format(fixed=fixed),
                (Edit(space, mark.offset + 1, mark.char + " "),),
                Applicability.SAFE,
            ),
        )


def misspaced_quote(doc: Document) -> Iterator[Violation]:
    """Quote mark spaced on the wrong side.

    What it does:
        Finds an opening mark glued to the word before it and spaced from the
        quoted word (`the“ Russian`), and a closing mark spaced from the quoted
        word and glued to the word after it (`threat ”out`).

    Why is this bad?
        It is the signature of inner quotes „…“ mangled by machine translation;
        the reader cannot see where the quotation begins and ends.

    Example:
        Bad: NATO is again pulling the“ Russian threat ”out of a dusty bag.
        Bad: The so-called “ Russian threat” is inflated.
        Good: NATO is again pulling the “Russian threat” out of a dusty bag.

    Fix safety:
        Safe when the mark's quotation opens and closes in one paragraph:
        only the spaces around the mark move. A mark without a partner is
        reported with no fix: whether its space or its partner is missing
        (`Another Pantsir-S1" in Libya`) is a guess.
    """
    text = doc.text
    analysis = analyse(doc)
    # Spaced on the side away from the quotation, or on both.
    spaced = [
        mark
        for mark in analysis.marks
        if mark.flank == "none"
        or (mark.flank == "right" and mark.role == "open")
        or (mark.flank == "left" and mark.role == "close")
    ]
    if not spaced:
        return
    # A mark whose quotation closes in its own paragraph is sure of its role;
    # an orphan (`Another Pantsir-S1" in Libya`) may be either.
    paired = {mark.offset for pair in analysis.pairs if pair[0].paragraph == pair[1].paragraph for mark in pair}
    for mark in spaced:
        start = end = mark.offset
        content = mark.char
        if mark.role == "open" and mark.flank in ("right", "none"):
            end = _space_after(text, mark.offset + 1)
            if end == mark.offset + 1:
                continue  # no space after it (`Kobi",`): a closing mark whose role was guessed wrong
            if mark.flank == "right":
                content = " " + mark.char
        elif mark.role == "close" and mark.flank in ("left", "none"):
            start = _space_before(text, mark.offset)
            if start == mark.offset:
                continue  # no space before it (`("word`): an opening mark whose role was guessed wrong
            if start > 0 and text[start - 1] in QUOTATION_END_PUNCTUATION:
                continue  # detached-closing-quote reports these
            end = mark.offset + 1
            if mark.flank == "left":
                content = mark.char + " "
        else:
            continue
        if (
            mark.offset not in paired
            or end == len(text)
            or text[end] in _NOT_MOVABLE_NEXT_TO
            or start == 0
            or text[start - 1] in _NOT_MOVABLE_NEXT_TO
        ):
            # An orphan's role is a guess; a mark alone at a line edge has nothing sound
            # to move to; beside another mark, moving the space only hands the problem on.
            fix = None
        else:
            before = text[max(start - 12, 0) : start].split("\n")[-1]
            after = text[end : end + 12].split("\n")[0]
            fix = Fix(
                _("Move the space to the other side of the quote: `{fixed}`").format(
                    fixed=(before + content + after).strip()
                ),
                (Edit(start, end, content),),
                Applicability.SAFE,
            )
        left = max(start - 12, 0)
        yield Violation(
            mark.offset,
            mark.offset + 1,
            _("Quote mark spaced on the wrong side: `{found}`").format(
                found=excerpt(text, left, min(end + 12, len(text))).strip()
            ),
            fix,
        )


def flattened_nested_quotes(doc: Document) -> Iterator[Violation]:
    """Russian nested quotes «…„…“…» flattened into misplaced double quotes.

    What it does:
        Finds a quotation inside a quotation marked with double quotes
        (English nests single quotes), and the flattened pattern
        `"the appearance of its" relevance "in modern conditions."` where a
        quotation seems to end on a word like `of` or `its` and resume a few
        words later: the words between were the inner quotation.

    Why is this bad?
        Russian nests «…„…“…». Machine translation turns both levels into the
        same double quote and puts the inner marks in the wrong places, so the
        reader cannot tell what was quoted.

    Example:
        Bad: They want to create "the appearance of its" relevance "in modern geopolitical conditions."
        Bad: “NATO is again pulling the “Russian threat” out of a dusty bag,” the expert said.
        Good: “NATO is again pulling the ‘Russian threat’ out of a dusty bag,” the expert said.
        Good: They want to create "the appearance of its 'relevance' in modern geopolitical conditions."
        Good: He called it "madness" and "a disaster."

    Fix safety:
        Unsafe: the nested English form is a proposal; the editor should check
        which words the inner quotation covers.
    """
    analysis = analyse(doc)
    text = doc.text
    pairs = sorted(analysis.pairs)  # by the opening mark, that is by its offset
    for opener, closer in pairs if "“" in text else ():
        # Only curly pairs: with straight marks the nesting itself is a guess.
        if opener.depth < 2 or opener.char != "“" or closer.char != "”":
            continue
        single_open, single_close = _glyphs(analysis.style, 2)
        yield Violation(
            opener.offset,
            closer.offset + 1,
            _("Double quotes nested inside a double-quoted quotation: `{found}`; English nests single quotes").format(
                found=excerpt(text, opener.offset, closer.offset + 1)
            ),
            Fix(
                _("Use single quotes for the inner quotation: `{fixed}`").format(
                    fixed=single_open + text[opener.offset + 1 : closer.offset].strip() + single_close
                ),
                (
                    Edit(opener.offset, opener.offset + 1, single_open),
                    Edit(closer.offset, closer.offset + 1, single_close),
                ),
                Applicability.UNSAFE,
            ),
        )
    yield from _flattened_straight(text, pairs, analysis)


def _flattened_straight(text: str, pairs: list[tuple[Mark, Mark]], analysis: QuoteAnalysis) -> Iterator[Violation]:
    for (open1, close1), (open2, close2) in pairwise(pairs):
        if open1.depth != 1 or open2.depth != 1 or close1.paragraph != open2.paragraph:
            continue
        between = text[close1.offset + 1 : open2.offset]
        if not between.strip() or len(between.split()) > _MAX_INNER_WORDS or "\n" in between:
            continue
        quoted = text[open1.offset + 1 : close1.offset]
        # The function word ends the quotation: searched for in its last characters only.
        if (
            not _FUNCTION_WORD_BEFORE.search(quoted, max(0, len(quoted) - _FUNCTION_WORD_REACH))
            or len(quoted.split()) < 2
        ):
            continue
        core = between.strip()
        inner = core.rstrip(",;:")
        trailing = core[len(inner) :]
        single_open, single_close = _glyphs("straight" if close1.char == STRAIGHT else analysis.style, 2)
        replacement = " " + single_open + inner + single_close + trailing + " "
        fixed = (text[open1.offset : close1.offset] + replacement + text[open2.offset + 1 : close2.offset + 1]).strip()
        yield Violation(
            open1.offset,
            close2.offset + 1,
            _(
                "Misplaced quotes from a flattened nested quotation: `{found}`; the inner quotation is probably `{inner}`"
            ).format(found=excerpt(text, open1.offset, close2.offset + 1), inner=inner),
            Fix(
                _("Nest the inner quotation: `{fixed}`").format(fixed=excerpt(fixed, 0, len(fixed), 90)),
                (Edit(close1.offset, open2.offset + 1, replacement),),
                Applicability.UNSAFE,
            ),
        )


def unbalanced_quotes(doc: Document) -> Iterator[Violation]:
    """Quotation opened and never closed, or closed and never opened.

    What it does:
        Follows every quotation through the document, across paragraphs, and
        reports an opening mark that nothing closes and a closing mark that
        closes nothing. A quotation may run over several paragraphs, with or
        without the opening mark repeated at each one, as long as it ends.

    Why is this bad?
        A lost quote mark leaves the reader unsure who is speaking; in MT
        output it usually means a mark was dropped or moved.

    Example:
        Bad: He said that “the alliance is a tool of pressure. ¶ Yermakov stressed this.
        Bad: The alliance is a tool of pressure” he said.
        Good: “The alliance is a tool of pressure. ¶ “It always was,” he said.

    Fix safety:
        No fix: where the missing mark belongs is the editor's call.
    """
    analysis = analyse(doc)
    text = doc.text
    for mark in analysis.unclosed:
        yield Violation(
            mark.offset,
            mark.offset + 1,
            _("Quotation opened here is never closed: `{found}`").format(
                found=excerpt(text, mark.offset, min(mark.offset + 40, len(text))).split("\n")[0]
            ),
        )
    for mark in analysis.orphans:
        if _is_detached(text, mark):
            continue  # detached-closing-quote reports it, with a fix
        yield Violation(
            mark.offset,
            mark.offset + 1,
            _("Closing quote with no quotation open: `{found}`").format(
                found=excerpt(text, max(mark.offset - 30, 0), mark.offset + 1).split("\n")[-1]
            ),
        )


def mixed_quote_styles(doc: Document) -> Iterator[Violation]:
    """Straight and curly double quotes mixed in one document.

    What it does:
        Counts straight (") and curly (“ ”) double quotes; when a document uses
        both, reports the first mark of the less used style.

    Why is this bad?
        A house style uses one kind. Mixed marks show pasted or half-edited MT
        output and defeat search-and-replace.

    Example:
        Bad: “We are ready,” he said. Moscow called it "a provocation."
        Good: “We are ready,” he said. Moscow called it “a provocation.”

    Fix safety:
        Unsafe: each mark of the minority style becomes the majority style's
        mark of the same role (opening or closing). Measured against
        references that keep their own style (`tqa eval`), the change does
        not help, so it waits for `--unsafe-fixes`.
    """
    analysis = analyse(doc)
    straight = [m for m in analysis.marks if m.char == STRAIGHT]
    curly = [m for m in analysis.marks if m.char in CURLY]
    if not straight or not curly:
        return
    style = analysis.style
    minority = curly if style == "straight" else straight
    edits = []
    for mark in minority:
        opening, closing = _glyphs(style, 1)
        edits.append(Edit(mark.offset, mark.offset + 1, opening if mark.role == "open" else closing))
    first = minority[0]
    yield Violation(
        first.offset,
        first.offset + 1,
        _("Mixed quote styles: {straight} straight and {curly} curly double quotes in one document").format(
            straight=len(straight), curly=len(curly)
        ),
        Fix(
            _("Use {style} quotes throughout").format(style=_("curly") if style == "curly" else _("straight")),
            tuple(edits),
            Applicability.UNSAFE,
        ),
    )


def russian_quote_marks(doc: Document) -> Iterator[Violation]:
    """Russian quote marks « » or „, or reversed curly quotes ”…“, in English text.

    What it does:
        Finds guillemets « » and low-high quotes „ “ in English text, and
        quotations opened with a closing curly mark: ”…“ the wrong way round,
        or ”…” (one glyph for both, Swedish style).

    Why is this bad?
        English uses “…‘…’…”. Guillemets and „ are Russian typography that MT
        and copy-paste carry over; ”…“ comes from converters and keyboards
        that pick the wrong glyph.

    Example:
        Bad: The ministry called it «a hostile step».
        Bad: He spoke of «the so-called „Russian threat“».
        Bad: ”We must play fast,“ he said. ”And win.“
        Bad: ”We must play fast,” he said. ”And win.”
        Good: The ministry called it “a hostile step.”
        Good: “We must play fast,” he said. “And win.”

    Fix safety:
        Safe for matched pairs: the outer pair becomes “ ”, a nested pair ‘ ’;
        only the glyphs change, never the spaces. An unmatched mark is
        reported without a fix.
    """
    analysis = analyse(doc)
    text = doc.text
    if analysis.curly_style == "“”" and "«" not in text and "»" not in text and "„" not in text:
        return  # “ and ” only open and close, as English writes them
    style = analysis.style
    paired = set()
    for opener, closer in analysis.pairs:
        reversed_pair = opener.char == "”" and closer.char in CURLY
        if opener.char not in "«„" and closer.char != "»" and not reversed_pair:
            continue
        paired.update((opener.offset, closer.offset))
        opening, closing = _glyphs(style, opener.depth)
        # A quotation over several paragraphs repeats its opening mark at each: turn them all.
        openers = [opener]
        while openers[-1].offset in analysis.carried:
            openers.append(analysis.carried[openers[-1].offset])
        paired.update(mark.offset for mark in openers)
        message = (
            _("Reversed curly quotes: `{found}`")
            if reversed_pair
            else _("Russian quote marks in English text: `{found}`")
        )
        yield Violation(
            opener.offset,
            closer.offset + 1,
            message.format(found=excerpt(text, opener.offset, closer.offset + 1)),
            Fix(
                _("Use English quote marks: `{fixed}`").format(
                    fixed=opening + excerpt(text, opener.offset + 1, closer.offset) + closing
                ),
                (
                    *(Edit(mark.offset, mark.offset + 1, opening) for mark in reversed(openers)),
                    Edit(closer.offset, closer.offset + 1, closing),
                ),
                Applicability.SAFE,
            ),
        )
    for mark in analysis.marks:
        if mark.char in "«»„" and mark.offset not in paired:
            yield Violation(
                mark.offset,
                mark.offset + 1,
                _("Russian quote mark in English text: `{found}`").format(found=mark.char),
            )
