"""The glossary compiled into one Aho-Corasick automaton over normalized text.

Text and forms are normalized the same way before matching: lower case,
hyphens and dashes read as spaces, curly apostrophes as straight, runs of
spaces as one. Only the last step changes lengths; the few places where it
does are kept to map matches back to offsets in the original text. A blank
line is not a space: no term runs on into the next paragraph.

Engines: hyperscan, when its wheel is installed, reads the normalized text's
UTF-8 once for every key (about twice as fast as the automaton, whose hits
Python also has to walk); pyahocorasick otherwise. Both report the same hits,
and `find` gives the same matches with either (a test runs both).
"""

from __future__ import annotations

import bisect
import itertools
import pickle
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tqa.glossary.entry import Entry
from tqa.glossary.inflection import is_noun, plural, surface_forms
from tqa.lazy_pattern import LazyPattern
from tqa.lazystore import Blob, LazyList

# Read alike: hyphens and dashes as spaces, curly apostrophes as straight.
_FOLD_PAIRS = (
    ("-", " "), ("–", " "), ("—", " "), ("‐", " "), ("‑", " "), ("\u00a0", " "), ("\t", " "),
    ("’", "'"), ("‘", "'"), ("\n", " "), ("\r", " "),
)  # fmt: skip
# Characters that open a word from outside it: read as spaces when scanning.
_WORD_OPENERS = ("(", "[", "“", "‘", "«", "„", '"', "/")
_SPACE_RUN = re.compile(r"  +")
_BLANK_LINES = ("\r\n\r\n", "\n\n", "\r\r")
_FILLER = "\x00"
_CLOSING_QUOTE = "”"
# What _scanned folds, character by character (each becomes a space or an
# apostrophe, which nothing folds), and the part of it beyond ASCII.
_FOLDS = (*_FOLD_PAIRS, *((opener, " ") for opener in _WORD_OPENERS if opener not in dict(_FOLD_PAIRS)))
_BEYOND_ASCII_FOLDS = tuple((old, new) for old, new in _FOLDS if not old.isascii())
_ASCII_FOLDS = tuple((old, new) for old, new in _FOLDS if old.isascii())
# _scanned's work on ASCII text as one table for bytes.translate, which reads a
# byte a step (str.translate looks each character up).
_ASCII_SCAN = bytes.maketrans(
    bytes(range(ord("A"), ord("Z") + 1)) + "".join(old for old, _new in _ASCII_FOLDS).encode(),
    bytes(range(ord("a"), ord("z") + 1)) + "".join(new for _old, new in _ASCII_FOLDS).encode(),
)
_OPTIONAL = re.compile(r"\[([^\]]+)\]")
# What the scan reads as a space before a word: a key can begin only after one.
# (`‘` opens a word but is folded first, to `'`.)
_WORD_START = " " + "".join(old for old, new in _FOLD_PAIRS if new == " ")
_WORD_START += "".join(opener for opener in _WORD_OPENERS if opener not in dict(_FOLD_PAIRS))
# The longest a word and the separator after it are taken to be, matching a form's words back from its anchor.
_LOOK_BACK = 200
# Words before a form's first slot shorter than this (`by`, `at`) are too common to find it by.
_SHORT_KEY = 4


def _fold_characters(text: str) -> str:
    """Apply _FOLD_PAIRS: a few str.replace calls, far faster than str.translate on long text."""
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def _scanned(text: str) -> str:
    """The text as the automaton reads it, offset for offset: lower case,
    _FOLD_PAIRS applied, marks that open a word read as spaces, and the first
    line break of a blank line read as a filler no key contains (a term never
    runs on into the next paragraph)."""
    if "\r" in text:
        for blank in _BLANK_LINES:
            if blank in text:
                text = text.replace(blank, _FILLER * (len(blank) - 1) + blank[-1])
    elif "\n\n" in text:
        text = text.replace("\n\n", _FILLER + "\n")
    if text.isascii():
        return _ascii_scanned(text)  # one pass; the str.replace calls below cost more on ASCII
    # Folding and lower case commute: folding changes no letter, and reads no
    # mark that lower case looks through (a final sigma) as one it stops at.
    folded = text
    for old, new in _BEYOND_ASCII_FOLDS:
        if old in folded:
            folded = folded.replace(old, new)
    if folded.isascii():
        return _ascii_scanned(folded)
    for old, new in _ASCII_FOLDS:
        if old in folded:
            folded = folded.replace(old, new)
    # Lower case a part at a time between closing quote marks: what is left of
    # an article once its curly quotes and dashes are folded is often ASCII,
    # which str.lower reads far faster. No letter's lower case depends on what
    # is across the mark (lower case stops at it when it looks for a final sigma).
    lowered = _CLOSING_QUOTE.join([part.lower() for part in folded.split(_CLOSING_QUOTE)])
    if len(lowered) != len(folded):
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in folded)
    return lowered


