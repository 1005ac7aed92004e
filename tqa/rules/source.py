"""Source-aware rules: the translation checked against its Russian original.

They run only when a document has a source (`article.en.txt` next to
`article.ru.txt`, or `--source`) with as many paragraphs; each compares a
target paragraph with the source paragraph it translates (`doc.aligned`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from tqa.glossary.compiled import code_fingerprint, load_glossary
from tqa.glossary.entry import Entry
from tqa.glossary.lookup import russian_lemmas
from tqa.glossary.matcher import expand_optional, fold
from tqa.i18n import _, ngettext
from tqa.lazy_pattern import lazy
from tqa.lazystore import LazyDict
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import excerpt
from tqa.rules.names import CAPITALISED, accepted_spellings, is_name_variant, skeleton, surname_of
from tqa.rules.terms import glossary_fix, glossary_matches
from tqa.text.document import Document, Paragraph
from tqa.text.kept import built, installed_version

if TYPE_CHECKING:
    from tqa.russian_numbers import Number

_WORD = lazy(r"\w+")
CALQUE_KINDS = ("calque", "term")
_CYRILLIC = lazy(r"[а-яёА-ЯЁ]")
_LETTERS = lazy(r"[^\W\d_]")

# Glossary kinds whose `en` is THE rendering (a name), not one good rendering among several.
TERM_KINDS = ("institution", "title", "treaty", "person")


def _with_source(check: Callable[[Document], Iterator[Violation]]) -> Callable[[Document], Iterable[Violation]]:
    """The rule, called only for a document that has a source: without one it
    has nothing to compare, and a generator made and run on every document of
    a run only to stop costs more than this test."""

    @functools.wraps(check)
    def run(doc: Document) -> Iterable[Violation]:
        return check(doc) if doc.source is not None else ()

    return run


def _first_word(paragraph: Paragraph) -> tuple[int, int]:
    match = _WORD.search(paragraph.text)
    if match is None:
        return paragraph.start, paragraph.start + len(paragraph.text.rstrip())
    return paragraph.start + match.start(), paragraph.start + match.end()


# --- the glossary, indexed by Russian lemmas -----------------------------------


@dataclass(frozen=True)
class _Term:
    entry: Entry
    lemmas: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]  # the English renderings, as word keys
    acronyms: frozenset[str] = frozenset()  # `EMERCOM` of `EMERCOM of Russia`: enough on its own


_DOTTED_ACRONYM = lazy(r"\b((?:[A-Z]\.){2,})")
# Words compared by their first letters when the order of a rendering changes.
_STEM = 6
_STOPWORDS = frozenset("the of for and in on at to a an by with de".split())


def _english_words(text: str) -> list[str]:
    """Folded lower-case words without diacritics, plural or possessive endings,
    in one spelling (`U.S.` = `US`, `centre` = `center`, `defence` = `defense`)."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    text = "".join(c for c in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(c))
    words = re.findall(r"\w+(?:['’]\w+)?", text.lower())
    return [_word_key(word) for word in words]


def _word_key(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word)
    if len(word) > 3 and not word.endswith("ss"):
        word = re.sub(r"ies$", "y", word)
        word = re.sub(r"(s|x|z|ch|sh)es$", r"\1", word)
        word = re.sub(r"s$", "", word)
    word = re.sub(r"(?<=[a-z]{3})(?:is|iz)(?=ation)", "iz", word)
    word = re.sub(r"(?<=[a-z]{3})ence$", "ense", word)
    return re.sub(r"(?<=[a-z]{3}[^aeiou])re$", "er", word)


