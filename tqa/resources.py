"""Where the data shipped with tqa lives: glossary/ and locales/.

In a wheel they are installed inside the package (tqa/data/...); in a source
checkout or an editable install they are the top-level folders of the project.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def glossary_dir() -> Path:
    return data_dir("glossary")


def locales_dir() -> Path:
    return data_dir("locales")
