"""A long fuzzing run for people: article-like inputs through check and fix.

Usage: python bench/fuzz.py [--count 100000] [--seed 1] [--crashes DIR]

Inputs are built as the fuzz suite (tests/test_fuzz.py) builds them: the seed
article's sentences and words and every piece of tests/data/fuzz/pieces.toml
(quote and dash styles, brackets, bullets, agency tags, Cyrillic, homoglyphs,
invisible, combining and RTL marks, NUL, CR/CRLF), glued or spaced. Each input
is checked (plain text or Markdown) and fixed (safe, or safe and unsafe), and
these must hold: no exception, spans inside the text, chosen edits that do not
overlap, and a fix that reaches a fixed point (fixing again changes nothing).
A crash is shrunk to a minimal reproducer, saved in the crashes folder
(default bench/fuzz-crashes/, git-ignored) with its traceback. The run prints
inputs per second, crashes, inputs whose fix does not converge (with a few
shrunk examples) and the slowest input (CPU time of this process, so other
processes do not count; it is timed again and saved beside the crashes
folder, in fuzz-slowest/).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import time
import tomllib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.fix import choose_fixes
from tqa.rules import ALL_RULES
from tqa.text.document import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed" / "seed.txt"
PIECES = ROOT / "tests" / "data" / "fuzz" / "pieces.toml"
CRASHES = Path(__file__).resolve().parent / "fuzz-crashes"
SEPARATORS = ("", " ", " ", " ", "\n\n")
MAX_PIECES = 50
SHOWN_EXAMPLES = 5


def pieces() -> list[str]:
    """The seed's sentences and words, and every piece of pieces.toml (as tests/test_fuzz.py reads them)."""
    text = SEED.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?”\"])\s+|\n+", text) if s]
    words = sorted({w for w in text.split() if w})
    listed = [piece for group in tomllib.loads(PIECES.read_text(encoding="utf-8")).values() for piece in group]
    return sentences + words + listed


def generate(rng: random.Random, choices: list[str]) -> list[str]:
    """One input as its parts: pieces, each followed by a separator."""
    parts: list[str] = []
    for _ in range(rng.randint(0, MAX_PIECES)):
        parts += [rng.choice(choices), rng.choice(SEPARATORS)]
    return parts


def problem(text: str, markdown: bool, unsafe: bool) -> str | None:
    """What is wrong with tqa on this input ("crash: …", "overlap", "not converging"), or None."""
    try:
        findings = check_document(Document("x", text, markdown), ALL_RULES)
        if any(not 0 <= f.start <= f.end <= len(text) for f in findings):
            return "span outside the text"
        edits = sorted(edit for finding in choose_fixes(findings, unsafe) for edit in finding.fix.edits)
        if any(
            a.end > b.start or (a.start == b.start and (a.start == a.end or b.start == b.end))
            for a, b in itertools.pairwise(edits)
        ):
            return "overlapping edits"
        fixed, _, _ = fix_text(text, "x", ALL_RULES, FixSettings(unsafe, markdown))
        again, applied, _ = fix_text(fixed, "x", ALL_RULES, FixSettings(unsafe, markdown))
        if again != fixed or applied:
            return "not converging: " + ", ".join(sorted({f.code for f in applied}))
    except Exception as error:  # a crash is what this run looks for
        return f"crash: {type(error).__name__}: {error}\n" + traceback.format_exc()
    return None


def shrink(parts: list[str], fails: Callable[[str], bool]) -> str:
    """A smaller input that still fails: drop parts, then characters, while it does."""
    changed = True
    while changed:
        changed = False
        for index in range(len(parts)):
            candidate = parts[:index] + parts[index + 1 :]
            if fails("".join(candidate)):
                parts, changed = candidate, True
                break
    text = "".join(parts)
    changed = len(text) <= 2_000
    while changed:
        changed = False
        for index in range(len(text)):
            candidate = text[:index] + text[index + 1 :]
            if fails(candidate):
                text, changed = candidate, True
                break
    return text


