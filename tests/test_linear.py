"""Nothing grows faster than the text: work is counted, not timed.

A generated one-paragraph text and a many-paragraph text, each at 0.5 MB and
5 MB, go through every rule, the snapshot a run keeps, positions, JSON and
SARIF output. Work is the number of function calls (Python and built-in, from
cProfile) plus the characters the text's own string methods look at; ten
times the text may cost at most 13 times the work.
"""

from __future__ import annotations

import cProfile
import io
import itertools
import pstats

import pytest

from conftest import SEED
from tqa.pipeline.check import check_document
from tqa.pipeline.run import FileResult, Input
from tqa.report import ReportOptions, emitters
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.snapshot import TextSnapshot
from tqa.text.textio import Source

SMALL = 500_000
LARGE = 5_000_000
MAX_GROWTH = 1.3 * LARGE / SMALL


class MeteredText(str):
    """A str that counts the characters its search and slice methods examine."""

    examined = 0

    def _count(self, start: int | None, end: int | None) -> None:
        start, end, _step = slice(start, end).indices(len(self))
        MeteredText.examined += max(0, end - start)

    def find(self, sub, start=None, end=None):
        found = super().find(sub, start, end)
        self._count(start, found + len(sub) if found >= 0 else end)
        return found

    def rfind(self, sub, start=None, end=None):
        found = super().rfind(sub, start, end)
        self._count(found if found >= 0 else start, end)
        return found

    def index(self, sub, start=None, end=None):
        return self._found(self.find(sub, start, end))

    def rindex(self, sub, start=None, end=None):
        return self._found(self.rfind(sub, start, end))

    @staticmethod
    def _found(offset: int) -> int:
        if offset < 0:
            raise ValueError("substring not found")
        return offset

    def count(self, sub, start=None, end=None):
        self._count(start, end)
        return super().count(sub, start, end)

    def __getitem__(self, key):
        piece = super().__getitem__(key)
        MeteredText.examined += len(piece)
        return piece


def _sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def generated(size: int, separator: str) -> str:
    """About `size` characters of real sentences, joined by `separator`."""
    parts, total = [], 0
    for sentence in itertools.cycle(_sentences()):
        if total >= size:
            break
        parts.append(sentence)
        total += len(sentence) + len(separator)
    return separator.join(parts) + "\n"


def work(text: str) -> int:
    """Calls made and characters examined checking `text` and reporting its findings."""
    MeteredText.examined = 0
    metered = MeteredText(text)
    profile = cProfile.Profile()
    profile.enable()
    findings = check_document(Document("big.txt", metered), ALL_RULES)
    result = FileResult(Input("big.txt", "big.txt"), Source(""), findings, language="en")
    result.snapshot = TextSnapshot(metered, findings)
    for output_format in ("json", "sarif"):
        emitters()[output_format]([result], io.StringIO(), ReportOptions())
    profile.disable()
    calls = sum(stat[1] for stat in pstats.Stats(profile).stats.values())
    assert findings, "the generated text must give the report something to place"
    return calls + MeteredText.examined


@pytest.mark.parametrize("separator", [" ", "\n\n"], ids=["one-paragraph", "many-paragraphs"])
def test_work_grows_linearly(separator):
    small, large = work(generated(SMALL, separator)), work(generated(LARGE, separator))
    assert large <= MAX_GROWTH * small, f"10x the text cost {large / small:.1f}x the work"
