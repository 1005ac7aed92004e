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
from functools import cache

from tqa.glossary.inflection import ARTICLES, indefinite_article, inflected, is_noun, is_plural, lemmas, plural
from tqa.glossary.matcher import Match

_HEAD = re.compile(r"~([^\W\d_][\w']*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)([ \t\u00a0]+)$")
_WORD_AFTER = re.compile(r"^([ \t\u00a0]+)([^\W_][\w'’]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|[\n\r]\s*|(?:^|[\s(])[“\"«(]\s*)$")
_PERFECT_OR_PASSIVE = frozenset("has have had having be been being is are was were get gets got gotten".split())
_MANY = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozens hundreds thousands several many "
    "few these those both multiple numerous".split()
)
_PLURAL_VERBS = frozenset("were are have".split())
_ADVERBS = frozenset("not never already yet also just still recently finally ever now since long".split())
_QUANTITIES = frozenset("number lot lots scores couple group swarm wave".split())
# A bare acronym of a body as the subject of a verb takes `the` with its
# English name: `Minoborony reported` -> `The Defence Ministry reported`.
_BODY_NOUNS = frozenset(
    "ministry committee staff navy service office council court fleet bank commission agency "
    "department directorate inspectorate guard district".split()
)
_BODY_KINDS = ("acronym", "institution")
# The last letters of `a`, `an` and `the`.
_ARTICLE_ENDS = "aAnNeE"
_DETERMINERS = frozenset("the a an this that these those its their his her our your whose every each no".split())
_TITLE_SMALL_WORDS = frozenset("of the and for to on in at".split())
_PREPOSITIONS = frozenset("in on at by for from with to of into onto under over about amid".split())
_NUMBER = re.compile(r"^\d+$")
# A run of word characters (re's `\w` is `str.isalnum()` and `_`) and apostrophes, read on reversed text.
_WORD_RUN = re.compile(r"[\w'’]*")
_PRECEDING = re.compile(r"[^\W_][\w'’-]*")
# The same patterns for ASCII text, which they read alike: re.ASCII's word
# characters are cheaper to test than Unicode's (none of them uses `\s`).
_WORD_BEFORE_ASCII, _WORD_AFTER_ASCII, _PRECEDING_ASCII = (
    re.compile(pattern.pattern, re.ASCII) for pattern in (_WORD_BEFORE, _WORD_AFTER, _PRECEDING)
)
_CLAUSE_END = re.compile(r"[.;:!?,]")
_SINGULAR_VERBS = frozenset("is was has does".split())
_PLURAL_VERBS_AFTER = frozenset("are were have do".split())
_AGREEING_VERBS = _SINGULAR_VERBS | _PLURAL_VERBS_AFTER
# Descriptions, not titles: lower case even before a name (`Kremlin spokesman Dmitry Peskov`).
_DESCRIPTIVE_TITLES = frozenset("spokesman spokeswoman spokesperson expert analyst".split())
_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"))
_QUOTE_MARKS = frozenset("".join(opening + closing for opening, closing in _QUOTE_PAIRS))


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    content: str
    computed: bool  # False: the words could not be made to agree; show, never apply


def at_sentence_start(text: str, offset: int) -> bool:
    return offset == 0 or bool(_SENTENCE_START.search(text[max(0, offset - 4) : offset]))


def _word_before(text: str, offset: int, last_letters: str = "") -> re.Match[str] | None:
    """The word and the spaces just before an offset; with `last_letters`, only
    a word ending in one of them (`aAnNeE`: an article), else None. The search
    starts at the run of word characters before those spaces: the match cannot
    begin earlier, and trying every earlier position was the costliest step of
    a replacement."""
    window = text[max(0, offset - 40) : offset]
    body = window[:-1] if window.endswith("\n") else window  # `$` also matches before a final newline
    trimmed = body.rstrip(" \t\u00a0")
    if len(trimmed) == len(body) or (last_letters and trimmed[-1:] not in last_letters):
        return None
    start = len(trimmed) - _WORD_RUN.match(trimmed[::-1]).end()
    return (_WORD_BEFORE_ASCII if window.isascii() else _WORD_BEFORE).search(window, start)


