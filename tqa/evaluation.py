"""Measuring tqa's fixes against references: chrF and TER before and after.

Each hypothesis is fixed with the safe fixes, then with safe and unsafe ones;
each rule is also run alone (safe, then safe and unsafe) so that every changed
segment is credited to one rule. A fix may merge or drop segments, so fixed
segments are aligned back to the original ones (difflib) and scored in units:
a unit is one segment, or the few segments a fix merged, with their
references joined. chrF counts whitespace here (sacrebleu `space:yes`): most
fixes only move a quote or a space, which whitespace-blind chrF cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tqa.metrics import Aligned, chrf, segments, ter
from tqa.model import FixAvailability, Rule
from tqa.pipeline.check import FixSettings, fix_text

VERSIONS = ("before", "safe", "unsafe")  # "unsafe" is safe and unsafe fixes together


@dataclass
class Counts:
    """Units a version changed, and how many of them scored higher or lower."""

    changed: int = 0
    improved: int = 0
    worsened: int = 0

    def add(self, before: float, after: float) -> None:
        self.changed += 1
        self.improved += after > before
        self.worsened += after < before


@dataclass
class Result:
    """Scores of one file (or of all) in each version."""

    name: str
    segments: int
    chrf: dict[str, float]
    ter: dict[str, float]
    counts: dict[str, Counts]
    changes: list[dict] = field(default_factory=list)


@dataclass
class RuleEffect:
    """How often a rule's fixes of one applicability helped or hurt (sentence chrF)."""

    code: str
    name: str
    applicability: str
    counts: Counts = field(default_factory=Counts)

    @property
    def hurts_when_safe(self) -> bool:
        return self.applicability == "safe" and self.counts.worsened > self.counts.improved


@dataclass
class Evaluation:
    files: list[Result]
    overall: Result
    rules: list[RuleEffect]
    signatures: dict[str, str]


@dataclass(frozen=True)
class Unit:
    """Original segments start..end, their text in each version and their references."""

    start: int
    end: int
    texts: tuple[str, ...]
    references: tuple[str, ...]


def _join(parts: Sequence[str]) -> str:
    return " ".join(part for part in parts if part)


def _groups(before: Sequence[str], after: Sequence[str]) -> dict[int, tuple[int, list[str]]]:
    """Runs of original segments (start -> end, what they became): one segment
    each where the counts agree, one run where a fix merged, split or dropped."""
    groups: dict[int, tuple[int, list[str]]] = {}
    orphans: list[str] = []
    last = None
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if i1 == i2:  # inserted: belongs to the run before it
            (groups[last][1] if last is not None else orphans).extend(after[j1:j2])
        elif tag == "equal" or i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                groups[i1 + offset] = (i1 + offset + 1, [after[j1 + offset]])
            last = i2 - 1
        else:
            groups[i1] = (i2, list(after[j1:j2]))
            last = i1
    if orphans and groups:
        groups[0][1][:0] = orphans
    return groups


def units(doc: Aligned, versions: Sequence[list[str]]) -> list[Unit]:
    """The finest units whose bounds are run bounds in every version."""
    aligned = [_groups(doc.hypothesis, version) for version in versions]
    ends = set.intersection(*({end for end, _parts in g.values()} for g in aligned))
    result, start = [], 0
    for end in sorted(ends):
        texts = [_join(doc.hypothesis[start:end])]
        texts.extend(_join([part for s in range(start, end) if s in g for part in g[s][1]]) for g in aligned)
        refs = tuple(_join(reference[start:end]) for reference in doc.references)
        result.append(Unit(start, end, tuple(texts), refs))
        start = end
    return result


class Scorer:
    """chrF (whitespace counted) and TER, sentence scores memoized."""

    def __init__(self, chrf_plus: bool = False):
        self.chrf = chrf(chrf_plus, whitespace=True)
        self.ter = ter()
        self._chrf: dict[tuple[str, tuple[str, ...]], float] = {}
        self._ter: dict[tuple[str, tuple[str, ...]], tuple[float, float]] = {}

    def sentence_chrf(self, text: str, references: tuple[str, ...]) -> float:
        key = (text, references)
        if key not in self._chrf:
            self._chrf[key] = self.chrf.sentence_score(text, list(references)).score
        return self._chrf[key]

    def ter_stats(self, text: str, references: tuple[str, ...]) -> tuple[float, float]:
        """(edits, reference length): corpus TER is the sum of one over the sum of the other."""
        key = (text, references)
        if key not in self._ter:
            score = self.ter.sentence_score(text, list(references))
            self._ter[key] = (score.num_edits, score.ref_length)
        return self._ter[key]

    def signatures(self) -> dict[str, str]:
        return {"chrf": str(self.chrf.get_signature()), "ter": str(self.ter.get_signature())}


