"""Script rules: Cyrillic look-alike letters inside Latin words, leftover Cyrillic text."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import excerpt
from tqa.text import langid
from tqa.text.document import Document

# Cyrillic letters that look like Latin ones, and the Latin letter they imitate.
HOMOGLYPHS = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
}  # fmt: skip
_CYRILLIC = "\u0400-\u04ff\u0500-\u052f"
_ANY_CYRILLIC = re.compile(f"[{_CYRILLIC}]")
_CYRILLIC_LETTERS = re.compile(f"[{_CYRILLIC}]+")
# Tried only where a word starts: from inside a long word the lookaheads would
# scan to its end again and again.
_MIXED_WORD = re.compile(
    rf"(?<![\w{_CYRILLIC}])(?=[\w{_CYRILLIC}]*[A-Za-z])(?=[\w{_CYRILLIC}]*[{_CYRILLIC}])[\w{_CYRILLIC}]+"
)
MIN_LANGUAGE_PROBABILITY = 0.9
_CYRILLIC_RUN = re.compile(rf"[{_CYRILLIC}]+(?:[\s\d.,:;!?«»„“”\"'()\-–—]+[{_CYRILLIC}]+)*")


def cyrillic_homoglyph(doc: Document) -> Iterator[Violation]:
    """Cyrillic look-alike letters inside a Latin word.

    What it does:
        Finds words that mix Latin letters with Cyrillic ones that look the
        same (`NАТО` with a Cyrillic `А`), when every Cyrillic letter has a
        Latin twin.

    Why is this bad?
        The word looks right but is not: search, spell-checkers, screen
        readers and glossary checks all miss it.

    Example:
        Bad: The NАТО summit opened.
        Bad: The Kremlin said the sаnctions were illegal.
        Good: The NATO summit opened.

    Fix safety:
        Safe: each look-alike letter is replaced by its Latin twin.
    """
    if not doc.has_cyrillic:
        return
    text = doc.text
    checked_up_to = 0
    for run in _CYRILLIC_LETTERS.finditer(text):
        if run.start() < checked_up_to:
            continue
        # The word around these Cyrillic letters: mixed with Latin letters, or not.
        start = run.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        match = _MIXED_WORD.match(text, start)
        checked_up_to = match.end() if match else run.end()
        if match is None or match.end() <= run.start():
            continue
        word = match.group()
        if not all(char in HOMOGLYPHS for char in word if "\u0400" <= char <= "\u052f"):
            continue
        latin = "".join(HOMOGLYPHS.get(char, char) for char in word)
        yield Violation(
            start,
            start + len(word),
            _("Cyrillic letters disguised in the Latin word `{found}`").format(found=word),
            Fix(
                _("Replace with Latin letters: `{fixed}`").format(fixed=latin),
                (Edit(start, start + len(word), latin),),
                Applicability.SAFE,
            ),
        )


def leftover_cyrillic(doc: Document) -> Iterator[Violation]:
    """Cyrillic text left in the English translation.

    What it does:
        Finds runs of Cyrillic words in English text, other than Latin words
        with disguised Cyrillic letters (reported as `cyrillic-homoglyph`).

    Why is this bad?
        An untranslated word or passage, an editor's tag (`прим. ред.`) or a
        name left in Russian is a translation gap the reader cannot cross.

    Example:
        Bad: The ministry called it провокация.
        Bad: (response. — прим. ред.)
        Good: The ministry called it a provocation.

    Fix safety:
        No fix: the passage needs translating.
    """
    if not doc.has_cyrillic:
        return
    for number, text in enumerate(doc.prose_texts):
        if not _ANY_CYRILLIC.search(text):
            continue
        paragraph = doc.prose[number]
        if langid.suspicious(paragraph.text) and langid.detect(paragraph.text)[0] not in ("en", "unknown"):
            continue  # untranslated-paragraph reports the whole paragraph
        mixed = [m.span() for m in _MIXED_WORD.finditer(paragraph.text)]
        for match in _CYRILLIC_RUN.finditer(paragraph.text):
            if _inside(mixed, match.start()) and not any(
                char not in HOMOGLYPHS for char in match.group() if "\u0400" <= char <= "\u052f"
            ):
                continue
            start = paragraph.start + match.start()
            yield Violation(
                start,
                start + len(match.group()),
                _("Untranslated Cyrillic text: `{found}`").format(
                    found=excerpt(doc.text, start, start + len(match.group()))
                ),
            )


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` lies in one of `spans` (sorted, not overlapping): by
    bisection, as a paragraph of homoglyph soup has thousands of both."""
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def untranslated_paragraph(doc: Document) -> Iterator[Violation]:
    """Paragraph not in English.

    What it does:
        Finds paragraphs left in Russian or written in another language. A
        cheap check (mostly Cyrillic letters, or hardly any English function
        words) picks suspicious paragraphs of at least 40 letters; langdetect,
        seeded for repeatable results, names the language.

    Why is this bad?
        An untranslated paragraph in an English article is a gap the reader
        cannot cross; in MT output it often means the engine passed a
        segment through.

    Example:
        Bad: Министр иностранных дел России Сергей Лавров заявил, что Москва готова к диалогу с НАТО.
        Bad: Der Außenminister erklärte, dass Moskau zu einem Dialog mit der NATO bereit sei.
        Good: Russian Foreign Minister Sergei Lavrov said Moscow was ready for dialogue with NATO.

    Fix safety:
        No fix: the paragraph needs translating.
    """
    for number in langid.suspicious_texts(doc.prose_texts, doc.has_cyrillic):
        paragraph = doc.prose[number]
        language, probability = langid.detect(paragraph.text)
        if language in ("en", "unknown") or probability < MIN_LANGUAGE_PROBABILITY:
            continue
        start = paragraph.start + len(paragraph.text) - len(paragraph.text.lstrip())
        yield Violation(
            start,
            paragraph.start + len(paragraph.text.rstrip()),
            _("Paragraph not in English (detected: {language}, {probability:.0%}): `{found}`").format(
                language=language, probability=probability, found=excerpt(doc.text, start, paragraph.end)
            ),
        )
