"""A document: the text exactly as read, its paragraphs and offset -> line/column."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar, overload

_BLANK_LINE = re.compile(r"(?:\r?\n|\r)[ \t\f\v\u00a0]*(?=\r?\n|\r|$)")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3", b"\xd4")  # the UTF-8 lead bytes of U+0400-U+053F
_NEWLINES = itertools.repeat("\n")
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines also breaks at these
# The same two for the common text without carriage returns: simpler, faster.
_BLANK_LINE_LF = re.compile(r"\n[ \t\f\v\u00a0]*(?=\n|$)")
_NEWLINE = re.compile(r"\n")
# A line of blanks only: where absent, blank lines are "\n\n" and str.split finds them.
_WHITESPACE_LINE = re.compile(r"\n[ \t\f\v\u00a0]+(?=\n|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"'”»]+")
# An e-mail address: found by its @ and domain, then extended back over the name
# (a pattern that opens with the name makes the engine try every word).
_EMAIL_DOMAIN = re.compile(r"@[\w-]+\.[\w.-]+")
_EMAIL_NAME = re.compile(r"[\w.+-]+$")
# A bare domain: found by its ending, then extended back over the name.
_DOMAIN_END = re.compile(r"\.(?:рф|ru|su|com|org|net|gov|edu|int|ua|by|kz|info|io)\b(?:/[^\s<>()\"'”»]*)?")
_DOMAIN_NAME = re.compile(r"[\w.-]+$")
_MD_PROTECTED = re.compile(
    r"`[^`\n]+`"  # inline code
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link target
    r"|<!--"  # a comment's start: its end is found with str.find (see _markdown_protected)
    r"|<[a-zA-Z/][^<>\n]*>",  # html tag
)
_COMMENT_START, _COMMENT_END = "<!--", "-->"


def line_starts(text: str) -> list[int]:
    """The offset of every line's first character, in one pass: lines end at
    `\\r\\n`, `\\n` or `\\r`."""
    if not any(other in text for other in _OTHER_BREAKS):  # `in` beats a regex class scan by far
        # str.splitlines agrees with \r\n, \n and \r when no other break is in the text.
        starts = [0, *itertools.accumulate(map(len, text.splitlines(keepends=True)))]
        if starts[-1] == len(text) and len(starts) > 1 and not text.endswith(("\n", "\r")):
            starts.pop()
        return starts
    starts = [0]
    starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
    return starts


_T = TypeVar("_T")


class cached_once(Generic[_T]):
    """functools.cached_property without its lock: Python 3.11 takes one at the
    first read of each property, a cost on every document of a run, and a
    Document is read by one thread."""

    def __init__(self, compute: Callable[[Any], _T]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Paragraph(NamedTuple):
    """A block of text between blank lines (or one line in line mode)."""

    index: int
    start: int
    end: int
    text: str
    is_code: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()


# Paragraph((index, start, end, text, is_code)) without the Python frame of its __new__.
_new_paragraph = functools.partial(tuple.__new__, Paragraph)


class Paragraphs(Sequence[Paragraph]):
    """The paragraphs of plain text as two lists, where each starts and its text:
    a Paragraph is made when one is asked for, as most rules read only the few
    their candidates fall in. Iterating makes (and keeps) them all."""

    def __init__(self, starts: list[int], texts: list[str]):
        self.starts, self.texts = starts, texts
        self._all: list[Paragraph] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):
        if self._all is not None:
            return self._all[index]
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self.texts)))]
        text, start = self.texts[index], self.starts[index]
        return _new_paragraph((index if index >= 0 else index + len(self.texts), start, start + len(text), text, False))

    def __iter__(self) -> Iterator[Paragraph]:
        if self._all is None:
            starts, texts = self.starts, self.texts
            ends = map(operator.add, starts, map(len, texts))
            self._all = list(map(_new_paragraph, zip(itertools.count(), starts, ends, texts, itertools.repeat(False))))
        return iter(self._all)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list


@dataclass
class Document:
    """Text as read (BOM removed, line endings kept) plus derived structure.

    `glossary_files` are the user's glossaries layered over the built-in one;
    `source` is the Russian original, when there is one.
    `segmentation` is "blocks" (paragraphs separated by blank lines), "lines"
    (one paragraph a line, for one-segment-per-line files) or "auto" (lines when
    the text has no blank line, blocks otherwise).
    """

    path: str
    text: str
    markdown: bool = False
    segmentation: str = "auto"
    glossary_files: tuple[str, ...] = ()
    source: Document | None = field(default=None, repr=False, compare=False)
    # The romanization preferred where a name is spelled several ways (see tqa.config).
    transliteration: str = "wire"
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_once
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a str offset; columns count characters."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    @cached_once
    def paragraphs(self) -> Sequence[Paragraph]:
        mode = self.segmentation
        plain = "\r" not in self.text
        if mode == "auto":
            mode = "blocks" if (_BLANK_LINE_LF if plain else _BLANK_LINE).search(self.text) else "lines"
        if mode == "blocks":
            separator = _BLANK_LINE_LF if plain else _BLANK_LINE
        else:
            separator = _NEWLINE if plain else _LINE_BREAK
        text = self.text
        if not self.markdown:
            if plain and (mode == "lines" or not _WHITESPACE_LINE.search(text)):
                return _split_paragraphs(text, "\n\n" if mode == "blocks" else "\n")
            return self._plain_paragraphs(separator)
        spans: list[tuple[int, int]] = []
        position = 0
        for match in separator.finditer(text):
            spans.append((position, match.start()))
            position = match.end()
        spans.append((position, len(text)))
        paragraphs: list[Paragraph] = []
        in_fence = False
        for start, end in spans:
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip("\r\n"))
            start += lead
            chunk = chunk[lead:]
            if not chunk.strip():
                continue
            fence = bool(_FENCE.match(chunk))
            is_code = in_fence or fence or chunk.startswith("    ")
            if fence and chunk.count("```") + chunk.count("~~~") == 1:
                in_fence = not in_fence
            paragraphs.append(Paragraph(len(paragraphs), start, end, chunk, is_code))
        return paragraphs

    def _plain_paragraphs(self, separator: re.Pattern) -> list[Paragraph]:
        """Paragraphs of text that is not Markdown: no code blocks to look for."""
        text = self.text
        paragraphs: list[Paragraph] = []
        position = 0
        for match in (*separator.finditer(text), None):
            end = match.start() if match is not None else len(text)
            chunk = text[position:end]
            if chunk[:1] in ("\n", "\r"):
                stripped = chunk.lstrip("\r\n")
                position += len(chunk) - len(stripped)
                chunk = stripped
            if chunk and not chunk.isspace():
                paragraphs.append(Paragraph(len(paragraphs), position, end, chunk))
            if match is not None:
                position = match.end()
        return paragraphs

    @cached_once
    def prose(self) -> Sequence[Paragraph]:
        """Paragraphs rules read: everything but code blocks (all of them, when not Markdown)."""
        return [p for p in self.paragraphs if not p.is_code] if self.markdown else self.paragraphs

    @cached_once
    def prose_starts(self) -> list[int]:
        """Where each prose paragraph starts (without making the paragraphs, where plain)."""
        prose = self.prose
        return prose.starts if isinstance(prose, Paragraphs) else [p.start for p in prose]

    @cached_once
    def prose_texts(self) -> list[str]:
        """The text of each prose paragraph (without making the paragraphs, where plain)."""
        prose = self.prose
        return prose.texts if isinstance(prose, Paragraphs) else [p.text for p in prose]

    @cached_once
    def protected(self) -> list[tuple[int, int]]:
        """Spans no rule may report on: URLs, e-mail addresses, and in Markdown
        inline code, link targets, comments and tags."""
        text = self.text
        # A single-character `in` first: a longer one is slow on text beyond Latin-1.
        spans = [m.span() for m in _URL.finditer(text)] if (("/" in text and "://" in text) or "www." in text) else []
        if "@" in text:
            for match in _EMAIL_DOMAIN.finditer(text):
                name = _EMAIL_NAME.search(text, max(0, match.start() - 64), match.start())
                if name:
                    spans.append((name.start(), match.end()))
        for match in _DOMAIN_END.finditer(text):
            if not match.start() or not (text[match.start() - 1].isalnum() or text[match.start() - 1] in "_-"):
                continue
            name = _DOMAIN_NAME.search(text, max(0, match.start() - 63), match.start())
            spans.append((name.start() if name else match.start(), match.end()))
        if self.markdown:
            spans.extend(_markdown_protected(text))
            spans.extend((p.start, p.end) for p in self.paragraphs if p.is_code)
        return sorted(spans)

    def is_protected(self, start: int, end: int) -> bool:
        if not self.protected:
            return False
        index = bisect.bisect_right(self.protected, (max(end, start + 1), -1))
        return index > 0 and self._protected_reach[index - 1] > start

    @cached_once
    def _protected_reach(self) -> list[int]:
        """For each protected span, the furthest end among it and those before."""
        reach, furthest = [], -1
        for _, end in self.protected:
            furthest = max(furthest, end)
            reach.append(furthest)
        return reach

    @cached_once
    def newline(self) -> str:
        match = _LINE_BREAK.search(self.text)
        return match.group() if match else "\n"

    @cached_once
    def word_count(self) -> int:
        return len(re.findall(r"\w+", self.text))

    @cached_once
    def aligned(self) -> list[tuple[Paragraph, Paragraph]]:
        """(target, source) paragraph pairs; empty without a source or when the
        counts differ (the engine reports that before any rule runs)."""
        if self.source is None or len(self.prose) != len(self.source.prose):
            return []
        return list(zip(self.prose, self.source.prose, strict=True))

    @cached_once
    def utf8(self) -> bytes | None:
        """The text's UTF-8, encoded once for whatever reads bytes (the trigger
        scan, `has_cyrillic`); None where the text keeps undecodable bytes as
        lone surrogates, which are not UTF-8."""
        try:
            return self.text.encode("utf-8")
        except UnicodeEncodeError:
            return None

    @cached_once
    def has_cyrillic(self) -> bool:
        """Whether the text has a letter of the Cyrillic blocks (U+0400-U+052F).
        Their UTF-8 opens with a byte D0-D4, which `in` finds far faster than
        the regex scans for them; most non-ASCII texts (curly quotes, dashes)
        have none, and only a text with one is searched."""
        text = self.text
        if text.isascii():  # O(1)
            return False
        data = self.utf8
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        if not any(lead in data for lead in _CYRILLIC_LEADS):
            return False
        return bool(_CYRILLIC.search(text))


def _split_paragraphs(text: str, separator: str) -> Paragraphs:
    """Paragraphs of plain text without carriage returns or lines of blanks,
    between `separator`s ("\\n\\n" for blocks, "\\n" for lines): what the
    separator patterns find, by str.split, far faster. Newlines left over
    from a run of three or more open a chunk; a newline ends the text."""
    chunks = text.split(separator)
    if chunks[-1].endswith("\n"):
        chunks[-1] = chunks[-1][:-1]
    step = len(separator)
    starts = list(itertools.accumulate(map(step.__add__, map(len, chunks)), initial=0))
    # With no empty chunk, a run of more newlines than the separator shows as a
    # chunk opening with a newline: found among the chunks, not by a slow scan of the text.
    if "" not in chunks and not any(map(str.startswith, chunks, _NEWLINES)) and not any(map(str.isspace, chunks)):
        starts.pop()
        return Paragraphs(starts, chunks)  # every chunk a paragraph as it stands
    kept_starts, kept = [], []
    for start, chunk in zip(starts, chunks):
        if chunk[:1] == "\n":
            chunk = chunk[1:]
            start += 1
        if chunk and not chunk.isspace():
            kept_starts.append(start)
            kept.append(chunk)
    return Paragraphs(kept_starts, kept)


def _markdown_protected(text: str) -> Iterator[tuple[int, int]]:
    """Spans of inline code, link targets, comments and tags, in one scan.
    A comment opened and never closed protects nothing; once no `-->` is left,
    no later comment is searched for (so thousands of unclosed `<!--` stay linear)."""
    position, closings_left = 0, True
    while (match := _MD_PROTECTED.search(text, position)) is not None:
        if match.group() != _COMMENT_START:
            yield match.span()
            position = match.end()
            continue
        end = text.find(_COMMENT_END, match.end()) if closings_left else -1
        if end < 0:
            closings_left = False
            position = match.start() + 1
            continue
        yield match.start(), end + len(_COMMENT_END)
        position = end + len(_COMMENT_END)
