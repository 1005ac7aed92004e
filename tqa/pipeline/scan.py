"""Scan once, verify locally: one pass over a document tells which rules have
anything to look at in it.

A rule may declare trigger patterns (`Rule.triggers`): regular expressions of
which one matches wherever the rule can report (the `; [A-Z]` of a capital
after a semicolon, the opening words of a Russian news formula). Where none of
a rule's triggers matches, the rule does no work at all on that document.
Rules that declare none always run.

Engines: hyperscan, when its wheel is installed, puts the triggers of every
selected rule in one database and reads each document's UTF-8 text once,
each trigger reported at most once; the database is compiled once and kept in
the cache folder. Without it ("python"), every rule runs and its own gates
decide: Python's `re` searching the triggers one rule at a time costs more
than it saves (the openers' alternation alone costs what the rule does).
Findings are the same with either engine: a trigger is a necessary
condition, and tests run both engines over the corpora.

Trigger syntax is what both engines read alike: literals, character classes
and ranges, alternation, `(?:...)` groups, bounded repeats and `\\d` (any
Unicode decimal digit in both: hyperscan runs with its Unicode property flag).
No look-around, `\\s`, `\\w` or `\\b` (their Unicode sets differ); write the
characters out instead (`SPACES` is Python's `\\s`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tqa.model import Rule
from tqa.resources import keep_newest, user_cache_dir, write_cache_file
from tqa.text.document import Document

# Python's `\s` on text, written out for triggers: every character str.isspace() accepts.
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SCAN_CACHE_PREFIX = "scan-"
KEPT_DATABASES = 8
KEPT_ANSWERS = 4096  # distinct sets of triggers found, each with its answer (see _Hyperscan.quiet)
ENGINES = ("hyperscan", "python")
# The engine in use; None picks hyperscan when it imports (tests set it to compare engines).
engine: str | None = None


class Scanner:
    """The triggers of a set of rules, compiled for one engine."""

    def __init__(self, rules: Sequence[Rule], engine_name: str):
        self.triggers = {rule.code: rule.triggers for rule in rules if rule.triggers}
        self.engine_name = engine_name
        self._hyperscan = _Hyperscan(self.triggers) if engine_name == "hyperscan" and self.triggers else None

    def quiet(self, text: str | Document) -> frozenset[str]:
        """Codes of the rules whose triggers match nowhere in `text`: they need not run.
        Given a document, the scan reads the UTF-8 it keeps (`Document.utf8`)."""
        if self._hyperscan is None:
            return _NONE
        if isinstance(text, Document):
            return self._hyperscan.quiet(text.utf8)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = None
        return self._hyperscan.quiet(data)


_NONE: frozenset[str] = frozenset()


def chosen_engine() -> str:
    if engine is not None:
        return engine
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return "python"
    return "hyperscan"


_scanners: dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], Scanner] = {}


def scanner_for(rules: Sequence[Rule]) -> Scanner:
    """The scanner of these rules, compiled once per process (per engine)."""
    name = chosen_engine()
    key = (name, tuple((rule.code, rule.triggers) for rule in rules if rule.triggers))
    scanner = _scanners.get(key)
    if scanner is None:
        scanner = _scanners[key] = Scanner(rules, name)
    return scanner


class _Hyperscan:
    """hyperscan: every trigger in one database, one pass over the UTF-8 text."""

    def __init__(self, triggers: dict[str, tuple[str, ...]]):
        import hyperscan

        self.codes = list(triggers)
        self.all = frozenset(self.codes)
        expressions, ids = [], []
        for index, patterns in enumerate(triggers.values()):
            for pattern in patterns:
                expressions.append(pattern.encode("utf-8"))
                ids.append(index)
        flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_SINGLEMATCH
        self.database = _database(hyperscan, expressions, ids, flags)
        self._found: set[int] = set()
        # The answer for each set of triggers found, made once: documents share a few
        # (and a caller may key its own work by the answer, the same object each time).
        self._answers: dict[frozenset[int], frozenset[str]] = {}

    def _on_match(self, index: int, _start: int, _end: int, _flags: int, _context: object) -> None:
        self._found.add(index)

    def quiet(self, data: bytes | None) -> frozenset[str]:
        if data is None:  # undecodable bytes kept as lone surrogates: not UTF-8 for hyperscan
            return _NONE
        found = self._found
        found.clear()
        self.database.scan(data, match_event_handler=self._on_match)
        if len(found) == len(self.codes):
            return _NONE
        key = frozenset(found)
        answer = self._answers.get(key)
        if answer is None:
            if len(self._answers) >= KEPT_ANSWERS:
                self._answers.clear()
            answer = self._answers[key] = self.all.difference(self.codes[index] for index in found)
        return answer


def _database(hyperscan, expressions: list[bytes], ids: list[int], flags: int):
    """The compiled database, from the cache folder when a run compiled it before."""
    digest = hashlib.sha256(f"{hyperscan.__version__}\0{flags}\0{ids}".encode())
    for expression in expressions:
        digest.update(expression + b"\0")
    folder = user_cache_dir()
    path = folder / f"{SCAN_CACHE_PREFIX}{digest.hexdigest()[:16]}.hsdb"
    try:
        database = hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)
        return database
    except (OSError, hyperscan.HyperscanError):
        pass  # not compiled yet, or unreadable: compiled afresh
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=[flags] * len(expressions))
    if write_cache_file(path, hyperscan.dumpb(database)):
        keep_newest(folder, f"{SCAN_CACHE_PREFIX}*.hsdb", KEPT_DATABASES)  # each selection of rules makes another
    return database
