"""Numbers written the Russian way: `12 thousand`, `25 000`, `2,5%`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import matches_from, positions
from tqa.text.document import Document

# `12 thousand`, `1.5 thousand`, `600,3 thousand` (a decimal comma): тыс. carried over.
_THOUSAND = lazy(r"(?<![\w.,])(?P<number>\d{1,3}(?:[.,]\d{1,3})?)[ \u00a0]+(?P<word>thousands?)\b")
# `25 000`, `1 000 000`: three-digit groups after a space; opened by `[\d]`, a class sre skips to (no look-behind first)
_SPACED_GROUPS = lazy(r"(?P<number>[\d](?<![\w.,:/+-].)\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+)(?![\w.,]\d|\d)")
# `2,5%`, `9,5 per cent`: a decimal comma before a percent sign or a magnitude.
_DECIMAL_COMMA = lazy(
    r"(?<![\w.,])(?P<number>\d{1,3},\d{1,2})(?=\s?(?:%|per ?cent\b|percent\b|million\b|billion\b|trillion\b))"
)
# Where a decimal comma can be: a comma before a figure (a literal the regex engine jumps to).
_COMMA_BEFORE_FIGURE = lazy(r",(?=\d)")
# Where such a number can be at all: a figure, a space and three figures.
_GROUP_GAP = lazy(r"[\d][ \u00a0\u2009\u202f]\d{3}")  # `[\d]`, a class: skipped to in C
# `8 800 555 35 35`: a phone number or a list of figures goes on after the groups.
_IN_A_SERIES = lazy(r"[ \u00a0-]\d")
_MONTHS = lazy(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|number|page|pages|article|Article|room|code)\.?\s*$"
)


def _grouped(value: Decimal) -> str:
    """`12000` -> `12,000`; `1500.5` -> `1,500.5`."""
    whole, _dot, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def number_word_after_digits(doc: Document) -> Iterator[Violation]:
    """Thousands written as digits and the word `thousand`.

    What it does:
        Finds `12 thousand`, `1.5 thousand people` and `more than 3 thousand`:
        figures followed by the word thousand, the way Russian news writes
        `12 тыс.`. Million and billion after figures are English and are left
        alone.

    Why is this bad?
        English news writes thousands in figures (`12,000`, `1,500`); `3
        thousand` reads as translated.

    Example:
        Bad: The fire covered 1 thousand square meters.
        Bad: About 1.5 thousand residents were evacuated.
        Good: About 1,500 residents were evacuated; the bill is $1 trillion, 3 million people.
        Good: Several thousand people and tens of thousands more came.

    Fix safety:
        Unsafe, offered when the figure times a thousand is a whole number
        (`1.5 thousand` -> `1,500`; a decimal comma, `600,3 thousand`, is read
        as Russian writes it). The number is exact, but references that keep
        `thousand` score the fixed text lower (chrF on WMT21), so it waits for
        `--unsafe-fixes`. A plural `thousands` and an ambiguous comma
        (`1,500 thousand`) get no fix.

    Known problems:
        Opt-in (`--extend-select T510`): professional translations write it
        too (16 times in the two WMT21 human references), so it is not run by
        default.
    """
    text = doc.text
    if "thousand" not in text:
        return
    for match in matches_from(_THOUSAND, text, _starts_before_thousand(text)):
        found = match.group()
        number = match.group("number")
        value = Decimal(number.replace(",", ".")) * 1000
        # `1,500 thousand` may be a thousands comma or a decimal one: no fix.
        ambiguous = "," in number and len(number.partition(",")[2]) == 3
        fix = None
        if match.group("word") == "thousand" and not ambiguous and value == value.to_integral_value():
            replacement = _grouped(value)
            fix = Fix(
                _("Replace with `{replacement}`").format(replacement=replacement),
                (Edit(match.start(), match.end(), replacement),),
                Applicability.UNSAFE,
            )
        yield Violation(
            match.start(),
            match.end(),
            _("Figures with the word thousand, Russian style: `{found}`").format(found=found),
            fix,
        )


def _starts_before_thousand(text: str) -> Iterator[int]:
    """Where a match of _THOUSAND can start: up to seven characters (`600,300`)
    before the spaces before the word `thousand`."""
    for found in positions(text, "thousand"):
        spaces = found
        while spaces and text[spaces - 1] in " \u00a0":
            spaces -= 1
        if spaces < found:
            yield from range(max(0, spaces - 7), spaces)


def russian_digit_grouping(doc: Document) -> Iterator[Violation]:
    """Thousands set off by spaces, or a decimal comma.

    What it does:
        Finds numbers grouped the Russian way: thousands separated by a space
        (`25 000`, `110 100 euros`) and a decimal comma before a percent sign
        or a magnitude (`2,5%`, `9,5 million`).

    Why is this bad?
        English separates thousands with a comma and decimals with a point:
        `25,000`, `2.5%`. `2,5%` reads as a typo; `110 100` as two numbers.

    Example:
        Bad: The party returned 110 100 euros to the state.
        Bad: The rate will be 2,5% next year.
        Good: The party returned 110,100 euros; the rate will be 2.5%.
        Good: On July 26 100 ships took part; in 2020 100 people came.
        Good: Call the hotline 8 800 555 35 35.

    Fix safety:
        Safe: the separator becomes the English one; the digits stay.
    """
    text = doc.text
    if _GROUP_GAP.search(text):
        for match in _SPACED_GROUPS.finditer(text):
            if _MONTHS.search(text, max(0, match.start() - 12), match.start()) or _IN_A_SERIES.match(text, match.end()):
                continue
            number = match.group("number")
            replacement = re.sub(r"[ \u00a0\u2009\u202f]", ",", number)
            yield _grouping_violation(match, number, replacement)
    if "," in text:
        for match in matches_from(_DECIMAL_COMMA, text, _starts_before_commas(text)):
            number = match.group("number")
            yield _grouping_violation(match, number, number.replace(",", "."))


def _starts_before_commas(text: str) -> Iterator[int]:
    """Where a match of _DECIMAL_COMMA can start: one to three figures before a comma."""
    for comma in _COMMA_BEFORE_FIGURE.finditer(text):
        position = comma.start()
        yield from range(max(0, position - 3), position)


def _grouping_violation(match: re.Match, number: str, replacement: str) -> Violation:
    return Violation(
        match.start("number"),
        match.end("number"),
        _("Number grouped the Russian way: `{found}`; write `{replacement}`").format(
            found=number, replacement=replacement
        ),
        Fix(
            _("Replace with `{replacement}`").format(replacement=replacement),
            (Edit(match.start("number"), match.end("number"), replacement),),
            Applicability.SAFE,
        ),
    )