def _ascii_scanned(text: str) -> str:
    return text.encode("ascii").translate(_ASCII_SCAN).decode("ascii")


def _squeezed(scanned: str) -> tuple[str, list[int], list[int]]:
    """The scanned text with each run of spaces as one space, and where the runs
    were: a position of that text from removed_at[i] on is removed[i]
    characters on in the scanned text (and in the text itself)."""
    parts = scanned.split("  ")
    if len(parts) == 1:
        return scanned, [], []
    # str.split takes a run's spaces two at a time from its left: a run of n
    # spaces leaves n // 2 - 1 empty parts, and its odd space opens the next part.
    pieces = [parts[0]]
    removed_at: list[int] = []
    removed: list[int] = []
    run_at = len(parts[0])  # where the run's one space is in the squeezed text
    total = 0
    index, last = 1, len(parts) - 1
    while index <= last:
        length = 2
        part = parts[index]
        while not part and index < last:
            length += 2
            index += 1
            part = parts[index]
        if part[:1] == " ":
            length += 1
            part = part[1:]
        total += length - 1
        removed_at.append(run_at + 1)
        removed.append(total)
        pieces.append(part)
        run_at += 1 + len(part)
        index += 1
    return " ".join(pieces), removed_at, removed


def _hyperscan() -> Any:
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


class _Literals:
    """The keys in a hyperscan database: every occurrence of each, reported by
    its end in the UTF-8 text. Pickled as hyperscan's serialized database."""

    def __init__(self, keys: list[str]):
        hyperscan = _hyperscan()
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        encoded = [key.encode("utf-8") for key in keys]
        database.compile(expressions=encoded, ids=list(range(len(keys))), elements=len(keys), flags=0, literal=True)
        self._open(database)

    def _open(self, database: Any) -> None:
        self._database = database
        self._scratch = threading.local()  # hyperscan's scratch space serves one scan at a time

    def __getstate__(self) -> bytes:
        return Blob(_hyperscan().dumpb(self._database))  # stored as it is (see tqa.lazystore)

    def __setstate__(self, state: bytes) -> None:
        hyperscan = _hyperscan()
        if hyperscan is None:
            raise pickle.UnpicklingError("compiled with hyperscan, which is not installed")
        try:
            self._open(hyperscan.loadb(state, hyperscan.HS_MODE_BLOCK))
        except hyperscan.HyperscanError as error:
            raise pickle.UnpicklingError(str(error)) from error

    def hits(self, data: bytes) -> list[tuple[int, int]]:
        """(end in bytes, key id) of every occurrence of a key in `data`."""
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = _hyperscan().Scratch(self._database)
        found: list[tuple[int, int]] = []
        add = found.append
        self._database.scan(data, match_event_handler=lambda key, _start, end, _flags, _context: add((end, key)),
                            scratch=scratch)  # fmt: skip
        return found


class _Automaton:
    """The keys as a pyahocorasick automaton, the engine where hyperscan is not
    installed: made on first use, it reports (end, value of the key) as an
    automaton holding the values would. Pickled as its keys."""

    def __init__(self, keys: list[str], values: Sequence[Any]):
        # One string (no key holds the filler) in a list a store reads only when asked: never with hyperscan.
        self._keys = LazyList([_FILLER.join(keys)])
        self._values = values
        self._automaton: Any = None

    def __getstate__(self) -> tuple[Sequence[str], Sequence[Any]]:
        return self._keys, self._values

    def __setstate__(self, state: tuple[Sequence[str], Sequence[Any]]) -> None:
        self._keys, self._values = state
        self._automaton = None

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        automaton = self._automaton
        if automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            if self._keys[0]:
                for index, key in enumerate(self._keys[0].split(_FILLER)):
                    automaton.add_word(key, index)
                automaton.make_automaton()
            self._automaton = automaton
        values = self._values
        return ((end, values[index]) for end, index in automaton.iter(text))


