"""Name rules that need no glossary entry for the variant: one person spelled two ways.

A name is a run of capitalised words (`Sergei Yermakov`, `S. Yermakov`, a
bare `Yermakov`); its last word is the surname. Spellings are grouped by the
surname's transliteration skeleton, and only where the first names or
initials agree: `Sergei Ryabkov` and `Sergey Krikalev` share a first name,
not a person. Ordinary English words (`Jury`, `Chairman`) are never names.
The preferred spelling is the glossary's, then the one the transliteration
standard prefers, then the majority.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from operator import itemgetter
from typing import NamedTuple

from tqa.edit_distance import distance
from tqa.glossary.compiled import code_fingerprint, load_glossary
from tqa.glossary.entry import Entry
from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.lazystore import LazyDict
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules.terms import glossary_covers
from tqa.rules.terms import person_name_spelling as listed_name_spelling
from tqa.text.document import Document
from tqa.text.kept import built, installed_version

# Latin letters with their accented forms (`Nääs`, `Gałecka`); Latin Extended-A
# mixes cases, so a name is also checked to start upper-case.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOWER = "a-zß-öø-ÿĀ-ž"
_NAME = lazy(
    f"[{_UPPER}][{_LOWER}]{{3,}}(?:-[{_UPPER}][{_LOWER}]+)?\\b"
)  # no leading \b: the engine then skips ahead fast
_INITIAL_BEFORE = lazy(r"(?:^|[\s(])([A-Z])\.[ \u00a0]$")
_GLUED_BEFORE = "-_'’"
_PERSON = ("person",)  # the glossary's listed variants of people: person-name-spelling reports them
# What may stand between the words of one name: a space, and particles (`Ursula von der Leyen`).
_NAME_JOINER = lazy(r"[ \u00a0](?:(?:von|van|der|den|de|du|la|le|al|bin|da|di|dos|del|ter)[ \u00a0])*")
# The same, read backwards from a word: the joiner and the name word that end where it starts.
_JOINER_BEFORE = lazy(_NAME_JOINER.pattern + "$")
_JOINER_REACH = 40
# The last character of a text _JOINER_BEFORE finds a joiner at the end of
# (`$` also matches before a final line break).
_JOINER_ENDS = " \u00a0\n"
_NAME_BEFORE = lazy(_NAME.pattern + "$")
# A name word as _mentions keeps it: _NAME beginning upper-case and standing
# alone (not the tail of another word: `XErmakov`, `Rimsky-Korsakov`).
_STARTS_NAME = "".join(c for c in map(chr, range(0x17F)) if c.isupper() and re.fullmatch(f"[{_UPPER}]", c))
_NAME_WORD = f"[{_STARTS_NAME}](?<![\\w\\-_'’].)[{_LOWER}]{{3,}}(?:-[{_UPPER}][{_LOWER}]+)?\\b"
# A run of name words as written.
_NAME_RUN = lazy(f"{_NAME_WORD}(?:{_NAME_JOINER.pattern}{_NAME_WORD})*")
# A run with the initial before it (group 1, as _INITIAL_BEFORE reads it;
# group 2 the run), looked for from the full stop after the initial, which
# the engine finds faster than a capital.
_INITIAL_RUN = lazy(f"\\.(?<=(?<![^\\s(])([A-Z])\\.)[ \u00a0]({_NAME_RUN.pattern})")
_WORD_OF_RUN = lazy(_NAME_WORD)
_NAME_REACH = 80
_VOWEL_Y_VOWEL = lazy(r"(?<=[aeiou])y(?=[aeiou])")
_DOUBLED = lazy(r"(.)\1")
# Transliteration choices that make one Russian name come out several ways.
_DIGRAPHS = (("yu", "iu"), ("ya", "ia"), ("kh", "h"), ("ks", "x"))
_ENDINGS = ("iy", "yi", "yy", "ij")
# What each transliteration standard avoids where spellings of one name differ:
# Reuters/AP practice writes Yermakov, Dmitry, Sergei, Alexei, Mikhail, Yuri;
# BGN/PCGN writes Yermakov, Dmitriy, Sergey, Aleksey, Mikhail, Yuriy.
STANDARDS: dict[str, tuple[str, ...]] = {
    "wire": (r"^e", r"iy$|ii$", r"ey$", r"ks", r"(?<![kszc])h", r"iu|ia"),
    "bgn-pcgn": (r"^e", r"[^i]y$|ii$", r"ei$", r"x", r"(?<![kszc])h", r"iu|ia"),
}
DEFAULT_STANDARD = "wire"
# A title before a name says a person is meant, as a first name does.
_TITLE_BEFORE = lazy(
    r"\b(?:president|chancellor|premier|prime minister|minister|secretary|chairman|chairwoman|chair|speaker|"
    r"spokes(?:man|woman|person)|commissioner|ambassador|governor|mayor|senator|envoy|leader|king|queen|"
    r"general|head|chief|Mr|Mrs|Ms|Dr)\.?[ \u00a0]+(?:[A-Z][\w.-]*[ \u00a0]+){0,2}$",
    re.I,
)
# How far a surname may be from the glossary's and still be that person (with
# its first name or a title beside it): with a thousand people in the glossary,
# two edits already reach namesakes (`Andrey Melaschenko`, `Andrey Melnichenko`).
_NEAR_SURNAME = 1
# How far a first name may be from the glossary's beside a known surname
# (`Vladimir` and `Volodymyr` Zelenskyy).
_NEAR_FIRST_NAME = 2
_SHORTEST_NEAR_MISS = 5  # skeleton letters: shorter names have too many neighbours
# A first name too short for a name word (`Joe`, `Liz`, `Ali`, `Ben`) right before a surname.
_SHORT_FIRST_NAME = 3
_SHORT_FIRST_NAME_BEFORE = lazy(f"(?:^|(?<=[\\s(]))([A-Z][a-z]{{1,{_SHORT_FIRST_NAME - 1}}})[ \u00a0]$")
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Ermakov and Yermakov, Alexei and Aleksey, Zelensky and Zelenskyy share one."""
    key = name.lower()
    if key.startswith("ye"):
        key = key[1:]
    elif key.startswith("yo"):
        key = "i" + key[1:]
    for pair in _DIGRAPHS:
        key = key.replace(*pair)
    key = _VOWEL_Y_VOWEL.sub("i", key)
    if key.endswith(_ENDINGS):
        key = key[:-2] + "i"
    return _DOUBLED.sub(r"\1", key.replace("y", "i").replace("j", "i"))


