"""tqa's fixes measured on WMT21 ru-en: chrF and TER of each MT output before and after.

Usage: python bench/eval_wmt.py

Each system's output (one segment a line) is fixed with the safe fixes, then
with safe and unsafe ones, and scored against ref.en, against ref.B.en, then
against both together, as `tqa eval` does; each rule is also measured alone.
The two references differ in house style (ref.en types a hyphen for a dash 20
times, ref.B.en writes en dashes), so a rule can help against one and seem to
hurt against the other: bench/fix_effects.md reads the segments behind each
rule whose fixes lower chrF more often than they raise it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.cli_metrics import evaluation_text
from tqa.evaluation import evaluate_fixes
from tqa.metrics import load
from tqa.rules import ALL_RULES
from wmt import REFERENCES, SYSTEMS, wmt_dir


def main() -> None:
    os.chdir(wmt_dir())  # files are shown by name
    for references in (REFERENCES[:1], REFERENCES[1:], REFERENCES):
        started = time.perf_counter()
        docs = [doc for system in SYSTEMS for doc in load(system, references, "src.ru")]
        report = evaluation_text(evaluate_fixes(docs, ALL_RULES))
        print(f"== against {' + '.join(references)} ({time.perf_counter() - started:.0f} s)\n")
        print(report, end="\n\n")


if __name__ == "__main__":
    main()
