"""Numbers and dates in Russian and English text, normalized for comparison.

Russian writes `1,5` for one and a half, `1 000` (a space, a no-break or a thin
space) for a thousand, `1,5 млн`, `10 тыс.`, `6 октября`, `6.10.2021`; English
writes `1.5`, `1,000`, `1.5 million`, `10,000`, `October 6` or `6 October`.
Both sides are reduced to values (Decimal) and (day, month) pairs so that a
translation can be compared with its original.

A number written with digits is `digits`; one written in words (`two`,
`двух`, `dozen`) only ever serves as a counterpart, since translators move
freely between the two. A number glued to letters (`Су-57`, `COVID-19`,
`G20`, `5G`) is a `code`: part of a name, also only a counterpart. Clock
times (`в 17 часов 47 минут`, `5:47 p.m.`) are numbers of kind "time"; in
English, a decimal comma (`600,3 thousand`) and Russian digit grouping
(`812 485`) are kept apart as kinds of their own, so that they can be told
from a right figure in English form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

_SPACES = " \u00a0\u2009\u202f"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Number:
    """A number or a clock time (`kind` "time", the value in minutes after midnight).

    `also` holds other readings (`5:47` may be 17:47; `1m` may be a million);
    `digits` is False for number words and other counterparts, `code` True for
    a number glued to letters; neither is ever reported."""

    value: Decimal
    start: int
    end: int
    text: str
    digits: bool = True
    code: bool = False
    kind: str = "number"
    also: tuple[Decimal, ...] = ()

    @property
    def reportable(self) -> bool:
        return self.digits and not self.code

    @property
    def values(self) -> tuple[Decimal, ...]:
        return (self.value, *self.also)

    @property
    def shown(self) -> str:
        if self.kind == "time":
            minutes = int(self.value)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        return show(self.value)


@dataclass(frozen=True)
class Date:
    day: int
    month: int
    year: int | None
    start: int
    end: int
    text: str


def show(value: Decimal) -> str:
    """1500000.0 -> `1500000`, 1.50 -> `1.5`."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- dates -------------------------------------------------------------------

_RU_MONTHS = (
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
)
_RU_MONTH = (
    r"(?P<month>январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|"
    r"август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])(?![а-яё])"
)
_RU_DAY = r"(?<![\d.,])(?P<day>[0-3]?\d)(?:-?(?:го|е|ое))?"
_RU_DAY2 = r"(?:\s*(?:[-–—]|и|,|по)\s*(?P<day2>[0-3]?\d)(?:-?(?:го|е|ое))?)?"
_RU_WORD_DATE = re.compile(_RU_DAY + _RU_DAY2 + r"[" + _SPACES + r"]+" + _RU_MONTH, re.I)
_RU_NUMERIC_DATE = re.compile(r"(?<![\d.,])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4}|\d{2})(?!\d|[.,]\d)")

_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Full month names in any case (`October`, `october`, `OCTOBER`), but `may` only
# capitalised: the lower-case word is the verb. Abbreviations as written.
_EN_MONTH = (
    r"(?P<month>(?i:january|february|march|april|june|july|august|september|october|november|december)|May|MAY|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_EN_ORD = r"(?:st|nd|rd|th)?"
_EN_MONTH_DAY = re.compile(
    _EN_MONTH
    + r",?\s+(?:the\s+)?(?P<day>[0-3]?\d)"
    + _EN_ORD
    + r"(?:\s*(?:[-–—]|and|to|through)\s*(?P<day2>[0-3]?\d)"
    + _EN_ORD
    + r")?(?![\d:])"
)
_EN_DAY_MONTH = re.compile(
    r"(?<![\d.,])(?P<day>[0-3]?\d)"
    + _EN_ORD
    + r"(?:\s*(?:[-–—]|and|to)\s*(?P<day2>[0-3]?\d)"
    + _EN_ORD
    + r")?\s+(?:of\s+)?"
    + _EN_MONTH
)
_EN_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>\d{4}|\d{2})(?![\d/]|[.,]\d)"
)
_ISO_DATE = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")


