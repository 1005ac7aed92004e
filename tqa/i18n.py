"""Translated user-facing messages: gettext catalogs in locales/, read with polib.

`_()` looks the message up in the catalog of the current language, which the
command line sets once per run (`--lang`, TQA_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import contextvars
import os
from functools import cache

from tqa.resources import locales_dir

SOURCE_LANGUAGE = "en"
DOMAIN = "tqa"
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("tqa_language", default=SOURCE_LANGUAGE)
ENVIRONMENT_VARIABLES = ("TQA_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def available_languages() -> list[str]:
    folder = locales_dir()
    found = {SOURCE_LANGUAGE}
    if folder.is_dir():
        found.update(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return sorted(found)


def normalize_language(value: str | None) -> str | None:
    """`ru_RU.UTF-8` -> `ru`; `C`, `POSIX` and empty -> None."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("", "c", "posix"):
        return None
    return code


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """TQA_LANG, else as gettext reads the environment: LANGUAGE (a list such as
    `uk:ru`, the first available wins) unless the locale is C, then LC_ALL,
    LC_MESSAGES, LANG."""
    environ = os.environ if environ is None else environ
    for variable in ENVIRONMENT_VARIABLES:
        value = environ.get(variable)
        if not value:
            continue
        code = normalize_language(value)  # None for C and POSIX: English
        if variable != "TQA_LANG" and code is not None:
            preferred = [normalize_language(part) for part in environ.get("LANGUAGE", "").split(":")]
            code = next((choice for choice in preferred if choice in available_languages()), code)
        return code if code in available_languages() else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Select the message language; unknown languages fall back to English."""
    normalized = normalize_language(code) or SOURCE_LANGUAGE
    if normalized not in available_languages():
        normalized = SOURCE_LANGUAGE
    _LANGUAGE.set(normalized)
    return normalized


def current_language() -> str:
    return _LANGUAGE.get()


def _slavic_plural(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


# Plural form index by language (the catalogs' Plural-Forms headers say the same).
PLURAL_RULES = {"en": lambda n: 0 if n == 1 else 1, "ru": _slavic_plural, "uk": _slavic_plural}


@cache
def _catalog(language: str) -> dict[str, str | dict[int, str]]:
    if language == SOURCE_LANGUAGE:
        return {}
    import polib

    path = locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    catalog: dict[str, str | dict[int, str]] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural and all(entry.msgstr_plural.values()):
            catalog[entry.msgid] = {int(k): v for k, v in entry.msgstr_plural.items()}
        elif entry.msgstr:
            catalog[entry.msgid] = entry.msgstr
    return catalog


def _(message: str) -> str:
    """Translate a message template into the current language."""
    language = _LANGUAGE.get()
    if language == SOURCE_LANGUAGE:
        return message
    found = _catalog(language).get(message, message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the number `n`."""
    language = _LANGUAGE.get()
    forms = _catalog(language).get(singular) if language != SOURCE_LANGUAGE else None
    if isinstance(forms, dict):
        index = PLURAL_RULES.get(language, PLURAL_RULES["en"])(n)
        return forms.get(index) or forms[max(forms)]
    return singular if n == 1 else plural
