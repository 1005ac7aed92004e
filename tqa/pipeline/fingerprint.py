"""Fingerprints of findings that survive edits elsewhere in the file.

A finding is identified by its rule, the text it flags and the normalised text
around it on its own line (never its line number), so baselines and SARIF results stay stable
when paragraphs are added or removed above it. Identical findings in one file
are told apart by their order (`…:2`, `…:3`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from tqa.model import Finding

CONTEXT = 40


def _normalise(text: str) -> str:
    """Runs of white space as one space, none at the ends, lower case."""
    return " ".join(text.split()).lower()


def fingerprints(text: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order."""
    seen: Counter = Counter()
    result = []
    for finding in findings:
        before = text[max(0, finding.start - CONTEXT) : finding.start]
        before = before[max(before.rfind("\n"), before.rfind("\r")) + 1 :]  # from the last line break
        after = text[finding.end : finding.end + CONTEXT]
        after = after[: min((i for i in (after.find("\n"), after.find("\r")) if i >= 0), default=len(after))]
        before, after = _normalise(before), _normalise(after)
        flagged = _normalise(text[finding.start : finding.end])
        digest = hashlib.sha256("\x1f".join((finding.code, before, flagged, after)).encode("utf-8")).hexdigest()[:16]
        seen[digest] += 1
        result.append(f"{digest}:{seen[digest]}")
    return result
