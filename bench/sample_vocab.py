"""A seeded random sample of the news glossary's findings on the WMT21 MT outputs, to read by hand.

Usage: python bench/sample_vocab.py [--size N] [--seed S] [--all]

Finds every match of an entry of glossary/news_*.toml or glossary/institutions_*.toml
(the same matches the T5xx rules report) in the five MT outputs of the dev set,
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
from tqa.model import Applicability
from tqa.rules.terms import glossary_fix, glossary_matches
from tqa.text.document import Document
from wmt import SYSTEMS, doc_ids, segments

NEWS_FILES = ("news_", "institutions_")


def is_news_entry(path: str) -> bool:
    stem = Path(path).stem
    return stem.startswith(NEWS_FILES) and stem != "institutions"


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
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--all", action="store_true", help="print every finding, not a sample")
    args = parser.parse_args()
    found = findings()
    picked = found if args.all else random.Random(args.seed).sample(found, min(args.size, len(found)))
    print(
        f"{len(found)} findings of {len({f['entry'] for f in found})} news-glossary entries on {len(SYSTEMS)} MT outputs"
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
