"""How much of a `tqa check` run is spent outside the rules: discovery,
reading, the scan and the dispatch to the rules, findings, positions and the
report.

Usage: python bench/around_rules.py [--runs N] [--format json] FOLDER...

For each folder, in this process: the whole run (`tqa check --jobs 1
--no-cache`, output to /dev/null) as the command line makes it, then the same
run with every rule answering from a record of what it found in a run before
(a dictionary lookup, by the file's name and length): what is left is the time around the rules. A third
figure also answers the cross-file name rule's per-file spellings (N602) and
the document language of JSON output from a record: what is left then is the
pipeline and the report alone. Each figure is CPU time, the best of --runs;
the start-up (imports, the glossary) is paid by a first run and is in none of
them. Copy a corpus out of the repository first (tqa skips git-ignored paths).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import time
from collections.abc import Callable

import tqa.pipeline.check
import tqa.pipeline.one_file as one_file
from tqa.cli import main as tqa_main
from tqa.model import Violation
from tqa.rules import ALL_RULES
from tqa.text.document import Document


def run_once(arguments: list[str]) -> float:
    tqa.pipeline.check._KNOWN.clear()  # the rules' checks changed: work the selection out again
    gc.collect()
    started = time.process_time()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        try:
            tqa_main.main(arguments, standalone_mode=False)
        except SystemExit:
            pass
    return time.process_time() - started


def best(arguments: list[str], runs: int) -> float:
    return min(run_once(arguments) for _ in range(runs))


def recorded(check: Callable[[Document], object], record: dict, code: str) -> Callable[[Document], list[Violation]]:
    def run(doc: Document) -> list[Violation]:
        found = record[doc.path, len(doc.text), code] = list(check(doc))  # type: ignore[call-overload]
        return found

    return run


def answered(record: dict, code: str) -> Callable[[Document], list[Violation]]:
    def run(doc: Document) -> list[Violation]:
        return record[doc.path, len(doc.text), code]

    return run


def memoized(function: Callable, key: Callable) -> Callable:
    known: dict = {}

    def run(value):
        found = known.get(key(value), known)
        if found is known:
            found = known[key(value)] = function(value)
        return found

    return run


def measure(folder: str, output_format: str, runs: int) -> None:
    arguments = ["check", "--exit-zero", "--no-respect-gitignore", "--jobs", "1", "--no-cache"]
    arguments += ["--output-format", output_format, folder]
    checks = {rule.code: rule.check for rule in ALL_RULES}
    spellings, language = one_file.single_spellings, one_file.document_language
    try:
        run_once(arguments)  # start-up paid
        whole = best(arguments, runs)
        record: dict = {}
        for rule in ALL_RULES:
            object.__setattr__(rule, "check", recorded(checks[rule.code], record, rule.code))
        run_once(arguments)
        for rule in ALL_RULES:
            object.__setattr__(rule, "check", answered(record, rule.code))
        around = best(arguments, runs)
        one_file.single_spellings = memoized(spellings, lambda doc: (doc.path, len(doc.text)))
        one_file.document_language = memoized(language, lambda text: text)
        run_once(arguments)
        pipeline = best(arguments, runs)
    finally:
        for rule in ALL_RULES:
            object.__setattr__(rule, "check", checks[rule.code])
        one_file.single_spellings, one_file.document_language = spellings, language
        tqa.pipeline.check._KNOWN.clear()
    print(f"{folder}, --output-format {output_format}, best of {runs}:")
    print(f"  whole run {whole:.3f} s CPU; the rules answering from a record {around:.3f} s ({around / whole:.0%})")
    print(f"  and N602's per-file spellings and the document language too: {pipeline:.3f} s ({pipeline / whole:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json", dest="output_format")
    args = parser.parse_args()
    for folder in args.folders:
        measure(folder, args.output_format, args.runs)


if __name__ == "__main__":
    main()