def _contains(haystack: list[str] | tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    if not size:
        return False
    first = needle[0]
    return any(
        haystack[i] == first and tuple(haystack[i : i + size]) == needle for i in range(len(haystack) - size + 1)
    )


def _rendered(words: list[str], key: tuple[str, ...]) -> bool:
    """The rendering as written, or its content words in any order and any form
    (`Armed Forces of the Russian Federation` renders `Russian Armed Forces`,
    `Defence Minister` the `Defence Ministry` he heads)."""
    if _contains(words, key):
        return True
    content = {word[:_STEM] for word in key if word not in _STOPWORDS}
    present = {word[:_STEM] for word in words} | _initialisms(words)
    return len(content) > 1 and content <= present


def _initialisms(words: list[str]) -> set[str]:
    """What runs of words abbreviate: `united states` -> `us`, `european union` -> `eu`."""
    found = set()
    content = [word for word in words if word not in _STOPWORDS]
    for size in (2, 3, 4):
        for start in range(len(content) - size + 1):
            found.add("".join(word[0] for word in content[start : start + size]))
    return found


def _index(entries: tuple[Entry, ...]) -> dict[str, list[_Term]]:
    """Terms by the first lemma of their Russian form (one index per glossary)."""
    index: dict[str, list[_Term]] = {}
    for entry in entries:
        if entry.kind not in TERM_KINDS or not entry.en:
            continue
        lemmas = russian_lemmas(entry.ru)
        if not lemmas:
            continue
        renderings = _renderings(entry)
        keys = tuple(tuple(_english_words(variant)) for variant in renderings)
        acronyms = frozenset(
            word.lower() for variant in renderings[1:] for word in re.findall(r"\b[A-Z]{4,}\b", variant)
        )
        index.setdefault(lemmas[0], []).append(_Term(entry, lemmas, keys, acronyms))
    return index


_QUOTED = lazy(r"\"([^\"]+)\"|\(([^()]+)\)")


def _renderings(entry: Entry) -> list[str]:
    """`en`, the other renderings the entry accepts (`also`: `British Foreign
    Secretary` besides `foreign minister`), and the names the entry's note and
    reference quote or bracket as standard (`"Ministry of Emergency Situations"
    … are all standard`, `(EMERCOM of Russia)`): capitalised Latin phrases of
    two words or more (or an acronym) that are no avoid-form."""
    found = list(expand_optional(entry.en))
    for rendering in entry.also:
        found.extend(expand_optional(rendering))
    avoided = {fold(form).lower() for form in entry.avoid}
    for text in (entry.note, entry.ref):
        for match in _QUOTED.finditer(text):
            phrase = (match.group(1) or match.group(2)).strip()
            if (
                phrase[:1].isupper()
                and (len(phrase.split()) > 1 or sum(c.isupper() for c in phrase) > 2)
                and not _CYRILLIC.search(phrase)
                and not re.search(r"[/:;]|\.\w", phrase)
                and len(phrase.split()) <= 8
                and not any(form in fold(phrase).lower() for form in avoided)
            ):
                found.append(phrase)
    return found


def _glossary_index(doc: Document) -> dict[str, list[_Term]]:
    """The index of the document's glossary, built once per glossary."""
    return _index_of(load_glossary(doc.glossary_files).fingerprint, doc.glossary_files)


@lru_cache(maxsize=8)
def _index_of(fingerprint: str, glossary_files: tuple[str, ...]) -> dict[str, list[_Term]]:
    """Built once per glossary and kept in the cache folder (lemmatizing every
    entry costs 0.4 s): a run reads the terms of the lemmas its source has."""
    index = built(
        "source-terms",
        _kept_version(fingerprint),
        lambda: LazyDict(_index(load_glossary(glossary_files).entries)),
        Mapping,
    )
    return index  # type: ignore[return-value]


def _kept_version(fingerprint: str) -> str:
    versions = (fingerprint, code_fingerprint(), *map(installed_version, (__name__, "pymorphy3", "pymorphy3_dicts_ru")))
    return "\0".join(versions)


@lru_cache(maxsize=8)
def _surnames_of(fingerprint: str, glossary_files: tuple[str, ...]) -> dict[str, list[_Term]]:
    """The index's people by the lemma of their surname, kept as the index is."""
    surnames = built(
        "source-surnames",
        _kept_version(fingerprint),
        lambda: LazyDict(_surnames(_index_of(fingerprint, glossary_files))),
        Mapping,
    )
    return surnames  # type: ignore[return-value]


def _source_lemmas(doc: Document, paragraph: Paragraph) -> tuple[str, ...]:
    cache_ = doc.cache.setdefault("source-lemmas", {})
    lemmas = cache_.get(paragraph.index)
    if lemmas is None:
        lemmas = russian_lemmas(paragraph.text)
        cache_[paragraph.index] = lemmas
    return lemmas


def _terms_in(doc: Document, paragraph: Paragraph) -> list[_Term]:
    """Glossary terms present in a source paragraph, in any inflected form."""
    index = _glossary_index(doc)
    lemmas = _source_lemmas(doc, paragraph)
    found: dict[str, _Term] = {}
    for position, lemma in enumerate(lemmas):
        for term in index.get(lemma, ()):
            if tuple(lemmas[position : position + len(term.lemmas)]) == term.lemmas:
                found.setdefault(term.entry.id, term)
    return list(found.values())


def _avoided_in(doc: Document, paragraph: Paragraph, entry: Entry):
    return next(
        (
            m
            for m in glossary_matches(doc)
            if m.entry.id == entry.id and paragraph.start <= m.start and m.end <= paragraph.end
        ),
        None,
    )


def _name_variants(paragraph: Paragraph, entry: Entry) -> list[re.Match]:
    """Capitalised words in a paragraph that spell the person's surname another way."""
    surname = surname_of(entry)
    accepted = {name.lower() for name in accepted_spellings(entry)}
    variants = []
    for match in CAPITALISED.finditer(paragraph.text):
        word = re.sub(r"['’]s?$", "", match.group())
        if word.lower() in accepted or word.lower().rstrip("s") in accepted:
            continue
        if is_name_variant(word, surname):
            variants.append(match)
    return variants


def _has_surname(words: list[str], entry: Entry) -> bool:
    return any(_contains(words, tuple(_english_words(name))) for name in accepted_spellings(entry))


@_with_source
def missing_glossary_term(doc: Document) -> Iterator[Violation]:
    """Glossary term of the source missing from the translation.

    What it does:
        Finds names of institutions, titles, treaties and people from the
        glossary in a source paragraph, in any inflected form (`Совета
        Федерации`, `Сергею Шойгу`), and reports the translated paragraph when
        it lacks the approved English rendering (`Federation Council`; for a
        person, the surname) in any word order (`Armed Forces of the Russian
        Federation` for `Russian Armed Forces`) or a name the entry's note
        calls standard. An avoid-form in its place is left to the terminology
        rules. Acronyms, calques and connectors are not checked: their `en`
        is one good rendering among several (`North Korea` for КНДР).

    Why is this bad?
        A body or person of the original that cannot be found in the
        translation was dropped or renamed; readers and search miss it.

    Example:
        Bad: The upper house approved the law. ⟸ Совет Федерации одобрил закон.
        Good: The Federation Council approved the law. ⟸ Совет Федерации одобрил закон.

    Fix safety:
        No fix: the paragraph needs an editor.
    """
    for target, source in doc.aligned:
        terms = _terms_in(doc, source)
        if not terms:
            continue
        words = _english_words(target.text)
        for term in terms:
            entry = term.entry
            if entry.kind == "person":
                if _has_surname(words, entry) or _name_variants(target, entry):
                    continue
            elif any(_rendered(words, key) for key in term.keys) or not term.acronyms.isdisjoint(words):
                continue
            if _avoided_in(doc, target, entry) is not None:
                continue
            start, end = _first_word(target)
            yield Violation(
                start,
                end,
                _("«{ru}» of the source is not rendered `{en}` in this paragraph").format(ru=entry.ru, en=entry.en),
                glossary=entry.why,
            )


@_with_source
def name_transliteration(doc: Document) -> Iterator[Violation]:
    """Name from the source spelled against the glossary's canonical form.

    What it does:
        Finds people of the glossary in a source paragraph (by the lemma of
        the surname, `Шойгу`, `Лаврова`, once the source has named them in
        full) and reports a transliteration variant of their surname in the
        translated paragraph (`Shoigu` written `Shoygu`, `Uspaskich` written
        `Uspaskikh`). Spellings the glossary's examples accept (`Zelensky`
        beside `Zelenskyy`) are not variants.

    Why is this bad?
        The source says who is meant, so the variant is not a namesake but
        the same person under a spelling readers will not find.

    Example:
        Bad: Defence Minister Sergei Shoygu arrived. ⟸ Министр обороны Сергей Шойгу прибыл.
        Good: Defence Minister Sergei Shoigu arrived. ⟸ Министр обороны Сергей Шойгу прибыл.
        Good: Andrei Kirilenko spoke. ⟸ Андрей Кириленко выступил.

    Fix safety:
        Unsafe: the variant is replaced by the canonical spelling; check that
        the sentence is about that person.
    """
    people = _people_in_source(doc)
    if not people:
        return
    reported = {(m.start, m.end) for m in glossary_matches(doc)}
    for target, source in doc.aligned:
        lemmas = set(_source_lemmas(doc, source))
        words = None
        for surname_lemma, term in people.items():
            if surname_lemma not in lemmas:
                continue
            words = words if words is not None else _english_words(target.text)
            entry = term.entry
            if _has_surname(words, entry):
                continue
            canonical = surname_of(entry)
            for match in _name_variants(target, entry):
                start = target.start + match.start()
                end = start + len(re.sub(r"['’]s?$", "", match.group()))
                if any(s <= start and end <= e for s, e in reported):
                    continue
                yield Violation(
                    start,
                    end,
                    _("`{found}` is spelled `{canonical}` for «{ru}» of the source").format(
                        found=doc.text[start:end], canonical=canonical, ru=entry.ru
                    ),
                    Fix(
                        _("Replace with `{replacement}`").format(replacement=canonical),
                        (Edit(start, end, canonical),),
                        Applicability.UNSAFE,
                    ),
                    entry.why,
                )


def _people_in_source(doc: Document) -> dict[str, _Term]:
    """People of the glossary the source names in full (`Сергей Лавров`, `С. Лавров`)
    somewhere, by the lemma of their surname: a later `Лавров` is then that person,
    not a namesake. A surname two people of the document share is left out."""
    if not doc.aligned:
        return {}
    cached = doc.cache.get("source-people")
    if cached is not None:
        return cached
    surnames = _surnames_of(load_glossary(doc.glossary_files).fingerprint, doc.glossary_files)
    found: dict[str, _Term] = {}
    ambiguous: set[str] = set()
    for paragraph in doc.source.prose if doc.source is not None else ():
        lemmas = _source_lemmas(doc, paragraph)
        for position, lemma in enumerate(lemmas):
            if position == 0 or lemma not in surnames:
                continue
            for term in surnames[lemma]:
                first = term.lemmas[:-1]
                before = lemmas[max(0, position - len(first)) : position]
                if before == first or (len(first) == 1 and lemmas[position - 1] == first[0][:1]):
                    if found.get(lemma, term) is not term:
                        ambiguous.add(lemma)
                    found[lemma] = term
    for lemma in ambiguous:
        del found[lemma]
    doc.cache["source-people"] = found
    return found


_SURNAMES: dict[int, dict[str, list[_Term]]] = {}


def _surnames(index: dict[str, list[_Term]]) -> dict[str, list[_Term]]:
    """Person terms by the lemma of their surname (the last word of `ru`)."""
    found = _SURNAMES.get(id(index))
    if found is None:
        found = {}
        for terms in index.values():
            for term in terms:
                if term.entry.kind == "person" and term.lemmas:
                    found.setdefault(term.lemmas[-1], []).append(term)
        _SURNAMES[id(index)] = found
    return found


# --- numbers and dates ------------------------------------------------------------


# Numbers written the Russian way in English: the value is right, the form misleads.
_RUSSIAN_FORMS = ("decimal-comma", "spaced-thousands")


def _comparable(a: Number, b: Number) -> bool:
    kinds = {a.kind if a.kind != "number" else "", b.kind if b.kind != "number" else ""}
    return (len(kinds) == 1 or kinds <= {"", *_RUSSIAN_FORMS}) and not set(a.values).isdisjoint(b.values)


def _pair_numbers(ours: list[Number], theirs: list[Number]) -> tuple[list[Number], list[Number], list[Number]]:
    """Pair numbers of the two sides that share a value: (our unpaired, their
    unpaired, our paired). Numbers in digits pair among themselves first, so that
    a number in words or a code is the one left over when one is."""
    used: set[int] = set()
    paired: list[Number] = []
    unpaired: list[Number] = []
    for number in sorted(ours, key=lambda n: (not n.reportable, len(n.values), n.start)):
        candidates = [i for i, other in enumerate(theirs) if i not in used and _comparable(number, other)]
        if not candidates:
            unpaired.append(number)
            continue
        used.add(min(candidates, key=lambda i: (not theirs[i].reportable, len(theirs[i].values), i)))
        paired.append(number)
    return unpaired, [n for i, n in enumerate(theirs) if i not in used], paired


@_with_source
def number_mismatch(doc: Document) -> Iterator[Violation]:
    """Number that differs between the translation and the source.

    What it does:
        Compares the numbers and clock times of a paragraph with those of its
        source, normalized (`1,5 млн` = `1.5 million` = `1,500,000`, `10 тыс.`
        = `10,000`, `1 000` = `1,000`, `в 17 часов 47 минут` = `5:47 p.m.`),
        and reports a source number missing from the translation, a number of
        the translation the source does not have, a time broken in two
        (`17: 47`) and a number left in Russian form (`600,3 thousand`,
        `812 485`). Numbers in words (`two`, `двух`, `сутки`) and in names and
        codes (`Су-57`, `COVID-19`) count as counterparts, never as findings;
        so does the number one, often implicit, and the day of a date, which
        is the date rule's.

    Why is this bad?
        A wrong figure is the costliest mistranslation: MT drops the
        thousands of `тыс.`, copies the decimal comma that English reads as a
        thousands separator, or loses a figure.

    Example:
        Bad: The fund raised 1.5 billion rubles. ⟸ Фонд привлёк 1,5 млн рублей.
        Bad: About 10 people came. ⟸ Пришли около 10 тыс. человек.
        Good: The fund raised 1.5 million rubles. ⟸ Фонд привлёк 1,5 млн рублей.
        Good: About 10,000 people came. ⟸ Пришли около 10 тыс. человек.

    Fix safety:
        No fix: check the figure against the source.
    """
    for target, source in doc.aligned:
        from tqa.russian_numbers import english_numbers, russian_numbers  # only with a source: not at start-up

        ours, theirs = english_numbers(target.text), russian_numbers(source.text)
        if not ours and not theirs:
            continue
        extra, missing, paired = _pair_numbers(ours, theirs)
        extra = [n for n in extra if n.reportable]
        missing = [n for n in missing if n.reportable]
        for number in paired:
            if number.kind == "decimal-comma":
                yield Violation(
                    target.start + number.start,
                    target.start + number.end,
                    _("`{found}` keeps the Russian decimal comma; English reads it as {misread}: write {value}").format(
                        found=number.text, misread=_misread(number.text), value=_english(number)
                    ),
                )
            elif number.kind == "spaced-thousands":
                yield Violation(
                    target.start + number.start,
                    target.start + number.end,
                    _("`{found}` keeps the Russian digit grouping; English writes {value}").format(
                        found=number.text, value=format(number.value.normalize(), ",f")
                    ),
                )
        broken, missing, extra = _broken_times(missing, extra)
        for time, first, second in broken:
            yield Violation(
                target.start + first.start,
                target.start + second.end,
                _("`{found}` is not a time: the source has `{source}`").format(
                    found=target.text[first.start : second.end], source=time.text
                ),
            )
        # One is too often implicit (`до года`, `a year`) to be missed on either side.
        extra = [n for n in extra if not (n.kind == "number" and n.value == 1)]
        missing = [n for n in missing if not (n.kind == "number" and n.value == 1)]
        if len(missing) == 1 and len(extra) == 1:
            number = extra[0]
            yield Violation(
                target.start + number.start,
                target.start + number.end,
                _("`{found}` ({value}) here but `{source}` ({source_value}) in the source").format(
                    found=number.text, value=number.shown, source=missing[0].text, source_value=missing[0].shown
                ),
            )
            continue
        for number in extra:
            yield Violation(
                target.start + number.start,
                target.start + number.end,
                _("`{found}` ({value}) has no counterpart in the source paragraph").format(
                    found=number.text, value=number.shown
                ),
            )
        start, end = _first_word(target)
        for number in missing:
            yield Violation(
                start,
                end,
                _("`{source}` ({value}) of the source is missing from this paragraph").format(
                    source=number.text, value=number.shown
                ),
            )


def _broken_times(
    missing: list[Number], extra: list[Number]
) -> tuple[list[tuple[Number, Number, Number]], list[Number], list[Number]]:
    """Clock times of the source that the translation breaks into two numbers
    (`12: 25`, `5: 47 p.m.`) as (time, hour, minute), and what is left of
    `missing` and `extra`: one finding for each, not three."""
    broken = []
    for time in [n for n in missing if n.kind == "time"]:
        hour, minute = divmod(int(time.value), 60)
        for first, second in pairwise(extra):
            if first.value in (hour, hour % 12 or 12) and second.value == minute and 0 <= second.start - first.end <= 3:
                broken.append((time, first, second))
                missing = [n for n in missing if n is not time]
                extra = [n for n in extra if n is not first and n is not second]
                break
    return broken, missing, extra


def _misread(text: str) -> str:
    """`600,3 thousand` -> `6003 thousand`."""
    return re.sub(r"(\d),(\d)", r"\1\2", text)


def _english(number: Number) -> str:
    return re.sub(r"(\d),(\d)", r"\1.\2", number.text)


_MONTH_NAMES = ("January February March April May June July August September October November December").split()


@_with_source
def date_mismatch(doc: Document) -> Iterator[Violation]:
    """Date of the source missing from the translation.

    What it does:
        Finds dates in a source paragraph (`6 октября`, `6-го октября`,
        `в ночь на 6 октября`, `6.10.2021`, the month in any case) and reports
        one whose day and month the translated paragraph does not give
        (`October 6`, `6 October`, `Oct. 6`, `6th of October`, `10/6/2021`).

    Why is this bad?
        MT shifts days (`6-го` read as `6th` of the wrong month), swaps day
        and month in numeric dates or drops the date; readers cannot tell.

    Example:
        Bad: The talks took place on October 16. ⟸ Переговоры прошли 6 октября.
        Good: The talks took place on October 6. ⟸ Переговоры прошли 6 октября.
        Good: The talks took place on 6 October. ⟸ Переговоры прошли 6 октября.

    Fix safety:
        No fix: check the date against the source.
    """
    for target, source in doc.aligned:
        from tqa.russian_numbers import english_dates, russian_dates  # only with a source: not at start-up

        theirs = russian_dates(source.text)
        if not theirs:
            continue
        ours = english_dates(target.text)
        have = {(d.day, d.month) for d in ours}
        wanted = {(d.day, d.month) for d in theirs}
        for date in theirs:
            if (date.day, date.month) in have:
                continue
            strays = [d for d in ours if (d.day, d.month) not in wanted]
            if len(strays) == 1:
                start, end = target.start + strays[0].start, target.start + strays[0].end
            else:
                start, end = _first_word(target)
            yield Violation(
                start,
                end,
                _("The source's `{source}` ({month} {day}) is not in this paragraph").format(
                    source=date.text, month=_MONTH_NAMES[date.month - 1], day=date.day
                ),
            )
            have.add((date.day, date.month))


# --- insertions, quotations, untranslated text -----------------------------------

_BRACKET = lazy(r"[(\[](?P<inner>[^()\[\]\n]{1,400}?)[)\]]")
# An editor's or outlet's insertion: `(… — RT)`, `(… - прим. ред.)`, `(прим. ред.)`, `[… — Ed.]`.
_EDITORIAL_TAG = lazy(
    r"[-–—]\s*(?:прим(?:ечание)?\.?\s*(?:ред|пер|авт)\.?|ред\.|[A-ZА-ЯЁ][\w.&’'-]*(?:\s+[A-ZА-ЯЁ][\w.&’'-]*){0,2})"
    r"\s*\.?\s*$|^\s*(?:прим(?:ечание)?\.?\s*)?(?:ред|пер|авт)\.?\s*$|^\s*прим(?:ечание)?\.?\s*(?:ред|пер|авт)"
)

# A quoted passage, not a name in quotes (`«Газпром»`, a film title): at least
# this many words, and speech: ending in punctuation, introduced by a colon,
# followed by an attribution (`», — сказал он`) or running on past the paragraph.
_MIN_QUOTATION_WORDS = 4
_OPENERS = {"«": "»", "„": "“", "“": "”", "‘": "’"}
_CLOSERS = {"»", "“", "”", "’"}
_SPACE_OR_START = " \t\n\r\u00a0([{/—–-"
_SPACE_OR_END = " \t\n\r\u00a0.,;:!?…)]}/—–-"
_ATTRIBUTION = lazy(r"^\s*,?\s*[-–—]")
_INTRODUCED = lazy(r":\s*$")


@dataclass(frozen=True)
class _Quotation:
    start: int  # where the quoted text starts (after the mark, or the paragraph start)
    end: int  # where it ends (before the mark, or the paragraph end)
    opened: bool  # the opening mark is in this paragraph
    closed: bool  # the closing mark is in this paragraph


def _quote_role(text: str, index: int) -> str | None:
    """`open`, `close` or None for the quotation mark at `index`."""
    char = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if char in "\"'":
        if char == "'" and before.isalpha() and after.isalpha():
            return None  # an apostrophe
        if before in _SPACE_OR_START and after not in " \t\n\r\u00a0":
            return "open"
        if after in _SPACE_OR_END and before not in " \t\n\r\u00a0":
            return "close"
        return "either" if before in _SPACE_OR_START and after in _SPACE_OR_END else None
    if char == "’" and before.isalpha() and (after.isalpha() or after in _SPACE_OR_END):
        # `don’t`, and `players’ ` too: an apostrophe unless a ‘ is open.
        return "close?"
    if char == "“" and before not in _SPACE_OR_START and after in _SPACE_OR_END:
        return "close"  # the closing mark of Russian „…“
    return "open" if char in _OPENERS else "close" if char in _CLOSERS else None


def _quotations(text: str) -> list[_Quotation]:
    """The outermost quotations of a paragraph, including one still open at its end
    and one closed at its start that opened in an earlier paragraph."""
    stack: list[int] = []
    found: list[_Quotation] = []
    for index, char in enumerate(text):
        if char not in "\"'«»„“”‘’":
            continue
        role = _quote_role(text, index)
        if role == "close?":
            role = "close" if stack and text[stack[-1]] == "‘" else None
        elif role == "either":
            # A mark spaced on both sides (`matches, " he said`): a misspaced quote
            # is still a quotation; it closes one that is open or that began earlier.
            role = "close" if (stack and text[stack[-1]] == char) or not (stack or found) else "open"
        if role == "open":
            stack.append(index)
        elif role == "close":
            if stack:
                start = stack.pop()
                if not stack:
                    found.append(_Quotation(start + 1, index, True, True))
            elif not found:
                found.append(_Quotation(0, index, False, True))
    if stack:
        found.append(_Quotation(stack[0] + 1, len(text.rstrip()), True, False))
    return found


def _is_speech(text: str, quotation: _Quotation) -> bool:
    inner = text[quotation.start : quotation.end]
    if not quotation.opened or len(_WORD.findall(inner)) < _MIN_QUOTATION_WORDS:
        return False
    if not quotation.closed:
        return True
    return (
        inner.rstrip()[-1:] in ".!?…,"
        or bool(_ATTRIBUTION.match(text[quotation.end + 1 :]))
        or bool(_INTRODUCED.search(text[: quotation.start - 1]))
    )


def _editorial_insertions(text: str) -> list[str]:
    return [m.group() for m in _BRACKET.finditer(text) if _EDITORIAL_TAG.search(m.group("inner"))]


@_with_source
def missing_insertion_or_quote(doc: Document) -> Iterator[Violation]:
    """Editorial insertion or quotation of the source missing from the translation.

    What it does:
        Counts the editorial insertions (`(… — RT)`, `(прим. ред.)`) and the
        quoted passages (speech of four words or more in `«…»`, `„…“` or
        `"…"`; a name or title in quotes does not count) of a source paragraph
        and reports the translated paragraph when it has fewer bracketed
        insertions or fewer quotations (`“…”`, `"…"`, `'…'`). A quotation
        opened in the paragraph counts even if it closes in a later one.

    Why is this bad?
        MT and scrapers drop an editor's gloss or melt a quotation into
        reported speech, and the reader loses who said what.

    Example:
        Bad: He said the talks were over and they were leaving. ⟸ «Переговоры окончены, и мы уходим», — сказал он.
        Bad: The fleet (of the Soviet era) was sold. ⟸ Флот (советской постройки. — Ред.) продали, а (прим. ред.) нет.
        Good: "The talks are over and we are leaving," he said. ⟸ «Переговоры окончены, и мы уходим», — сказал он.
        Good: The frigate Admiral Gorshkov fired. ⟸ Фрегат «Адмирал Флота Советского Союза Горшков» выстрелил.

    Fix safety:
        No fix: restore the insertion or the quotation by hand.
    """
    for target, source in doc.aligned:
        start, end = _first_word(target)
        insertions = _editorial_insertions(source.text)
        brackets = len(_BRACKET.findall(target.text))
        if brackets < len(insertions):
            yield Violation(
                start,
                end,
                ngettext(
                    "The source has {count} editorial insertion (`{first}`), this paragraph {found} in brackets",
                    "The source has {count} editorial insertions (`{first}`), this paragraph {found} in brackets",
                    len(insertions),
                ).format(
                    count=len(insertions), first=excerpt(insertions[0], 0, len(insertions[0]), 40), found=brackets
                ),
            )
        speech = [q for q in _quotations(source.text) if _is_speech(source.text, q)]
        quoted = [q for q in _quotations(target.text) if _WORD.search(target.text[q.start : q.end])]
        if len(quoted) < len(speech):
            first = source.text[speech[0].start : speech[0].end]
            yield Violation(
                start,
                end,
                ngettext(
                    "The source quotes {count} passage (`{first}`), this paragraph {found}",
                    "The source quotes {count} passages (`{first}`), this paragraph {found}",
                    len(speech),
                ).format(count=len(speech), first=excerpt(first, 0, len(first), 40), found=len(quoted)),
            )


# Letters a paragraph needs before it can be called untranslated.
_MIN_LETTERS = 12
_MAX_CYRILLIC_SHARE = 0.5
# Share of trigrams (or of words) copied from the source that makes a paragraph a copy.
_MAX_COPIED_SHARE = 0.6
# Lower-case letters a paragraph needs before it can be called transliterated:
# capitalised words (names) never count.
_MIN_TRANSLITERATED_LETTERS = 20
_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        "ё": "e",
        "ж": "zh",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
    }
)