def _ru_month(word: str) -> int:
    word = word.lower()
    if word.startswith("мар"):
        return 3
    return next(number for stem, number in _RU_MONTHS if word.startswith(stem))


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def russian_dates(text: str) -> list[Date]:
    """`6 октября`, `5-6 октября`, `6.10.2021` (day before month, any case of the month)."""
    found: list[Date] = []
    for match in _RU_WORD_DATE.finditer(text):
        month = _ru_month(match.group("month"))
        for key in ("day", "day2"):
            if match.group(key) and _valid(int(match.group(key)), month):
                found.append(Date(int(match.group(key)), month, None, match.start(), match.end(), match.group()))
    for match in _RU_NUMERIC_DATE.finditer(text):
        day, month = int(match.group("day")), int(match.group("month"))
        if _valid(day, month):
            found.append(Date(day, month, _year(match.group("year")), match.start(), match.end(), match.group()))
    return sorted(found, key=lambda d: d.start)


def english_dates(text: str) -> list[Date]:
    """`October 6`, `Oct. 6-7`, `6 October`, `6th of October`, `6.10.2021`, `10/6/2021`
    (both readings of a numeric date with slashes), `2021-10-06`."""
    found: list[Date] = []
    for pattern in (_EN_MONTH_DAY, _EN_DAY_MONTH):
        for match in pattern.finditer(text):
            month = _EN_MONTHS[match.group("month")[:3].lower()]
            for key in ("day", "day2"):
                if match.group(key) and _valid(int(match.group(key)), month):
                    found.append(Date(int(match.group(key)), month, None, match.start(), match.end(), match.group()))
    for match in _EN_NUMERIC_DATE.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        year = _year(match.group("year"))
        readings = [(a, b)] if match.group("sep") == "." else [(a, b), (b, a)]
        for day, month in readings:
            if _valid(day, month):
                found.append(Date(day, month, year, match.start(), match.end(), match.group()))
    for match in _ISO_DATE.finditer(text):
        day, month = int(match.group("day")), int(match.group("month"))
        if _valid(day, month):
            found.append(Date(day, month, int(match.group("year")), match.start(), match.end(), match.group()))
    return sorted(found, key=lambda d: d.start)


# --- numbers -----------------------------------------------------------------

