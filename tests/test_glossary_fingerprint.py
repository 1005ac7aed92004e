"""A glossary's fingerprint (in the results cache key and a SARIF run's
signature) is its content: the same glossary anywhere on disk has the same one;
its compiled form is kept for its place, as its entries name their file."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from conftest import DATA
from tqa.cli import main
from tqa.glossary import compiled

USER = DATA / "glossary" / "user.toml"


def _signature(article, glossary) -> str:
    result = CliRunner().invoke(
        main,
        ["check", "--select", "T", "--no-cache", "--output-format", "sarif", "--glossary", str(glossary), str(article)],
    )
    assert result.exit_code == 1, result.output
    return json.loads(result.output)["runs"][0]["properties"]["signature"]


def test_the_same_user_glossary_anywhere_has_the_same_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path / "cache"))  # the session's compiled glossaries stay
    here, there = tmp_path / "here" / "user.toml", tmp_path / "there" / "house.toml"
    for place in (here, there):
        place.parent.mkdir()
        shutil.copyfile(USER, place)
    article = tmp_path / "a.txt"
    article.write_text("The spec-operation continued.\n", encoding="utf-8")
    assert _signature(article, here) == _signature(article, there)
    assert compiled.load_glossary([here]).fingerprint == compiled.load_glossary([there]).fingerprint
    # Each compiled glossary names its own file, which `tqa glossary list` shows.
    for place in (here, there):
        assert str(place) in {entry.path for entry in compiled.load_glossary([place]).entries}
    there.write_text(USER.read_text(encoding="utf-8").replace("special military operation", "military operation"))
    assert compiled.load_glossary([here]).fingerprint != compiled.load_glossary([there]).fingerprint
    assert _signature(article, here) != _signature(article, there)


def test_the_built_in_glossary_moved_keeps_its_fingerprint(tmp_path, monkeypatch):
    shipped = compiled.builtin_files()
    moved = []
    for path in shipped:
        moved.append(tmp_path / path.name)
        shutil.copyfile(path, moved[-1])
    fingerprint, place = compiled._builtin_fingerprint(), compiled._place(())
    cached = (compiled._builtin_hash, compiled._builtin_fingerprint, compiled._builtin_place)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(compiled, "builtin_files", lambda: moved)
    try:
        assert compiled._builtin_fingerprint() == fingerprint
        assert compiled._place(()) != place
        moved[0].write_bytes(moved[0].read_bytes() + b"\n# an edit\n")
        for function in cached:
            function.cache_clear()
        assert compiled._builtin_fingerprint() != fingerprint
    finally:
        for function in cached:
            function.cache_clear()