@cache
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case words, capitalised words) of a large English word list (kept
    between runs: building it costs more than checking a megabyte)."""
    return built("english-words", installed_version("english_words"), _build_dictionary, tuple)


def _build_dictionary() -> tuple[frozenset[str], frozenset[str]]:
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False)
    return frozenset(w for w in words if w.islower()), frozenset(w for w in words if w[:1].isupper())


@lru_cache(maxsize=65536)
def is_ordinary_word(word: str) -> bool:
    """An English word that is not also a name: `Jury`, `Chairman`, `Later`."""
    lower, capitalised = _dictionary()
    head = word.split("-")[0]
    return head.lower() in lower and head not in capitalised


class Mention(NamedTuple):
    """One name in the text: its surname's span and its first name or initial."""

    start: int
    end: int
    surname: str
    first: str = ""  # a first name, an initial (`S`) or nothing
    first_start: int = -1


def first_name_key(first: str) -> str:
    """What two first names must share to be one person's: the skeleton, or
    the initial for an initial (`S.`)."""
    return skeleton(first) if len(first) > 1 else first.lower()


def compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of first-name keys can belong to one person: either
    is empty (a bare surname), or a key of one matches a key or initial of the other."""
    a, b = set(a), set(b)
    if not a or not b:
        return True
    initials_a = {key[0] for key in a}
    initials_b = {key[0] for key in b}
    return (
        bool(a & b)
        or any(len(k) == 1 and k in initials_b for k in a)
        or any(len(k) == 1 and k in initials_a for k in b)
    )


class _RunNames(NamedTuple):
    """What the name rules need of one run of name words with the initial
    before it, worked out once per run and glossary: each a tuple of distinct
    items (a tuple of one costs a quarter of a set of one, and most are empty)."""

    pairs: tuple[tuple[str, str], ...]  # (first name or initial, surname) of its mentions
    surnames: tuple[str, ...]
    first_names: tuple[str, ...]  # the first names of its mentions (not initials)
    with_first_names: tuple[str, ...]  # the surnames of its mentions with a first name
    surname_skeletons: tuple[str, ...]
    first_name_skeletons: tuple[str, ...]
    keyed: tuple[tuple[str, str], ...]  # (first_name_key, surname) of its mentions with a first name or initial
    near_misses: tuple[str, ...]  # the surnames of its mentions that `near_miss_names` must look at


# A run of name words as `_runs_of` gives it: as written, or with the initial before it.
RunKey = str | tuple[str, str]


class _NamesOfRuns(dict[RunKey, _RunNames]):
    """`_RunNames` of each run of name words with the initial before it: the
    runs of capitalised words news repeats (`Moscow`, `The Kremlin`,
    `Vladimir Putin`) cost a dictionary lookup, made from C."""

    _LIMIT = 50_000  # runs remembered before starting over (about 20 MB)

    def __init__(self, roles: _WordRoles) -> None:
        super().__init__()
        self.roles = roles

    def __missing__(self, key: RunKey) -> _RunNames:
        if len(self) >= self._LIMIT:
            self.clear()
        if isinstance(key, str) and " " not in key and "\u00a0" not in key:
            found = self[key] = self._of_word(key)  # most runs: one word, no initial before it
        else:
            found = self[key] = self._of_run(key)
        return found

    def _of_run(self, key: RunKey) -> _RunNames:
        pairs = _pairs_of_run(*_run_and_initial(key), self.roles.known)
        surnames = {surname for _first, surname in pairs}
        first_names = {first for first, _surname in pairs if len(first) > 1}
        return _RunNames(
            *map(
                tuple,
                (
                    pairs,
                    surnames,
                    first_names,
                    {surname for first, surname in pairs if len(first) > 1},
                    set(map(skeleton, surnames)),
                    set(map(skeleton, first_names)),
                    {(first_name_key(first), surname) for first, surname in pairs if first},
                    {surname for first, surname in pairs if self.roles.may_be_near_miss(first, surname)},
                ),
            )
        )

    def _of_word(self, word: str) -> _RunNames:
        """What `_of_run` makes of a run of one word with no initial before it."""
        if is_ordinary_word(word) and word not in self.roles.known:
            return _NO_NAMES
        near_misses = (word,) if self.roles.may_be_near_miss("", word) else ()
        return _RunNames((("", word),), (word,), (), (), (skeleton(word),), (), (), near_misses)


_NO_NAMES = _RunNames((), (), (), (), (), (), (), ())


@lru_cache(maxsize=8)
def _names_table(fingerprint: str, glossary_files: tuple[str, ...], standard: str) -> _NamesOfRuns:
    return _NamesOfRuns(_WordRoles(glossary_people(glossary_files), glossary_files, standard))


class DocumentNames:
    """The names of one document, read in one pass over its text and shared by
    the name rules: which (first name or initial, surname) occur, not where.
    Each set is the union of the same set of its runs (`_RunNames`), taken
    when a rule first asks for it."""

    pairs: frozenset[tuple[str, str]]
    surnames: frozenset[str]
    first_names: frozenset[str]
    with_first_names: frozenset[str]
    surname_skeletons: frozenset[str]
    first_name_skeletons: frozenset[str]
    keyed: frozenset[tuple[str, str]]
    near_misses: frozenset[str]

    def __init__(self, runs: list[_RunNames]) -> None:
        self._runs = runs
        self._with_first: list[_RunNames] | None = None  # the runs with a first name or initial

    def __getattr__(self, name: str) -> frozenset:
        field = _FIELDS.get(name)
        if field is None:
            raise AttributeError(name)
        runs = self._runs
        if name in _OF_FIRST_NAMES:  # most runs are a bare name (`Moscow`, `Putin`)
            if self._with_first is None:
                self._with_first = list(filter(_KEYED, runs))
            runs = self._with_first
        value = frozenset(itertools.chain.from_iterable(map(field, runs)))  # from C
        setattr(self, name, value)
        return value


_FIELDS = {name: itemgetter(index) for index, name in enumerate(_RunNames._fields)}
_HAS_PAIRS, _KEYED = _FIELDS["pairs"], _FIELDS["keyed"]
# The fields empty in a run whose mentions have no first name or initial (`keyed` empty).
_OF_FIRST_NAMES = frozenset({"first_names", "with_first_names", "first_name_skeletons", "keyed"})


def document_names(doc: Document) -> DocumentNames:
    """The document's names, found once per document."""
    cached = doc.cache.get("names")
    if cached is None:
        table = _names_table(load_glossary(doc.glossary_files).fingerprint, doc.glossary_files, doc.transliteration)
        named = filter(_HAS_PAIRS, map(table.__getitem__, _runs_of(doc.text)))  # not `The`, `After`
        cached = doc.cache["names"] = DocumentNames(list(named))
    return cached