def _word_after(text: str, offset: int) -> re.Match[str] | None:
    window = text[offset : offset + 40]
    return (_WORD_AFTER_ASCII if window.isascii() else _WORD_AFTER).match(window)


def _words_in(window: str) -> list[str]:
    return (_PRECEDING_ASCII if window.isascii() else _PRECEDING).findall(window)


def _head_word(lemma: str, tags: str, text: str, offset: int) -> str | None:
    """A `~word` replacement in the form of its counterpart's: of the tags that
    form serves, the verb tag when the replacement is a verb (`took` VBD;
    `taken` after `has`), else the noun tag; None when English has no such form."""
    tag, past = _head_tag(tags, lemma)
    if past and _auxiliary(text, offset).lower() in _PERFECT_OR_PASSIVE:
        tag = "VBN"
    return _inflected(lemma, tag)


@cache
def _head_tag(tags: str, lemma: str) -> tuple[str, bool]:
    """The tag `_head_word` takes before the word in front is read, and whether
    that word can make it VBN (the tag is VBD or VBD is a choice)."""
    choices = tags.split()
    if not choices:
        return "", False
    verb = "VERB" in lemmas(lemma) or not lemmas(lemma)
    preferred = [tag for tag in choices if tag.startswith("VB") == verb] or choices
    return preferred[0], "VBD" in preferred


_inflected = cache(inflected)  # a lexicon lookup each time otherwise


def _auxiliary(text: str, offset: int) -> str:
    """The word before an offset, looking past adverbs (`has not`, `had already`)."""
    for word in _words_before(text, offset):
        if word.lower() not in _ADVERBS:
            return word
    return ""


def _plural_context(text: str, match: Match) -> bool:
    """`Two BPLA were`: a count or a plural verb around a bare noun asks for its plural."""
    after = _word_after(text, match.end)
    words = [word.lower() for word in _words_before(text, match.start)]
    if words[:1] == ["of"] and words[1:2] and (words[1] in _MANY or words[1] in _QUANTITIES):
        return True  # `dozens of BPLA`, `a number of BPLA`
    word = words[0] if words else ""
    if word in _MANY or (_NUMBER.match(word) and word != "1"):
        return True
    return bool(after and after.group(2).lower() in _PLURAL_VERBS)


def _inflect_template(template: str, text: str, match: Match) -> tuple[str, bool]:
    form = match.form
    computed = True
    for name, value in match.slots:
        template = template.replace("{" + name + "}", value)
    head = _HEAD.search(template) if "~" in template else None
    if head:
        word = _head_word(head.group(1), form.tags, text, match.start)
        if word is None:
            computed, word = False, head.group(1)
        template = template[: head.start()] + word + template[head.end() :]
    elif form.tags:
        computed = False  # the form was inflected and its replacement has no word to agree
    if not template or (not form.inflection and match.entry.kind != "acronym" and template[0] != " "):
        return template, computed  # most forms: nothing to inflect
    found = text[match.start : match.end]
    head_text, _sep, last = template.rpartition(" ")
    prefix = head_text + " " if head_text else ""
    if form.inflection in ("plural", "plural possessive") or (
        match.entry.kind == "acronym" and last[:1].islower() and _plural_context(text, match)
    ):
        noun_phrase, of, complement = template.partition(" of ")
        if of and " of " not in found and not form.inflection.endswith("possessive"):
            # `diversionary acts` → `acts of sabotage`: the plural goes on the head noun before `of`.
            lead, _sep, noun = noun_phrase.rpartition(" ")
            if is_noun(noun) and _countable(lead):
                return (lead + " " if lead else "") + plural(noun) + of + complement, computed
            return template, False
        if is_noun(last) and _countable(head_text):
            last = plural(last)
        else:
            computed = False  # `on an especially large scale` has no plural
    if form.inflection.endswith("possessive"):
        apostrophe = "’" if "’" in found else "'"
        if not is_noun(last):
            computed = False
        last += apostrophe if last.endswith("s") and form.inflection == "plural possessive" else apostrophe + "s"
    return prefix + last, computed


