"""Reading glossary TOML files into entries, with file:line for every problem."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqa.errors import UserError
from tqa.glossary.entry import DOMAINS, FIX_SAFETY, KINDS, LEVELS, OPTIONAL, REQUIRED, Entry, Example, Variant
from tqa.i18n import _
from tqa.resources import glossary_dir
from tqa.suggest import did_you_mean
from tqa.text.textio import MAX_GLOSSARY_BYTES, read_text_file, toml_data

_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]\s*(?:#.*)?$")
_ENTRY_KEY = re.compile(r"^\s*(?:\[\s*entry\s*\]|entry\s*=)")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SLOT = re.compile(r"\{([A-Z][A-Z0-9]*)\}")
_VARIANT_KEYS = ("form", "en", "fix", "level")
_EXAMPLE_KEYS = ("text", "fixed")
_OPTIONAL_WORDS = re.compile(r"\[[^\]]+\]")
# Limits that keep a hostile glossary from exhausting time or memory: each
# optional word doubles the forms of an avoid-form.
MAX_OPTIONAL = 6
MAX_FORM_LENGTH = 200
MAX_ENTRIES = 50_000


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def builtin_files() -> list[Path]:
    return sorted(glossary_dir().glob("*.toml"))


def _entry_lines(text: str) -> list[tuple[int, dict[str, int]]]:
    """For each [[entry]] header: its line and the line of each key below it."""
    found: list[tuple[int, dict[str, int]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _ENTRY_HEADER.match(line):
            found.append((number, {}))
        elif found:
            key = _KEY.match(line)
            if key and key.group(1) not in found[-1][1]:
                found[-1][1][key.group(1)] = number
    return found


def _string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip()) and value == value.strip()


def _variant_problems(item) -> list[str]:
    """What is wrong with one `avoid` item: a string, or {form, en, fix}."""
    if isinstance(item, str):
        return (
            _size_problems(item)
            if _text(item)
            else [_("an avoid-form must be a non-empty string without outer spaces")]
        )
    if not isinstance(item, dict):
        return [_("an avoid-form must be a string or an inline table with `form` and maybe `en` and `fix`")]
    problems = [
        _("unknown key `{key}` in an avoid-form table").format(key=key) + did_you_mean(key, _VARIANT_KEYS)
        for key in item
        if key not in _VARIANT_KEYS
    ]
    form, en = item.get("form"), item.get("en")
    if not _text(form):
        problems.append(_("an avoid-form table needs `form`, a non-empty string"))
        return problems
    if en is not None and not (isinstance(en, str) and en == en.strip()):
        problems.append(_("`en` of avoid-form `{form}` must be a string without outer spaces").format(form=form))
    if "fix" in item and item["fix"] not in FIX_SAFETY:
        problems.append(
            _("`fix` of avoid-form `{form}` must be one of: {allowed}").format(form=form, allowed=", ".join(FIX_SAFETY))
        )
    if "level" in item and item["level"] not in LEVELS:
        problems.append(
            _("`level` of avoid-form `{form}` must be one of: {allowed}").format(form=form, allowed=", ".join(LEVELS))
        )
    return problems + _template_problems(form, en if isinstance(en, str) else None) + _size_problems(form)


def _size_problems(form: str) -> list[str]:
    """What makes an avoid-form blow up: nothing but optional words (it matches
    empty text), too many optional words (each doubles its forms), or length."""
    if not _OPTIONAL_WORDS.sub("", form).strip():
        return [
            _(
                "avoid-form `{form}` is made only of optional [words], so it matches empty text; make a word required"
            ).format(form=form)
        ]
    optional = len(_OPTIONAL_WORDS.findall(form))
    if optional > MAX_OPTIONAL:
        return [
            _(
                "avoid-form `{form}` has {count} optional [words]; at most {limit} (each doubles the forms to match): write separate forms"
            ).format(form=form, count=optional, limit=MAX_OPTIONAL)
        ]
    if len(form) > MAX_FORM_LENGTH:
        return [
            _("avoid-form is {length} characters long; at most {limit}").format(length=len(form), limit=MAX_FORM_LENGTH)
        ]
    return []


def _template_problems(form: str, en: str | None) -> list[str]:
    """Slots and `~` heads: a form opens with a word, its replacement uses only its slots."""
    problems = []
    if form.startswith(("{", "[", "~{")):
        problems.append(
            _("avoid-form `{form}` must begin with a fixed word, not a slot or an optional word").format(form=form)
        )
    slots = _SLOT.findall(form)
    if len(slots) != len(set(slots)):
        problems.append(_("avoid-form `{form}` names a slot twice").format(form=form))
    if form.count("~") > 1 or (en or "").count("~") > 1:
        problems.append(_("avoid-form `{form}`: at most one `~word` in a form and one in its `en`").format(form=form))
    if en is not None:
        unknown = set(_SLOT.findall(en)) - set(slots)
        if unknown:
            problems.append(
                _("`en` of avoid-form `{form}` uses slots the form lacks: {slots}").format(
                    form=form, slots=", ".join(sorted(unknown))
                )
            )
        if "[" in en or "]" in en:
            problems.append(
                _("`en` of avoid-form `{form}` has square brackets; optional words belong in forms").format(form=form)
            )
        if "~" in en and "~" not in form:
            problems.append(_("`en` of avoid-form `{form}` inflects `~word` but the form has none").format(form=form))
    return problems


def _example_problems(item) -> list[str]:
    if isinstance(item, str):
        return [] if item.strip() else [_("an example must be a non-empty string")]
    if not isinstance(item, dict):
        return [_("a `flag` example must be a string or an inline table with `text` and `fixed`")]
    problems = [
        _("unknown key `{key}` in a `flag` example").format(key=key) + did_you_mean(key, _EXAMPLE_KEYS)
        for key in item
        if key not in _EXAMPLE_KEYS
    ]
    if not _text(item.get("text")):
        problems.append(_("a `flag` example table needs `text`, a non-empty string"))
    if "fixed" in item and not _text(item["fixed"]):
        problems.append(_("`fixed` of a `flag` example must be a non-empty string"))
    return problems


def _variant(item) -> Variant:
    if isinstance(item, str):
        return Variant(item)
    return Variant(item["form"], item.get("en"), item.get("fix", ""), item.get("level", ""))


def _example(item) -> Example:
    if isinstance(item, str):
        return Example(item)
    return Example(item["text"], item.get("fixed"))


def item_line(lines: list[str], key_line: int, item) -> int:
    """The line of one item of an array (an avoid-form, an example) below its key."""
    text = item.get("form", item.get("text")) if isinstance(item, dict) else item
    if isinstance(text, str) and text:
        written = json.dumps(text, ensure_ascii=False)
        for number in range(key_line, min(len(lines), key_line + 300) + 1):
            if written in lines[number - 1]:
                return number
            if number > key_line and _KEY.match(lines[number - 1]):
                break
    return key_line


def _check_fields(raw: dict, path: str, line: int, key_lines: dict[str, int], lines: list[str]) -> list[Problem]:
    problems = []

    def problem(key: str, message: str, item=None) -> None:
        at = key_lines.get(key, line)
        problems.append(Problem(path, item_line(lines, at, item) if item is not None else at, message))

    for key in raw:
        if key not in REQUIRED and key not in OPTIONAL:
            problem(key, _("unknown key `{key}`").format(key=key) + did_you_mean(key, (*REQUIRED, *OPTIONAL)))
    for key in REQUIRED:
        value = raw.get(key)
        if key not in raw:
            problem(key, _("missing `{key}`").format(key=key))
        elif key in ("avoid", "flag"):
            if not isinstance(value, list) or not value:
                problem(key, _("`{key}` must be a non-empty list of non-empty strings").format(key=key))
            else:
                check = _variant_problems if key == "avoid" else _example_problems
                for item in value:
                    for message in check(item):
                        problem(key, message, item)
        elif key == "ok":
            if not _string_list(value) or not value:
                problem(key, _("`{key}` must be a non-empty list of non-empty strings").format(key=key))
        elif not isinstance(value, str):
            problem(key, _("`{key}` must be a string").format(key=key))
        elif not value.strip() and not (key == "en" and raw.get("omit") is True):
            problem(key, _("`{key}` is empty").format(key=key))
        elif value != value.strip():
            problem(key, _("`{key}` has leading or trailing spaces").format(key=key))
    choices = {
        "kind": KINDS,
        "domain": DOMAINS,
        "fix": FIX_SAFETY,
        "case": ("sensitive", "insensitive"),
        "level": LEVELS,
    }
    for key, allowed in choices.items():
        if isinstance(raw.get(key), str) and raw[key] not in allowed:
            hint = did_you_mean(raw[key], allowed)
            problem(key, _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(allowed)) + hint)
    if "also" in raw and not _string_list(raw["also"]):
        problem("also", _("`also` must be a list of non-empty strings"))
    if "level" in raw and not isinstance(raw["level"], str):
        problem("level", _("`{key}` must be one of: {allowed}").format(key="level", allowed=", ".join(LEVELS)))
    if "omit" in raw and not isinstance(raw["omit"], bool):
        problem("omit", _("`omit` must be true or false"))
    if isinstance(raw.get("id"), str) and raw["id"] and not _ID.match(raw["id"]):
        problem("id", _("`id` must be lower-case ASCII words joined by hyphens"))
    if isinstance(raw.get("ru"), str) and raw["ru"] and not re.search("[а-яёА-ЯЁ]", raw["ru"]):
        problem("ru", _("`ru` must be written in Cyrillic"))
    return problems


def read_glossary_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Entries of one file and the problems found in their fields."""
    name = str(path)
    text = read_text_file(path, MAX_GLOSSARY_BYTES)
    try:
        data = toml_data(text, name)
    except UserError as error:
        return [], [Problem(name, error.line or 1, error.message)]
    problems: list[Problem] = []
    unknown = [key for key in data if key != "entry"]
    for key in unknown:
        problems.append(
            Problem(name, 1, _("unknown top-level key `{key}`; entries go in [[entry]] tables").format(key=key))
        )
    raw_entries = data.get("entry", [])
    lines = _entry_lines(text)
    if not isinstance(raw_entries, list):
        line = next((number for number, line in enumerate(text.split("\n"), 1) if _ENTRY_KEY.match(line)), 1)
        return [], [*problems, Problem(name, line, _("`entry` must be an array of tables, each begun by [[entry]]"))]
    if len(raw_entries) > MAX_ENTRIES:
        message = _("{count} entries in one file; at most {limit}: split the glossary into files")
        return [], [*problems, Problem(name, 1, message.format(count=len(raw_entries), limit=MAX_ENTRIES))]
    text_lines = text.splitlines()
    entries = []
    for index, raw in enumerate(raw_entries):
        line, key_lines = lines[index] if index < len(lines) else (1, {})
        if not isinstance(raw, dict):
            problems.append(Problem(name, line, _("`entry` must be an array of tables, each begun by [[entry]]")))
            continue
        field_problems = _check_fields(raw, name, line, key_lines, text_lines)
        problems.extend(field_problems)
        if field_problems:
            continue
        entries.append(
            Entry(
                id=raw["id"],
                ru=raw["ru"],
                en=raw["en"],
                avoid=tuple(_variant(item).form for item in raw["avoid"]),
                kind=raw["kind"],
                domain=raw["domain"],
                note=raw["note"],
                ref=raw["ref"],
                fix=raw["fix"],
                flag=tuple(_example(item).text for item in raw["flag"]),
                ok=tuple(raw["ok"]),
                case=raw.get("case", ""),
                omit=raw.get("omit", False),
                also=tuple(raw.get("also", ())),
                level=raw.get("level", "warning"),
                variants=tuple(_variant(item) for item in raw["avoid"]),
                examples=tuple(_example(item) for item in raw["flag"]),
                path=name,
                line=line,
                key_lines=key_lines,
            )
        )
    return entries, problems


def read_glossaries(paths: Iterable[Path]) -> tuple[list[Entry], list[Problem]]:
    """Entries of files that form one layer: an id may appear only once."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    first: dict[str, Entry] = {}
    for path in paths:
        found, file_problems = read_glossary_file(Path(path))
        problems.extend(file_problems)
        for entry in found:
            if entry.id in first:
                problems.append(
                    Problem(
                        entry.path,
                        entry.line_of("id"),
                        _("duplicate id `{id}` (first at {place})").format(
                            id=entry.id, place=f"{first[entry.id].path}:{first[entry.id].line}"
                        ),
                    )
                )
                continue
            first[entry.id] = entry
            entries.append(entry)
    return entries, problems


def layered(base: list[Entry], extra: list[Entry]) -> list[Entry]:
    """The built-in entries with a user's layered over them: same id replaces."""
    replaced = {entry.id for entry in extra}
    return [entry for entry in base if entry.id not in replaced] + extra
