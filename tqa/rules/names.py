"""Name rules that need no glossary: the same person spelled two ways."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules.terms import glossary_matches
from tqa.text.document import Document

_NAME = re.compile(r"[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b")  # no leading \b: the engine then skips ahead fast
_VOWEL_Y_VOWEL = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
_DOUBLED = re.compile(r"(.)\1")
# Transliteration choices that make one Russian name come out several ways.
_DIGRAPHS = (("yu", "iu"), ("ya", "ia"), ("kh", "h"), ("ks", "x"))
_ENDINGS = ("iy", "yi", "yy", "ij")


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Ermakov and Yermakov, Alexei and Aleksey, Zelensky and Zelenskyy share one."""
    key = name.lower()
    if key.startswith("ye"):
        key = key[1:]
    elif key.startswith("yo"):
        key = "i" + key[1:]
    for pair in _DIGRAPHS:
        key = key.replace(*pair)
    key = _VOWEL_Y_VOWEL.sub("i", key)
    if key.endswith(_ENDINGS):
        key = key[:-2] + "i"
    return _DOUBLED.sub(r"\1", key.replace("y", "i").replace("j", "i"))


def _names(doc: Document) -> tuple[tuple[str, ...], dict[str, dict[str, int]]]:
    """Capitalised words: (the names spelled one way, {skeleton: {spelling:
    count}} for those spelled more ways), computed once per document."""
    cached = doc.cache.get("names")
    if cached is None:
        found = _NAME.findall(doc.text)
        words = dict.fromkeys(found)
        keys = list(map(skeleton, words))
        single = dict(zip(keys, words, strict=True))
        groups: dict[str, dict[str, int]] = {}
        if len(single) < len(keys):  # two spellings share a skeleton somewhere
            counts = Counter(found)
            for key, word in zip(keys, words, strict=True):
                groups.setdefault(key, {})[word] = counts[word]
            groups = {key: spellings for key, spellings in groups.items() if len(spellings) > 1}
            for key in groups:
                del single[key]
        cached = doc.cache["names"] = (tuple(single.values()), groups)
    return cached


def name_groups(doc: Document) -> dict[str, dict[str, int]]:
    """The names of a document spelled in more than one way, by skeleton."""
    return _names(doc)[1]


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Offsets of `word` as a whole word."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            yield start
        start = text.find(word, start + 1)


def single_spellings(doc: Document) -> str:
    """The names spelled one way in this document, one a line: one string is
    far cheaper than hundreds to send from a worker process."""
    return "\n".join(_names(doc)[0])


def first_occurrence(text: str, word: str) -> int | None:
    return next(_occurrences(text, word), None)


def _differs_by_transliteration(a: str, b: str) -> bool:
    """True when two spellings differ in more than case or an English ending."""
    return a.lower() != b.lower() and not (a.lower().rstrip("s") == b.lower().rstrip("s"))


def inconsistent_transliteration(doc: Document) -> Iterator[Violation]:
    """The same name spelled two ways in one document.

    What it does:
        Groups capitalised words that are transliteration variants of one
        Russian name (e/ye, i/y, ii/iy/y, ks/x, kh/h, yu/iu, ya/ia, final
        -y/-i, doubled letters) and reports the spellings that differ from
        the one used most, or from the glossary's canonical spelling.

    Why is this bad?
        `Sergei Ermakov` … `Yermakov stressed` reads as two people; MT and
        copy-editing from several sources produce such pairs.

    Example:
        Bad: Ivan Petrovskiy explained it. Later Petrovsky stressed it again, and Petrovsky left.
        Good: Ivan Petrovsky explained it. Later Petrovsky stressed it again.

    Fix safety:
        Unsafe: the minority spelling is replaced by the majority (or the
        glossary's) spelling; check it is the same person.
    """
    glossary_spans = sorted({(m.start, m.end) for m in glossary_matches(doc) if m.entry.kind == "person"})
    span_starts = [span_start for span_start, _end in glossary_spans]
    longest = max((end - span_start for span_start, end in glossary_spans), default=0)
    canonical = {word for m in glossary_matches(doc) for word in m.entry.en.split()}
    for spellings in name_groups(doc).values():
        if len(spellings) < 2:
            continue
        first_use = {word: next(_occurrences(doc.text, word), 0) for word in spellings}
        preferred = sorted(spellings, key=lambda s: (-(s in canonical), -spellings[s], first_use[s]))[0]
        for found in sorted(spellings, key=first_use.get):
            if found == preferred or not _differs_by_transliteration(found, preferred):
                continue
            for start in _occurrences(doc.text, found):
                end = start + len(found)
                # the glossary spans that may hold this one, found by bisection: linear in the text
                first = bisect.bisect_left(span_starts, start - longest)
                last = bisect.bisect_right(span_starts, start)
                if any(end <= glossary_spans[i][1] for i in range(first, last)) or doc.is_protected(start, end):
                    continue
                yield Violation(
                    start,
                    end,
                    _("`{found}` is spelled `{preferred}` elsewhere in this document").format(
                        found=found, preferred=preferred
                    ),
                    Fix(
                        _("Replace with `{replacement}`").format(replacement=preferred),
                        (Edit(start, end, preferred),),
                        Applicability.UNSAFE,
                    ),
                )


class NameIndex:
    """Which files of a run spell each name which way, gathered file by file.

    Each file's names are kept as one tuple of interned strings (a name that
    recurs in thousands of files is held once); the spellings are grouped by
    skeleton only at the end, so adding a file costs no per-name Python work."""

    def __init__(self) -> None:
        self._files: list[tuple[str, ...]] = []
        self._interned: dict[str, str] = {}

    def add(self, spellings: str) -> None:
        """The next file's names (one a line, as `single_spellings` gives them);
        files are numbered in the order they are added."""
        names = spellings.split("\n") if spellings else ()
        self._files.append(tuple(map(self._interned.setdefault, names, names)))

    def reports(self, context_from: int | None = None) -> dict[int, list[tuple[str, str]]]:
        """For each file, (found, preferred) where it spells a name the way most
        files of the run do not. Spellings that disagree inside one file are
        left to the per-document rule. Files from `context_from` on are context
        (not reported on): in a tie their spelling wins, so the checked file hears of it."""
        by_skeleton: dict[str, dict[str, int]] = {}
        for spelling, files in Counter(itertools.chain.from_iterable(self._files)).items():
            by_skeleton.setdefault(skeleton(spelling), {})[spelling] = files
        in_context = Counter(
            itertools.chain.from_iterable(self._files[len(self._files) if context_from is None else context_from :])
        )
        minority: dict[str, str] = {}
        for counts in by_skeleton.values():
            if len(counts) < 2:
                continue
            preferred = sorted(counts, key=lambda s: (-counts[s], -in_context[s], s))[0]
            minority.update(
                (spelling, preferred)
                for spelling in counts
                if spelling != preferred and _differs_by_transliteration(spelling, preferred)
            )
        found: dict[int, list[tuple[str, str]]] = {}
        for index, spellings in enumerate(self._files):
            hits = minority.keys() & set(spellings) if minority else ()
            if hits:
                found[index] = [(spelling, minority[spelling]) for spelling in sorted(hits)]
        return found