def _countable(words_before_head: str) -> bool:
    """Whether a replacement's last noun can take the plural of the form it
    replaces: not under an `a`/`an` of its own, not in an adverbial phrase."""
    words = words_before_head.lower().split()
    return not ({"a", "an"} & set(words)) and not (words and words[0] in _PREPOSITIONS)


def _title_case(words: list[str]) -> list[str]:
    return [w if w in _TITLE_SMALL_WORDS else w[:1].upper() + w[1:] for w in words]


def _proper_name(found: str) -> bool:
    """Every word capitalized, more than one of them: the text names something."""
    if found.islower():
        return False  # most matches: not a capital in them
    words = [word for word in found.split() if word.lower() not in _TITLE_SMALL_WORDS]
    return len(words) > 1 and all(word[:1].isupper() for word in words)


def _drop(text: str, match: Match) -> Replacement:
    """Omit the phrase, with the comma or spaces after it; recapitalize a sentence start."""
    end = match.end
    while end < len(text) and text[end] in " ,\u00a0":
        end += 1
    if at_sentence_start(text, match.start) and end < len(text) and text[end].islower():
        return Replacement(match.start, end + 1, text[end].upper(), True)
    return Replacement(match.start, end, "", True)


def _bare_body_subject(
    text: str, match: Match, words: list[str], before: re.Match[str] | None, after: re.Match[str] | None
) -> bool:
    """An acronym of a body, with no determiner, before a verb: its English name needs `the`."""
    if match.entry.kind not in _BODY_KINDS or " " in text[match.start : match.end].strip():
        return False
    if words[0].lower() in _DETERMINERS or words[-1].lower() not in _BODY_NOUNS or after is None:
        return False
    previous = before.group(1) if before else ""
    mid_sentence = not at_sentence_start(text, match.start)
    if previous and (
        previous.lower() in _DETERMINERS or previous.endswith(("'s", "’s")) or (mid_sentence and previous[:1].isupper())
    ):
        return False
    following = lemmas(after.group(2).lower())
    return "AUX" in following or ("VERB" in following and "NOUN" not in following)


def _overlap_before(words: list[str], text: str, offset: int) -> int:
    """How many of the replacement's first words the text already has just before
    it: `the` of `the principle` after `applied the`."""
    if len(words) < 2:
        return 0  # the replacement keeps at least one word: the text's are not read
    if words[0].lower() not in text[max(0, offset - 60) : offset].lower():
        return 0  # most places: the first word is nowhere near, and the words are not read
    before = _words_before(text, offset)
    longest = min(len(words) - 1, len(before))
    if longest <= 0:
        return 0
    theirs = [w.lower() for w in before[:longest]]
    if words[0].lower() not in theirs:
        return 0  # an overlap of any size begins with the replacement's first word
    ours = [w.lower() for w in words[:longest]]
    for size in range(longest, 0, -1):
        if ours[:size] == theirs[:size][::-1]:
            return size
    return 0


def _overlap_after(words: list[str], text: str, offset: int) -> int:
    """How many of the replacement's last words the text already has just after it:
    `in Ukraine` of `Monitoring Mission in Ukraine` before `in Ukraine`."""
    if len(words) < 2 or words[-1].lower() not in text[offset : offset + 60].lower():
        return 0  # an overlap of any size ends with the replacement's last word
    after = _words_after(text, offset)
    longest = min(len(words) - 1, len(after))
    if longest <= 0:
        return 0
    ours = [w.lower() for w in words[-longest:]]
    theirs = [w.lower() for w in after[:longest]]
    for size in range(longest, 0, -1):
        if ours[-size:] == theirs[:size]:
            return size
    return 0


def _words_before(text: str, offset: int) -> list[str]:
    """Up to four words before an offset within its sentence, nearest first."""
    window = text[max(0, offset - 60) : offset].rpartition(".")[2]
    words = _words_in(window)
    return words[::-1][:4]


def _words_after(text: str, offset: int) -> list[str]:
    window = _CLAUSE_END.split(text[offset : offset + 60], 1)[0]
    return _words_in(window)[:4]


