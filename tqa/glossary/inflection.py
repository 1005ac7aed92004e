"""English inflection for glossary replacements.

Word forms come from `lemminflect` (a lexicon of English lemmas and their
inflections with Penn Treebank tags: `take` -> `took` VBD, `taken` VBN), so a
replacement takes the tense or number of the word it replaces without
hand-written suffix rules; the indefinite article comes from `inflect`, which
knows `an hour`, `a European`, `a UN envoy`.
"""

from __future__ import annotations

from functools import cache

# Words that never inflect as a form's head and that a replacement must not
# double at its edges (`the the`, `that that`).
FUNCTION_WORDS = frozenset(
    "a an the that this these those of to in on at by for from with as and or but nor than "
    "which who whom whose it its their his her our your".split()
)
ARTICLES = ("a", "an", "the")
_TAGS_BY_CLASS = {"VERB": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG"), "NOUN": ("NN", "NNS")}


@cache
def _lemminflect():
    import lemminflect

    return lemminflect


@cache
def _engine():
    import inflect

    return inflect.engine()


@cache
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Lemmas of a word by part of speech (`took` -> {VERB: (take,)}); {} when unknown."""
    return dict(_lemminflect().getAllLemmas(word))


@cache
def surface_forms(lemma: str) -> dict[str, str]:
    """Every inflected form of a lemma, verb and noun, with its tags: the base form
    first (`take` -> {take: "", takes: "VBZ", took: "VBD", taken: "VBN", ...});
    a form that serves two tags has both (`realized` -> "VBD VBN")."""
    forms: dict[str, list[str]] = {lemma: []}
    for word_class, tags in _TAGS_BY_CLASS.items():
        found = _lemminflect().getAllInflections(lemma, upos=word_class)
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
    found = _lemminflect().getInflection(lemma, tag=tag)
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
    found = _lemminflect().getInflection(word.lower(), tag="NNS")
    if found and found[0] != word.lower():
        form = found[0]
    else:
        form = _engine().plural_noun(word.lower()) or word.lower() + "s"
    return _keep_case(word, form)


def _keep_case(original: str, form: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def indefinite_article(phrase: str) -> str:
    """`a` or `an` before a phrase, by its sound (`an hour`, `a European`, `an MP`)."""
    return _engine().a(phrase).split(" ", 1)[0]