def _runs_of(text: str) -> set[RunKey]:
    """The distinct runs of name words of a text, each as written, or as
    (run, initial) where an initial stands before it; a run written both
    ways is both."""
    found = _NAME_RUN.findall(text)
    runs: set[RunKey] = set(found)
    with_initial = _INITIAL_RUN.findall(text)
    if with_initial:
        for run, count in Counter(run for _initial, run in with_initial).items():
            if found.count(run) == count:
                runs.discard(run)  # never without an initial
        runs.update((run, initial) for initial, run in with_initial)
    return runs


def _run_and_initial(key: RunKey) -> tuple[str, str]:
    return (key, "") if isinstance(key, str) else key


def _pairs_of_run(run: str, initial: str, known: frozenset[str]) -> frozenset[tuple[str, str]]:
    """The (first name or initial, surname) of the mentions in one run of name
    words: an ordinary English word ends a mention and begins none."""
    if " " not in run and "\u00a0" not in run:
        return frozenset({(initial, run)}) if not is_ordinary_word(run) or run in known else frozenset()
    found = set()
    part: list[str] = []  # the name words since the run began or an ordinary word ended a name
    for index, word in enumerate([*_WORD_OF_RUN.findall(run), ""]):
        if word and (not is_ordinary_word(word) or word in known):
            part.append(word)
            continue
        if len(part) > 1:
            found.add((part[0], part[-1]))
        elif part:
            found.add((initial if index == 1 else "", part[0]))  # the initial stands before the run
        part = []
    return frozenset(found)


