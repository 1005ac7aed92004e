"""A pickle that a process reads only as far as it needs.

Compiled data (the glossary, its index of people, a word list) takes a Python
process longer to unpickle than a short run takes to check its text. `dumps`
writes such a value with its large parts kept apart, item by item:

- a `LazyList` is kept item by item, and an item a `LazyList` holds is stored
  once: wherever else the value refers to it, it is read from there (so an
  entry keeps its identity in every index that names it);
- a `LazyDict` keeps its keys with the value and each value apart;
- a frozenset of many strings is kept as one sorted block of words;
- a `Blob` (bytes) is kept as it is, not copied through the pickle.

`load` maps the file and unpickles only the small rest; each item is read (and
kept) the first time it is asked for. Every part carries a CRC-32: a part that
does not match, or does not unpickle, is never trusted; the store is rebuilt by
the `rebuild` callback given to `load`, or the read fails with `StoreError`.
"""

from __future__ import annotations

import bisect
import io
import mmap
import pickle
import struct
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from pathlib import Path
from typing import Any

MAGIC = b"TQA-LAZY-STORE-2"
_HEADER = struct.Struct("<QQI")  # trailer offset, trailer length, trailer CRC
_WORDS_AT_LEAST = 4096  # a smaller frozenset is pickled whole
_WORD_LOOKUPS = 2048  # lookups in a block of words before it is read into a set


class StoreError(Exception):
    """A store file that is missing, foreign or corrupt."""


class LazyList(list):
    """A list that `dumps` keeps item by item."""


class LazyDict(dict):
    """A dict that `dumps` keeps value by value."""


class Blob(bytes):
    """Bytes that `dumps` keeps apart from the pickle: read back as bytes, copied once."""


# Writing.


class _Writer:
    def __init__(self) -> None:
        self.tables: list[tuple[str, Any]] = []  # ("list", items), ("dict", values), ("words", words), ("blob", bytes)
        self.by_identity: dict[int, int] = {}  # id of a LazyList, LazyDict or frozenset -> its table
        self.items: dict[int, tuple[int, int]] = {}  # id of an item a LazyList holds -> (table, index)
        self.keep_alive: list[object] = []

    def table_of(self, kind: str, value: Any) -> int:
        number = self.by_identity.get(id(value))
        if number is None:
            number = self.by_identity[id(value)] = len(self.tables)
            self.tables.append((kind, value))
            self.keep_alive.append(value)
            if kind == "list":
                for index, item in enumerate(value):
                    if type(item).__module__ != "builtins":  # objects of the program, not ints or strings
                        self.items.setdefault(id(item), (number, index))
        return number

    def pickled(self, value: object, itself: object = None) -> bytes:
        stream = io.BytesIO()
        pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda obj: self.persistent_id(obj, itself)  # type: ignore[method-assign]
        pickler.dump(value)
        return stream.getvalue()

    def persistent_id(self, obj: object, itself: object) -> tuple | None:
        kind = type(obj)
        if kind is LazyList:
            return ("list", self.table_of("list", obj))
        if kind is LazyDict:
            assert isinstance(obj, dict)
            return ("dict", self.table_of("dict", obj), tuple(obj))
        if kind is Blob:
            return ("blob", self.table_of("blob", obj))
        if kind is frozenset and len(obj) >= _WORDS_AT_LEAST and all(type(w) is str for w in obj):  # type: ignore[arg-type]
            return ("words", self.table_of("words", obj))
        if obj is not itself and kind.__module__ != "builtins":
            return self.items.get(id(obj))  # type: ignore[return-value]
        return None