def _score(name: str, segment_count: int, all_units: list[Unit], scorer: Scorer) -> Result:
    references = [list(texts) for texts in zip(*(u.references for u in all_units))]
    chrf_scores, ter_scores, counts = {}, {}, {}
    for index, version in enumerate(VERSIONS):
        texts = [u.texts[index] for u in all_units]
        chrf_scores[version] = scorer.chrf.corpus_score(texts, references).score
        stats = [scorer.ter_stats(u.texts[index], u.references) for u in all_units]
        length = sum(s[1] for s in stats)
        ter_scores[version] = 100 * sum(s[0] for s in stats) / length if length else 0.0
        if index:
            counts[version] = Counts()
            for u in all_units:
                if u.texts[index] != u.texts[0]:
                    before = scorer.sentence_chrf(u.texts[0], u.references)
                    counts[version].add(before, scorer.sentence_chrf(u.texts[index], u.references))
    return Result(name, segment_count, chrf_scores, ter_scores, counts)


def _changes(doc: Aligned, doc_units: list[Unit], scorer: Scorer) -> list[dict]:
    """Every unit a version changed: where, what it was and became, its chrF in each."""
    rows = []
    for u in doc_units:
        if len(set(u.texts)) == 1:
            continue
        row: dict = {"segments": [u.start + 1, u.end]}
        if doc.source is not None:
            row["source"] = _join(doc.source[u.start : u.end])
        row["references"] = list(u.references)
        row.update(zip(VERSIONS, u.texts))
        row["chrf"] = {v: round(scorer.sentence_chrf(t, u.references), 2) for v, t in zip(VERSIONS, u.texts)}
        rows.append(row)
    return rows


def _fixed(doc: Aligned, rules: Sequence[Rule], unsafe: bool) -> list[str]:
    text = fix_text(doc.text, doc.name, rules, FixSettings(unsafe, doc.markdown, doc.segmentation))[0]
    return segments(text, doc.segmentation, doc.markdown)


def _attribute(doc: Aligned, rules: Sequence[Rule], effects: dict[tuple[str, str], RuleEffect], scorer: Scorer) -> None:
    """Credit each unit a rule alone changes to that rule: safe fixes against the
    original, unsafe ones against the rule's safe result."""
    for rule in rules:
        if rule.fix is FixAvailability.NEVER:
            continue
        safe, both = _fixed(doc, [rule], False), _fixed(doc, [rule], True)
        if safe == doc.hypothesis and both == doc.hypothesis:
            continue
        for u in units(doc, [safe, both]):
            for applicability, (old, new) in (("safe", u.texts[:2]), ("unsafe", u.texts[1:])):
                if old != new:
                    key = (rule.code, applicability)
                    effect = effects.setdefault(key, RuleEffect(rule.code, rule.name, applicability))
                    effect.counts.add(scorer.sentence_chrf(old, u.references), scorer.sentence_chrf(new, u.references))


def evaluate_fixes(docs: Sequence[Aligned], rules: Sequence[Rule], chrf_plus: bool = False) -> Evaluation:
    """Score every document before and after fixing, and each rule's share."""
    scorer = Scorer(chrf_plus)
    files: list[Result] = []
    every_unit: list[Unit] = []
    effects: dict[tuple[str, str], RuleEffect] = {}
    for doc in (d for d in docs if d.hypothesis):
        doc_units = units(doc, [_fixed(doc, rules, False), _fixed(doc, rules, True)])
        result = _score(doc.name, len(doc.hypothesis), doc_units, scorer)
        result.changes = _changes(doc, doc_units, scorer)
        files.append(result)
        every_unit.extend(doc_units)
        _attribute(doc, rules, effects, scorer)
    overall = files[0] if len(files) == 1 else _score("", sum(f.segments for f in files), every_unit, scorer)
    return Evaluation(
        files, overall, sorted(effects.values(), key=lambda e: (e.code, e.applicability)), scorer.signatures()
    )
