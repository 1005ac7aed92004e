"""The findings of the Baltic, Central European and world name entries and of
the West Slavic and initial rules on the WMT21 MT outputs, for reading.

Usage: python bench/sample_names.py [--size 100] [--seed 2026] > bench/sample_names.tsv
       python bench/sample_names.py --score bench/sample_names.verdicts.tsv

Findings are those of N603-N605 and of the glossary entries in the files named
in FILES (and the few older entries this work extended, in EXTENDED); at most
`--size` are drawn with `random.Random(--seed)`, printed as sample_findings.py
prints them. The verdicts beside it say, for each number, whether the finding
is a real defect and whether its suggestion is right in context.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_findings import findings, print_sample, sample_arguments, score

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary"
FILES = (
    "institutions_baltics.toml",
    "institutions_projects.toml",
    "institutions_weapons.toml",
    "people_baltics.toml",
    "people_world.toml",
)
EXTENDED = (
    "united-forces-of-ukraine",
    "centrist-party-of-estonia",
    "union-of-peasants-and-greens-of-lithuania",
    "the-kcna-agency",
    "foreign-minister-of-great-britain",
    "person-jamal-khashoggi",
)
RULES = ("N603", "N604", "N605")


def entry_ids() -> set[str]:
    ids = set(EXTENDED)
    for name in FILES:
        with open(GLOSSARY / name, "rb") as stream:
            ids.update(entry["id"] for entry in tomllib.load(stream)["entry"])
    return ids


def main() -> None:
    args = sample_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    if args.score:
        score(args.score)
        return
    ids = entry_ids()
    found = [
        item
        for item in findings("T5,N,ALL")
        if item[3].code in RULES or (item[3].glossary is not None and item[3].glossary.id in ids)
    ]
    print_sample(found, args.size, args.seed)


if __name__ == "__main__":
    main()
