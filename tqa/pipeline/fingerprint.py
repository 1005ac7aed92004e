"""Fingerprints of findings that survive edits elsewhere in the file.

A finding is identified by its rule, the text it flags and the normalised text
around it on its own line (never its line number), so baselines and SARIF results stay stable
when paragraphs are added or removed above it. Identical findings in one file
are told apart by their order (`…:2`, `…:3`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tqa.model import Finding

CONTEXT = 40


def fingerprints(text: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order: its code, then the text
    before it on its line (at most CONTEXT characters), the flagged text and
    the text after it on its line, each with runs of white space as one space,
    none at the ends, lower case; joined by U+001F, hashed with SHA-256."""
    seen: dict[str, int] = {}
    result = []
    sha256, length = hashlib.sha256, len(text)
    for finding in findings:
        start, end = finding.start, finding.end
        low = max(0, start - CONTEXT)
        # One slice around the finding (a snapshot's slice costs a call in Python), cut where its
        # offsets are the text's; where a snapshot shortened lines it left out, the slice from the
        # finding on is taken too (a snapshot's slice is the slices on either side of a kept offset).
        around = text[low : end + CONTEXT]
        if len(around) == min(end + CONTEXT, length) - low:
            before, rest = around[: start - low], around[start - low :]
        else:
            rest = text[start : end + CONTEXT]
            before = around[: len(around) - len(rest)]
        before = before.rpartition("\n")[2].rpartition("\r")[2]
        # A snapshot keeps every line a finding touches: the first `end - start` characters are the flagged ones.
        after = rest[end - start :].partition("\n")[0].partition("\r")[0]
        # U+001F is neither white space nor a cased letter: the parts are normalised as one string.
        parts = (
            " ".join(before.split()) + "\x1f" + " ".join(rest[: end - start].split()) + "\x1f" + " ".join(after.split())
        )
        digest = sha256(f"{finding.code}\x1f{parts.lower()}".encode()).hexdigest()[:16]
        count = seen[digest] = seen.get(digest, 0) + 1
        result.append(f"{digest}:{count}")
    return result
