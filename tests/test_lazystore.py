"""The lazy store: a value read back part by part is the value written, items
keep their identity, and a damaged or foreign file is never trusted."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import pytest

from tqa.lazystore import Blob, LazyDict, LazyList, StoreError, dumps, load


@dataclass(frozen=True)
class Item:
    name: str
    number: int


def _value() -> dict:
    items = LazyList(Item(f"item-{index}", index) for index in range(100))
    return {
        "items": items,
        "groups": LazyList((index, tuple(items[index + step] for step in range(index % 4))) for index in range(50)),
        "by_name": LazyDict({f"key-{index}": (items[index], "x") for index in range(10)}),
        "words": frozenset(f"wörd{index}" for index in range(5000)) | {"a", "ab", "zz", "Moscow"},
        "small": frozenset({"x"}),
        "again": (items, 3),
        "blob": Blob(bytes(range(256)) * 40),
    }


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "value.store"
    path.write_bytes(dumps(_value()))
    return path


def test_a_value_reads_back_as_written(stored):
    value, written = load(stored), _value()
    assert list(value["items"]) == list(written["items"]) and len(value["items"]) == 100
    assert value["items"][-1] == Item("item-99", 99) and value["items"][2:4] == written["items"][2:4]
    assert list(value["groups"]) == list(written["groups"])
    assert dict(value["by_name"]) == dict(written["by_name"]) and value["by_name"].get("key-99") is None
    assert "key-2" in value["by_name"] and "key-99" not in value["by_name"]
    assert set(value["words"]) == written["words"] and len(value["words"]) == len(written["words"])
    assert value["small"] == frozenset({"x"})
    assert value["blob"] == written["blob"] and type(value["blob"]) is Blob
    assert pickle.loads(pickle.dumps(value["items"])) == list(written["items"])


def test_an_item_is_one_object_wherever_it_is_named(stored):
    value = load(stored)
    assert value["groups"][7][1][2] is value["items"][9]
    assert value["by_name"]["key-3"][0] is value["items"][3]
    assert value["again"][0] is value["items"]


@pytest.mark.parametrize("many", [False, True], ids=["looked-up-in-place", "read-into-a-set"])
def test_words_are_found_as_a_set_finds_them(stored, many):
    words = load(stored)["words"]
    asked = ["a", "ab", "zz", "Moscow", "wörd0", "wörd4999", "b", "w", "wörd", "Mosco", "Moscowx", "", "zzz", "\n", "ö"]
    if many:
        asked += [f"wörd{index}" for index in range(0, 9000, 3)]
    expected = _value()["words"]
    assert [word in words for word in asked] == [word in expected for word in asked]


def test_a_damaged_part_is_read_from_a_rebuilt_store(stored):
    data = stored.read_bytes()
    at = data.index(b"item-77")
    stored.write_bytes(data[:at] + b"item-78" + data[at + 7 :])
    rebuilt = []
    value = load(stored, rebuild=lambda: rebuilt.append(True) or data)
    assert value["items"][76] == Item("item-76", 76) and not rebuilt
    assert value["items"][77] == Item("item-77", 77) and rebuilt == [True]
    with pytest.raises(StoreError):
        load(stored)["items"][77]  # without a way to rebuild it, a damaged part is an error, never read


@pytest.mark.parametrize("damage", ["empty", "foreign", "cut short", "head changed"])
def test_a_damaged_or_foreign_file_is_refused(stored, damage):
    data = stored.read_bytes()
    damaged = {
        "empty": b"",
        "foreign": pickle.dumps(_value()),
        "cut short": data[:-3],
        "head changed": data.replace(b"key-0", b"kez-0", 1),
    }[damage]
    stored.write_bytes(damaged)
    with pytest.raises(StoreError):
        load(stored)
    with pytest.raises(StoreError):
        load(stored.with_name("missing.store"))


def test_a_damaged_compiled_glossary_is_not_trusted(tmp_path, monkeypatch):
    from tqa.glossary import compiled

    glossary = compiled.load_glossary()
    data = compiled._cache_path(glossary.fingerprint, compiled._place(())).read_bytes()
    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path))
    path = compiled._cache_path(glossary.fingerprint, compiled._place(()))
    path.write_bytes(data)
    assert compiled._cached((), glossary.fingerprint).matcher.find("the contact line") != []
    path.write_bytes(data[:-1])
    assert compiled._cached((), glossary.fingerprint) is None


def test_a_value_written_in_one_piece_reads_back_whole(tmp_path):
    path = tmp_path / "answers.store"
    path.write_bytes(dumps({"said": ("say", "VBD"), "items": LazyList([Item("a", 1)])}, in_parts=False))
    value = load(path)
    assert value == {"said": ("say", "VBD"), "items": [Item("a", 1)]} and type(value["items"]) is LazyList


def test_kept_values_are_built_once_and_only_the_newest_versions_stay(tmp_path, monkeypatch):
    from tqa.text import kept

    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path))
    builds = []
    for version in range(6):
        value = kept.built("numbers", str(version), lambda: builds.append(1) or (1, LazyList([2, 3])), tuple)
        assert value == (1, [2, 3]) and len(builds) == version + 1
    assert kept.built("numbers", "5", lambda: builds.append(1) or (), tuple) == (1, [2, 3]) and len(builds) == 6
    assert len(list(tmp_path.glob(f"{kept.KEPT_PREFIX}numbers-*"))) == 4


@pytest.mark.parametrize("engine", ["hyperscan", "automaton"])
def test_a_stored_matcher_finds_what_the_matcher_it_was_made_from_finds(tmp_path, monkeypatch, engine):
    from tqa.glossary import matcher as matcher_module
    from tqa.glossary.compiled import Glossary, load_glossary

    if engine == "automaton":
        monkeypatch.setattr(matcher_module, "_hyperscan", lambda: None)
    elif matcher_module._hyperscan() is None:
        pytest.skip("no hyperscan wheel for this platform")
    entries = LazyList(load_glossary().entries[::40])
    made = matcher_module.Matcher(entries)
    path = tmp_path / "glossary.store"
    path.write_bytes(dumps(Glossary(entries, made, "fingerprint")))
    stored = load(path)
    texts = [example.text for entry in entries for example in entry.examples]
    assert len(texts) > 50 and (made._literals is None) == (engine == "automaton")
    assert [stored.matcher.find(text) for text in texts] == [made.find(text) for text in texts]
    assert any(stored.matcher.find(text) for text in texts)
    assert stored.matcher.entries is stored.entries


def test_answers_are_kept_for_the_next_process_and_written_a_few_times(tmp_path, monkeypatch, run_script):
    from tqa.text import kept

    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path))
    writes = []
    write = kept._write
    monkeypatch.setattr(kept, "_write", lambda *arguments, **options: writes.append(1) or write(*arguments, **options))
    answers = kept.Answers("squares", "1")
    assert [answers.ask(number, lambda number=number: number * number) for number in range(1000)][-1] == 998001
    assert len(writes) <= 11  # each write at least doubles what is on disk, not one write an answer
    answers.save()
    script = (
        "import sys\nfrom tqa.text import kept\nanswers = kept.Answers('squares', '1')\n"
        "print(answers.ask(int(sys.argv[1]), lambda: -1))\nanswers.ask(5000, lambda: 7)\n"
    )
    done = run_script(script, "999")
    assert done.communicate(timeout=60)[0].split() == [b"998001"]  # asked before: not computed again
    again = run_script(script.replace("5000, lambda: 7", "5001, lambda: 8"), "5000")
    assert again.communicate(timeout=60)[0].split() == [b"7"]  # the previous process kept its answer at exit
