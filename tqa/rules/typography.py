"""Typography rules: hyphens used as dashes, spaced slashes, case after a semicolon or a full stop."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import excerpt, matches_from, pair_positions
from tqa.text.document import Document

# A spaced hyphen between words: `unchanging - we`. Not after a full stop (an
# insertion tag, `. - RT`), not between digits (a range), not a list marker.
# The plain pattern's opening characters, the pattern, and the one with no-break spaces.
_HYPHEN_DASHES = ((" ", "-"), re.compile(r" --? "), re.compile(r"\u00a0--?[ \u00a0]|[ \u00a0]--?\u00a0"))
# A figure after the dash is a dash too when a word comes before it (`the date - 87 years`);
# between figures it is a range (`10 - 12`).
_AFTER_DASH_OR_FIGURE = lazy(r"[^\W_]|[“\"‘(\[$€£]")
_BEFORE_DASH_OR_FIGURE = lazy(r"[^\W_]|[”\"’)\]]")
# `," - said`: the end of a quotation (what russian-dash-attribution reports) before the dash.
_ATTRIBUTION_END, _ATTRIBUTION_MARKS = ",!?…", '"”»'
_YEAR_BEFORE = lazy(r"(?<!\d)(?:19|20)\d\d$")
_YEAR_AFTER = lazy(r"(?:19|20)\d\d(?!\d)")
# A capitalised word on each side (`Kaliningrad - Moscow`, `"Zenit" - "Khimki"`): a link
# or a range between names, which English closes up with an en dash or a hyphen.
_NAME_BEFORE = lazy(r"(?m)(?:^|[\s(])[\"“]?[A-Z][\w'’.-]*[\"”]?$")
_NAME_AFTER = lazy(r"[\"“]?[A-Z][^\W\d_]")
# The dashes a document may already use between words, each as its own fix writes it
# (a typed `--` is an em dash): the dash, the literal in it, and a pattern of the dash
# between letters that opens with the literal, which the regex engine jumps to (a
# look-behind first is tried at every position). Two of its matches cannot overlap:
# their number is the number of such dashes.
_DOCUMENT_DASHES = (
    (" — ", "—", lazy(r"—(?<=[^\W\d_] —)(?= [^\W\d_])")),
    (" — ", "--", lazy(r"--(?<=[^\W\d_] --)(?= [^\W\d_])")),
    (" – ", "–", lazy(r"–(?<=[^\W\d_] –)(?= [^\W\d_])")),
    ("—", "—", lazy(r"—(?<=[^\W\d_]—)(?=[^\W\d_])")),
)
# Where the document has no dash of its own, a spaced hyphen keeps its spaces and
# becomes the dash set with spaces: the en dash of British and European house
# styles (the EU Interinstitutional Style Guide) and of translators from Russian.
_SPACED_HYPHEN_DASH = " – "
_SPACED_SLASHES = ((" ", "/"), re.compile(r" / "), re.compile(r"\u00a0/[ \u00a0]|[ \u00a0]/\u00a0"))
_LETTER = re.compile(r"[^\W\d_]")
_CREDIT_LINE = re.compile(r"©|\b(?:Photo|Image|Credit)\b")


def _after_year(text: str, start: int, end: int) -> bool:
    """`in 2022 - 2.5%`: a year, the dash, then a figure that is not another year (`2020 - 2021`)."""
    return bool(_YEAR_BEFORE.search(text, max(0, start - 5), start)) and not _YEAR_AFTER.match(text, end)


_Patterns = tuple[tuple[str, str], re.Pattern, re.Pattern]


def _matches(patterns: _Patterns, text: str) -> list[re.Match]:
    """Matches of the plain pattern, tried only where its two opening characters
    stand (str.find skips to them faster than the regex engine), and of the
    no-break-space one only when the text has one."""
    (first, second), plain, no_break = patterns
    found = list(matches_from(plain, text, pair_positions(text, first, second)))
    if "\u00a0" in text:
        found = sorted(found + list(no_break.finditer(text)), key=lambda m: m.start())
    return found


def _between_words(
    patterns: _Patterns, doc: Document, before: re.Pattern, after: re.Pattern
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
        `clear and unchanging - we are`. Between two names (`Zenit -
        Khimki`, `the Kaliningrad - Moscow flight`) it points to the closed-up
        en dash English writes in a link, or a dash for an aside.

    Why is this bad?
        Russian uses a spaced dash (тире) where English uses a dash too, but
        MT and keyboards put a hyphen there; English typography uses a dash.
        Between names Russian spaces its dash (`Калининград — Москва`);
        English closes the link up (`Kaliningrad–Moscow`).

    Example:
        Bad: NATO's position on Russia is clear and unchanging - we are based on a dual approach.
        Good: NATO's position on Russia is clear and unchanging – we are based on a dual approach.
        Bad: This week is another date - 87 years since the treaty.
        Bad: Inflation will be 4% in 2021 and in 2022 - 2.5-3.5%.
        Bad: The passenger of the Kaliningrad - Moscow flight lit a cigarette.
        Good: The passenger of the Kaliningrad–Moscow flight lit a cigarette.
        Good: The program ran 2020 - 2021.
        Good: The meeting ran from 10 - 12 March.
        Good: A well-known military-political bloc.

    Fix safety:
        Unsafe: the hyphen becomes the dash the document already uses
        between words (a spaced en dash, a spaced or a closed em dash). In a
        document that has none, a spaced hyphen keeps its spaces and becomes
        the dash set with spaces, a spaced en dash (` – `, British and
        European house style); a typed `--` counts as the document's em
        dash (` — `). House styles differ, so the change waits for
        `--unsafe-fixes`.
        Between names the suggestion is display-only: a link or an aside
        (`the Leninists - Putin and others`) is the reader's call, and a
        name of several words (`Union of the Fatherland – Christian
        Democrats`) keeps its spaces or not as the name itself is spelled.
    """
    text = doc.text
    if " -" not in text and "\u00a0-" not in text:
        return
    dash, title = None, ""  # the document's own dash and its fix's title, found at the first finding that needs them
    for start, end, line_start, line_end in _between_words(
        _HYPHEN_DASHES, doc, _BEFORE_DASH_OR_FIGURE, _AFTER_DASH_OR_FIGURE
    ):
        if start >= 2 and text[start - 1] in _ATTRIBUTION_MARKS and text[start - 2] in _ATTRIBUTION_END:
            continue  # `," - said`: russian-dash-attribution reports it
        if text[start - 1].isdigit():
            if not _after_year(text, start, end):
                continue  # a range: `10 - 12`
        elif text[end].isdigit() and not text[start - 1].isalpha():
            continue
        found = excerpt(text, max(start - 15, line_start), min(end + 15, line_end)).strip()
        between_names = _NAME_AFTER.match(text, end) and _NAME_BEFORE.search(text, max(line_start, start - 40), start)
        if between_names and "--" not in text[start:end]:  # `--` is a typed em dash
            yield Violation(
                start + 1,
                end - 1,
                _(
                    "Hyphen between names: `{found}`; a link closes up with an en dash "
                    "(`Kaliningrad–Moscow`), an aside takes a dash"
                ).format(found=found),
                Fix(_("Replace with an en dash: `–`"), (Edit(start, end, "\u2013"),), Applicability.DISPLAY_ONLY),
            )
            continue
        if dash is None:
            dash = _document_dash(text)
            title = _("Replace the hyphen with a dash: `{dash}`").format(dash=dash)
        yield Violation(
            start + 1,
            end - 1,
            _("Hyphen used as a dash: `{found}`").format(found=found),
            Fix(title, (Edit(start, end, dash),), Applicability.UNSAFE),
        )


