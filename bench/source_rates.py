"""Source-aware rules (A7xx) on human references vs MT output (WMT21 ru-en).

Usage: python bench/source_rates.py [--select PREFIXES] [--verbose [CODE]]

Each file of the dev set is read one segment a line and paired with src.ru line
by line, so every segment is a paragraph aligned with its source. The rules run
through the engine (suppression and protected spans as in `tqa check`); the
rate is findings per 1,000 words. A rule that cries wolf shows up on ref.en and
ref.B.en, which are professional translations: the target is a rate on the
references at most a third of the rate on MT.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document
from wmt import REFERENCES, SYSTEMS, wmt_dir

SOURCE = "src.ru"


def read_lines(name: str) -> str:
    return (wmt_dir() / name).read_text(encoding="utf-8")


def measure(name: str, source: Document, rules, verbose: str | None) -> tuple[int, int, Counter]:
    doc = Document(name, read_lines(name), segmentation="lines", source=source)
    if not doc.aligned:
        raise SystemExit(f"{name}: {len(doc.prose)} segments against {len(source.prose)} in {SOURCE}")
    by_rule: Counter = Counter()
    findings = check_document(doc, rules)
    for finding in findings:
        by_rule[finding.code] += 1
        if verbose is not None and finding.code.startswith(verbose):
            line, column = doc.position(finding.start)
            print(f"  {name}:{line}:{column}: {finding.code} {finding.message}")
            print(f"      en: {doc.prose[line - 1].text}")
            print(f"      ru: {source.prose[line - 1].text}")
    return len(findings), doc.word_count, by_rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default="A7", help="rule code prefixes, comma-separated")
    parser.add_argument(
        "--verbose", nargs="?", const="", default=None, metavar="CODE", help="print every finding (of CODE)"
    )
    args = parser.parse_args()
    rules = select_rules(args.select.split(","))
    source = Document(SOURCE, read_lines(SOURCE), segmentation="lines")
    print(f"rules: {','.join(r.code for r in rules)}")
    print(f"{'file':<14}{'kind':<6}{'words':>8}{'findings':>10}{'per 1k words':>14}  by rule")
    totals = {"ref": [0, 0], "mt": [0, 0]}
    rule_totals: dict[str, Counter] = {"ref": Counter(), "mt": Counter()}
    for name in REFERENCES + SYSTEMS:
        kind = "ref" if name in REFERENCES else "mt"
        findings, words, by_rule = measure(name, source, rules, args.verbose)
        totals[kind][0] += findings
        totals[kind][1] += words
        rule_totals[kind].update(by_rule)
        detail = " ".join(f"{code}:{count}" for code, count in sorted(by_rule.items()))
        print(f"{name:<14}{kind:<6}{words:>8}{findings:>10}{1000 * findings / words:>14.3f}  {detail}")
    rates = {kind: 1000 * findings / max(words, 1) for kind, (findings, words) in totals.items()}
    for kind, rate in rates.items():
        print(f"{'all ' + kind:<20}{totals[kind][1]:>8}{totals[kind][0]:>10}{rate:>14.3f}")
    for rule in rules:
        ref, mt = (1000 * rule_totals[k][rule.code] / max(totals[k][1], 1) for k in ("ref", "mt"))
        print(f"  {rule.code} {rule.name:<28} ref {ref:.3f}  MT {mt:.3f}")
    ratio = rates["ref"] / rates["mt"] if rates["mt"] else float("inf")
    print(f"ratio ref/MT: {ratio:.3f} (target: at most 0.333)")


if __name__ == "__main__":
    main()
