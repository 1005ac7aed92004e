"""Checks across entries: duplicates, conflicts, self-flagging, and every entry's examples."""

from __future__ import annotations

from pathlib import Path

from tqa.glossary.entry import Entry
from tqa.glossary.load import Problem, item_line
from tqa.glossary.matcher import Matcher, expand_optional, fold, heads
from tqa.i18n import _


def _key(form: str, case_sensitive: bool) -> str:
    """How two forms compare: exactly for case-sensitive entries, else ignoring case."""
    folded = fold(form)
    return folded if case_sensitive else folded.lower()


def _line(entry: Entry, key: str, item: str) -> int:
    """The line of one item of an entry's array, read from its file when a problem is found."""
    try:
        lines = Path(entry.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return entry.line_of(key)
    return item_line(lines, entry.line_of(key), item)


def validate_entries(entries: list[Entry], matcher: Matcher) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    preferred = {fold(e.en): e for e in entries if e.en}
    preferred_lower = {fold(e.en).lower(): e for e in entries if e.en}
    for entry in entries:
        table = preferred if entry.case_sensitive else preferred_lower
        for avoid in entry.avoid:
            for variant in (headed for optional in expand_optional(avoid) for headed, _tags in heads(optional)):
                key = _key(variant, entry.case_sensitive)
                other = owner.get(key)
                if other is not None and other is not entry:
                    problems.append(
                        Problem(
                            entry.path,
                            _line(entry, "avoid", avoid),
                            _("avoid-form `{form}` is also in entry `{other}`").format(form=avoid, other=other.id),
                        )
                    )
                owner.setdefault(key, entry)
                if key in table:
                    problems.append(
                        Problem(
                            entry.path,
                            _line(entry, "avoid", avoid),
                            _("avoid-form `{form}` is the preferred form of entry `{other}`").format(
                                form=avoid, other=table[key].id
                            ),
                        )
                    )
    for entry in entries:
        if entry.en:
            for match in matcher.find(entry.en):
                problems.append(
                    Problem(
                        entry.path,
                        entry.line_of("en"),
                        _("preferred form `{en}` would be flagged by entry `{other}`").format(
                            en=entry.en, other=match.entry.id
                        ),
                    )
                )
        for rendering in entry.also:
            for match in matcher.find(rendering):
                problems.append(
                    Problem(
                        entry.path,
                        entry.line_of("also"),
                        _("accepted rendering `{also}` would be flagged by entry `{other}`").format(
                            also=rendering, other=match.entry.id
                        ),
                    )
                )
        for example in entry.flag:
            if not any(m.entry is entry for m in matcher.find(example, overlapping=True)):
                problems.append(
                    Problem(
                        entry.path,
                        _line(entry, "flag", example),
                        _("flag example is not matched: {example}").format(example=example),
                    )
                )
        for example in entry.ok:
            if any(m.entry is entry for m in matcher.find(example, overlapping=True)):
                problems.append(
                    Problem(
                        entry.path,
                        _line(entry, "ok", example),
                        _("ok example is matched: {example}").format(example=example),
                    )
                )
    return problems