def _document_dash(text: str) -> str:
    """The dash the text already uses between words most often (the first of
    _DOCUMENT_DASHES where counts tie), else a spaced en dash."""
    counts = {dash: 0 for dash, _literal, _pattern in _DOCUMENT_DASHES}
    for dash, literal, pattern in _DOCUMENT_DASHES:
        if literal in text:
            counts[dash] += len(pattern.findall(text))
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else _SPACED_HYPHEN_DASH


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


# `; The Russian president`: a capitalised article, pronoun or conjunction after a semicolon.
_CAPITAL_AFTER_SEMICOLON = lazy(
    r"; (?P<word>(?:The|A|An|This|That|These|Those|It|He|She|They|We|His|Her|Its|Their|But|And|Or|So|In|On|At|For))\b"
)
# `in December 2019. the Kremlin`: a full stop after a year or a long lowercase word, then lower case.
# The word is a plain one (`write-good`, `n-gram`, `alex:` may be names written in lower case).
_LOWERCASE_AFTER_STOP = lazy(r"(?<![\w.])(?:(?:19|20)\d\d|[a-z]{4,})\. (?P<word>[a-z]+)(?=[ ,])")
# Where it can be: a full stop, a space and a lowercase letter (a literal the regex engine jumps to).
_STOP_THEN_LOWERCASE = lazy(r"\. (?=[a-z])")
_LOWERCASE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_ABBREVIATIONS = frozenset(
    ("approx", "incl", "excl", "govt", "dept", "corp", "univ", "admin", "dist", "prof", "resp", "transl", "comp", "abbr",
     "cont", "publ", "tech", "intl", "natl", "mins", "hrs", "secs", "sept", "vols", "pers", "fema", "masc", "ibid",
     "misc", "figs", "sect", "para", "paras", "chap", "appx", "supp", "assn", "bros")
)  # fmt: skip


