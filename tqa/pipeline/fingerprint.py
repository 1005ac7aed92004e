"""Fingerprints of findings that survive edits elsewhere in the file.

A finding is identified by its rule, the text it flags and the normalised text
around it on its own line (never its line number), so baselines and SARIF results stay stable
when paragraphs are added or removed above it. Identical findings in one file
are told apart by their order (`…:2`, `…:3`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from tqa.model import Finding

CONTEXT = 40
_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"[\r\n]")


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def fingerprints(text: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order."""
    seen: Counter = Counter()
    result = []
    for finding in findings:
        before = _LINE_BREAK.split(text[max(0, finding.start - CONTEXT) : finding.start])[-1]
        after = _LINE_BREAK.split(text[finding.end : finding.end + CONTEXT], maxsplit=1)[0]
        before, after = _normalise(before), _normalise(after)
        flagged = _normalise(text[finding.start : finding.end])
        digest = hashlib.sha256("\x1f".join((finding.code, before, flagged, after)).encode("utf-8")).hexdigest()[:16]
        seen[digest] += 1
        result.append(f"{digest}:{seen[digest]}")
    return result
