"""Instructions the quotation, structure, typography and script rules cost, counted
by valgrind rather than timed (a count does not change with the machine's load).

Usage:
    valgrind --tool=callgrind python bench/rule_instructions.py CORPUS control
    valgrind --tool=callgrind python bench/rule_instructions.py CORPUS full

`control` reads the corpus's `*.txt` files, scans them and makes their line
starts (what a run does for them anyway); `full` then runs every Q, S, P and C
rule where the scan lets it, with the paragraphs and protected spans they ask
for, as `tqa check` runs them. The rules' cost is the difference of the two
counts (valgrind prints "Collected : N").
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from tqa.__main__ import GC_THRESHOLD
from tqa.pipeline.scan import scanner_for
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.textio import read_file

FAMILIES = ("Q", "S", "P", "C")
# Text with a candidate for each rule: their patterns are compiled before the count.
WARM_UP = 'He said, "a - b" (c. - RT) ” «x» • ; The. the x / y Фото" said the frigate "Admiral Gorshkov" - said'


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)  # the collector as `tqa check` sets it
    corpus, mode = Path(sys.argv[1]), sys.argv[2]
    files = sorted(corpus.rglob("*.txt"))
    texts = [read_file(path).text for path in files]
    rules = [rule for rule in ALL_RULES if rule.code.startswith(FAMILIES) and rule.code != "P307"]
    scanner = scanner_for(ALL_RULES)
    quiet = [scanner.quiet(text) for text in texts]
    docs = [Document(str(path), text) for path, text in zip(files, texts, strict=True)]
    for doc in docs:
        len(doc.line_starts)  # made for the report in a run
    for rule in rules:
        list(rule.check(Document("warm-up.txt", WARM_UP)))
    if mode != "full":
        return
    for doc in docs:
        len(doc.prose), len(doc.protected)
    for rule in rules:
        for doc, held_back in zip(docs, quiet, strict=True):
            if rule.code not in held_back:
                for violation in rule.check(doc):
                    doc.is_protected(violation.start, violation.end)


if __name__ == "__main__":
    main()