def _starts_before_stops(text: str) -> Iterator[int]:
    """Where a match of _LOWERCASE_AFTER_STOP can start: four characters before
    a full stop followed by lower case (a year), and where the run of lowercase
    letters before the stop starts (the look-behind rejects any later start)."""
    for stop in _STOP_THEN_LOWERCASE.finditer(text):
        end = start = stop.start()
        if end >= 4:
            yield end - 4
        while start and text[start - 1] in _LOWERCASE_LETTERS:
            start -= 1
        if start < end:
            yield start


def wrong_case_after_punctuation(doc: Document) -> Iterator[Violation]:
    """Capital letter after a semicolon, or lower case after a full stop.

    What it does:
        Finds an article, pronoun or conjunction capitalised after a semicolon
        (`; The Russian president`) and a lowercase word after a full stop
        that ends a year or a word (`in December 2019. the Kremlin`).

    Why is this bad?
        MT joins and splits Russian sentences without fixing the case: a
        clause after a semicolon goes on in lower case, and after a full stop
        a new sentence starts with a capital (or the stop should be a comma).

    Example:
        Bad: The call was initiated by Ukraine; The Russian president supported it.
        Bad: They met at the summit in December 2019. the Kremlin said.
        Good: The call was initiated by Ukraine; the Russian president supported it.
        Good: It covered 40 sq. meters, approx. the size of a flat; July 28 at 18:30.
        Good: Its rules are plain. write-good accepts a module.

    Fix safety:
        Unsafe after a semicolon: the capital becomes lower case, though the
        semicolon may be what is wrong (a full stop meant; professional
        translations then start a new sentence). No fix after a full stop:
        whether the stop or the case is wrong needs a reader.
    """
    text = doc.text
    if "; " in text:
        for match in _CAPITAL_AFTER_SEMICOLON.finditer(text):
            start, word = match.start("word"), match.group("word")
            yield Violation(
                start,
                match.end("word"),
                _("Capital letter after a semicolon: `{found}`").format(found=match.group()),
                Fix(
                    _("Write `{word}`").format(word=word.lower()),
                    (Edit(start, start + 1, word[0].lower()),),
                    Applicability.UNSAFE,
                ),
            )
    for match in matches_from(_LOWERCASE_AFTER_STOP, text, _starts_before_stops(text)):
        if match.group().partition(".")[0].lower() in _ABBREVIATIONS:
            continue
        yield Violation(
            match.start("word"),
            match.end("word"),
            _("Lower case after a full stop: `{found}`").format(found=match.group()),
        )
