"""Trigger patterns of the rules (see tqa.pipeline.scan): for each rule, text
one of which is in every span it can report, so that a document without any
is not given to the rule at all. Each is a necessary condition read off the
rule's own gate or pattern; loose is safe, too tight loses findings (the
findings fixture in tests/test_scan.py would show it).

Written in what hyperscan and Python's `re` read alike: literal characters,
classes, alternation, `(?:...)`, `\\d`, `^`; `SPACES` stands for `\\s`.
"""

from __future__ import annotations

import re

from tqa.pipeline.scan import SPACES
from tqa.rules.openers import OPENERS
from tqa.rules.quotation_style import OPENING_MARKS
from tqa.rules.quote_marks import DOUBLE_MARKS
from tqa.rules.quotes import INLINE_SPACE, QUOTATION_END_PUNCTUATION
from tqa.rules.reporting import VERB_ANCHORS
from tqa.rules.structure import DEBRIS_LINE_STARTS, DEBRIS_MARKS


def _class(chars: str, negated: bool = False) -> str:
    """A character class of `chars` (or of every other character, where `negated`)."""
    escaped = "".join("\\" + char if char in "\\[]^-" else char for char in chars)
    return "[" + ("^" if negated else "") + escaped + "]"


_MARK = _class(DOUBLE_MARKS)
_NOT_MARK = _class(DOUBLE_MARKS, negated=True)
# Quotation analysis finds nothing in a text without a double quote mark.
QUOTE_MARK = (_MARK,)
# A closing mark detached from the quotation's punctuation by spaces: `, ”Lavrov`.
DETACHED_MARK = (_class(QUOTATION_END_PUNCTUATION) + _class(INLINE_SPACE) + "+" + _MARK,)
# A quotation nested in another, or two quotations (a flattened nesting needs both): three marks.
THREE_MARKS = (_MARK + _NOT_MARK + "*" + _MARK + _NOT_MARK + "*" + _MARK,)
# Straight and curly double marks in one text, in either order.
MIXED_MARKS = ('"[^“”]*[“”]', '[“”][^"]*"')
# A Russian mark, or ” (the opening mark of a text that writes ”…“ or ”…”).
RUSSIAN_OR_RIGHT_MARK = ("[«»„”]",)
# Quoted names open with one of these.
OPENING_MARK = (_class(OPENING_MARKS),)
# Where a torn insertion closes: a paragraph (after a line break) whose first
# bracket, a few words in, closes one opened paragraphs before.
CLOSING_FRAGMENT = (r"[\n\r][^()\[\]]*[)\]]",)
# An intact insertion in brackets with a dash inside, on one line.
DASH_IN_BRACKETS = (r"[(\[][^()\[\]" "\n" r"]*[-—–]",)
# A line break, then white space or opening wrappers, then a lowercase letter.
LOWERCASE_LINE_START = ("\n[" + SPACES + "\"'“‘«„(\\[*_]*[a-zа-яё]",)
# Bullets, credit marks, and lines that start like a caption, credit or prompt.
DEBRIS = (
    "|".join(map(re.escape, DEBRIS_MARKS)),
    "(?:^|\n)[ \t]*(?:" + "|".join(map(re.escape, DEBRIS_LINE_STARTS)) + ")",
)
SPACED_HYPHEN = ("[ \u00a0]-",)
SPACED_SLASH = ("/[ \u00a0]",)
# A dash (or two) before white space, right after `,` `!` `?` `…` or `..`, white space and a closing mark.
DASH_ATTRIBUTION = ("(?:[,!?…]|\\.\\.)[" + SPACES + ']*["”»]?[ \t\u00a0]*[-–—]{1,2}[' + SPACES + "]",)
# Thousands after a space (`25 000`), or a decimal comma before a percent sign or a magnitude.
GROUPING = (
    "\\d[ \u00a0\u2009\u202f]\\d\\d\\d",
    "\\d,\\d\\d?[" + SPACES + "]?(?:%|per|million|billion|trillion)",
)
# A capital after a semicolon; a lower-case word after a full stop.
CASE_AFTER_STOP = ("; [A-Z]", "(?:\\d|[a-z])\\. [a-z]")
CYRILLIC = ("[\u0400-\u052f]",)
OFFICE = ("ead of the", "representative of")
OPENER = tuple(opener.pattern for opener in OPENERS) + tuple(
    opener.after_comma for opener in OPENERS if opener.mid_sentence
)
# The words of a reporting verb built the Russian way, and `shared` before a full stop or a comma.
REPORTING_VERB = (*(literal for literal, _back in VERB_ANCHORS), " shared[.,]")