class _Whole(_Writer):
    """Writes a value in one piece, as plain pickle does (and as fast)."""

    def pickled(self, value: object, itself: object = None) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def dumps(value: object, in_parts: bool = True) -> bytes:
    """The store of `value`, as bytes to write to a file; with `in_parts` False
    in one piece, read whole (for a small value written often)."""
    writer = _Writer() if in_parts else _Whole()
    head = writer.pickled(value)
    parts: list[bytes] = [MAGIC, b"\0" * _HEADER.size]
    size = len(MAGIC) + _HEADER.size

    def add(data: bytes) -> tuple[int, int, int]:
        nonlocal size
        parts.append(data)
        size += len(data)
        return size - len(data), len(data), zlib.crc32(data)

    head_part = add(head)
    directory: list[tuple] = []
    number = 0
    while number < len(writer.tables):  # pickling an item may add a table
        kind, value = writer.tables[number]
        if kind == "blob":
            directory.append(("blob", add(bytes(value))))
        elif kind == "words":
            block = ("\n" + "\n".join(sorted(value)) + "\n").encode("utf-8", "surrogatepass")
            directory.append(("words", add(block), _prefixes(block), len(value)))
        else:
            items = value if kind == "list" else list(value.values())
            records = [writer.pickled(item, item) for item in items]
            offsets = [size]
            for record in records:
                offsets.append(offsets[-1] + len(record))
            start = add(b"".join(records))[0]
            crcs = add(struct.pack(f"<{len(records)}I", *map(zlib.crc32, records)))[0]
            positions = add(struct.pack(f"<{len(offsets)}Q", *offsets))[0]
            assert start == offsets[0]
            directory.append((kind, positions, crcs, len(records)))
        number += 1
    trailer = pickle.dumps({"head": head_part, "tables": directory}, protocol=pickle.HIGHEST_PROTOCOL)
    at, length, crc = add(trailer)
    parts[1] = _HEADER.pack(at, length, crc)
    return b"".join(parts)


def _prefixes(block: bytes) -> tuple[list[bytes], list[int]]:
    """The first three bytes of the words of a sorted block, each with where its words begin."""
    prefixes: list[bytes] = []
    starts: list[int] = []
    position = 0
    while position < len(block) - 1:
        prefix = block[position + 1 : position + 4].split(b"\n", 1)[0]
        if not prefixes or prefixes[-1] != prefix:
            prefixes.append(prefix)
            starts.append(position)
        position = block.index(b"\n", position + 1)
    starts.append(len(block) - 1)
    return prefixes, starts


# Reading.


class _Store:
    """An open store: its bytes (mapped from the file) and the parts read so far."""

    def __init__(self, data: Any, rebuild: Callable[[], bytes] | None):
        self.rebuild = rebuild
        self.lock = threading.RLock()
        self.views: dict[int, Any] = {}
        self._open(data)

    def _open(self, data: Any) -> None:
        self.data = data
        if len(data) < len(MAGIC) + _HEADER.size or data[: len(MAGIC)] != MAGIC:
            raise StoreError("not a store")
        at, length, crc = _HEADER.unpack_from(data, len(MAGIC))
        trailer = data[at : at + length]
        if at + length != len(data) or zlib.crc32(trailer) != crc:
            raise StoreError("a damaged store")
        try:
            directory = pickle.loads(trailer)
            self.head = directory["head"]
            self.tables = directory["tables"]
        except Exception as error:  # anything unreadable is rebuilt
            raise StoreError("a damaged store") from error

    def value(self) -> object:
        return self._unpickled(self._checked(*self.head))

    def _checked(self, at: int, length: int, crc: int) -> bytes:
        data = self.data[at : at + length]
        if len(data) != length or zlib.crc32(data) != crc:
            raise StoreError("a damaged part of a store")
        return data

    def _unpickled(self, data: bytes) -> object:
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = self._persistent_load  # type: ignore[method-assign]
        try:
            return unpickler.load()
        except StoreError:
            raise
        except Exception as error:  # a foreign or damaged part is never trusted
            raise StoreError("an unreadable part of a store") from error

    def _persistent_load(self, key: tuple) -> object:
        kind, number = key[0], key[1]
        if kind == "list":
            return self._view(number, lambda: _List(self, number))
        if kind == "dict":
            return self._view(number, lambda: _Dict(self, number, key[2]))
        if kind == "words":
            return self._view(number, lambda: _Words(self, number))
        if kind == "blob":
            return Blob(self._checked(*self.tables[number][1]))
        return self._view(kind, lambda: _List(self, kind))[number]  # an item of a LazyList: (table, index)

    def _view(self, number: int, make: Callable[[], Any]) -> Any:
        view = self.views.get(number)
        if view is None:
            view = self.views[number] = make()
        return view

    def record(self, number: int, index: int) -> object:
        """Item `index` of table `number`, read from the store; a damaged
        store is rebuilt once and read again."""
        with self.lock:
            try:
                return self._record(number, index)
            except StoreError:
                if self.rebuild is None:
                    raise
                self._open(self.rebuild())
                self.rebuild = None
                return self._record(number, index)

    def _record(self, number: int, index: int) -> object:
        _kind, positions, crcs, count = self.tables[number]
        if not 0 <= index < count:
            raise IndexError(index)
        start, end = struct.unpack_from("<2Q", self.data, positions + 8 * index)
        (crc,) = struct.unpack_from("<I", self.data, crcs + 4 * index)
        return self._unpickled(self._checked(start, end - start, crc))

    def words(self, number: int) -> tuple[bytes, list[bytes], list[int], int]:
        with self.lock:
            try:
                _kind, part, (prefixes, starts), count = self.tables[number]
                return self._checked(*part), prefixes, starts, count
            except StoreError:
                if self.rebuild is None:
                    raise
                self._open(self.rebuild())
                self.rebuild = None
                return self.words(number)

    def count(self, number: int) -> int:
        return self.tables[number][3]


