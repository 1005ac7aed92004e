"""A glossary entry, as written in glossary/*.toml."""

from __future__ import annotations

from dataclasses import dataclass, field

from tqa.model import GlossaryRef

KINDS = ("calque", "term", "institution", "title", "person", "treaty", "acronym", "connector")
DOMAINS = ("diplomacy", "military", "politics", "security", "economy", "law", "media", "general")
FIX_SAFETY = ("safe", "unsafe", "display-only")
# `warning`: reported by the rule of the entry's kind. `info`: the avoid-form is
# also ordinary English, so it is reported only by the opt-in `translationese`
# rule (T505), never by default.
LEVELS = ("warning", "info")
CASE_SENSITIVE_KINDS = ("person", "institution", "title", "treaty", "acronym")
REQUIRED = ("id", "ru", "en", "avoid", "kind", "domain", "note", "ref", "fix", "flag", "ok")
OPTIONAL = ("case", "omit", "also", "level")


@dataclass(frozen=True)
class Variant:
    """One avoid-form with its own replacement.

    `form` may hold `[optional]` words, `{X}` slots (one word each) and one
    `~word` whose inflection (tense, number) carries over to the `~word` of
    `en`. `en` is None when the entry's own `en` replaces the form; `fix` and
    `level` are "" when the entry's apply."""

    form: str
    en: str | None = None
    fix: str = ""
    level: str = ""


@dataclass(frozen=True)
class Example:
    """A sentence the entry must flag, and the sentence `tqa fix --unsafe-fixes`
    must turn it into (None: not stated; then the fix must leave it unchanged)."""

    text: str
    fixed: str | None = None


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
    also: tuple[str, ...] = ()
    level: str = "warning"
    variants: tuple[Variant, ...] = ()
    examples: tuple[Example, ...] = ()
    path: str = ""
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        # Entries built from plain forms (TBX import, tests) get one variant a form.
        if not self.variants:
            object.__setattr__(self, "variants", tuple(Variant(form) for form in self.avoid))
        if not self.examples:
            object.__setattr__(self, "examples", tuple(Example(text) for text in self.flag))

    @property
    def case_sensitive(self) -> bool:
        if self.case:
            return self.case == "sensitive"
        return self.kind in CASE_SENSITIVE_KINDS

    @property
    def renderings(self) -> tuple[str, ...]:
        """Every accepted English rendering: `en`, then `also`."""
        return ((self.en,) if self.en else ()) + self.also

    @property
    def why(self) -> GlossaryRef:
        """What a finding from this entry tells of it: id, note and reference."""
        return GlossaryRef(self.id, self.note, self.ref)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def variant(self, form: str) -> Variant:
        return next((v for v in self.variants if v.form == form), Variant(form))

    def fix_of(self, variant: Variant) -> str:
        return variant.fix or self.fix

    def is_info(self, avoided: str) -> bool:
        """Whether this avoid-form is reported only when `translationese` is selected."""
        return (self.variant(avoided).level or self.level) == "info"

    def replacement_for(self, avoided: str) -> str:
        """The template that replaces an avoid-form: the variant's own `en`, else
        the entry's; for a shorter form of a person's name the same number of
        final words of `en` (`Ermakov` -> `Yermakov`)."""
        own = self.variant(avoided).en
        if own is not None:
            return own
        if self.omit:
            return ""
        if self.kind == "person":
            wanted = len(avoided.split())
            words = self.en.split()
            if wanted < len(words):
                return " ".join(words[-wanted:])
        return self.en
