"""Typography rules: hyphens used as dashes, spaced slashes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import excerpt
from tqa.text.document import Document

# A spaced hyphen between words: `unchanging - we`. Not after a full stop (an
# insertion tag, `. - RT`), not between digits (a range), not a list marker.
# Each opens with a literal the regex engine can jump to.
_HYPHEN_DASHES = (re.compile(r" --? "), re.compile(r"\u00a0--?[ \u00a0]|[ \u00a0]--?\u00a0"))
_BEFORE_DASH = re.compile(r"[^\W\d_]|[”\"’)\]]")
_AFTER_DASH = re.compile(r"[^\W\d_]|[“\"‘(\[$€£]")
_SPACED_SLASHES = (re.compile(r" / "), re.compile(r"\u00a0/[ \u00a0]|[ \u00a0]/\u00a0"))
_LETTER = re.compile(r"[^\W\d_]")
_CREDIT_LINE = re.compile(r"©|\b(?:Photo|Image|Credit)\b")


def _matches(patterns: tuple[re.Pattern, ...], text: str) -> list[re.Match]:
    """Matches of the plain pattern, and of the no-break-space one only when the text has one."""
    found = list(patterns[0].finditer(text))
    if "\u00a0" in text:
        found = sorted(found + list(patterns[1].finditer(text)), key=lambda m: m.start())
    return found


def _between_words(
    patterns: tuple[re.Pattern, ...], doc: Document, before: re.Pattern, after: re.Pattern
) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, line start, line end) of each match with `before` and `after` on its two sides."""
    text = doc.text
    for match in _matches(patterns, text):
        start, end = match.span()
        if start and end < len(text) and before.match(text, start - 1) and after.match(text, end):
            yield (start, end, *_line_bounds(text, doc.line_starts, start, end))


def _line_bounds(text: str, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Where the line holding `start` begins and the one holding `end` ends (before its break)."""
    line_start = starts[bisect.bisect_right(starts, start) - 1]
    following = bisect.bisect_right(starts, end)
    line_end = starts[following] if following < len(starts) else len(text)
    if line_end > end and text[line_end - 1] == "\n":
        line_end -= 1
    if line_end > end and text[line_end - 1] == "\r":
        line_end -= 1
    return line_start, line_end


def hyphen_as_dash(doc: Document) -> Iterator[Violation]:
    """Hyphen used as a dash.

    What it does:
        Finds a hyphen with a space on each side between two words:
        `clear and unchanging - we are`.

    Why is this bad?
        Russian uses a spaced dash (тире) where English uses a dash too, but
        MT and keyboards put a hyphen there; English typography uses a dash,
        spaced (—) in news style.

    Example:
        Bad: NATO's position on Russia is clear and unchanging - we are based on a dual approach.
        Good: NATO's position on Russia is clear and unchanging — we are based on a dual approach.
        Good: The meeting ran from 10 - 12 March.
        Good: A well-known military-political bloc.

    Fix safety:
        Unsafe: the hyphen becomes a spaced em dash (` — `). House styles
        differ (spaced en dash, closed em dash), and measured against
        professional translations that keep the hyphen the change lowers
        chrF more often than it raises it (`tqa eval`), so it waits for
        `--unsafe-fixes`.
    """
    text = doc.text
    if " -" not in text and "\u00a0-" not in text:
        return
    for start, end, line_start, line_end in _between_words(_HYPHEN_DASHES, doc, _BEFORE_DASH, _AFTER_DASH):
        yield Violation(
            start + 1,
            end - 1,
            _("Hyphen used as a dash: `{found}`").format(
                found=excerpt(text, max(start - 15, line_start), min(end + 15, line_end)).strip()
            ),
            Fix(_("Replace the hyphen with a dash: ` — `"), (Edit(start, end, " — "),), Applicability.UNSAFE),
        )


def spaced_slash(doc: Document) -> Iterator[Violation]:
    """Slash with spaces around it between two words.

    What it does:
        Finds `defense / deterrence`, a slash spaced on both sides between
        words. Credit lines (`© US Navy / Name`) are left alone.

    Why is this bad?
        English closes up a slash between single words: `defense/deterrence`.
        The spaced form comes from Russian typesetting and MT.

    Example:
        Bad: We are based on a dual approach: defense / deterrence and dialogue.
        Good: We are based on a dual approach: defense/deterrence and dialogue.

    Fix safety:
        Safe: only the spaces are removed.
    """
    text = doc.text
    if "/ " not in text and "/\u00a0" not in text:
        return
    for start, end, line_start, line_end in _between_words(_SPACED_SLASHES, doc, _LETTER, _LETTER):
        if _CREDIT_LINE.search(text, line_start, line_end):
            continue
        yield Violation(
            start,
            end,
            _("Spaced slash: `{found}`").format(
                found=excerpt(text, max(start - 15, line_start), min(end + 15, line_end)).strip()
            ),
            Fix(_("Close up the slash: `/`"), (Edit(start, end, "/"),), Applicability.SAFE),
        )
