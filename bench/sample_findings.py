"""A seeded random sample of findings of chosen rules on the WMT21 MT outputs, for reading.

Usage: python bench/sample_findings.py [--select CODES] [--size 100] [--seed 2026] > bench/sample_russian_conventions.tsv

Each MT file is rebuilt into articles (see wmt.py) and checked with the selected
rules; `--size` findings are drawn with `random.Random(--seed)` and printed one a
line: number, file, article, line:column, code, the flagged text, the fix
(applicability and result) and the sentence around it. The reader's verdicts go
in a file beside it (bench/sample_russian_conventions.verdicts.tsv): for each
number, whether the finding is a real defect and whether its suggestion is
right in context; `--score FILE` counts them.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document
from wmt import SYSTEMS, articles

# The rules of the Russian-conventions work: typography, numbers, metonymy, openers, torn tags.
DEFAULT_SELECT = "P303,P304,P306,P307,P308,T510,T511,T512,T513"


def findings(select: str) -> list[tuple[str, str, Document, object]]:
    rules = select_rules(select.split(","))
    found = []
    for name in SYSTEMS:
        for doc_id, text in articles(name):
            doc = Document(f"{name}:{doc_id}", text)
            found.extend((name, doc_id, doc, finding) for finding in check_document(doc, rules))
    return found


def context(text: str, start: int, end: int, width: int = 70) -> str:
    return " ".join(text[max(0, start - width) : min(len(text), end + width)].split())


def fixed(text: str, finding) -> str:
    if finding.fix is None:
        return "no fix"
    edits = finding.fix.edits
    low, high = min(e.start for e in edits), max(e.end for e in edits)
    low, high = max(0, min(low, finding.start) - 25), min(len(text), max(high, finding.end) + 25)
    result = text[low:high]
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        result = result[: edit.start - low] + edit.content + result[edit.end - low :]
    return f"{finding.fix.applicability.value}: {' '.join(result.split())}"


def score(path: Path) -> None:
    with open(path, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    real = sum(row["real"] == "yes" for row in rows)
    right = sum(row["suggestion_right"] == "yes" for row in rows)
    print(
        f"{len(rows)} findings read: {real} real defects ({real / len(rows):.0%}), {right} suggestions right ({right / len(rows):.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default=DEFAULT_SELECT, help="rule codes, comma-separated")
    args = sample_arguments(parser)
    if args.score:
        score(args.score)
        return
    print_sample(findings(args.select), args.size, args.seed, f" of {args.select}")


def sample_arguments(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The options every sampling script shares (--size, --seed, --score), parsed."""
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--score", type=Path, help="count the verdicts in this file instead")
    return parser.parse_args()


def print_sample(found: list, size: int, seed: int, described: str = "") -> None:
    """Draw `size` of the findings with `seed` and print them as a TSV, one a line."""
    chosen = sorted(random.Random(seed).sample(range(len(found)), min(size, len(found))))
    print(f"# {len(found)} findings{described}; {len(chosen)} drawn with seed {seed}")
    print("n\tfile\tarticle\tat\tcode\tflagged\tfix\tcontext")
    for number, index in enumerate(chosen, 1):
        name, doc_id, doc, finding = found[index]
        line, column = doc.position(finding.start)
        flagged = " ".join(doc.text[finding.start : finding.end].split())
        print(
            f"{number}\t{name}\t{doc_id}\t{line}:{column}\t{finding.code}\t{flagged}\t"
            f"{fixed(doc.text, finding)}\t{context(doc.text, finding.start, finding.end)}"
        )


if __name__ == "__main__":
    main()