class _List(Sequence):
    """A LazyList as read back: each item unpickled the first time it is asked for."""

    def __init__(self, store: _Store, number: int):
        self._store = store
        self._number = number
        self._items: list[Any] = [_UNREAD] * store.count(number)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        item = self._items[index]
        if item is _UNREAD:
            with self._store.lock:  # one object an item, whichever thread reads it first
                item = self._items[index]
                if item is _UNREAD:
                    item = self._items[index] = self._store.record(self._number, index % len(self._items))
        return item

    def __iter__(self) -> Iterator[Any]:
        return (self[index] for index in range(len(self._items)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (list, (list(self),))


class _Dict(Mapping):
    """A LazyDict as read back: each value unpickled the first time it is asked for."""

    def __init__(self, store: _Store, number: int, keys: tuple):
        self._store = store
        self._number = number
        self._index = {key: index for index, key in enumerate(keys)}
        self._values: dict[Any, Any] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._values[key]
        except KeyError:
            index = self._index[key]
        with self._store.lock:
            if key not in self._values:
                self._values[key] = self._store.record(self._number, index)
            return self._values[key]

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self._index else default

    def __iter__(self) -> Iterator[Any]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __reduce__(self) -> tuple:
        return (dict, (dict(self.items()),))


class _Words(Set):
    """A frozenset of words as read back: looked up in the sorted block while
    lookups are few, read into a set once they are many."""

    def __init__(self, store: _Store, number: int):
        self._block, self._prefixes, self._starts, self._count = store.words(number)
        self._set: frozenset[str] | None = None
        self._lookups = 0

    def _all(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(bytes(self._block).decode("utf-8", "surrogatepass").split("\n")[1:-1])
        return self._set

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        if not isinstance(word, str):
            return False
        self._lookups += 1
        if self._lookups > _WORD_LOOKUPS:
            return word in self._all()
        encoded = word.encode("utf-8", "surrogatepass")
        if b"\n" in encoded:
            return False
        prefix = encoded[:3]
        at = bisect.bisect_left(self._prefixes, prefix)
        if at == len(self._prefixes) or self._prefixes[at] != prefix:
            return False
        return self._block.find(b"\n" + encoded + b"\n", self._starts[at], self._starts[at + 1] + 1) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return self._count

    def __hash__(self) -> int:
        return hash(self._all())

    def __reduce__(self) -> tuple:
        return (frozenset, (self._all(),))


class _Unread:
    pass


_UNREAD = _Unread()


def load(path: Path, rebuild: Callable[[], bytes] | None = None) -> object:
    """The value a store file holds, its parts read as they are asked for.
    Raises StoreError for a missing, foreign or damaged file; a part found
    damaged later is read from `rebuild()` (the store's bytes made afresh)."""
    try:
        with path.open("rb") as stream:
            data: Any = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as error:  # missing, unreadable or empty
        raise StoreError(str(error)) from error
    return _Store(data, rebuild).value()
