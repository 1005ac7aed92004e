"""A glossary entry, as written in glossary/*.toml."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("calque", "term", "institution", "title", "person", "treaty", "acronym", "connector")
DOMAINS = ("diplomacy", "military", "politics", "security", "economy", "law", "media", "general")
FIX_SAFETY = ("safe", "unsafe", "display-only")
CASE_SENSITIVE_KINDS = ("person", "institution", "title", "treaty", "acronym")
REQUIRED = ("id", "ru", "en", "avoid", "kind", "domain", "note", "ref", "fix", "flag", "ok")
OPTIONAL = ("case", "omit")


@dataclass(frozen=True)
class Entry:
    id: str
    ru: str
    en: str
    avoid: tuple[str, ...]
    kind: str
    domain: str
    note: str
    ref: str
    fix: str
    flag: tuple[str, ...]
    ok: tuple[str, ...]
    case: str = ""
    omit: bool = False
    path: str = ""
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def case_sensitive(self) -> bool:
        if self.case:
            return self.case == "sensitive"
        return self.kind in CASE_SENSITIVE_KINDS

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def replacement_for(self, avoided: str) -> str:
        """What replaces an avoid-form: `en`, or for a shorter form of a person's
        name the same number of final words of `en` (`Ermakov` -> `Yermakov`)."""
        if self.omit:
            return ""
        if self.kind == "person":
            wanted = len(avoided.split())
            words = self.en.split()
            if wanted < len(words):
                return " ".join(words[-wanted:])
        return self.en