_RU_SCALES = (
    ("тыс", 10**3),
    ("тысяч", 10**3),
    ("млн", 10**6),
    ("миллион", 10**6),
    ("млрд", 10**9),
    ("миллиард", 10**9),
    ("трлн", 10**12),
    ("триллион", 10**12),
)
_RU_NUMBER = re.compile(
    r"(?P<int>\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?!\d)|\d+)(?:[,.](?P<frac>\d+))?"
    r"(?:[" + _SPACES + r"]*(?P<scale>тыс(?:яч[а-яё]*|\.)?|млн\.?|миллион[а-яё]*|млрд\.?|миллиард[а-яё]*|"
    r"трлн\.?|триллион[а-яё]*)(?![а-яё]))?",
    re.I,
)
_EN_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "tln": 10**12,
    "trln": 10**12,
}
_EN_NUMBER = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?![\d,.])|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|mn|bn|bln|tn|tln|trln)(?![a-z])"
    r"|(?P<short>[mk])(?![a-z]))?",
    re.I,
)
_RU_SUFFIX = re.compile(r"-?[а-яё]{1,6}\b", re.I)
_EN_SUFFIX = re.compile(
    r"(?:st|nd|rd|th|s|'s|m|km|kg|mm|cm|ft|mph|kph|kmh|MW|GW|kW|kWh|sq|ha|h|g|t|x|bp|pc|pct|km2|m2|m3)(?![A-Za-z])"
)
# `2020-21`, `2019/20`: a season or a fiscal year, the second written with two digits.
_YEAR_RANGE = re.compile(r"(?<![\d.,])(?P<first>(?:19|20)\d\d)[-–/](?P<second>\d\d)(?!\d|[.,]\d)")
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥₽]|US\$|RUB|USD|EUR)\s?$")
_S = "[" + _SPACES + "]"
_HOUR = r"(?P<hour>[01]?\d|2[0-4])"
_MINUTE = r"(?P<minute>[0-5]\d)"
# Clock times: `15:00`, `01։23` (an Armenian colon), `в 15.00`, `в 17 часов 47 минут`, `в 15 часов`.
_TIME = re.compile(r"(?<![\d.,:])" + _HOUR + r"[:։]" + _MINUTE + r"(?:[:։][0-5]\d)?(?![\d:։])")
# What makes `7.50` after `at`, `by`, `в` or `до` a decimal, not a clock time:
# a percentage, a multiple or points (`at 7.50%`, `в 2.50 раза`, `до 7.50 процента`).
_NOT_A_CLOCK = (
    r"(?!\d|[,.]\d|" + _S + r"*(?:%|‰|per" + _S + r"?cent|percent|pct\b|times\b|-?fold\b|points?\b|p\.p\.|"
    r"процент|проц\.|п\." + _S + r"?п\.|раза?\b|пункт))"
)
# `в 15.00`, `до 18 часов`: an hour after a preposition (N is the group number).
_RU_CLOCK_AT = r"(?P<hourN>[01]?\d|2[0-4])(?:\.(?P<minuteN>[0-5]\d)" + _NOT_A_CLOCK + r"|" + _S + r"+час(?:а|ов)?\b)"
_RU_CLOCK = re.compile(
    "|".join(
        (
            r"(?<![\d.,:])" + _HOUR + _S + r"*час(?:а|ов)?" + _S + r"+(?P<minute>[0-5]?\d)" + _S + r"*мин[а-яё.]*",
            r"(?<=\b[вкс]" + _S + ")" + _RU_CLOCK_AT.replace("N>", "2>"),
            r"(?<=\bдо" + _S + ")" + _RU_CLOCK_AT.replace("N>", "3>"),
        )
    ),
    re.I,
)
_EN_CLOCK = re.compile(
    r"(?<![\d.,:])(?P<hour>[01]?\d)(?:[.:](?P<minute>[0-5]\d))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?<=\b(?:at|by) )(?P<hour2>[01]?\d|2[0-4])\.(?P<minute2>[0-5]\d)"
    + _NOT_A_CLOCK
    + r"|(?<![\d.,:])(?P<hour3>[01]?\d|2[0-4])\s+hours?\s+(?:and\s+)?(?P<minute3>[0-5]?\d)\s+minutes?\b",
    re.I,
)
_ROMAN_CENTURY = re.compile(r"\b(?P<roman>[IVXL]+)(?:-?[а-яё]{1,2})?" + _S + r"*(?=век|вв?\.)")
_EN_FRACTION = re.compile(
    r"(?<![\d.,/])(?P<int>\d+)(?:" + _S + r"+(?P<num>[1-9])/(?P<den>[2-9])|(?P<vulgar>[½¼¾]))(?![\d/])"
)
_VULGAR = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# `600,3 тысячи` copied into English: a decimal comma, which English reads as a thousands separator.
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(?P<int>\d+),(?P<frac>\d{1,2})(?![\d,])")
_SPACED_GROUP = re.compile(r"\d[" + _SPACES + r"]\d")
_AFTER_MONTH = re.compile(_EN_MONTH + r"\.?\s+$")
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|to|and|or|до|или|и)\s*$", re.I)


