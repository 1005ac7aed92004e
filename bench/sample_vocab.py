"""A seeded random sample of the news glossary's and the news rules' findings on the WMT21 MT outputs, to read by hand.

Usage: python bench/sample_vocab.py [--size N] [--seed S] [--all]

Finds every match of an entry of glossary/news_*.toml, glossary/institutions_*.toml
or glossary/places_russia.toml (the same matches the T5xx rules report), and every
finding of the rules for phenomena of Russian news (nationality side, sentence
openers, reporting verbs, an office before a name, near-miss names), in the five MT outputs of the dev set,
draws a sample, and prints each finding with its sentence, the Russian source
segment and the fixed sentence the suggestion makes (or the suggestion, when it
is shown only). bench/sample_vocab.md holds a sample read with verdicts.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.model import Applicability, Violation
from tqa.rules import metonymy, openers, reporting, titles
from tqa.rules.names import near_miss_names
from tqa.rules.terms import glossary_fix, glossary_matches
from tqa.text.document import Document
from wmt import SYSTEMS, doc_ids, segments

NEWS_FILES = ("news_", "institutions_", "places_russia")
# The rules for phenomena, by the name the sample shows.
RULES = {
    "T511 nationality-side": metonymy.nationality_side,
    "T513 russian-news-opener": openers.russian_news_opener,
    "T514 russian-reporting-verb": reporting.russian_reporting_verb,
    "T515 office-before-name": titles.office_before_name,
    "N601 near-miss name": near_miss_names,
}


def is_news_entry(path: str) -> bool:
    stem = Path(path).stem
    return stem.startswith(NEWS_FILES) and stem != "institutions"


def _rule_finding(doc: Document, segment: str, russian: str, rule: str, violation: Violation) -> dict:
    fix = violation.fix
    fixed = segment
    if fix is not None:
        for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
            fixed = fixed[: edit.start] + edit.content + fixed[edit.end :]
    return {
        "where": doc.path,
        "entry": rule,
        "file": "rule",
        "found": doc.text[violation.start : violation.end],
        "suggestion": violation.message,
        "applied": fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY,
        "mt": segment,
        "fixed": fixed,
        "ru": russian,
    }


def findings() -> list[dict]:
    """Every news-glossary finding on the MT outputs, one segment at a time."""
    source = segments("src.ru")
    found = []
    for system in SYSTEMS:
        for index, (doc_id, segment) in enumerate(zip(doc_ids(), segments(system))):
            doc = Document(f"{system}:{doc_id}:{index + 1}", segment + "\n")
            for match in glossary_matches(doc):
                if not is_news_entry(match.entry.path):
                    continue
                fix = glossary_fix(doc, match)
                [edit] = fix.edits
                fixed = doc.text[: edit.start] + edit.content + doc.text[edit.end :]
                found.append(
                    {
                        "where": doc.path,
                        "entry": match.entry.id,
                        "file": Path(match.entry.path).name,
                        "found": doc.text[match.start : match.end],
                        "suggestion": match.entry.en,
                        "applied": fix.applicability is not Applicability.DISPLAY_ONLY,
                        "mt": segment,
                        "fixed": fixed.rstrip("\n"),
                        "ru": source[index],
                    }
                )
            for rule, check in RULES.items():
                found.extend(_rule_finding(doc, segment, source[index], rule, v) for v in check(doc))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--all", action="store_true", help="print every finding, not a sample")
    args = parser.parse_args()
    found = findings()
    picked = found if args.all else random.Random(args.seed).sample(found, min(args.size, len(found)))
    print(
        f"{len(found)} findings of {len({f['entry'] for f in found})} news-glossary entries and rules"
        f" on {len(SYSTEMS)} MT outputs"
    )
    for number, item in enumerate(picked, start=1):
        print(f"\n{number}. {item['where']}  [{item['entry']}, {item['file']}]")
        print(f"   found: `{item['found']}`  suggestion: `{item['suggestion']}`")
        print(f"   RU:    {item['ru']}")
        print(f"   MT:    {item['mt']}")
        if item["applied"]:
            print(f"   FIXED: {item['fixed']}")
        else:
            print("   (shown only)")


if __name__ == "__main__":
    main()
