"""Recall of torn editorial insertions injected into articles tqa was not tuned on.

Usage: python bench/inject_insertions.py [--seed 11] [--per-tag 40]

Each human reference article of WMT21 (ref.en, ref.B.en) gets, in one paragraph of
eight words or more, an editorial insertion torn the way scrapers tear it: `(` a few
words of the paragraph `. -`, a blank line, the tag, a blank line, `)`. Tags come in
every shape: outlet names, `Ed.`, lower case, domains, abbreviations with a full
stop. The script prints, per tag, how many injected insertions torn-editorial-insertion
finds (a finding over the injected span) and how many its fix rejoins as English
writes it (`(gloss — TAG)`), and how many findings it makes on the articles as they are.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tqa.pipeline.check import check_document, fix_text
from tqa.rules import select_rules
from tqa.text.document import Document
from wmt import REFERENCES, articles

TAGS = (
    "RT", "TASS", "RIA Novosti", "Interfax", "Ed.", "ed.", "Gazeta.ru", "kommersant.ru", "Lenta.ru",
    "transl.", "comp.", "approx.", "Note by the editor", "editor's note", "прим. ред.", "Ред.",
)  # fmt: skip
_RULES = select_rules(["S201"])


def inject(text: str, tag: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """The article with one torn insertion, the span of the insertion and the insertion
    as English writes it; None without a long paragraph."""
    paragraphs = text.split("\n\n")
    long = [i for i, p in enumerate(paragraphs) if len(p.split()) >= 8]
    if not long:
        return None
    index = rng.choice(long)
    words = paragraphs[index].split(" ")
    at = rng.randrange(2, len(words) - 3)
    gloss = " ".join(w.strip('.,;:!?"“”()') for w in words[at : at + rng.randint(2, 4)])
    head, tail = " ".join(words[:at]), " ".join(words[at:])
    paragraphs[index] = f"{head} ({gloss}. -\n\n{tag}\n\n) {tail}"
    start = len("\n\n".join(paragraphs[:index])) + (2 if index else 0) + len(head) + 1
    injected = "\n\n".join(paragraphs)
    return injected, start, injected.index(")", injected.index(tag, start)) + 1, f"({gloss} — {tag})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-tag", type=int, default=40, help="insertions injected per tag")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = [text for name in REFERENCES for _doc, text in articles(name)]
    clean = sum(len(check_document(Document("ref.txt", text), _RULES)) for text in pool)
    found, fixed, tried = Counter(), Counter(), Counter()
    for tag in TAGS:
        while tried[tag] < args.per_tag:
            made = inject(rng.choice(pool), tag, rng)
            if made is None:
                continue
            text, start, end, english = made
            tried[tag] += 1
            findings = check_document(Document("injected.txt", text), _RULES)
            found[tag] += any(f.start < end and f.end > start for f in findings)
            result, _applied, _left = fix_text(text, "injected.txt", _RULES)
            fixed[tag] += english in result
    print(f"{'tag':<22}{'found':>9}{'rejoined':>11}")
    for tag in TAGS:
        print(f"{tag:<22}{found[tag]:>4}/{tried[tag]:<4}{fixed[tag]:>6}/{tried[tag]:<4}")
    total, rejoined, injected = sum(found.values()), sum(fixed.values()), sum(tried.values())
    print(
        f"{'all':<22}{total:>4}/{injected:<4}{rejoined:>6}/{injected:<4} ({total / injected:.0%}, {rejoined / injected:.0%})"
    )
    print(f"findings on the {len(pool)} reference articles as they are: {clean}")


if __name__ == "__main__":
    main()
