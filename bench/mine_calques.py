"""Candidate calques for glossary curators, mined from WMT21 ru-en.

Usage: python bench/mine_calques.py [--min-systems 3] [--top 60] [--max-words 5]

For each source segment, the word n-grams (2 to --max-words words) that machine
translation outputs use while neither human reference does, counted over the
five systems and ranked by how many systems produce them, then by in how many
segments; n-grams the references use elsewhere more than --max-human-uses times
are ordinary English and left out. Each line shows the counts, the n-gram and the
Russian segment of its first occurrence. A shorter n-gram is dropped when a longer one containing it
has the same counts. These are candidates to review, never glossary entries:
many are mere rewordings; some are the calques the glossary still lacks.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wmt import REFERENCES, SYSTEMS, segments

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been that this these those it its "
    "he she they we you his her their our not no so than then also which who whom what when where".split()
)


def ngrams(text: str, max_words: int) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    found = set()
    for size in range(2, max_words + 1):
        for i in range(len(words) - size + 1):
            gram = words[i : i + size]
            if any(w not in _STOPWORDS and not w[0].isdigit() and len(w) > 2 for w in gram):
                found.add(" ".join(gram))
    return found


def mine(max_words: int) -> tuple[dict[str, set[str]], dict[str, set[int]], dict[str, int]]:
    """({n-gram: systems}, {n-gram: segment numbers}) for n-grams no reference uses in
    their segment, and {n-gram: how many segments the references use it in}."""
    references = [segments(name) for name in REFERENCES]
    outputs = {name: segments(name) for name in SYSTEMS}
    systems: dict[str, set[str]] = defaultdict(set)
    where: dict[str, set[int]] = defaultdict(set)
    human_uses: dict[str, int] = defaultdict(int)
    for number in range(len(references[0])):
        human = set().union(*(ngrams(ref[number], max_words) for ref in references))
        for gram in human:
            human_uses[gram] += 1
        for name, lines in outputs.items():
            for gram in ngrams(lines[number], max_words) - human:
                systems[gram].add(name)
                where[gram].add(number)
    return systems, where, human_uses


def maximal(ranked: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop an n-gram inside a longer one with the same counts."""
    by_counts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for gram, count, spread in ranked:
        by_counts[(count, spread)].append(gram)
    kept = []
    for gram, count, spread in ranked:
        if not any(gram != other and f" {gram} " in f" {other} " for other in by_counts[(count, spread)]):
            kept.append((gram, count, spread))
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-systems", type=int, default=3, help="report n-grams at least this many systems produce")
    parser.add_argument("--top", type=int, default=60, help="how many candidates to print")
    parser.add_argument("--max-words", type=int, default=5, help="longest n-gram, in words")
    parser.add_argument(
        "--max-human-uses", type=int, default=1, help="skip n-grams the references use in more segments than this"
    )
    args = parser.parse_args()
    systems, where, human_uses = mine(args.max_words)
    ranked = sorted(
        (
            (gram, len(names), len(where[gram]))
            for gram, names in systems.items()
            if len(names) >= args.min_systems and human_uses.get(gram, 0) <= args.max_human_uses
        ),
        key=lambda item: (-item[1], -item[2], item[0]),
    )
    source = segments("src.ru")
    print("systems\tsegments\tn-gram\tRussian segment (first occurrence)")
    for gram, count, spread in maximal(ranked)[: args.top]:
        russian = " ".join(source[min(where[gram])].split())
        print(f"{count}\t{spread}\t{gram}\t{russian[:160]}")


if __name__ == "__main__":
    main()
