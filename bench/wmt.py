"""Shared helpers for the benchmarks that read the WMT21 ru-en dev set.

The set is one segment per line; articles are rebuilt from docids.tsv: the
consecutive segments of one document, one paragraph each, blank lines between.
"""

from __future__ import annotations

import csv
from pathlib import Path

WMT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt21-ru-en"
REFERENCES = ("ref.en", "ref.B.en")
SYSTEMS = ("AFRL.en", "Online-A.en", "Online-G.en", "Online-W.en", "Online-Y.en")


def wmt_dir() -> Path:
    if not WMT.is_dir():
        raise SystemExit(f"WMT21 dev set not found at {WMT}")
    return WMT


def doc_ids() -> list[str]:
    with open(wmt_dir() / "docids.tsv", encoding="utf-8") as stream:
        return [row["doc_id"] for row in csv.DictReader(stream, delimiter="\t")]


def segments(name: str) -> list[str]:
    return (wmt_dir() / name).read_text(encoding="utf-8").split("\n")[: len(doc_ids())]


def articles(name: str) -> list[tuple[str, str]]:
    """(doc id, article text) for one file of the set."""
    grouped: dict[str, list[str]] = {}
    for doc, segment in zip(doc_ids(), segments(name)):
        grouped.setdefault(doc, []).append(segment)
    return [(doc, "\n\n".join(parts) + "\n") for doc, parts in grouped.items()]
