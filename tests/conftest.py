from __future__ import annotations

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
