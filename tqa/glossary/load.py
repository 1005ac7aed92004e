"""Reading glossary TOML files into entries, with file:line for every problem."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqa.errors import UserError
from tqa.glossary.entry import DOMAINS, FIX_SAFETY, KINDS, OPTIONAL, REQUIRED, Entry
from tqa.i18n import _
from tqa.resources import glossary_dir

_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


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


def _check_fields(raw: dict, path: str, line: int, key_lines: dict[str, int]) -> list[Problem]:
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, key_lines.get(key, line), message))

    for key in raw:
        if key not in REQUIRED and key not in OPTIONAL:
            problem(key, _("unknown key `{key}`").format(key=key))
    for key in REQUIRED:
        value = raw.get(key)
        if key not in raw:
            problem(key, _("missing `{key}`").format(key=key))
        elif key in ("avoid", "flag", "ok"):
            if not _string_list(value) or not value:
                problem(key, _("`{key}` must be a non-empty list of non-empty strings").format(key=key))
        elif not isinstance(value, str):
            problem(key, _("`{key}` must be a string").format(key=key))
        elif not value.strip() and not (key == "en" and raw.get("omit") is True):
            problem(key, _("`{key}` is empty").format(key=key))
        elif value != value.strip():
            problem(key, _("`{key}` has leading or trailing spaces").format(key=key))
    choices = {"kind": KINDS, "domain": DOMAINS, "fix": FIX_SAFETY, "case": ("sensitive", "insensitive")}
    for key, allowed in choices.items():
        if isinstance(raw.get(key), str) and raw[key] not in allowed:
            problem(key, _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(allowed)))
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
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(_("cannot read glossary: {reason}").format(reason=error), name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        return [], [
            Problem(name, int(position.group(1)) if position else 1, _("invalid TOML: {error}").format(error=message))
        ]
    problems: list[Problem] = []
    unknown = [key for key in data if key != "entry"]
    for key in unknown:
        problems.append(
            Problem(name, 1, _("unknown top-level key `{key}`; entries go in [[entry]] tables").format(key=key))
        )
    raw_entries = data.get("entry", [])
    lines = _entry_lines(text)
    entries = []
    for index, raw in enumerate(raw_entries):
        line, key_lines = lines[index] if index < len(lines) else (1, {})
        field_problems = _check_fields(raw, name, line, key_lines)
        problems.extend(field_problems)
        if field_problems:
            continue
        entries.append(
            Entry(
                id=raw["id"],
                ru=raw["ru"],
                en=raw["en"],
                avoid=tuple(raw["avoid"]),
                kind=raw["kind"],
                domain=raw["domain"],
                note=raw["note"],
                ref=raw["ref"],
                fix=raw["fix"],
                flag=tuple(raw["flag"]),
                ok=tuple(raw["ok"]),
                case=raw.get("case", ""),
                omit=raw.get("omit", False),
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