def _trigrams(text: str, lowercase_only: bool = False) -> set[str]:
    words = re.findall(r"[^\W\d_]+", text)
    if lowercase_only:
        words = [w for w in words if w[:1].islower()]
    letters = " ".join(w.lower() for w in words if len(w) > 1)
    return {letters[i : i + 3] for i in range(len(letters) - 2) if " " not in letters[i : i + 3]}


def _share(letters: list[str]) -> float:
    return sum(1 for c in letters if _CYRILLIC.match(c)) / max(len(letters), 1)


def _transliterated(target: str, source: str) -> bool:
    """Most of the target's lower-case words are the source's words in Latin letters
    (compared by transliteration skeleton: `otkazalsya` = `otkazalsia`)."""
    ours = [w for w in re.findall(r"\b[a-z]+\b", target) if len(w) > 1]
    if sum(len(w) for w in ours) < _MIN_TRANSLITERATED_LETTERS:
        return False
    theirs = {skeleton(w.translate(_TRANSLIT)) for w in re.findall(r"[а-яё]+", source.lower())}
    return sum(1 for w in ours if skeleton(w) in theirs) / len(ours) > _MAX_COPIED_SHARE


@_with_source
def untranslated_segment(doc: Document) -> Iterator[Violation]:
    """Paragraph left untranslated: a copy of the source.

    What it does:
        Reports a paragraph that is the source paragraph again, or mostly:
        more than half of its letters Cyrillic, most of its letter trigrams
        copied from a Cyrillic source paragraph, or most of its lower-case
        words the source's transliterated (`ministr otkazalsya`). Names and
        numbers alone do not count.

    Why is this bad?
        MT passes through text it failed to translate (rate limits, language
        detection, a segment too long); the reader gets Russian.

    Example:
        Bad: Министр отказался от комментариев. ⟸ Министр отказался от комментариев.
        Bad: Ministr otkazalsya ot kommentariev po etomu povodu. ⟸ Министр отказался от комментариев по этому поводу.
        Good: The minister declined to comment. ⟸ Министр отказался от комментариев.
        Good: Dmitry Peskov, Sergei Lavrov. ⟸ Дмитрий Песков, Сергей Лавров.

    Fix safety:
        No fix: translate the paragraph.
    """
    for target, source in doc.aligned:
        letters = _LETTERS.findall(target.text)
        if len(letters) < _MIN_LETTERS:
            continue
        share = _share(letters)
        if _share(_LETTERS.findall(source.text)) <= _MAX_CYRILLIC_SHARE:
            continue  # the source is not Russian here (a quotation in English): copying is right
        copied = share > _MAX_CYRILLIC_SHARE
        if not copied and share > 0:
            ours = _trigrams(target.text)
            copied = len(ours & _trigrams(source.text)) / max(len(ours), 1) > _MAX_COPIED_SHARE
        start = target.start + len(target.text) - len(target.text.lstrip())
        end = target.start + len(target.text.rstrip())
        found = excerpt(target.text, 0, len(target.text), 50)
        if copied:
            yield Violation(
                start,
                end,
                _("Paragraph left untranslated ({share}% Cyrillic): `{found}`").format(
                    share=round(100 * share), found=found
                ),
            )
        elif _transliterated(target.text, source.text):
            yield Violation(start, end, _("Paragraph transliterated, not translated: `{found}`").format(found=found))