def _clock(match: re.Match, twelve_hour: bool) -> Number | None:
    """A clock-time match as a Number of kind "time" (with `twelve_hour`, the
    afternoon reading of `5:47` in `also`)."""
    hour = next((match.group(k) for k in ("hour", "hour2", "hour3") if match.groupdict().get(k)), None)
    if hour is None:
        return None
    minute = next((match.group(k) for k in ("minute", "minute2", "minute3") if match.groupdict().get(k)), None)
    hours, minutes = int(hour) % 24, int(minute or 0)
    half = (match.groupdict().get("half") or "").lower().replace(".", "")
    if half == "pm" and hours < 12:
        hours += 12
    elif half == "am" and hours == 12:
        hours = 0
    value = Decimal(hours * 60 + minutes)
    also = (Decimal((hours + 12) * 60 + minutes),) if twelve_hour and not half and 0 < hours < 12 else ()
    return Number(value, match.start(), match.end(), match.group(), kind="time", also=also)


def _value(integer: str, fraction: str | None) -> Decimal:
    digits = "".join(c for c in integer if c.isdigit())
    return Decimal(f"{digits}.{fraction}") if fraction else Decimal(digits)


def _glued_before(text: str, start: int) -> bool:
    """A letter right before the number, or a letter and a hyphen: `Су-57`, `A320`."""
    if start == 0:
        return False
    before = text[start - 1]
    if _LETTER.match(before):
        return True
    return before in "-‐‑" and start >= 2 and bool(_LETTER.match(text[start - 2]))


def _masked(text: str, patterns: tuple[re.Pattern, ...]) -> str:
    """The text with the matches of `patterns` blanked out (offsets kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _inherit_scales(numbers: list[Number], text: str, scales: list[int]) -> list[Number]:
    """`5-10 млн`, `5 to 10 million`: the first of a range takes the second's scale."""
    result = list(numbers)
    for index in range(len(result) - 2, -1, -1):
        first, second = result[index], result[index + 1]
        if (
            scales[index] == 1
            and scales[index + 1] > 1
            and _RANGE_JOIN.match(text[first.end : second.start])
            and not _AFTER_MONTH.search(text[max(0, first.start - 12) : first.start])
        ):
            scales[index] = scales[index + 1]
            result[index] = replace(first, value=first.value * scales[index])
    return result


def _demote_days(numbers: list[Number], dates: list[Date]) -> list[Number]:
    """The day of a date is the date rule's business: a counterpart here."""
    spans = [(d.start, d.end) for d in dates]
    return [
        replace(n, digits=False)
        if n.kind == "number" and any(s <= n.start and n.end <= e for s, e in spans) and n.value <= 31
        else n
        for n in numbers
    ]


def _year_ranges(text: str) -> list[Number]:
    numbers = []
    for match in _YEAR_RANGE.finditer(text):
        first = match.group("first")
        numbers.append(Number(Decimal(first), match.start(), match.start() + 4, first))
        second = Decimal(first[:2] + match.group("second"))
        numbers.append(Number(second, match.start() + 5, match.end(), match.group()))
    return numbers


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        total += -value if index + 1 < len(numeral) and values[numeral[index + 1]] > value else value
    return total


def _digit_numbers(text: str, masked: str, pattern: re.Pattern, scale_of, suffixes: re.Pattern) -> list[Number]:
    found: list[Number] = []
    scales: list[int] = []
    for match in pattern.finditer(masked):
        start, end = match.span()
        if start > 0 and masked[start - 1].isdigit():
            continue
        scale, end = scale_of(match, text)
        value = _value(match.group("int"), match.group("frac")) * scale
        code = _glued_before(text, start) or _glued_after(text, end, suffixes)
        found.append(Number(value, start, end, text[start:end].rstrip(), True, code))
        scales.append(scale)
    return _inherit_scales(found, text, scales)


def _ru_scale_of(match: re.Match, text: str) -> tuple[int, int]:
    return _ru_scale(match.group("scale")), match.end()


def _clocks(text: str, patterns: tuple[re.Pattern, ...], twelve_hour: bool) -> tuple[list[Number], str]:
    """Clock times found by `patterns` in turn, and the text with them blanked out."""
    times: list[Number] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            time = _clock(match, twelve_hour)
            if time is not None:
                times.append(time)
        text = _masked(text, (pattern,))
    return times, text


