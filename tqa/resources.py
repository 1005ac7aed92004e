"""Where the data shipped with tqa lives (glossary/ and locales/), and where its caches go.

In a wheel they are installed inside the package (tqa/data/...); in a source
checkout or an editable install they are the top-level folders of the project.
"""

from __future__ import annotations

import os
import sys
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


def user_cache_dir() -> Path:
    """Where tqa keeps caches: $TQA_CACHE_DIR, else the user cache folder of the
    system ($XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%)."""
    if os.environ.get("TQA_CACHE_DIR"):
        return Path(os.environ["TQA_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "tqa" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "tqa"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tqa"