def _cpu_time(work: Callable[[], object]) -> float:
    began = time.process_time()
    work()
    return time.process_time() - began


def _same_problem(kind: str, markdown: bool, unsafe: bool) -> Callable[[str], bool]:
    """Whether a candidate input still has the problem of kind `kind` (for shrinking)."""

    def fails(candidate: str) -> bool:
        found = problem(candidate, markdown, unsafe)
        return found is not None and found.startswith(kind)

    return fails


@dataclass
class Run:
    inputs: int = 0
    crashes: list[str] = field(default_factory=list)
    overlaps: int = 0
    not_converging: int = 0
    examples: dict[str, str] = field(default_factory=dict)
    slowest: tuple[float, str, bool, bool] = (0.0, "", False, False)


def save(folder: Path, text: str, report: str, markdown: bool, unsafe: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    (folder / f"{name}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    meta = {"markdown": markdown, "unsafe_fixes": unsafe, "report": report}
    (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder / f"{name}.txt"


def fuzz(count: int, seed: int, crashes: Path) -> Run:
    rng = random.Random(seed)
    choices = pieces()
    run = Run()
    problem(SEED.read_text(encoding="utf-8"), False, True)  # load the glossary and language profiles first
    problem("Министр иностранных дел России заявил, что переговоры продолжатся.", False, True)
    started = time.perf_counter()
    for number in range(1, count + 1):
        parts = generate(rng, choices)
        text = "".join(parts)
        markdown, unsafe = rng.random() < 0.3, rng.random() < 0.5
        began = time.process_time()
        found = problem(text, markdown, unsafe)
        elapsed = time.process_time() - began
        run.inputs += 1
        if elapsed > run.slowest[0]:
            run.slowest = (elapsed, text, markdown, unsafe)
        if found is not None:
            kind = found.split(":", 1)[0]
            same = _same_problem(kind, markdown, unsafe)
            if kind == "crash":
                small = shrink(parts, same)
                run.crashes.append(
                    str(save(crashes, small, problem(small, markdown, unsafe) or found, markdown, unsafe))
                )
            elif kind == "overlapping edits":
                run.overlaps += 1
            elif kind == "not converging":
                run.not_converging += 1
                if len(run.examples) < SHOWN_EXAMPLES and found not in run.examples:
                    run.examples[found] = shrink(parts, same)
        if number % 10_000 == 0:
            rate = number / (time.perf_counter() - started)
            print(
                f"{number:>8} inputs, {rate:,.0f}/s, {len(run.crashes)} crashes, {run.not_converging} not converging",
                flush=True,
            )
    seconds = time.perf_counter() - started
    print(f"\n{run.inputs:,} inputs in {seconds:,.0f} s: {run.inputs / seconds:,.0f} inputs/s (seed {seed})")
    print(f"crashes: {len(run.crashes)}" + "".join(f"\n  {path}" for path in run.crashes))
    print(f"overlapping edits: {run.overlaps}")
    share = 100 * run.not_converging / max(run.inputs, 1)
    print(f"fixes not converging: {run.not_converging} ({share:.2f}%)")
    for found, example in run.examples.items():
        print(f"  {found}: {example!r}")
    slowest, text, markdown, unsafe = run.slowest
    again = min(_cpu_time(lambda: problem(text, markdown, unsafe)) for _ in range(3))
    saved = save(crashes.parent / "fuzz-slowest", text, f"{slowest * 1000:.1f} ms of CPU", markdown, unsafe)
    print(
        f"slowest input: {slowest * 1000:.1f} ms of CPU (again: {again * 1000:.1f} ms), {len(text)} characters, "
        f"saved as {saved}: {text[:100]!r}"
    )
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="inputs to try (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed, the same inputs")
    parser.add_argument("--crashes", type=Path, default=CRASHES, help="folder for minimal reproducers of crashes")
    arguments = parser.parse_args()
    run = fuzz(arguments.count, arguments.seed, arguments.crashes)
    sys.exit(1 if run.crashes or run.overlaps else 0)


if __name__ == "__main__":
    main()