def russian_numbers(text: str) -> list[Number]:
    """Numbers in Russian text: digits (with the decimal comma, spaced thousands and
    тыс./млн/млрд/трлн), number words (`двух`, `полтора`, `сутки` = 24) and Roman
    centuries; the day and year of numeric dates, both years of seasons
    (`2019/20`) and clock times (`15:00`, `в 17 часов 47 минут`)."""
    numbers: list[Number] = []
    for match in _RU_NUMERIC_DATE.finditer(text):
        numbers.append(Number(Decimal(int(match.group("day"))), match.start(), match.end(), match.group(), False))
        numbers.append(Number(Decimal(_year(match.group("year")) or 0), match.start(), match.end(), match.group()))
    numbers.extend(_year_ranges(text))
    for match in _ROMAN_CENTURY.finditer(text):
        value = _roman(match.group("roman"))
        numbers.append(Number(Decimal(value), match.start(), match.end(), match.group().strip(), False))
    times, masked = _clocks(_masked(text, (_RU_NUMERIC_DATE, _YEAR_RANGE, _ROMAN_CENTURY)), (_RU_CLOCK, _TIME), False)
    numbers.extend(times)
    numbers.extend(
        _demote_days(_digit_numbers(text, masked, _RU_NUMBER, _ru_scale_of, _RU_SUFFIX), russian_dates(text))
    )
    numbers.extend(_outside(_word_numbers(text, _ru_word), numbers))
    return sorted(numbers, key=lambda n: n.start)


