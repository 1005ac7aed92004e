"""A document's language: plain English is told without langdetect, and agrees with it."""

from __future__ import annotations

import pytest

from conftest import DATA, SEED
from tqa.text import langid

FOREIGN = {
    "fr": "Le président a déclaré que la situation dans le pays est très difficile et que le gouvernement "
    "va prendre des mesures pour la sécurité de tous les citoyens.",
    "de": "Der Präsident sagte, dass die Lage im Land sehr schwierig ist und die Regierung bald neue "
    "Maßnahmen zur Sicherheit aller Bürger ergreifen wird.",
    "ru": "Президент заявил, что ситуация в стране очень сложная и правительство примет меры по "
    "обеспечению безопасности всех граждан.",
}


def english_documents() -> list[str]:
    paths = [SEED, *sorted((DATA / "cases").glob("*.txt"))]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return [text for text in texts if len(langid._WORD.findall(text[: langid.SAMPLE_CHARACTERS])) >= 30]


def test_plain_english_needs_no_langdetect_and_agrees_with_it():
    documents = english_documents()
    assert len(documents) >= 3
    for text in documents:
        assert langid._plainly_english(text[: langid.SAMPLE_CHARACTERS]), text[:80]
        assert langid.detect(text[:4000])[0] == langid.document_language(text) == "en"


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_go_to_langdetect(language):
    text = FOREIGN[language]
    assert not langid._plainly_english(text[: langid.SAMPLE_CHARACTERS])
    assert langid.document_language(text) == language
