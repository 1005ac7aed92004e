"""Settings from `[tool.tqa]` in pyproject.toml, `tqa.toml` or `.tqa.toml`.

The file is found by walking up from the working folder (in each folder
`.tqa.toml`, then `tqa.toml`, then a pyproject.toml that has `[tool.tqa]`),
or named with `--config`. Unknown keys and bad values are errors that name the
file, the line and the key. Command-line options override the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tqa.errors import UserError
from tqa.i18n import _, available_languages
from tqa.resources import glossary_dir
from tqa.text.textio import MAX_CONFIG_BYTES, read_text_file, toml_data

CONFIG_NAMES = (".tqa.toml", "tqa.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
# How Russian names are romanized where spellings disagree: Reuters/AP practice or BGN/PCGN.
TRANSLITERATIONS = ("wire", "bgn-pcgn")
# How Ukrainian place names are written: the Ukrainian government's romanisation
# (Kyiv, Kharkiv; the built-in glossary) or the traditional English exonyms (Kiev,
# Kharkov; glossary/styles/places_traditional.toml replaces those entries by id).
PLACE_STYLES = ("ukrainian", "traditional")
OUTPUT_FORMATS = ("text", "full", "json", "json-lines", "concise", "github", "sarif", "junit", "gitlab", "html")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()  # replaces tqa.pipeline.ignore.DEFAULT_EXCLUDE when set
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    min_severity: str | None = None
    fixable: tuple[str, ...] = ()  # empty: every rule's fixes
    unfixable: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    lang: str | None = None
    severity: tuple[tuple[str, str], ...] = ()
    output_format: str = "text"
    segmentation: str = "auto"
    transliteration: str = "wire"
    place_style: str = "ukrainian"
    # Where each value came from: "default", a file path, or "command line".
    origin: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _key_line(text: str, key: str, section: str | None) -> int | None:
    in_section = section is None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = section is None or stripped.strip("[] ") == section
            continue
        if in_section and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
    return None


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def parse_settings(raw: dict[str, Any], path: Path, text: str, section: str | None) -> dict[str, Any]:
    def error(key: str, message: str) -> UserError:
        return UserError(message, str(path), _key_line(text, key, section) or 1)

    values: dict[str, Any] = {}
    problems: list[UserError] = []
    for key, value in raw.items():
        try:
            name = key.replace("-", "_")
            if name in ("respect_gitignore", "force_exclude"):
                if not isinstance(value, bool):
                    raise error(key, _("`{key}` must be true or false").format(key=key))
                values[name] = value
            elif name in (
                "select",
                "ignore",
                "extend_select",
                "exclude",
                "extend_exclude",
                "glossary",
                "fixable",
                "unfixable",
            ):
                if not _string_list(value):
                    raise error(key, _("`{key}` must be a list of strings").format(key=key))
                if name in ("select", "ignore", "extend_select", "fixable", "unfixable"):
                    _check_rule_codes(value, error(key, "").line, path)
                if name == "glossary":
                    value = [str((path.parent / item).resolve()) for item in value]
                values[name] = tuple(value)
            elif name == "per_file_ignores":
                if not isinstance(value, dict) or not all(_string_list(v) for v in value.values()):
                    raise error(key, _("`{key}` must map glob patterns to lists of codes").format(key=key))
                values[name] = tuple((glob, tuple(codes)) for glob, codes in value.items())
            elif name == "severity":
                if not isinstance(value, dict) or not all(v in SEVERITIES for v in value.values()):
                    raise error(
                        key,
                        _("`{key}` must map codes to one of: {allowed}").format(key=key, allowed=", ".join(SEVERITIES)),
                    )
                values[name] = tuple(value.items())
            elif name == "min_severity":
                if value not in SEVERITIES:
                    raise error(
                        key, _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(SEVERITIES))
                    )
                values[name] = value
            elif name == "lang":
                if value not in available_languages():
                    raise error(
                        key,
                        _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(available_languages())),
                    )
                values[name] = value
            elif name == "output_format":
                if value not in OUTPUT_FORMATS:
                    raise error(
                        key, _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(OUTPUT_FORMATS))
                    )
                values[name] = value
            elif name == "transliteration":
                if value not in TRANSLITERATIONS:
                    raise error(
                        key,
                        _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(TRANSLITERATIONS)),
                    )
                values[name] = value
            elif name == "place_style":
                if value not in PLACE_STYLES:
                    raise error(
                        key, _("`{key}` must be one of: {allowed}").format(key=key, allowed=", ".join(PLACE_STYLES))
                    )
                values[name] = value
            elif name == "segmentation":
                if value not in ("auto", "blocks", "lines"):
                    raise error(
                        key, _("`{key}` must be one of: {allowed}").format(key=key, allowed="auto, blocks, lines")
                    )
                values[name] = value
            else:
                raise error(key, _("unknown setting `{key}`").format(key=key) + _setting_hint(key, path))
        except UserError as problem:
            problems.append(problem)  # every problem of the file at once
    if problems:
        first = problems[0]
        raise UserError(first.message + "".join(f"\n{problem}" for problem in problems[1:]), first.path, first.line)
    return values


def _check_rule_codes(selectors: list[str], line: int | None, path: Path) -> None:
    from tqa.rules import rule_keys, unknown_selectors
    from tqa.suggest import did_you_mean

    codes = [code.strip() for item in selectors for code in item.split(",") if code.strip()]
    unknown = unknown_selectors(codes)
    if unknown:
        names = ", ".join(name + did_you_mean(name, rule_keys()) for name in unknown)
        raise UserError(_("unknown rule code or name: {names}").format(names=names), str(path), line)


def _setting_hint(key: str, path: Path) -> str:
    """What the user most likely meant by an unknown setting."""
    from tqa.suggest import did_you_mean

    if key == "tool" and path.name != "pyproject.toml":
        return "; " + _("in {name} the settings stand at the top level, without a [tool.tqa] table").format(
            name=path.name
        )
    if key.replace("_", "-") == "extend-ignore":
        return "; " + _("use `ignore`: it adds to what `select` chose")
    known = [f.name.replace("_", "-") for f in fields(Settings) if f.name != "origin"]
    return did_you_mean(key, known)


def read_config(path: Path) -> dict[str, Any]:
    """The settings a file sets (empty for a pyproject.toml without [tool.tqa])."""
    text, data = _load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise UserError(_("`tool` must be a table ([tool.tqa])"), str(path), _key_line(text, "tool", None) or 1)
        section = tool.get("tqa")
        if section is None:
            return {}
        if not isinstance(section, dict):
            raise UserError(_("`[tool.tqa]` must be a table"), str(path), 1)
        return parse_settings(section, path, text, "tool.tqa")
    return parse_settings(data, path, text, None)


def _load_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and data of a TOML file, or a UserError naming file and line."""
    text = read_text_file(path, MAX_CONFIG_BYTES)
    return text, toml_data(text, str(path))


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_tqa(candidate)):
                return candidate
    return None


