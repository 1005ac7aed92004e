"""Name rules that need no glossary: the same person spelled two ways."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from tqa.document import Document
from tqa.i18n import _
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules.terms import glossary_matches

_NAME = re.compile(r"\b[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b")
# Transliteration choices that make one Russian name come out several ways.
_SKELETON_STEPS = (
    (re.compile(r"^ye"), "e"),
    (re.compile(r"^yo"), "io"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
    (re.compile(r"iy\b|yi\b|yy\b|ij\b"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"j"), "i"),
    (re.compile(r"(.)\1"), r"\1"),
)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Ermakov and Yermakov, Alexei and Aleksey, Zelensky and Zelenskyy share one."""
    key = name.lower()
    for pattern, replacement in _SKELETON_STEPS:
        key = pattern.sub(replacement, key)
    return key


def name_groups(doc: Document) -> dict[str, list[re.Match]]:
    """Capitalised words grouped by transliteration skeleton (computed once per document)."""
    cached = doc.cache.get("names")
    if cached is None:
        cached = {}
        for match in _NAME.finditer(doc.text):
            cached.setdefault(skeleton(match.group()), []).append(match)
        doc.cache["names"] = cached
    return cached


def spellings_by_skeleton(doc: Document) -> dict[str, dict[str, int]]:
    """{skeleton: {spelling: offset of its first use}} for names with variants elsewhere possible."""
    return {key: {m.group(): m.start() for m in reversed(matches)} for key, matches in name_groups(doc).items()}


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
    glossary_spans = {(m.start, m.end) for m in glossary_matches(doc) if m.entry.kind == "person"}
    canonical = {word for m in glossary_matches(doc) for word in m.entry.en.split()}
    for matches in name_groups(doc).values():
        spellings = Counter(m.group() for m in matches)
        if len(spellings) < 2:
            continue
        ranked = sorted(
            spellings,
            key=lambda s: (-(s in canonical), -spellings[s], matches[[m.group() for m in matches].index(s)].start()),
        )
        preferred = ranked[0]
        for match in matches:
            found = match.group()
            if found == preferred or not _differs_by_transliteration(found, preferred):
                continue
            if any(start <= match.start() and match.end() <= end for start, end in glossary_spans):
                continue
            if doc.is_protected(match.start(), match.end()):
                continue
            yield Violation(
                match.start(),
                match.end(),
                _("`{found}` is spelled `{preferred}` elsewhere in this document").format(
                    found=found, preferred=preferred
                ),
                Fix(
                    _("Replace with `{replacement}`").format(replacement=preferred),
                    (Edit(match.start(), match.end(), preferred),),
                    Applicability.UNSAFE,
                ),
            )


def across_files(spellings: list[dict[str, dict[str, int]]]) -> list[list[tuple[int, str, str]]]:
    """For each file, (offset, found, preferred) where a file spells a name the way
    other files of the run do not. Spellings that disagree inside one file are
    left to the per-document rule."""
    files_using: dict[str, Counter] = {}
    for per_file in spellings:
        for key, used in per_file.items():
            if len(used) == 1:
                files_using.setdefault(key, Counter()).update(used.keys())
    reports: list[list[tuple[int, str, str]]] = [[] for _ in spellings]
    for key, counts in files_using.items():
        if len(counts) < 2:
            continue
        preferred = sorted(counts, key=lambda s: (-counts[s], s))[0]
        for index, per_file in enumerate(spellings):
            used = per_file.get(key, {})
            if len(used) != 1:
                continue
            [(found, offset)] = used.items()
            if found != preferred and _differs_by_transliteration(found, preferred):
                reports[index].append((offset, found, preferred))
    return reports
