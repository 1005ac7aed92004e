from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tqa.i18n import set_language

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "seed.txt"


BUILT_CACHES: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory):
    """One cache folder for the session (the user's own is left alone), with what
    every run builds first (the compiled glossary, the word lists, the scan's
    database) built once: a test with a cache folder of its own gets a copy
    (`copy_built_caches`) rather than compiling the glossary again."""
    from click.testing import CliRunner

    from tqa.cli import main

    folder = tmp_path_factory.mktemp("tqa-cache")
    saved = os.environ.get("TQA_CACHE_DIR")
    os.environ["TQA_CACHE_DIR"] = str(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--exit-zero", str(SEED)])
    assert result.exit_code == 0, result.output
    BUILT_CACHES.append(folder)
    yield folder
    if saved is None:
        del os.environ["TQA_CACHE_DIR"]
    else:
        os.environ["TQA_CACHE_DIR"] = saved


def copy_built_caches(target: Path) -> Path:
    """`target` as a cache folder holding the session's built caches (no results)."""
    shutil.copytree(BUILT_CACHES[0], target, ignore=shutil.ignore_patterns("results"), dirs_exist_ok=True)
    return target


@pytest.fixture(autouse=True)
def english_messages():
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def write(path: Path, text: str) -> Path:
    """Write a test file exactly (no newline translation), making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def paragraphs(example: str) -> str:
    """Docstring and case examples write a paragraph break as ` ¶ `."""
    return example.replace(" ¶ ", "\n\n")


@pytest.fixture
def run_script():
    """Start Python with a script in a session of its own; whatever is left of it is killed at the end."""
    started: list[subprocess.Popen] = []

    def start(script: str, *arguments: str) -> subprocess.Popen:
        command = [sys.executable, "-c", script, *arguments]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        started.append(process)
        return process

    yield start
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
