"""Findings per 1,000 words on human references vs MT output (WMT21 ru-en).

Usage: python bench/precision.py [--select PREFIXES] [--verbose] [--chrf]

Each file of the dev set is rebuilt into articles (see wmt.py) and checked with
the selected rules (default: the structural families Q, S, P, C). A rule that
cries wolf shows up as findings on ref.en and ref.B.en, which are professional
translations; but a reference has defects of its own, so each finding on a
reference, read with the Russian source, has a verdict in
bench/reference_findings.tsv (`defect`: an editor would change the reference
there; `false alarm`: good English), and the script counts them. With --chrf
it also applies the selected rules' fixes (safe, then safe+unsafe) to each MT
output, segment by segment, and prints its corpus chrF against ref.en before
and after: fixes must not move MT away from the reference.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.rules import select_rules
from tqa.text.document import Document
from wmt import REFERENCES, SYSTEMS, articles, segments

VERDICTS = Path(__file__).resolve().parent / "reference_findings.tsv"


def reference_verdicts() -> dict[str, str]:
    """`file:doc:line:column:code` -> the verdict on that finding of a reference."""
    with VERDICTS.open(encoding="utf-8", newline="") as stream:
        return {row["key"]: row["verdict"] for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)}


def measure(name: str, rules, verbose: bool) -> tuple[int, int, Counter, list[str]]:
    """Findings, words, findings by rule and the findings' keys (as in VERDICTS)."""
    words = findings = 0
    by_rule: Counter = Counter()
    keys = []
    for doc_id, text in articles(name):
        doc = Document(f"{name}:{doc_id}", text)
        words += doc.word_count
        for finding in check_document(doc, rules):
            findings += 1
            by_rule[finding.code] += 1
            line, column = doc.position(finding.start)
            keys.append(f"{name}:{doc_id}:{line}:{column}:{finding.code}")
            if verbose:
                print(f"  {name}:{doc_id}:{line}:{column}: {finding.code} {finding.message}")
    return findings, words, by_rule, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default="Q,S,P,C", help="rule code prefixes, comma-separated")
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    parser.add_argument("--chrf", action="store_true", help="also print chrF against ref.en before and after fixes")
    args = parser.parse_args()
    rules = select_rules(args.select.split(","))
    print(f"rules: {','.join(r.code for r in rules)}")
    print(f"{'file':<14}{'kind':<6}{'words':>8}{'findings':>10}{'per 1k words':>14}  by rule")
    totals = {"ref": [0, 0], "mt": [0, 0]}
    read: dict[str, tuple[int, list[str]]] = {}
    for name in REFERENCES + SYSTEMS:
        kind = "ref" if name in REFERENCES else "mt"
        findings, words, by_rule, keys = measure(name, rules, args.verbose)
        if kind == "ref":
            read[name] = (words, keys)
        totals[kind][0] += findings
        totals[kind][1] += words
        rate = 1000 * findings / words
        detail = " ".join(f"{code}:{count}" for code, count in sorted(by_rule.items()))
        print(f"{name:<14}{kind:<6}{words:>8}{findings:>10}{rate:>14.3f}  {detail}")
    for kind, (findings, words) in totals.items():
        print(f"{'all ' + kind:<20}{words:>8}{findings:>10}{1000 * findings / words:>14.3f}")
    ref_rate = 1000 * totals["ref"][0] / totals["ref"][1]
    mt_rate = 1000 * totals["mt"][0] / totals["mt"][1]
    print(f"ratio ref/mt: {ref_rate / mt_rate:.3f}" if mt_rate else "ratio ref/mt: n/a")
    print_verdicts(read)
    if args.chrf:
        print_chrf(rules)


def print_verdicts(read: dict[str, tuple[int, list[str]]]) -> None:
    """How the references' findings were read (bench/reference_findings.tsv)."""
    verdicts = reference_verdicts()
    print(f"\nreferences' findings as read with the source ({VERDICTS.name})")
    for name, (words, keys) in read.items():
        found = Counter(verdicts.get(key, "not read") for key in keys)
        alarms = found["false alarm"]
        detail = ", ".join(f"{verdict} {count}" for verdict, count in sorted(found.items()))
        print(f"{name:<14}{detail or 'no findings'}; false alarms per 1k words {1000 * alarms / words:.3f}")


def fixed_segments(name: str, rules, unsafe: bool) -> list[str]:
    """The file's segments after fixing each article (one segment a line) on its own."""
    fixed_all: list[str] = []
    for doc_id, article in articles(name):
        lines = article.strip("\n").split("\n\n")
        settings = FixSettings(unsafe, segmentation="lines")
        fixed, _, _ = fix_text("\n".join(lines) + "\n", f"{name}:{doc_id}", rules, settings)
        out = fixed.rstrip("\n").split("\n")
        # A fix that merges or drops lines would misalign the segments: keep the article as it was.
        fixed_all.extend(out if len(out) == len(lines) else lines)
    return fixed_all


def print_chrf(rules) -> None:
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    reference = [segments("ref.en")]
    print("\nchrF against ref.en")
    print(f"{'file':<14}{'before':>9}{'safe':>9}{'+unsafe':>9}")
    for name in SYSTEMS:
        before = chrf.corpus_score(segments(name), reference).score
        safe = chrf.corpus_score(fixed_segments(name, rules, False), reference).score
        unsafe = chrf.corpus_score(fixed_segments(name, rules, True), reference).score
        print(f"{name:<14}{before:>9.2f}{safe:>9.2f}{unsafe:>9.2f}")
    print(f"signature: {chrf.get_signature()}")


if __name__ == "__main__":
    main()
