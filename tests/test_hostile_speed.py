"""Time linear in the size of hostile text.

Each case is run at a size n and at 8n: linear work grows about 8 times,
quadratic work 64 times. The bound (24 times, plus a small allowance for fixed
costs) is generous, and CPU time of this process, the best of three runs, is
what is compared, so a busy machine does not make the test fail; a quadratic
step at these sizes takes seconds and does. No test asserts a duration.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest

from tqa.model import Applicability, Edit, Finding, Fix, Severity
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.fix import choose_fixes
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.linediff import unified_diff

GROWTH = 8
BOUND = 24
ALLOWANCE = 0.05  # seconds of CPU: interpreter noise on tiny inputs


@pytest.fixture(autouse=True, scope="module")
def _warm():
    """Load the glossary and language profiles once, outside any measurement."""
    check_document(Document("x", "Министр иностранных дел России заявил, что переговоры продолжатся."), ALL_RULES)


def _cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _attempt in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _assert_linear(make: Callable[[int], Callable[[], object]], size: int) -> None:
    small, large = make(size), make(size * GROWTH)
    small()  # warm caches (glossary, compiled patterns) outside the measurement
    small_time, large_time = _cpu(small), _cpu(large)
    assert large_time <= BOUND * small_time + ALLOWANCE, (small_time, large_time)


def _check(text: str, markdown: bool = False) -> Callable[[], object]:
    return lambda: check_document(Document("x", text, markdown), ALL_RULES)


def _fix(text: str, markdown: bool = False) -> Callable[[], object]:
    return lambda: fix_text(text, "x", ALL_RULES, FixSettings(unsafe=True, markdown=markdown))


def _soup(alphabet: str, count: int) -> str:
    generator = random.Random(count)
    return "".join(generator.choice(alphabet) for _ in range(count))


def _words(count: int) -> str:
    generator = random.Random(count)
    return " ".join(
        generator.choice(("the", "minister", "said", "Russia", "NATO", "talks", "would")) for _ in range(count)
    )


HOSTILE: dict[str, tuple[Callable[[int], Callable[[], object]], int]] = {
    "quote marks in one paragraph": (lambda n: _check("He said " + '"' * n + " done."), 12_500),
    "curly quote marks in one paragraph": (lambda n: _check("He said " + "“a” " * n + " done."), 3_000),
    "long Latin word next to a Cyrillic letter": (lambda n: _check("x" * n + " д"), 5_000),
    "opening bracket then words": (lambda n: _fix("He said (" + _words(n // 5)), 2_000),
    "blank lines": (lambda n: _fix("First paragraph.\n" + "\n" * n + "Second paragraph.\n"), 2_000),
    "blank lines with spaces": (lambda n: _fix("First paragraph\n" + " \n" * n + "and the second.\n"), 2_000),
    "lower-case paragraphs": (lambda n: _fix("The talks were held in\n\n" + "and\n\n" * n + "ended.\n"), 500),
    "homoglyph soup": (
        lambda n: _check(_soup("аеорсхуАВЕКМНОРСТХaeopcxyABEKMHOPCTX ", n)),
        20_000,
    ),
    "words with homoglyphs": (
        lambda n: _check(" ".join(("NАТО", "Моscow", "Lаvrov", "д")[i % 4] for i in range(n // 6))),
        20_000,
    ),
    "homoglyphs among quote marks": (
        lambda n: _fix(_soup('аaеeоo .,"«»“', n)),
        2_000,
    ),
    "unclosed Markdown comments": (lambda n: _fix("text <!-- a\n\n" * n, markdown=True), 500),
    "unclosed HTML tags on one line": (lambda n: _check("<a" * n, markdown=True), 5_000),
    "one-line file": (lambda n: _check('The minister said that the "talks" went well, - RT. ' * n), 2_000),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_text_takes_linear_time(case):
    make, size = HOSTILE[case]
    _assert_linear(make, size)


def test_diff_of_a_repetitive_file_takes_linear_time():
    def make(paragraphs: int) -> Callable[[], object]:
        before = 'The minister said "yes" - RT.\n\n' * paragraphs
        after = before.replace(" - ", " — ")
        return lambda: unified_diff(before, after, "a.txt")

    _assert_linear(make, 3_000)


def test_choosing_among_many_fixes_takes_linear_time():
    def make(count: int) -> Callable[[], object]:
        findings = [
            Finding(
                "X100",
                "x",
                "m",
                i * 3,
                i * 3 + 1,
                Severity.INFO,
                Fix("t", (Edit(i * 3, i * 3 + 1, "y"),), Applicability.SAFE),
            )
            for i in range(count)
        ]
        joined = Fix("t", tuple(Edit(i * 3 + 2, i * 3 + 2, " ") for i in range(count)), Applicability.SAFE)
        findings.append(Finding("X101", "x", "m", 2, 3 * count, Severity.INFO, joined))
        return lambda: choose_fixes(findings, unsafe=False)

    _assert_linear(make, 2_000)


def test_glossary_forms_with_slots_match_in_linear_time():
    """Forms with `{X}` slots are the only regular expressions built from glossary
    data: their words escaped, their slots a fixed word pattern that cannot backtrack
    across words. A form of 30 slots against one long word, or many short ones."""
    from tqa.glossary.matcher import slot_pattern

    pattern = slot_pattern("x " + " ".join(f"{{S{i}}}" for i in range(30)) + " end", case_sensitive=False)

    def make(size: int) -> Callable[[], object]:
        texts = ["x " + "a" * size, "x " + "a'" * (size // 2), "x " + " - ".join(["ab"] * (size // 5))]
        return lambda: [pattern.match(text, 0) for text in texts for _ in range(20)]

    _assert_linear(make, 20_000)
