"""A random sample of glossary findings on the WMT21 MT outputs, for reading by hand.

Usage: python bench/glossary_sample.py [--size 100] [--seed 2021]

Checks every MT output (see wmt.py) with the glossary rules (T501, T502,
T503, N601), draws `--size` findings at random with a fixed seed, and writes
them to bench/glossary_sample.tsv with the English segment, the Russian
source segment and the suggestion as tqa would apply or show it. Verdicts,
read in context with the source, live in bench/glossary_verdicts.tsv (one
row per sample key: is the defect real, is the suggestion right and
grammatical there); the script joins them and prints the shares.
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
from wmt import SYSTEMS, articles, doc_ids, segments

GLOSSARY_RULES = ("T501", "T502", "T503", "N601")
HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "glossary_sample.tsv"
VERDICTS = HERE / "glossary_verdicts.tsv"
FIELDS = ("key", "system", "doc", "segment", "rule", "found", "suggestion", "applies", "english", "russian")


def _first_segments() -> dict[str, int]:
    first: dict[str, int] = {}
    for index, doc in enumerate(doc_ids()):
        first.setdefault(doc, index)
    return first


def findings() -> list[dict[str, str]]:
    """Every glossary finding on the MT outputs, with its segment and source."""
    rules = select_rules(GLOSSARY_RULES)
    first = _first_segments()
    source = segments("src.ru")
    rows = []
    for system in SYSTEMS:
        english = segments(system)
        for doc_id, text in articles(system):
            doc = Document(f"{system}:{doc_id}", text)
            for finding in check_document(doc, rules):
                segment = first[doc_id] + text.count("\n\n", 0, finding.start)
                edit = finding.fix.edits[0] if finding.fix and finding.fix.edits else None
                rows.append(
                    {
                        "key": f"{system}:{segment + 1}:{finding.code}:{text[finding.start : finding.end]}",
                        "system": system,
                        "doc": doc_id,
                        "segment": str(segment + 1),
                        "rule": finding.code,
                        "found": text[finding.start : finding.end],
                        "suggestion": (
                            text[edit.start : finding.start] + edit.content
                            if edit and edit.start < finding.start
                            else edit.content
                            if edit
                            else ""
                        ),
                        "applies": finding.fix.applicability.value if finding.fix else "none",
                        "english": english[segment],
                        "russian": source[segment],
                    }
                )
    return rows


def verdicts() -> dict[str, dict[str, str]]:
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8", newline="") as stream:
        return {row["key"]: row for row in csv.DictReader(stream, delimiter="\t")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    everything = findings()
    sample = random.Random(args.seed).sample(everything, min(args.size, len(everything)))
    with SAMPLE.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(sample)
    read = verdicts()
    judged = [read[row["key"]] for row in sample if row["key"] in read]
    print(f"{len(everything)} glossary findings on {len(SYSTEMS)} MT outputs; sample of {len(sample)} in {SAMPLE.name}")
    print(f"verdicts for {len(judged)} of them in {VERDICTS.name}")
    if judged:
        real = sum(row["defect"] == "yes" for row in judged)
        right = sum(row["suggestion"] == "right" for row in judged)
        print(f"defect real: {real}/{len(judged)} ({100 * real / len(judged):.0f}%)")
        print(f"suggestion right and grammatical there: {right}/{len(judged)} ({100 * right / len(judged):.0f}%)")


if __name__ == "__main__":
    main()