def _mentions(text: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Runs of capitalised words, each as one mention of its last word (the
    surname) with its first word (the first name) or the initial before it.
    An ordinary English word ends a run (`Later Yermakov`) unless the glossary
    names someone with it (`Rishi` Sunak, a rishi being a sage)."""
    found: list[Mention] = []
    first = last = None  # the current run's first and last words
    ordinary = is_ordinary_word
    joined = _NAME_JOINER.fullmatch
    for match in _NAME.finditer(text):
        word = match.group()
        if ordinary(word) and word not in known:
            if last is not None and _stands_alone(text, match.start()):
                found.append(_run_mention(text, first, last))
                first = last = None
            continue
        if not _stands_alone(text, match.start()):
            continue
        if last is not None and not joined(text, last.end(), match.start()):
            found.append(_run_mention(text, first, last))
            first = None
        first = first or match
        last = match
    if last is not None:
        found.append(_run_mention(text, first, last))
    return found


def _stands_alone(text: str, start: int) -> bool:
    """Whether the capitalised word at `start` is a word of its own, not the
    tail of another (`XErmakov`, `Rimsky-Korsakov`)."""
    return text[start].isupper() and not (start and (text[start - 1].isalnum() or text[start - 1] in _GLUED_BEFORE))


def _run_mention(text: str, first: re.Match, last: re.Match) -> Mention:
    if first is not last:
        return Mention(last.start(), last.end(), last.group(), first.group(), first.start())
    start = last.start()
    initial = _INITIAL_BEFORE.search(text, max(0, start - 4), start) if text[start - 2 : start - 1] == "." else None
    return Mention(start, last.end(), last.group(), initial.group(1) if initial else "")


def _is_name_word(match: re.Match | None, known: frozenset[str]) -> bool:
    return (
        match is not None
        and _stands_alone(match.string, match.start())
        and not (is_ordinary_word(match.group()) and match.group() not in known)
    )


def mentions_of(
    text: str, surnames: Iterable[str], known: frozenset[str] = frozenset(), bare: Container[str] = ()
) -> list[Mention]:
    """The mentions `_mentions` finds whose surname is one of `surnames`, in
    text order, read from around each occurrence of those words alone: a
    document's few candidate names cost less than all its capitalised words.
    `bare` surnames have no first name in the text (no run reads one), so
    no run is read back from them."""
    found = []
    for surname in surnames:
        if is_ordinary_word(surname) and surname not in known:
            continue  # never a name word (`_is_name_word`): not looked for
        at = text.find(surname)
        while at >= 0:
            # A name word (`_is_name_word`: the word is not an ordinary one) that is the whole word.
            match = _NAME.match(text, at) if _stands_alone(text, at) else None
            if match is not None and match.end() == at + len(surname):
                joiner = _NAME_JOINER.match(text, match.end())
                if not (joiner and _is_name_word(_NAME.match(text, joiner.end()), known)):
                    first = match if surname in bare else _run_start(text, match, known)
                    found.append(_run_mention(text, first, match))
            at = text.find(surname, at + 1)
    return sorted(found)


def _run_start(text: str, match: re.Match, known: frozenset[str]) -> re.Match:
    """The first word of the run of name words that ends with `match`."""
    first = match
    while True:
        if not first.start() or text[first.start() - 1] not in _JOINER_ENDS:
            return first  # most names: no joiner ends right before them
        joiner = _JOINER_BEFORE.search(text, max(0, first.start() - _JOINER_REACH), first.start())
        if joiner is None:
            return first
        before = _NAME_BEFORE.search(text, max(0, joiner.start() - _NAME_REACH), joiner.start())
        if not _is_name_word(before, known):
            return first
        first = before


CAPITALISED = re.compile(r"\b[A-Z][a-zà-ž]+(?:-[A-Z][a-zà-ž]+)?\b")
# Two skeletons this alike are one name transliterated two ways (`Uspaskich`,
# `Uspasskikh`); below it, a different name.
_VARIANT_SIMILARITY = 0.8


def surname_of(entry: Entry) -> str:
    return entry.en.split()[-1]


def is_name_variant(word: str, surname: str) -> bool:
    a, b = skeleton(word), skeleton(surname)
    if a == b:
        return True
    return a[:2] == b[:2] and SequenceMatcher(None, a, b).ratio() >= _VARIANT_SIMILARITY


@lru_cache(maxsize=4096)
def accepted_spellings(entry: Entry) -> frozenset[str]:
    """The surname as the glossary writes it and as its `ok` examples do
    (`Zelenskyy`, and `Zelenskiy`, `Zelensky` that major outlets use)."""
    surname = surname_of(entry)
    found = {surname}
    for sentence in entry.ok:
        found.update(w for w in CAPITALISED.findall(sentence) if is_name_variant(w, surname))
    return frozenset(found)


@dataclass(frozen=True)
class Person:
    """A glossary person as the near-miss search compares them."""

    entry: Entry
    first: str  # skeleton of the first name; "" for a one-word name
    key: str  # skeleton of the surname


@dataclass(frozen=True)
class GlossaryPeople:
    """The glossary's spellings of people's names, by skeleton, and its people
    by the first letter and length of their surname's skeleton: a name is
    compared with the few people it could be a misspelling of, not with all."""

    surnames: dict[str, str]  # surname skeleton -> the glossary's spelling
    entries: dict[str, Entry]  # surname skeleton -> the glossary's entry of that spelling
    first_names: dict[tuple[str, str], str]  # (surname skeleton, first-name skeleton) -> spelling
    buckets: dict[tuple[str, int], tuple[Person, ...]]
    bucket_keys: dict[tuple[str, int], tuple[str, ...]]  # the surname skeletons of each bucket, read without its people
    written: dict[str, tuple[Person, ...]]  # an accepted spelling of a surname, lower case -> its people
    words: frozenset[str]  # every word of the glossary's people's names
    first_names_by_length: dict[int, tuple[str, ...]]  # skeletons of their first names, by length
    written_by_first: dict[str, tuple[str, ...]]  # first-name skeleton -> the spellings of one person's surname


def glossary_people(glossary_files: tuple[str, ...]) -> GlossaryPeople:
    """The people of the document's glossary, indexed once per glossary."""
    return _people_of(load_glossary(glossary_files).fingerprint, glossary_files)


@lru_cache(maxsize=8)
def _people_of(fingerprint: str, glossary_files: tuple[str, ...]) -> GlossaryPeople:
    """Built once per glossary and kept in the cache folder, where a run reads
    only the people its names could be (`tqa.lazystore`)."""
    version = f"{fingerprint}\0{code_fingerprint()}\0{installed_version(__name__)}"
    return built("glossary-people", version, lambda: _indexed_people(glossary_files), GlossaryPeople)


def _indexed_people(glossary_files: tuple[str, ...]) -> GlossaryPeople:
    surnames: dict[str, str] = {}
    by_surname: dict[str, Entry] = LazyDict()
    first_names: dict[tuple[str, str], str] = {}
    buckets: dict[tuple[str, int], list[Person]] = {}
    written: dict[str, list[Person]] = {}
    entries = [entry for entry in load_glossary(glossary_files).entries if entry.kind == "person" and entry.en]
    for entry in entries:
        words = entry.en.split()
        surname = skeleton(words[-1])
        surnames.setdefault(surname, words[-1])
        by_surname.setdefault(surname, entry)
        if len(words) > 1:
            first_names.setdefault((surname, skeleton(words[0])), words[0])
        person = Person(entry, skeleton(words[0]) if len(words) > 1 else "", surname)
        for spelling in accepted_spellings(entry):
            written.setdefault(spelling.lower(), []).append(person)
        buckets.setdefault((surname[:1], len(surname)), []).append(person)
    return GlossaryPeople(
        surnames,
        by_surname,
        first_names,
        LazyDict({key: tuple(people) for key, people in buckets.items()}),
        {key: tuple(person.key for person in people) for key, people in buckets.items()},
        LazyDict({key: tuple(people) for key, people in written.items()}),
        frozenset(word for entry in entries for word in entry.en.split()),
        _by_length({key for _surname, key in first_names}),
        _by_first(written),
    )


def _by_first(written: dict[str, list[Person]]) -> dict[str, tuple[str, ...]]:
    """The spellings that name one person, by that person's first name."""
    found: dict[str, list[str]] = {}
    for spelling, people in written.items():
        if len(people) == 1 and people[0].first:
            found.setdefault(people[0].first, []).append(spelling)
    return {first: tuple(spellings) for first, spellings in found.items()}


def _by_length(keys: Iterable[str]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for key in sorted(keys):
        found.setdefault(len(key), []).append(key)
    return {length: tuple(group) for length, group in found.items()}


def _first_names_agree(found: str, person: Person) -> bool:
    """Whether a first name or initial `found` may be the person's (any
    person's, when there is none)."""
    if not found:
        return True
    if not person.first:
        return False
    key = skeleton(found)
    return key == person.first or (min(len(key), len(person.first)) >= 4 and distance(key, person.first, 1) <= 1)


def _vowel_changed(a: str, b: str) -> bool:
    """Whether two spellings differ in a vowel written as another vowel
    (`Schulz`, `Scholz`): transliteration from Russian keeps vowels and
    confuses consonants (`Makron`, `Sholz`, `Scholtz`), so that is another name."""
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return any(
        op == "replace" and set(a[i1:i2]) <= _VOWELS and set(b[j1:j2]) <= _VOWELS for op, i1, i2, j1, j2 in opcodes
    )


class _NearMiss(NamedTuple):
    """What a mention `first surname` misspells, read from its words alone."""

    person: Person
    first_name: bool  # its first name is a letter or two off (`Vladimir` Zelensky), not its surname
    needs_title: bool  # only after a title, here or at an earlier mention of the same spelling


@lru_cache(maxsize=65536)
def _near_miss(first: str, surname: str, glossary_files: tuple[str, ...], standard: str) -> _NearMiss | None:
    """The glossary person a mention `first surname` misspells, if exactly
    one fits: its surname (`_closest`) or, beside a known surname, its first
    name (`President Vladimir Zelensky` for Volodymyr). A surname with no
    first name and another skeleton than the glossary's, or a first name
    alone, may be a namesake's: they need a title."""
    people = glossary_people(glossary_files)
    if surname.lower() not in people.written:
        person = _closest(surname, first, glossary_files)
        # `Shoygu` for `Shoigu` is a spelling the standard allows; N602 keeps one document consistent.
        if person is not None and not _y_for_i(surname, surname_of(person.entry), standard):
            # The same skeleton is the same name transliterated another way.
            return _NearMiss(person, False, not first and person.key != skeleton(surname))
    if len(first) < 2:
        return None
    known = people.written.get(surname.lower(), ())
    if len(known) != 1 or not known[0].first:
        return None
    person, key = known[0], skeleton(first)
    if key == person.first or min(len(key), len(person.first)) < _SHORTEST_NEAR_MISS:
        return None
    if distance(key, person.first, _NEAR_FIRST_NAME) > _NEAR_FIRST_NAME:
        return None
    return _NearMiss(person, True, True)


def _may_have_short_first_name(surname: str, glossary_files: tuple[str, ...]) -> bool:
    """Whether a first name too short for a name word before `surname`
    (`Joe` Baiden) may make it a near miss: a glossary person it may
    misspell has such a first name (`_first_names_agree` then asks for
    the same skeleton, no longer than the first name)."""
    if surname.lower() in glossary_people(glossary_files).written:
        return False
    return any(0 < len(person.first) <= _SHORT_FIRST_NAME for person in _near_people(surname, glossary_files))


def _y_for_i(spelling: str, glossary: str, standard: str) -> bool:
    """Whether a surname writes `y` after a vowel where the glossary's writes
    `i` (Шойгу: `Shoygu`, `Shoigu`), differs in nothing else, and breaks
    nothing the transliteration standard avoids. The reverse (`Leien` for
    `Leyen`) is a misspelling."""
    written, known = spelling.lower(), glossary.lower()
    if len(written) != len(known) or written == known:
        return False
    for index, (a, b) in enumerate(zip(written, known)):
        if a != b and not (a == "y" and b == "i" and index and written[index - 1] in "aeiou"):
            return False
    return standard_score(spelling, standard) == 0


@lru_cache(maxsize=65536)
def _closest(surname: str, first: str, glossary_files: tuple[str, ...]) -> Person | None:
    """The one glossary person `first surname` could misspell (`first` may be
    empty or an initial)."""
    found = [person for person in _near_people(surname, glossary_files) if _first_names_agree(first, person)]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=65536)
def _near_people(surname: str, glossary_files: tuple[str, ...]) -> tuple[Person, ...]:
    """The glossary people whose surname `surname` could misspell, by the
    first letter and length of the skeleton."""
    key = skeleton(surname)
    if len(key) < _SHORTEST_NEAR_MISS:
        return ()
    people = glossary_people(glossary_files)
    limit = _NEAR_SURNAME
    return tuple(
        person
        for length in range(len(key) - limit, len(key) + limit + 1)
        for person in people.buckets.get((key[:1], length), ())
        if distance(key, person.key, limit) <= limit and not _vowel_changed(key, person.key)
    )


class _WordRoles:
    """What a capitalised word can be in a near miss, worked out once per word
    and glossary: a misspelt surname (a letter from a glossary surname), and
    the first name of a glossary person a letter or two off, whose surname's
    spellings (lower case) it then names."""

    _LIMIT = 500_000  # words remembered before starting over

    def __init__(self, people: GlossaryPeople, glossary_files: tuple[str, ...], standard: str) -> None:
        self._people = people
        self._glossary_files = glossary_files
        self._standard = standard
        self.known = people.words
        self._misspelt: dict[str, bool] = {}
        self._surnames_near: dict[str, frozenset[str]] = {}
        # The first names and surnames (by first letter) of the lengths a near miss of a
        # word's length may be of, compared all at once by rapidfuzz when it is installed.
        self._first_names: dict[int, list[str]] = {}
        self._surname_keys: dict[tuple[str, int], list[str]] = {}
        self._within = _within_distance(_NEAR_FIRST_NAME)
        self._within_surname = _within_distance(_NEAR_SURNAME)

    def may_be_near_miss(self, first: str, surname: str) -> bool:
        """Whether a mention `first surname` may be a near miss somewhere
        (`_near_miss`), the title aside, with a short first name before it
        when it has none."""
        if not self._may_be_near_miss(first, surname):
            return False  # most words: no glossary name is that close
        if _near_miss(first, surname, self._glossary_files, self._standard) is not None:
            return True
        return not first and _may_have_short_first_name(surname, self._glossary_files)

    def _may_be_near_miss(self, first: str, surname: str) -> bool:
        """What `may_be_near_miss` looks at first: whether the surname may
        misspell a glossary person's, or is a glossary surname of one person
        whose first name `first` may misspell (rapidfuzz compares them all at once)."""
        misspelt, near = self._misspelt, self._surnames_near
        if len(misspelt) + len(near) > self._LIMIT:
            misspelt.clear(), near.clear()
        if surname not in misspelt:
            misspelt[surname] = self._may_misspell(surname)
        if misspelt[surname]:
            # With no first name, one may stand before it too short for a name word (`Joe`).
            return not first or _closest(surname, first, self._glossary_files) is not None
        if not first:
            return False
        if first not in near:
            close = self._close_first_names(skeleton(first))
            written_by_first = self._people.written_by_first
            near[first] = frozenset(spelling for key in close for spelling in written_by_first.get(key, ()))
        return surname.lower() in near[first]

    def _may_misspell(self, word: str) -> bool:
        people = self._people
        if word.lower() in people.written or (is_ordinary_word(word) and word not in people.words):
            return False
        key = skeleton(word)
        return len(key) >= _SHORTEST_NEAR_MISS and any(
            not _vowel_changed(key, near) for near in self._near_surnames(key)
        )

    def _near_surnames(self, key: str) -> list[str]:
        """The skeletons of the glossary's surnames a letter from `key` that begin as it does."""
        choices = self._surname_keys.get((key[:1], len(key)))
        if choices is None:
            lengths = range(len(key) - _NEAR_SURNAME, len(key) + _NEAR_SURNAME + 1)
            buckets = self._people.bucket_keys
            choices = [near for length in lengths for near in buckets.get((key[:1], length), ())]
            self._surname_keys[key[:1], len(key)] = choices
        if self._within_surname is not None:
            return self._within_surname(key, choices)
        return [near for near in choices if distance(key, near, _NEAR_SURNAME) <= _NEAR_SURNAME]

    def _close_first_names(self, key: str) -> frozenset[str]:
        if len(key) < _SHORTEST_NEAR_MISS:
            return frozenset()
        lengths = range(max(_SHORTEST_NEAR_MISS, len(key) - _NEAR_FIRST_NAME), len(key) + _NEAR_FIRST_NAME + 1)
        if self._within is not None:
            choices = self._first_names.get(len(key))
            if choices is None:
                by_length = self._people.first_names_by_length
                choices = self._first_names[len(key)] = [first for n in lengths for first in by_length.get(n, ())]
            return frozenset(first for first in self._within(key, choices) if first != key)
        return frozenset(
            first
            for length in lengths
            for first in self._people.first_names_by_length.get(length, ())
            if first != key and distance(key, first, _NEAR_FIRST_NAME) <= _NEAR_FIRST_NAME
        )


def _within_distance(limit: int) -> Callable[[str, list[str]], list[str]] | None:
    """rapidfuzz's search of a list for the strings at most `limit` edits
    from a string (one call, its loop in C); None without rapidfuzz."""
    try:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        return None

    def within(key: str, choices: list[str]) -> list[str]:
        found = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
        return [choice for choice, _distance, _index in found]

    return within


def _with_short_first_name(text: str, mention: Mention) -> Mention:
    """The mention with the short first name before it (`Joe Baiden`), which
    says which glossary person is meant as a longer one would."""
    if mention.first:
        return mention
    found = _SHORT_FIRST_NAME_BEFORE.search(text, max(0, mention.start - 5), mention.start)
    if found is None:
        return mention
    return mention._replace(first=found.group(1), first_start=found.start(1))


def _untitled(doc: Document, bare: Iterable[str]) -> set[str]:
    """Of surnames the document never gives a first name or an initial, those
    that are a near miss only after a title (`Chancellor Sholz`) and have none
    before any of their occurrences: no mention of them can be reported, so
    none need be placed."""
    found = set()
    for surname in bare:
        near_miss = _near_miss("", surname, doc.glossary_files, doc.transliteration)
        if near_miss is not None and not near_miss.needs_title:
            continue
        if _may_have_short_first_name(surname, doc.glossary_files) or _titled_somewhere(doc.text, surname):
            continue
        found.add(surname)
    return found


def _titled_somewhere(text: str, word: str) -> bool:
    """Whether a title stands before some occurrence of `word` (as `near_miss_names` reads one)."""
    at = text.find(word)
    while at >= 0:
        if _TITLE_BEFORE.search(text, max(0, at - 60), at):
            return True
        at = text.find(word, at + 1)
    return False


def near_miss_names(doc: Document) -> Iterator[Violation]:
    """Names a letter or two from a glossary person's, with that person's first name or a title."""
    people = glossary_people(doc.glossary_files)
    # Each distinct run of names is sorted out once; the names are read only around the few that may be near misses.
    names = document_names(doc)
    candidates = names.near_misses
    if candidates:
        candidates -= _untitled(doc, candidates - {surname for _key, surname in names.keyed})
    if not candidates:
        return
    reported: set[tuple[str, str]] = set()  # (first name, surname) spellings found misspelt above
    for mention in mentions_of(doc.text, candidates, people.words, candidates - names.with_first_names):
        mention = _with_short_first_name(doc.text, mention)
        found = _near_miss(mention.first, mention.surname, doc.glossary_files, doc.transliteration)
        if found is None:
            continue
        person = found.person
        if found.first_name:
            start, end = mention.first_start, mention.first_start + len(mention.first)
            replacement = person.entry.en.split()[0]
        else:
            start, end, replacement = mention.start, mention.end, surname_of(person.entry)
        if (
            found.needs_title
            and (mention.first, mention.surname) not in reported
            and not _TITLE_BEFORE.search(doc.text, max(0, start - 60), start)
        ):
            continue
        whole = mention.first_start if mention.first_start >= 0 else mention.start
        if glossary_covers(doc, whole, mention.end, _PERSON) or doc.is_protected(whole, mention.end):
            continue  # the listed variant is reported, or the name is in a comment or code
        reported.add((mention.first, mention.surname))
        yield Violation(
            start,
            end,
            _("`{found}` looks like a misspelling of {en}; write `{replacement}`").format(
                found=doc.text[start:end], en=person.entry.en, replacement=replacement
            ),
            Fix(
                _("Replace with `{replacement}`").format(replacement=replacement),
                (Edit(start, end, replacement),),
                Applicability.UNSAFE,
            ),
            person.entry.why,
        )


def person_name_spelling(doc: Document) -> Iterator[Violation]:
    """Person's name spelled against the glossary's canonical form.

    What it does:
        Finds variant transliterations of people of the glossary, those the
        entry lists (`Sergei Ermakov`) and near misses it does not: a
        capitalised surname a letter from a glossary person's beside that
        person's first name or after a title (`Rishi Sunac`, `Josep Borell`,
        `Chancellor Sholz`), one with the same transliteration skeleton even
        alone (`Evmenov`: the same Russian name, written another way; a
        mere `y` for `i` that the transliteration standard allows, as in
        `Shoygu`, is a spelling, not a misspelling), and
        a first name a letter or two off beside a known surname after a title
        (`President Vladimir Zelensky`). It proposes the spelling major
        English-language media use.

    Why is this bad?
        One person under several spellings splits search results and looks
        like several people; a back-transliterated Western name
        (`Emmanuel Makron`) is simply wrong.

    Example:
        Bad: Sergei Ermakov, a leading expert at RISS, explained.
        Bad: German Chancellor Olaf Sholz arrived in Kyiv.
        Bad: EU foreign policy chief Josep Borell spoke.
        Bad: Ukrainian President Vladimir Zelensky spoke.
        Good: Sergei Yermakov, a leading expert at RISS, explained.
        Good: German Chancellor Olaf Scholz arrived in Kyiv.
        Good: Olaf Schulz, a local farmer, spoke.
        Good: Andrey Melashchenko, an economist, spoke.

    Fix safety:
        For listed variants, as the glossary entry says; usually unsafe, as a
        namesake may be meant. Unsafe for near misses.
    """
    yield from listed_name_spelling(doc)
    yield from near_miss_names(doc)


@lru_cache(maxsize=65536)
def standard_score(spelling: str, standard: str = DEFAULT_STANDARD) -> int:
    """Minus the number of choices the standard avoids that a spelling makes.
    Only what the standard avoids counts: a name from another language
    (`Semilarski`) is not a Russian `-iy` the standard writes `-y`."""
    word = spelling.lower()
    return -sum(avoided.search(word) is not None for avoided in _avoided(standard))


@cache
def _avoided(standard: str) -> tuple[re.Pattern[str], ...]:
    return tuple(map(re.compile, STANDARDS[standard]))


def preferred_spelling(
    counts: dict[str, int], glossary: str | None, first_use: dict[str, int], standard: str = DEFAULT_STANDARD
) -> str:
    """The glossary's spelling, else the standard's, else the most used, else the first."""
    if glossary in counts or (glossary and any(s.lower() == glossary.lower() for s in counts)):
        return glossary
    return sorted(counts, key=lambda s: (-standard_score(s, standard), -counts[s], first_use.get(s, 0), s))[0]


def differs_by_transliteration(a: str, b: str) -> bool:
    """True when two spellings differ in more than case or an English ending."""
    return a.lower() != b.lower() and not (a.lower().rstrip("s") == b.lower().rstrip("s"))


def _persons(group: list[Mention]) -> list[list[Mention]]:
    """The mentions of one surname skeleton split into people by first name;
    bare surnames join only when there is one person to join."""
    by_first: dict[str, list[Mention]] = {}
    bare = []
    for mention in group:
        if mention.first:
            by_first.setdefault(first_name_key(mention.first), []).append(mention)
        else:
            bare.append(mention)
    keys = list(by_first)
    if not keys:
        return [bare]
    full_names = [k for k in keys if len(k) > 1]
    if len(full_names) <= 1 and all(compatible([k], full_names) for k in keys):
        return [group]  # one person, written with or without a first name or an initial
    return list(by_first.values())


def _spelled_two_ways(group: list[Mention]) -> bool:
    """Whether mentions of one surname skeleton differ in spelling, of the
    surname or of first names that share a skeleton."""
    surname = group[0].surname
    firsts = {m.first for m in group if len(m.first) > 1}
    return any(m.surname != surname for m in group) or len(firsts) > len(set(map(skeleton, firsts)))


def _spelled_two_ways_somewhere(names: DocumentNames) -> set[str]:
    """The surname skeletons whose mentions `_spelled_two_ways` would find
    spelled two ways, read from the document's distinct names alone (most
    documents have none: no two of their surnames, nor of their first names,
    share a skeleton)."""
    varying = set()
    if len(names.surname_skeletons) < len(names.surnames):
        varying.update(key for key, count in Counter(map(skeleton, names.surnames)).items() if count > 1)
    if len(names.first_name_skeletons) < len(names.first_names):
        counts = Counter(map(skeleton, names.first_names))
        shared = {key for key, count in counts.items() if count > 1}
        by_surname: dict[str, set[str]] = {}  # surname skeleton -> first names of a shared skeleton
        for first, surname in names.pairs:
            if len(first) > 1 and skeleton(first) in shared:
                by_surname.setdefault(skeleton(surname), set()).add(first)
        varying.update(key for key, firsts in by_surname.items() if len(firsts) > len(set(map(skeleton, firsts))))
    return varying


def _variants(doc: Document) -> Iterator[tuple[int, int, str, str, Entry | None]]:
    """(start, end, found, preferred, the glossary entry when the preferred
    spelling is its) for each name spelled against another mention of the
    same person in this document."""
    people = glossary_people(doc.glossary_files)
    names = document_names(doc)
    varying = _spelled_two_ways_somewhere(names)
    if not varying:
        return  # most documents: no surname skeleton is written two ways, so no mention need be placed
    by_skeleton: dict[str, list[Mention]] = {}
    surnames = {surname for surname in names.surnames if skeleton(surname) in varying}
    for mention in mentions_of(doc.text, surnames, people.words, surnames - names.with_first_names):
        by_skeleton.setdefault(skeleton(mention.surname), []).append(mention)
    for key, group in by_skeleton.items():
        if len(group) < 2 or not _spelled_two_ways(group):
            continue
        for person in _persons(group):
            counts = Counter(m.surname for m in person)
            if len(counts) > 1:
                first_use = {}
                for m in person:
                    first_use.setdefault(m.surname, m.start)
                preferred = preferred_spelling(counts, people.surnames.get(key), first_use, doc.transliteration)
                entry = people.entries.get(key) if preferred == people.surnames.get(key) else None
                for m in person:
                    if differs_by_transliteration(m.surname, preferred):
                        yield m.start, m.end, m.surname, preferred, entry
            firsts = Counter(m.first for m in person if len(m.first) > 1)
            for first_key, spellings in itertools.groupby(sorted(firsts, key=skeleton), key=skeleton):
                spellings = list(spellings)
                if len(spellings) < 2:
                    continue
                counts = {s: firsts[s] for s in spellings}
                glossary = people.first_names.get((key, first_key))
                preferred = preferred_spelling(counts, glossary, {}, doc.transliteration)
                entry = people.entries.get(key) if preferred == glossary else None
                for m in person:
                    if m.first in counts and differs_by_transliteration(m.first, preferred):
                        yield m.first_start, m.first_start + len(m.first), m.first, preferred, entry


def inconsistent_transliteration(doc: Document) -> Iterator[Violation]:
    """The same person's name spelled two ways in one document.

    What it does:
        Groups the names of a document by the transliteration skeleton of the
        surname (e/ye, i/y, ii/iy/y, ks/x, kh/h, yu/iu, ya/ia, doubled
        letters), keeps together only mentions whose first names or initials
        agree, and reports the spellings that differ from the glossary's, or
        else the transliteration standard's, or else the most used one.
        Ordinary English words (`Jury`) are never taken for names.

    Why is this bad?
        `Sergei Ermakov` … `Yermakov stressed` reads as two people; MT and
        copy-editing from several sources produce such pairs.

    Example:
        Bad: Ivan Petrovskiy explained it. Later Petrovsky stressed it again, and Petrovsky left.
        Bad: Sergey Kovalenko spoke first. Then Sergei Kovalenko spoke again.
        Good: Ivan Petrovsky explained it. Later Petrovsky stressed it again.
        Good: Dmitriy Ivanov met Dmitry Peskov and the Jury Chairman Yuri Ivanov.

    Fix safety:
        Unsafe: the other spellings are replaced by the preferred one; check
        it is the same person.
    """
    for start, end, found, preferred, entry in _variants(doc):
        if glossary_covers(doc, start, end, _PERSON) or doc.is_protected(start, end):
            continue  # person-name-spelling reports it
        yield Violation(
            start,
            end,
            _("`{found}` is spelled `{preferred}` elsewhere in this document").format(found=found, preferred=preferred),
            Fix(
                _("Replace with `{replacement}`").format(replacement=preferred),
                (Edit(start, end, preferred),),
                Applicability.UNSAFE,
            ),
            entry.why if entry is not None else None,
        )


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Offsets of `word` as a whole word."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            yield start
        start = text.find(word, start + 1)


def first_occurrence(text: str, word: str) -> int | None:
    return next(_occurrences(text, word), None)


def single_spellings(doc: Document) -> str:
    """The surnames spelled one way in this document, one a line as
    `SURNAME<TAB>FIRST-NAME KEYS<TAB>GLOSSARY SPELLING<TAB>ACCEPTED` (`1`
    when the glossary accepts this spelling of someone): one string is far
    cheaper than hundreds to send from a worker process. A word this document
    uses as a first name is left out: first names alone say nothing of who is meant."""
    names = document_names(doc)
    alone = names.surnames - names.first_names
    if not alone:
        return ""
    if len(names.surname_skeletons) < len(names.surnames):  # some spelled two ways here: left to N602
        counts = Counter(map(skeleton, alone))
        alone = frozenset(surname for surname in alone if counts[skeleton(surname)] == 1)
    first_keys: dict[str, list[str]] = {}
    for key, surname in names.keyed:
        if surname in alone:
            first_keys.setdefault(surname, []).append(key)
    lines = _lines_of(load_glossary(doc.glossary_files).fingerprint, doc.glossary_files)
    found = list(map(lines.__getitem__, alone.difference(first_keys)))
    for surname, keys in first_keys.items():
        found.append(f"{surname}\t{' '.join(sorted(keys))}{lines[surname][len(surname) + 1 :]}")
    return "\n".join(sorted(found))


class _Lines(dict[str, str]):
    """For each surname, worked out once per glossary: its line in
    `single_spellings` when no first name comes with it."""

    _LIMIT = 100_000

    def __init__(self, people: GlossaryPeople) -> None:
        super().__init__()
        self.people = people

    def __missing__(self, surname: str) -> str:
        if len(self) >= self._LIMIT:
            self.clear()
        accepted = "1" if surname.lower() in self.people.written else ""
        found = self[surname] = f"{surname}\t\t{self.people.surnames.get(skeleton(surname), '')}\t{accepted}"
        return found


@lru_cache(maxsize=8)
def _lines_of(fingerprint: str, glossary_files: tuple[str, ...]) -> _Lines:
    return _Lines(glossary_people(glossary_files))


@dataclass(frozen=True)
class CrossFileReport:
    found: str
    preferred: str
    known: bool  # the preferred spelling is the glossary's


class NameIndex:
    """Which files of a run spell each surname which way, gathered file by file.

    Each file's lines are kept as one tuple of interned strings (a name that
    recurs in thousands of files is held once); the spellings are grouped by
    skeleton only at the end, so adding a file costs no per-name Python work."""

    def __init__(self, transliteration: str = DEFAULT_STANDARD) -> None:
        self._transliteration = transliteration
        self._files: list[tuple[str, ...]] = []
        self._interned: dict[str, str] = {}

    def add(self, spellings: str) -> None:
        """The next file's names (as `single_spellings` gives them); files are
        numbered in the order they are added."""
        lines = spellings.split("\n") if spellings else ()
        self._files.append(tuple(map(self._interned.setdefault, lines, lines)))

    def reports(self, context_from: int | None = None) -> dict[int, list[CrossFileReport]]:
        """For each file, the surnames it spells the way the other files of the
        run do not, for one person (first names agreeing). Spellings that
        disagree inside one file are left to the per-document rule. Files from
        `context_from` on are context (not reported on): in a tie their
        spelling wins, so the checked file hears of it."""
        context = self._files[len(self._files) if context_from is None else context_from :]
        in_context = Counter(line.split("\t")[0] for line in itertools.chain.from_iterable(context))
        spelled: dict[str, dict[str, int]] = {}
        first_keys: dict[str, set[str]] = {}
        standard: dict[str, str] = {}
        accepted: set[str] = set()
        lines_of_files = Counter(itertools.chain.from_iterable(self._files))
        for line, files in lines_of_files.items():
            surname, keys, glossary, known = line.split("\t")
            if known:
                accepted.add(surname)
            spelled.setdefault(skeleton(surname), {})
            spelled[skeleton(surname)][surname] = spelled[skeleton(surname)].get(surname, 0) + files
            first_keys.setdefault(surname, set()).update(keys.split())
            if glossary:
                standard[skeleton(surname)] = glossary
        minority: dict[str, CrossFileReport] = {}
        for key, counts in spelled.items():
            if len(counts) < 2:
                continue
            ties = {spelling: -in_context[spelling] for spelling in counts}
            preferred = preferred_spelling(counts, standard.get(key), ties, self._transliteration)
            for spelling in counts:
                if (
                    spelling != preferred
                    and spelling not in accepted
                    and differs_by_transliteration(spelling, preferred)
                    and compatible(first_keys[spelling], first_keys.get(preferred, ()))
                ):
                    minority[spelling] = CrossFileReport(spelling, preferred, standard.get(key) == preferred)
        found: dict[int, list[CrossFileReport]] = {}
        if not minority:
            return found
        # The lines that give a minority spelling, each with that spelling.
        marked = {line: line[: line.index("\t")] for line in lines_of_files}
        marked = {line: spelling for line, spelling in marked.items() if spelling in minority}
        for index, lines in enumerate(self._files):
            if not marked.keys().isdisjoint(lines):
                hits = sorted({marked[line] for line in lines if line in marked})
                found[index] = [minority[spelling] for spelling in hits]
        return found