def _russian_alternatives(entry: Entry) -> list[tuple[str, ...]]:
    """The lemma sequences of an entry's Russian term (`при этом / в то же время` has two)."""
    return [lemmas for part in re.split(r"\s*[/;]\s*", entry.ru) if (lemmas := russian_lemmas(part))]


def calque_confirmed(doc: Document, match) -> bool:
    """Whether the aligned source paragraph has the Russian term a calque in the target copies."""
    for target, source in doc.aligned:
        if target.start <= match.start < target.end:
            lemmas = _source_lemmas(doc, source)
            return any(_contains(lemmas, alternative) for alternative in _russian_alternatives(match.entry))
    return False


@_with_source
def calque_of_source_term(doc: Document) -> Iterator[Violation]:
    """Calque of a Russian term that the source paragraph really has.

    What it does:
        With the Russian original at hand, confirms a calque: the source
        paragraph has the glossary's Russian term (in any inflected form) and
        the translation renders it with one of the entry's avoided forms
        (`повышенный градус` → `increased degree`). It then replaces the
        monolingual `calque` finding for that place.

    Why is this bad?
        A calque confirmed by the source is certain: the words were copied
        from Russian, not chosen.

    Example:
        Bad: NATO prefers to maintain an increased degree in relations with Moscow. ⟸ НАТО предпочитает сохранять повышенный градус в отношениях с Москвой.
        Good: NATO prefers to keep tension high in relations with Moscow. ⟸ НАТО предпочитает сохранять повышенный градус в отношениях с Москвой.

    Fix safety:
        As the glossary entry says, like `calque`.
    """
    if not doc.aligned:
        return
    for match in glossary_matches(doc):
        if match.entry.kind not in CALQUE_KINDS or match.form.info:
            continue
        if not calque_confirmed(doc, match):
            continue
        found = doc.text[match.start : match.end]
        yield Violation(
            match.start,
            match.end,
            _("`{found}` copies «{ru}» from the source; write `{en}`").format(
                found=found, ru=match.entry.ru, en=match.entry.en or _("(drop it)")
            ),
            glossary_fix(doc, match),
            match.entry.why,
        )
