"""English inflection for glossary replacements.

Word forms come from `lemminflect` (a lexicon of English lemmas and their
inflections with Penn Treebank tags: `take` -> `took` VBD, `taken` VBN), so a
replacement takes the tense or number of the word it replaces without
hand-written suffix rules. `a` or `an` goes by the sound of the next word:
letter names for acronyms spelled out (`an MP`, `a UN envoy`), the first
sound of a word otherwise (`an hour`, `a European`, `an unidentified`).
"""

from __future__ import annotations

import re
from functools import cache

from tqa.text.kept import Answers, installed_version

# Words that never inflect as a form's head and that a replacement must not
# double at its edges (`the the`, `that that`).
FUNCTION_WORDS = frozenset(
    "a an the that this these those of to in on at by for from with as and or but nor than "
    "which who whom whose it its their his her our your".split()
)
ARTICLES = ("a", "an", "the")
_FIRST_WORD = re.compile(r"[\w'’-]+")
_EIGHT_OR_ELEVEN = re.compile(r"^(?:8|11(?!\d)|18(?!\d)|11\d{3}(?!\d)|18\d{3}(?!\d))")
# Acronyms read as words (NATO, OPEC, MANPADS) have a vowel second; others are spelled out.
_READ_AS_WORD = re.compile(r"^[B-DF-HJ-NP-TV-Z][AEIOU][A-Z]{2,}$|^[AEIOU][B-DF-HJ-NP-TV-Z][AEIOU][A-Z]+$")
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")  # eff, aitch, em, en, oh, ess, ex...
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_NEGATIVE_UN = ("unid", "unin", "unim", "unan", "unab", "unac", "unaf", "unaw", "unus")
_YOU_SOUND = ("uni", "use", "usu", "uti", "ura", "uro", "eu", "ewe", "one", "once", "uk", "ub")
_TAGS_BY_CLASS = {"VERB": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG"), "NOUN": ("NN", "NNS")}


@cache
def _lemminflect():
    import lemminflect

    return lemminflect


@cache
def _answers() -> Answers:
    """The lexicon's answers kept between runs: loading it costs more than checking a megabyte."""
    return Answers("lemminflect", installed_version("lemminflect"))


def _all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return _answers().ask(("lemmas", word), lambda: dict(_lemminflect().getAllLemmas(word)))


def _all_inflections(lemma: str, word_class: str) -> dict[str, tuple[str, ...]]:
    return _answers().ask(
        ("inflections", lemma, word_class), lambda: dict(_lemminflect().getAllInflections(lemma, upos=word_class))
    )


def _inflection(lemma: str, tag: str) -> tuple[str, ...]:
    return _answers().ask(("inflection", lemma, tag), lambda: tuple(_lemminflect().getInflection(lemma, tag=tag)))


@cache
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Lemmas of a word by part of speech (`took` -> {VERB: (take,)}); {} when unknown."""
    return dict(_all_lemmas(word))


@cache
def surface_forms(lemma: str) -> dict[str, str]:
    """Every inflected form of a lemma, verb and noun, with its tags: the base form
    first (`take` -> {take: "", takes: "VBZ", took: "VBD", taken: "VBN", ...});
    a form that serves two tags has both (`realized` -> "VBD VBN")."""
    forms: dict[str, list[str]] = {lemma: []}
    for word_class, tags in _TAGS_BY_CLASS.items():
        found = _all_inflections(lemma, word_class)
        for tag in tags:
            for form in found.get(tag, ()):
                if form != lemma:
                    forms.setdefault(form, []).append(tag)
    return {form: " ".join(tags) for form, tags in forms.items()}


def inflected(lemma: str, tag: str) -> str | None:
    """The lemma in the form a tag names (`implement`, VBD -> `implemented`); the
    lemma itself for no tag; None when English has no such form of it."""
    if not tag or tag in ("VB", "VBP", "NN"):
        return lemma
    found = _inflection(lemma, tag)
    return found[0] if found else None


def is_noun(word: str) -> bool:
    """A word that can head a noun phrase: not a function word, an adjective or an
    adverb. The lexicon misses some nouns that are also verbs (`act`), so a verb
    counts, and so does a word it does not know (a name, an acronym)."""
    if word.lower() in FUNCTION_WORDS:
        return False
    known = lemmas(word.lower()) or lemmas(word)
    return not known or bool({"NOUN", "PROPN", "VERB"} & set(known))


def is_plural(word: str) -> bool:
    """`talks`, `negotiations`, `relations`: already plural nouns."""
    lowered = word.lower()
    return lowered.endswith("s") and any(lemma != lowered for lemma in lemmas(lowered).get("NOUN", ()))


def plural(word: str) -> str:
    """The plural of a noun (`agreement` -> `agreements`, `policy` -> `policies`);
    a plural noun and an acronym in capitals keep their own form (`talks`, `SMOs`)."""
    if is_plural(word):
        return word
    if word.isupper():
        return word + "s"
    found = _inflection(word.lower(), "NNS")
    return _keep_case(word, next((form for form in found if form != word.lower()), word.lower() + "s"))


def _keep_case(original: str, form: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def indefinite_article(phrase: str) -> str:
    """`a` or `an` before a phrase, by its first sound (`an hour`, `a European`,
    `an MP`, `a NATO summit`, `an 18-year-old`)."""
    word = _FIRST_WORD.match(phrase.strip())
    if word is None:
        return "a"
    text = word.group(0)
    if text[0].isdigit():
        return "an" if _EIGHT_OR_ELEVEN.match(text) else "a"
    letters = text.split("-")[0]
    if len(letters) > 1 and letters.isupper() and not _READ_AS_WORD.match(letters):
        return "an" if letters[0] in _VOWEL_LETTER_NAMES else "a"  # spelled out: an FSB officer
    if len(letters) > 1 and letters.isupper() and letters[0] == "U":
        return "a"  # read as a word beginning with `you`: a UNESCO site, a UEFA match
    lowered = text.lower()
    if lowered.startswith(_SILENT_H) or lowered.startswith(_NEGATIVE_UN):
        return "an"
    if lowered.startswith(_YOU_SOUND):
        return "a"
    return "an" if lowered[0] in "aeiou" else "a"