def _has_tool_tqa(path: Path) -> bool:
    try:
        tool = _load_toml(path)[1].get("tool", {})
    except UserError:
        return True  # let read_config report the problem
    return not isinstance(tool, dict) or "tqa" in tool


def load_settings(
    config: str | None, overrides: dict[str, Any], start: Path | None = None, isolated: bool = False
) -> tuple[Settings, Path | None]:
    """Settings from the config file (found or named; none when `isolated`) with
    command-line overrides on top."""
    path = Path(config) if config else None if isolated else find_config(start or Path.cwd())
    if config and not path.exists():
        raise UserError(_("no such configuration file"), config)
    from_file = read_config(path) if path else {}
    origin = {f.name: "default" for f in fields(Settings) if f.name != "origin"}
    values: dict[str, Any] = {}
    for name, value in from_file.items():
        values[name] = value
        origin[name] = str(path)
    for name, value in overrides.items():
        if value not in (None, (), ""):
            values[name] = value
            origin[name] = "command line"
    if values.get("place_style") == "traditional":
        values["glossary"] = (str(place_style_file("traditional")), *values.get("glossary", ()))
    return Settings(**values, origin=origin), path


def place_style_file(style: str) -> Path:
    """The glossary layered over the built-in one for a place style other than the default."""
    return glossary_dir() / "styles" / f"places_{style}.toml"