def _ru_scale(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower().rstrip(".")
    return next(scale for stem, scale in reversed(_RU_SCALES) if word.startswith(stem))


def _outside(words: list[Number], digits: list[Number]) -> list[Number]:
    """Number words that are not the scale of a number in digits (`1,5 млн`)."""
    return [w for w in words if not any(d.start < w.end and w.start < d.end for d in digits)]


def _glued_after(text: str, end: int, suffixes: re.Pattern) -> bool:
    """Letters right after the number that are not an ending or a unit: `5G`, `3D`."""
    if end >= len(text) or not _LETTER.match(text[end]):
        return False
    return not suffixes.match(text, end)


def _en_scale_of(match: re.Match, text: str) -> tuple[int, int]:
    scale = _EN_SCALES.get((match.group("scale") or "").lower(), 1)
    short = match.group("short")
    if short and _CURRENCY_BEFORE.search(text[max(0, match.start() - 4) : match.start()]):
        return (10**6 if short.lower() == "m" else 10**3), match.end()
    return scale, match.end() - (1 if short else 0)


def english_numbers(text: str) -> list[Number]:
    """Numbers in English text: digits (`1,000`, `1 000`, `1.5 million`, `$5bn`,
    `6th`, `1990s`, `2 1/2`) and number words (`two`, `twenty-five`, `a dozen`,
    `three million`); numeric dates give their day and year, seasons (`2019-20`)
    both years, clock times (`5:47 p.m.`, `15:00`) a time. A decimal comma
    (`600,3`) is read as Russian means it, and `1m` may be a metre or a million."""
    numbers: list[Number] = []
    for match in _EN_NUMERIC_DATE.finditer(text):
        a, b = Decimal(int(match.group("a"))), Decimal(int(match.group("b")))
        # Day and month may come in either order: counterparts only.
        numbers.append(Number(a, match.start(), match.end(), match.group(), False, also=(b,)))
        numbers.append(Number(b, match.start(), match.end(), match.group(), False, also=(a,)))
        numbers.append(Number(Decimal(_year(match.group("year")) or 0), match.start(), match.end(), match.group()))
    for match in _ISO_DATE.finditer(text):
        numbers.append(Number(Decimal(int(match.group("day"))), match.start(), match.end(), match.group(), False))
        numbers.append(Number(Decimal(int(match.group("year"))), match.start(), match.end(), match.group()))
    numbers.extend(_year_ranges(text))
    for match in _EN_FRACTION.finditer(text):
        if match.group("vulgar"):
            fraction = _VULGAR[match.group("vulgar")]
        else:
            fraction = Decimal(int(match.group("num"))) / Decimal(int(match.group("den")))
        value = Decimal(int(match.group("int"))) + fraction
        scale = re.match(r"\s*(thousand|million|billion|trillion)\b", text[match.end() :], re.I)
        if scale:
            value *= _EN_SCALES[scale.group(1).lower()]
        numbers.append(Number(value, match.start(), match.end(), match.group()))
    masked = _masked(text, (_EN_NUMERIC_DATE, _ISO_DATE, _YEAR_RANGE, _EN_FRACTION))
    times, masked = _clocks(masked, (_EN_CLOCK, _TIME), True)
    numbers.extend(times)
    decimal_commas = [m for m in _DECIMAL_COMMA.finditer(masked)]
    masked = _masked(masked, (_DECIMAL_COMMA,))
    for number in _demote_days(_digit_numbers(text, masked, _EN_NUMBER, _en_scale_of, _EN_SUFFIX), english_dates(text)):
        glued = text[number.end : number.end + 1]
        if glued in ("m", "k") and not _LETTER.match(text[number.end + 1 : number.end + 2] or " "):
            scale = 10**6 if glued == "m" else 10**3
            number = Number(number.value, number.start, number.end, number.text, also=(number.value * scale,))
        if _SPACED_GROUP.search(number.text):
            number = replace(number, kind="spaced-thousands")
        numbers.append(number)
    for match in decimal_commas:
        scale = re.match(r"\s*(thousand|million|billion|trillion|mln|bn)\b", text[match.end() :], re.I)
        factor = _EN_SCALES[scale.group(1).lower()] if scale else 1
        end = match.end() + (scale.end() if scale else 0)
        value = _value(match.group("int"), match.group("frac")) * factor
        numbers.append(Number(value, match.start(), end, text[match.start() : end], kind="decimal-comma"))
    numbers.extend(_outside(_word_numbers(text, _en_word), numbers))
    return sorted(numbers, key=lambda n: n.start)


# --- number words --------------------------------------------------------------

_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_EN_TENS_ORDINALS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
_EN_WORDS: dict[str, tuple[str, int | float]] = {
    **{w: ("unit", i) for i, w in enumerate(_EN_UNITS)},
    **{w: ("unit", 20 + 10 * i) for i, w in enumerate(_EN_TENS)},
    **{w: ("ordinal", i) for i, w in enumerate(_EN_ORDINALS) if i},
    **{w: ("ordinal", 20 + 10 * i) for i, w in enumerate(_EN_TENS_ORDINALS)},
    "hundredth": ("ordinal", 100),
    "thousandth": ("ordinal", 1000),
    "dozen": ("times", 12),
    "half": ("half", 0),
    "twice": ("ordinal", 2),
    "thrice": ("ordinal", 3),
    "hundred": ("hundred", 100),
    "thousand": ("scale", 10**3),
    "million": ("scale", 10**6),
    "billion": ("scale", 10**9),
    "trillion": ("scale", 10**12),
    "a": ("article", 1),
    "an": ("article", 1),
    "and": ("and", 0),
}
_RU_WORDS: dict[str, tuple[str, int | float]] = {
    **{
        w: ("unit", i)
        for i, w in enumerate(
            (
                "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
                "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать"
            ).split()
        )
    },
    **{
        w: ("unit", 20 + 10 * i)
        for i, w in enumerate("двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split())
    },
    **{
        w: ("unit", 100 * (i + 1))
        for i, w in enumerate("сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split())
    },
    **{
        w: ("ordinal", i + 1)
        for i, w in enumerate(
            (
                "первый второй третий четвёртый пятый шестой седьмой восьмой девятый десятый одиннадцатый "
                "двенадцатый тринадцатый четырнадцатый пятнадцатый шестнадцатый семнадцатый восемнадцатый "
                "девятнадцатый двадцатый"
            ).split()
        )
    },
    **{w: ("unit", i + 2) for i, w in enumerate("двое трое четверо пятеро шестеро семеро восьмеро девятеро".split())},
    "четвертый": ("ordinal", 4),
    "дважды": ("ordinal", 2),
    "трижды": ("ordinal", 3),
    "десяток": ("times", 10),
    "дюжина": ("times", 12),
    "полтора": ("unit", 1.5),
    "полтораста": ("unit", 150),
    "сутки": ("unit", 24),
    "половина": ("half", 0),
    "с": ("with", 0),
    "тысяча": ("scale", 10**3),
    "миллион": ("scale", 10**6),
    "миллиард": ("scale", 10**9),
    "триллион": ("scale", 10**12),
}
_WORD_TOKEN = re.compile(r"[^\W\d_]+", re.I)


def _en_word(word: str) -> tuple[str, int | float] | None:
    return _EN_WORDS.get(word.lower())


@cache
def _ru_word(word: str) -> tuple[str, int | float] | None:
    from tqa.glossary.lookup import lemma

    if not re.match(r"[а-яё]", word, re.I):
        return None
    return _RU_WORDS.get(lemma(word))


def _word_numbers(text: str, classify) -> list[Number]:
    """Runs of number words, combined: `twenty-five`, `three hundred and five`,
    `two and a half million`, `a dozen`, `двух с половиной миллионов`. An
    article (`a million`) only starts a run; `and` joins only before a half or
    after `hundred` and scale words."""
    tokens = [(m, classify(m.group())) for m in _WORD_TOKEN.finditer(text)]
    numbers: list[Number] = []

    def joined(index: int) -> bool:
        return index < len(tokens) and bool(
            re.fullmatch(r"[ \t\u00a0\-‐‑]*", text[tokens[index - 1][0].end() : tokens[index][0].start()])
        )

    def kind(index: int) -> str | None:
        return tokens[index][1][0] if index < len(tokens) and tokens[index][1] else None

    index = 0
    while index < len(tokens):
        first = kind(index)
        if (
            first is None
            or first in ("and", "with", "half")
            or (first == "article" and not (joined(index + 1) and kind(index + 1) in ("hundred", "times", "scale")))
        ):
            index += 1
            continue
        total, current, ceiling = Decimal(0), Decimal(0), None
        begin, last = index, index
        position = index
        while True:
            what, value = tokens[position][1]
            if what == "unit":
                if ceiling is not None and value >= ceiling:
                    break
                current += Decimal(str(value))
                ceiling = value
            elif what == "ordinal":
                if ceiling is not None and value >= ceiling:
                    break
                current += Decimal(str(value))
                last = position
                break
            elif what in ("hundred", "times"):
                current = (current or 1) * value
                ceiling = value
            elif what == "scale":
                total += (current or 1) * value
                current, ceiling = Decimal(0), value
            last = position
            step = position + 1
            if not joined(step):
                break
            following = kind(step)
            if following in ("unit", "ordinal", "hundred", "times", "scale"):
                position = step
                continue
            if following in ("and", "with") and joined(step + 1):
                half = step + 1 + (kind(step + 1) == "article" and joined(step + 2))
                if kind(half) == "half" and joined(half):
                    current += Decimal("0.5")
                    last = half
                    if joined(half + 1) and kind(half + 1) == "scale":
                        position = half + 1
                        continue
                    break
                if following == "and" and what in ("hundred", "times", "scale") and kind(step + 1) == "unit":
                    position = step + 1
                    continue
            break
        total += current
        start, end = tokens[begin][0].start(), tokens[last][0].end()
        if total:
            numbers.append(Number(total, start, end, text[start:end], False))
        index = max(last + 1, index + 1)
    return numbers
