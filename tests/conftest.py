from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tqa.i18n import set_language

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "seed.txt"


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
