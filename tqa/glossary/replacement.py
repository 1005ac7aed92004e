"""What replaces a glossary match where it stands: computed, not pasted.

The variant's template gets the words its slots matched, its `~word` in the
tense or number of the word it replaces, the plural or possessive of the form
as matched, and then fits its edges to the text around it: no doubled article
or conjunction (`the the`), `a`/`an` by sound, a title capitalized before a
name, a capital at a sentence start. A replacement that cannot be made to
agree is offered for display only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqa.glossary.inflection import ARTICLES, FUNCTION_WORDS, indefinite_article, inflected, is_noun, lemmas, plural
from tqa.glossary.matcher import Match

_HEAD = re.compile(r"~([^\W\d_][\w']*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)([ \t\u00a0]+)$")
_WORD_AFTER = re.compile(r"^([ \t\u00a0]+)([^\W_][\w'’]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|[\n\r]\s*|[“\"«(]\s*)$")
_PERFECT_OR_PASSIVE = frozenset("has have had having be been being is are was were get gets got gotten".split())
_MANY = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozens hundreds thousands several many "
    "few these those both multiple numerous".split()
)
_PLURAL_VERBS = frozenset("were are have".split())
_TITLE_SMALL_WORDS = frozenset("of the and for to on in at".split())
_NUMBER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    content: str
    computed: bool  # False: the words could not be made to agree; show, never apply


def at_sentence_start(text: str, offset: int) -> bool:
    return offset == 0 or bool(_SENTENCE_START.search(text[max(0, offset - 3) : offset]))


def _word_before(text: str, offset: int) -> re.Match[str] | None:
    return _WORD_BEFORE.search(text[max(0, offset - 40) : offset])


def _word_after(text: str, offset: int) -> re.Match[str] | None:
    return _WORD_AFTER.match(text[offset : offset + 40])


def _head_tag(tags: str, previous: str, lemma: str) -> str:
    """The tag a `~word` replacement takes: of the tags its counterpart's form
    serves, the verb tag when the replacement is a verb (`took` VBD; `taken`
    after `has`), else the noun tag."""
    choices = tags.split()
    if not choices:
        return ""
    verb = "VERB" in lemmas(lemma) or not lemmas(lemma)
    preferred = [tag for tag in choices if tag.startswith("VB") == verb] or choices
    if "VBD" in preferred and previous.lower() in _PERFECT_OR_PASSIVE:
        return "VBN"
    return preferred[0]


def _plural_context(text: str, match: Match) -> bool:
    """`Two BPLA were`: a count or a plural verb around a bare noun asks for its plural."""
    before = _word_before(text, match.start)
    after = _word_after(text, match.end)
    word = before.group(1).lower() if before else ""
    if word in _MANY or (_NUMBER.match(word) and word != "1"):
        return True
    return bool(after and after.group(2).lower() in _PLURAL_VERBS)


def _inflect_template(template: str, text: str, match: Match) -> tuple[str, bool]:
    form = match.form
    computed = True
    for name, value in match.slots:
        template = template.replace("{" + name + "}", value)
    head = _HEAD.search(template)
    before = _word_before(text, match.start)
    previous = before.group(1) if before else ""
    if head:
        word = inflected(head.group(1), _head_tag(form.tags, previous, head.group(1)))
        if word is None:
            computed, word = False, head.group(1)
        template = template[: head.start()] + word + template[head.end() :]
    elif form.tags:
        computed = False  # the form was inflected and its replacement has no word to agree
    if not template:
        return template, computed
    found = text[match.start : match.end]
    head_text, _sep, last = template.rpartition(" ")
    prefix = head_text + " " if head_text else ""
    if form.inflection in ("plural", "plural possessive") or (
        match.entry.kind == "acronym" and last[:1].islower() and _plural_context(text, match)
    ):
        if is_noun(last):
            last = plural(last)
        else:
            computed = False
    if form.inflection.endswith("possessive"):
        apostrophe = "’" if "’" in found else "'"
        if not is_noun(last):
            computed = False
        last += apostrophe if last.endswith("s") and form.inflection == "plural possessive" else apostrophe + "s"
    return prefix + last, computed


def _title_case(words: list[str]) -> list[str]:
    return [w if w in _TITLE_SMALL_WORDS and i else w[:1].upper() + w[1:] for i, w in enumerate(words)]


def _drop(text: str, match: Match) -> Replacement:
    """Omit the phrase, with the comma or spaces after it; recapitalize a sentence start."""
    end = match.end
    while end < len(text) and text[end] in " ,\u00a0":
        end += 1
    if at_sentence_start(text, match.start) and end < len(text) and text[end].islower():
        return Replacement(match.start, end + 1, text[end].upper(), True)
    return Replacement(match.start, end, "", True)


def replacement(text: str, match: Match) -> Replacement:
    """The edit that puts the entry's English in place of a match."""
    template = match.entry.replacement_for(match.form.avoid)
    if not template:
        return _drop(text, match)
    content, computed = _inflect_template(template, text, match)
    words = content.split(" ")
    start, end = match.start, match.end
    before = _word_before(text, start)
    after = _word_after(text, end)
    if before and len(words) > 1:
        previous = before.group(1).lower()
        first = words[0].lower()
        if previous == first and first in FUNCTION_WORDS:
            words = words[1:]
        elif previous in ARTICLES and first in ARTICLES:
            start -= len(before.group(0))  # the replacement's own article takes the place of the text's
    if (
        after
        and len(words) > 1
        and words[-1].lower() == after.group(2).lower()
        and after.group(2).lower() in FUNCTION_WORDS
    ):
        words = words[:-1]
    if match.entry.kind == "title" and after and after.group(2)[:1].isupper() and after.group(1) == " ":
        words = _title_case(words)  # `Russian Foreign Minister Sergey Lavrov`
    content = " ".join(words)
    if before and start == match.start and before.group(1).lower() in ("a", "an"):
        article = indefinite_article(content)
        if article != before.group(1).lower():
            start -= len(before.group(0))
            written = article.capitalize() if before.group(1)[:1].isupper() else article
            content = written + before.group(2) + content
    if content[:1].islower() and at_sentence_start(text, start):
        content = content[0].upper() + content[1:]
    return Replacement(start, end, content, computed)