def _breaks_agreement(content: str, found: str, after: re.Match[str] | None) -> bool:
    """A plural replacement for a singular noun before `is`/`has` (or the reverse)."""
    if after is None or not content or not found:
        return False
    verb = after.group(2).lower()
    if verb not in _SINGULAR_VERBS and verb not in _PLURAL_VERBS_AFTER:
        return False
    if " and " in content or " and " in found:
        return False  # `personnel and equipment were`: a compound is plural either way
    new_plural, old_plural = _plural_noun(content), _plural_noun(found)
    return new_plural != old_plural and (verb in _SINGULAR_VERBS) == new_plural


def _plural_noun(phrase: str) -> bool:
    last = phrase.split(" ")[-1]
    return is_plural(last) and not last.lower().endswith(("us", "ss", "is"))


def replacement(text: str, match: Match) -> Replacement:
    """The edit that puts the entry's English in place of a match."""
    form = match.form
    template = form.template
    if not template:
        return _drop(text, match)
    kind = form.entry.kind
    found = text[match.start : match.end]
    content, computed = _inflect_template(template, text, match)
    words = content.split(" ")
    start, end = match.start, match.end
    # The word before is read where it can matter: an article (its last letter
    # tells), or any word before the English name of a body.
    before = _word_before(text, start, "" if kind in _BODY_KINDS else _ARTICLE_ENDS)
    after = _word_after(text, end)
    if before and len(words) > 1 and before.group(1).lower() in ARTICLES and words[0].lower() in ARTICLES:
        if words[0][:1].isupper():
            start -= len(before.group(0))  # an article of a name replaces the text's: `A Just Russia`
        else:
            words = words[1:]  # the text's article stays; `a`/`an` is chosen again below
    else:
        # no word doubled with the text's: `the the principle`, `in Ukraine in Ukraine`
        words = words[_overlap_before(words, text, start) :]
    words = words[: len(words) - _overlap_after(words, text, end)]
    if kind in _BODY_KINDS and _bare_body_subject(text, match, words, before, after):
        words = ["the", *words]
    if computed and after is not None and after.group(2).lower() in _AGREEING_VERBS:
        computed = not _breaks_agreement(" ".join(words), found, after)
    if (
        kind == "title"
        and after
        and after.group(2)[:1].isupper()
        and after.group(1) == " "
        and not _DESCRIPTIVE_TITLES & {word.lower() for word in words}
    ):
        words = _title_case(words)  # `Russian Foreign Minister Sergey Lavrov`
    elif content.islower() and _proper_name(found) and not at_sentence_start(text, match.start):
        words = _title_case(words)  # `the Murmansk Regional Museum of Local Lore`: a name stays a name
    content = " ".join(words)
    if before and start == match.start and before.group(1).lower() in ("a", "an"):
        article = indefinite_article(content)
        if article != before.group(1).lower():
            start -= len(before.group(0))
            written = article.capitalize() if before.group(1)[:1].isupper() else article
            content = written + before.group(2) + content
    start, end = _whole_quotation(text, start, end)
    # A capital where the text had one: a quotation may open mid-sentence, lower case (`“according to…`).
    if content[:1].islower() and text[start : start + 1].isupper() and at_sentence_start(text, start):
        content = content[0].upper() + content[1:]
    return Replacement(start, end, content, computed)


def _whole_quotation(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the quote mark that closes (or opens) one the match
    took in alone: `aviation group "Russian Knights` + `"` is replaced whole, so
    no quote mark is left without its pair."""
    found = text[start:end]
    if _QUOTE_MARKS.isdisjoint(found):
        return start, end  # most matches: no mark to pair
    for opening, closing in _QUOTE_PAIRS:
        if opening == closing:
            if found.count(opening) % 2 and text[end : end + 1] == closing:
                return start, end + 1
            continue
        if found.count(opening) > found.count(closing) and text[end : end + 1] == closing:
            return start, end + 1
        if found.count(closing) > found.count(opening) and text[start - 1 : start] == opening:
            return start - 1, end
    return start, end
