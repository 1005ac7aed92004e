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


def paragraphs(example: str) -> str:
    """Docstring and case examples write a paragraph break as ` ¶ `."""
    return example.replace(" ¶ ", "\n\n")