def fold(text: str) -> str:
    """Normalize while keeping case: dashes and hyphens as spaces, one space a run."""
    return _SPACE_RUN.sub(" ", _fold_characters(text)).strip()


def expand_optional(form: str) -> list[str]:
    """`head of the [Russian] Foreign Ministry` -> with and without `Russian`."""
    parts = _OPTIONAL.split(form)
    choices = [[part] if index % 2 == 0 else [part, ""] for index, part in enumerate(parts)]
    return sorted({" ".join("".join(pick).split()) for pick in itertools.product(*choices)})


class _Kept(LazyPattern):
    """A form's pattern as a compiled glossary keeps it: compiled again when a
    run first uses it, not when the form is read back (a run reads the forms
    of the keys its text has, and tries few of their patterns; compiling one
    costs as much as scanning a few articles)."""

    def __reduce__(self) -> tuple[type[_Kept], tuple[str, int]]:
        return _Kept, (self.pattern, self._flags)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Kept) and (self.pattern, self._flags) == (other.pattern, other._flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))


def _kept(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, to be kept in a compiled glossary as a `_Kept`."""
    kept = _Kept(pattern.pattern, pattern.flags)
    kept._compiled = pattern
    return kept  # type: ignore[return-value]


_SLOT = re.compile(r"\{([A-Z][A-Z0-9]*)\}")
_HEAD = re.compile(r"~([^\W\d_][\w']*)")
_SEPARATOR = r"(?:[ \t\u00a0\r\n]*[-\u2010\u2011\u2013\u2014][ \t\u00a0\r\n]*|[ \t\u00a0\r\n]+)"
_SLOT_WORD = r"[^\W_](?:[\w'\u2019]*[^\W_])?"


def inflections(form: str, possessive: bool = True) -> list[tuple[str, str]]:
    """A form and, when its last word is a noun, that word's plural and
    possessive, each with its kind (`contact line` -> `contact lines`,
    `contact line's`; never `implementation ofs` or `talkses`)."""
    variants = [(form, "")]
    last = form.rsplit(" ", 1)[-1]
    if not last or not last[-1].isalpha() or _SLOT.search(last) or not is_noun(last):
        return variants
    if possessive:
        variants += [(form + "'s", "possessive"), (form + "s'", "plural possessive")]
    plural_last = plural(last)
    if plural_last != last:
        variants.append((form[: len(form) - len(last)] + plural_last, "plural"))
    return variants


def heads(form: str) -> list[tuple[str, str]]:
    """A form with its `~word` in each inflected form, and that form's tags
    (`~take measures` -> `took measures`, "VBD"); a form without one as it is."""
    head = _HEAD.search(form)
    if head is None:
        return [(form, "")]
    return [
        (form[: head.start()] + surface + form[head.end() :], tags)
        for surface, tags in surface_forms(head.group(1)).items()
    ]


def slot_pattern(form: str, case_sensitive: bool) -> re.Pattern[str] | None:
    """A regular expression for a form with `{X}` slots, matched on the text as
    written; None for a form without slots."""
    if not _SLOT.search(form):
        return None
    parts = []
    for token in form.split(" "):
        slot = _SLOT.fullmatch(token)
        if slot:
            parts.append(f"(?P<{slot.group(1)}>{_SLOT_WORD})")
        else:
            parts.append(re.escape(token).replace("'", "['\u2019]"))
    return _kept(re.compile(_SEPARATOR.join(parts), 0 if case_sensitive else re.IGNORECASE))


def _slot_tokens(tokens: list[str]) -> str:
    words = (re.escape(token).replace("'", "['\u2019]") for token in tokens)
    return _SEPARATOR.join(
        f"(?:{_SLOT_WORD})" if _SLOT.fullmatch(token) else word for token, word in zip(tokens, words)
    )


def slot_anchor(form: str, case_sensitive: bool) -> tuple[str, re.Pattern[str] | None]:
    """The literal words a form with slots is found by: those before its first
    slot, or its longest run of them where those are too short to be telling
    (`by {X} percentage points at once` by `percentage points at once`: every
    `by` of a text would try the form); and a pattern for the words before
    them, matched back from them, None when the run opens the form."""
    tokens = form.split(" ")
    runs: list[tuple[int, int]] = []  # (first token, token after) of each run of literal words
    for index, token in enumerate(tokens):
        if _SLOT.fullmatch(token):
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    first, after = runs[0]
    if first > 0 or len(" ".join(tokens[:after])) < _SHORT_KEY:  # the earliest of the longest
        first, after = max(runs, key=lambda run: len(" ".join(tokens[run[0] : run[1]])))
    anchor = " ".join(tokens[first:after])
    if first == 0:
        return anchor, None
    before = rf"(?:^|(?<=[{re.escape(_WORD_START)}])){_slot_tokens(tokens[:first])}{_SEPARATOR}\Z"
    return anchor, _kept(re.compile(before, 0 if case_sensitive else re.IGNORECASE))


@dataclass(frozen=True)
class Form:
    entry: Entry
    avoid: str  # the avoid-form as written in the glossary
    template: str  # what replaces it (`entry.replacement_for(avoid)`); "" drops it
    fix: str  # its fix safety (`entry.fix_of` its variant)
    case_sensitive: bool  # the entry's: the text as written must match the form's case
    folded: str  # the variant with its case, folded (for a form with slots: the literal words it is found by)
    inflection: str = ""  # "", "plural", "possessive" or "plural possessive"
    tags: str = ""  # the tags of the `~word` as matched (`VBD`), "" for its base form or none
    pattern: re.Pattern[str] | None = None  # the whole form, for a form with slots
    info: bool = False  # `entry.is_info(avoid)`: reported only by translationese
    before: re.Pattern[str] | None = None  # a form with slots: its words before `folded`, if any (see slot_anchor)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    form: Form
    slots: tuple[tuple[str, str], ...] = ()  # (name, words of the text) for each slot

    @property
    def entry(self) -> Entry:
        return self.form.entry


# What a key finds: its length, its forms, and `_slots_together` of them.
_Key = tuple[int, tuple[Form, ...], "re.Pattern[str] | None"]
_GROUP = re.compile(r"\(\?P<[A-Z][A-Z0-9]*>")


def _slots_together(forms: list[Form]) -> re.Pattern[str] | None:
    """For a key that opens several forms with slots (`head of the {X} Region`,
    `head of the {X} Territory`), one pattern that matches, case aside, where
    any of them does: a place it misses is not tried form by form. None for
    fewer than two such forms."""
    patterns = [form.pattern.pattern for form in forms if form.pattern is not None and form.before is None]
    if len(patterns) < 2:
        return None
    return _kept(re.compile("|".join(f"(?:{_GROUP.sub('(?:', pattern)})" for pattern in patterns), re.IGNORECASE))


class Matcher:
    """All avoid-forms of a glossary, matched in one pass."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        table: dict[str, list[Form]] = {}
        for entry in entries:
            for avoid in entry.avoid:
                template, fix = entry.replacement_for(avoid), entry.fix_of(entry.variant(avoid))
                case_sensitive, info = entry.case_sensitive, entry.is_info(avoid)
                for variant in expand_optional(avoid):
                    for headed, tags in heads(fold(variant)):
                        pattern = slot_pattern(headed, entry.case_sensitive)
                        if pattern is not None:
                            anchor, before = slot_anchor(headed, entry.case_sensitive)
                            slotted = Form(entry, avoid, template, fix, case_sensitive, anchor, "", tags, pattern, info, before)
                            table.setdefault(anchor.lower(), []).append(slotted)
                            continue
                        # A title's last word is the body it heads: `head of the
                        # Foreign Ministry's press service` is not about the minister.
                        for inflected_form, inflection in inflections(headed, possessive=entry.kind != "title"):
                            table.setdefault(inflected_form.lower(), []).append(
                                Form(entry, avoid, template, fix, case_sensitive, inflected_form, inflection, tags, info=info)
                            )
        # Keys begin with a space, and so does the text scanned: a match can
        # only begin at a word, and the engine reports far fewer hits. A
        # compiled glossary keeps each key's forms apart: a run reads those its text hits.
        self._keys = LazyList((len(key), tuple(forms), _slots_together(forms)) for key, forms in table.items())
        self._automaton = _Automaton([" " + key for key in table], self._keys)
        self._empty = not table
        self._literals = _Literals([" " + key for key in table]) if table and _hyperscan() else None

    def _hits(self, folded: str) -> list[tuple[int, int, _Key]]:
        """(end, minus length, (length, forms, together)) of every key in the folded text,
        by end and then longest first, as the automaton reports them."""
        if self._literals is None:
            return [(end, -value[0], value) for end, value in self._automaton.iter(" " + folded)]
        data = (" " + folded).encode("utf-8", "surrogatepass")
        hits = self._literals.hits(data)
        keys = self._keys
        if len(data) == len(folded) + 1:  # ASCII: bytes are characters
            found = [(end - 1, -(value := keys[key])[0], value) for end, key in hits]
        else:  # each end in bytes as an end in characters, counted once along the text
            characters = {}
            done_bytes = done_characters = 0
            for end in sorted({end for end, _key in hits}):
                done_characters += len(data[done_bytes:end].decode("utf-8", "surrogatepass"))
                characters[end], done_bytes = done_characters, end
            found = [(characters[end] - 1, -(value := keys[key])[0], value) for end, key in hits]
        found.sort()  # no two hits share an end and a length: the forms are never compared
        return found

    def find(self, text: str, overlapping: bool = False) -> list[Match]:
        """Whole-word, case-aware matches; where they overlap the longest wins
        unless `overlapping` asks for every one."""
        if self._empty:
            return []
        folded, removed_at, removed = _squeezed(_scanned(text))
        after = bisect.bisect_right
        candidates: list[Match] = []
        size = len(folded)
        for end, minus_length, (_length, forms, together) in self._hits(folded):
            if end < size and folded[end].isalnum():
                continue
            start = end + minus_length
            if removed:
                index = after(removed_at, start) - 1
                o_start = start + removed[index] if index >= 0 else start
                index = after(removed_at, end - 1) - 1
                o_end = end + removed[index] if index >= 0 else end
            else:
                o_start, o_end = start, end
            span = None  # the text as written, read only for a case-sensitive form
            slots_fit = None  # whether a form of `together` can match here, asked once
            literal_found = False
            for form in forms:
                if form.case_sensitive:
                    if span is None:
                        span = text[o_start:o_end]
                    if span != form.folded and fold(span) != form.folded:
                        continue
                if form.pattern is not None:
                    if together is not None and form.before is None:
                        if slots_fit is None:
                            slots_fit = together.match(text, o_start) is not None
                        if not slots_fit:
                            continue
                    whole = _slotted(text, o_start if form.before is None else _back(text, o_start, form.before), form)
                    if whole is not None:
                        candidates.append(whole)
                elif overlapping or not literal_found:
                    candidates.append(Match(o_start, o_end, form))
                    literal_found = True
        if overlapping:
            return candidates
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        for match in candidates:
            if chosen and match.start < chosen[-1].end:
                continue
            chosen.append(match)
        return chosen


def _back(text: str, anchor: int, before: re.Pattern[str]) -> int:
    """Where a form with slots would start, its words before its anchor matched
    back from the anchor at `anchor` (whole words, each under _LOOK_BACK
    characters); -1 where they do not match."""
    found = before.search(text, max(0, anchor - _LOOK_BACK * before.pattern.count(_SEPARATOR)), anchor)
    return -1 if found is None else found.start()


def _slotted(text: str, start: int, form: Form) -> Match | None:
    """The match of a form with slots at `start`: whole words, within one paragraph."""
    assert form.pattern is not None
    if start < 0:
        return None
    found = form.pattern.match(text, start)
    if found is None or "\n\n" in found.group(0) or "\r\r" in found.group(0) or "\n\r\n" in found.group(0):
        return None
    end = found.end()
    if end < len(text) and text[end].isalnum():
        return None
    return Match(start, end, form, tuple((name, value) for name, value in found.groupdict().items()))
