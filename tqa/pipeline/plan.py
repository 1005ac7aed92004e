"""From settings to the rules each file gets: selection, per-file ignores, severities."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from tqa.config import Settings
from tqa.errors import UserError
from tqa.i18n import _
from tqa.model import Rule, Severity
from tqa.pipeline.run import Job
from tqa.rules import rule_keys, select_rules, unknown_selectors
from tqa.suggest import did_you_mean


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Plan:
    settings: Settings
    rules: tuple[Rule, ...]

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        """The rules for one file after `per-file-ignores`."""
        if not self.settings.per_file_ignores:
            return self.rules
        ignored: list[str] = []
        posix = PurePath(path).as_posix()
        for pattern, codes in self.settings.per_file_ignores:
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(PurePath(path).name, pattern):
                ignored.extend(codes)
        if not ignored:
            return self.rules
        return tuple(r for r in self.rules if not any(r.code.startswith(c.upper()) or r.name == c for c in ignored))

    @property
    def signature(self) -> str:
        """`tqa 0.1.0|glossary:<hash>|rules:Q101,…`: what produced a run's findings, as sacrebleu signs scores."""
        from tqa import __version__

        parts = [f"tqa {__version__}"]
        if self.needs_glossary:
            from tqa.glossary.compiled import load_glossary, validated_fingerprint

            fingerprint = validated_fingerprint(self.settings.glossary)
            parts.append(f"glossary:{fingerprint or load_glossary(self.settings.glossary).fingerprint}")
        parts.append("rules:" + ",".join(rule.code for rule in self.rules))
        return "|".join(parts)

    @property
    def needs_glossary(self) -> bool:
        return uses_glossary(self.rules)


def uses_glossary(rules: Sequence[Rule]) -> bool:
    """Whether any of the rules reads the glossary (the term and name families)."""
    return any(rule.code[0] in "TN" for rule in rules)


def fix_codes(settings: Settings) -> frozenset[str] | None:
    """Codes whose fixes `fix` may apply: `fixable` (default all) less `unfixable`."""
    if not settings.fixable and not settings.unfixable:
        return None
    return frozenset(rule.code for rule in select_rules(split_codes(settings.fixable), split_codes(settings.unfixable)))


def job_of(settings: Settings, **options) -> Job:
    """What a run does to each file: the settings' part of a Job, with the run's own `options`."""
    return Job(
        segmentation=settings.segmentation,
        glossary_files=settings.glossary,
        transliteration=settings.transliteration,
        fix_codes=fix_codes(settings),
        **options,
    )


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def make_plan(settings: Settings) -> Plan:
    select = split_codes(settings.select)
    ignore = split_codes(settings.ignore)
    extend = split_codes(settings.extend_select)
    per_file = tuple(code for _, codes in settings.per_file_ignores for code in codes)
    fixes = split_codes(settings.fixable) + split_codes(settings.unfixable)
    unknown = unknown_selectors(
        select + ignore + extend + per_file + fixes + tuple(code for code, _ in settings.severity)
    )
    if unknown:
        where = settings.origin.get("select", "command line")
        raise UserError(
            _("unknown rule code or name: {names}").format(
                names=", ".join(name + did_you_mean(name, rule_keys()) for name in unknown)
            ),
            where if where not in ("default", "command line") else None,
        )
    rules = select_rules(select, ignore, extend)
    overrides = dict(settings.severity)
    if overrides:
        rules = tuple(
            dataclasses.replace(rule, severity=Severity(overrides[code]))
            if (code := next((c for c in overrides if rule.code.startswith(c.upper()) or rule.name == c), None))
            else rule
            for rule in rules
        )
    if settings.min_severity is not None:
        floor = SEVERITY_RANK[settings.min_severity]
        rules = tuple(rule for rule in rules if SEVERITY_RANK[rule.severity.value] >= floor)
    return Plan(settings, rules)
