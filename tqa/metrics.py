"""Hypotheses and references read segment by segment, and scored with sacrebleu.

A file is one segment a line (line-aligned, as sacrebleu expects). A folder is
a set of articles paired by relative name; each article's segments are its
paragraphs (blocks between blank lines), or its lines when it has no blank line.
sacrebleu is imported inside the functions: the command line starts without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tqa.errors import UserError
from tqa.i18n import _, ngettext
from tqa.pipeline.discover import discover
from tqa.text.document import Document
from tqa.text.textio import read_file

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric

LINES, PARAGRAPHS = "lines", "auto"


@dataclass(frozen=True)
class Aligned:
    """One hypothesis file (as read) and its references and source, segment by segment."""

    name: str
    text: str
    segmentation: str
    markdown: bool
    hypothesis: list[str]
    references: list[list[str]]
    source: list[str] | None = None


@dataclass(frozen=True)
class Score:
    name: str
    score: float
    signature: str
    line: str  # sacrebleu's own one-line report, signature included


def segments(text: str, segmentation: str, markdown: bool = False) -> list[str]:
    """Lines (empty ones kept, `\\r` dropped) or paragraphs (inner line breaks as spaces)."""
    if segmentation == LINES:
        if not text:
            return []
        return [line.rstrip("\r") for line in text.removesuffix("\n").split("\n")]
    paragraphs = Document("", text, markdown, segmentation).paragraphs
    return [" ".join(line.strip() for line in p.text.splitlines()) for p in paragraphs]


def _is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def _read(path: Path, segmentation: str) -> tuple[str, list[str]]:
    text = read_file(path).text
    return text, segments(text, segmentation, _is_markdown(path))


def _checked(segs: list[str], expected: int, path: str, hypothesis: str) -> list[str]:
    if len(segs) != expected:
        message = ngettext(
            "{count} segment, but {other} has {expected}; the files must be aligned segment by segment",
            "{count} segments, but {other} has {expected}; the files must be aligned segment by segment",
            len(segs),
        )
        raise UserError(message.format(count=len(segs), other=hypothesis, expected=expected), path)
    return segs


def _pairs(hypothesis: str, others: Sequence[str]) -> list[tuple[Path, str, list[Path], str]]:
    """(hypothesis file, its display name, its counterparts in `others`, segmentation)."""
    hyp = Path(hypothesis)
    if not hyp.exists():
        raise UserError(_("no such file or folder"), hypothesis)
    for other in others:
        if hyp.is_dir() and not Path(other).is_dir():
            raise UserError(_("not a folder, but {hypothesis} is one").format(hypothesis=hypothesis), other)
        if Path(other).is_dir() and not hyp.is_dir():
            raise UserError(_("a folder, but {hypothesis} is a file").format(hypothesis=hypothesis), other)
    if not hyp.is_dir():
        return [(hyp, hypothesis, [Path(o) for o in others], LINES)]
    inputs, _errors = discover([hypothesis])
    pairs = []
    for item in inputs:
        relative = Path(item.path).relative_to(hyp)
        counterparts = [Path(other) / relative for other in others]
        for counterpart in counterparts:
            if not counterpart.is_file():
                raise UserError(_("no counterpart: {path} is missing").format(path=counterpart), item.display)
        pairs.append((Path(item.path), item.display, counterparts, PARAGRAPHS))
    if not pairs:
        raise UserError(_("no .txt or .md files in the folder"), hypothesis)
    return pairs


def load(hypothesis: str, references: Sequence[str], source: str | None = None) -> list[Aligned]:
    """The hypothesis file (or each file of the folder) with its references and source."""
    others = [*references, *([source] if source else [])]
    aligned = []
    for path, display, counterparts, segmentation in _pairs(hypothesis, others):
        text, hyp = _read(path, segmentation)
        paired = [_checked(_read(c, segmentation)[1], len(hyp), str(c), display) for c in counterparts]
        refs, src = (paired[:-1], paired[-1]) if source else (paired, None)
        aligned.append(Aligned(display, text, segmentation, _is_markdown(path), hyp, refs, src))
    return aligned


def metrics(chrf_plus: bool = False, sentence: bool = False) -> list[Metric]:
    """BLEU (with effective order for sentences), chrF or chrF++, and TER."""
    from sacrebleu.metrics import BLEU

    return [BLEU(effective_order=sentence), chrf(chrf_plus), ter()]


def chrf(plus: bool = False, whitespace: bool = False) -> Metric:
    from sacrebleu.metrics import CHRF

    return CHRF(word_order=2 if plus else 0, whitespace=whitespace)


def ter() -> Metric:
    from sacrebleu.metrics import TER

    return TER()


def corpus_scores(hypotheses: list[str], references: list[list[str]], chosen: Sequence[Metric]) -> list[Score]:
    """Corpus-level scores with their signatures; `references` is one list per reference."""
    scores = []
    for metric in chosen:
        result = metric.corpus_score(hypotheses, references)
        signature = str(metric.get_signature())
        scores.append(Score(result.name, result.score, signature, result.format(signature=signature)))
    return scores


def sentence_scores(hypotheses: list[str], references: list[list[str]], chosen: Sequence[Metric]) -> list[list[float]]:
    """Each segment's score by each metric, in the metrics' order."""
    return [
        [metric.sentence_score(hyp, [ref[i] for ref in references]).score for metric in chosen]
        for i, hyp in enumerate(hypotheses)
    ]
