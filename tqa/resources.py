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


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file renamed over it, so that
    no reader sees half a file; False when the folder cannot be written (the
    cache is then simply not kept), with no temporary file left behind."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True


def keep_newest(folder: Path, pattern: str, kept: int) -> None:
    """Remove all but the `kept` newest files of `folder` matching `pattern`: each
    new version of what a cache holds makes another. Another run removing the
    same files at the same time is no error."""
    try:
        newest_first = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in newest_first[kept:]:
            path.unlink(missing_ok=True)
    except OSError:
        return
