"""The glossary: shipped data valid, examples honoured, formats round-trip, commands work."""

from __future__ import annotations

import bisect
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SEED
from tqa.cli import main
from tqa.glossary import exchange
from tqa.glossary.compiled import check_files, load_glossary
from tqa.glossary.examples import example_problems, fixed_examples
from tqa.glossary.load import builtin_files
from tqa.glossary.lookup import lookup
from tqa.glossary.matcher import _FOLD_PAIRS, _WORD_OPENERS, Matcher, _scanned, _squeezed
from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document

GLOSSARY = DATA / "glossary"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_shipped_glossary_is_valid():
    entries, _matcher, problems = check_files(builtin_files())
    assert [str(p) for p in problems] == []
    assert len(entries) >= 200


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.name)
def test_every_entry_flags_its_flag_examples_and_not_its_ok_examples(path, glossary):
    matcher = glossary.matcher
    for entry in (e for e in glossary.entries if Path(e.path).name == path.name):
        for example in entry.flag:
            assert any(m.entry is entry for m in matcher.find(example, overlapping=True)), (entry.id, example)
        for example in entry.ok:
            assert not any(m.entry is entry for m in matcher.find(example, overlapping=True)), (entry.id, example)


def test_matching_is_whole_word_inflection_and_hyphen_tolerant():
    [user] = check_files([GLOSSARY / "user.toml"])[0][-1:]
    matcher = Matcher([user])
    assert [m.entry.id for m in matcher.find("Two spec-operations and the spec operation's end.")] == [user.id, user.id]
    assert matcher.find("A specoperational plan.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The SPEC \u2013 OPERATION ended.", ["SPEC \u2013 OPERATION"]),  # a spaced dash, in non-ASCII text
        ('A "spec  operation" (spec-operation) ended.', ["spec  operation", "spec-operation"]),  # ASCII text
        ("It was a spec\n\noperation.", []),  # a term never runs into the next paragraph
        ("It was a spec\r\n\r\noperation, a spec\r\noperation.", ["spec\r\noperation"]),
    ],
)
def test_matches_map_back_to_the_text_as_written(text, found):
    [user] = check_files([GLOSSARY / "user.toml"])[0][-1:]
    assert [text[m.start : m.end] for m in Matcher([user]).find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Prices rose by 5 percentage points at once.", ["by 5 percentage points at once"]),
        ('Prices rose ("by five percentage-points at once").', ["by five percentage-points at once"]),
        ("Rates went\nby  two percentage points at once.", ["by  two percentage points at once"]),
        ("A standby 5 percentage points at once.", []),  # `by` only as a word of its own
        ("Prices rose by\n\nfive percentage points at once.", []),  # never into the next paragraph
        ("Prices rose 5 percentage points at once.", []),
    ],
)
def test_a_form_with_a_short_first_word_is_found_by_its_later_words(text, found, glossary):
    """`by {X} percentage points at once` is looked up by `percentage points at once`, then matched back."""
    matches = [m for m in glossary.matcher.find(text) if m.form.avoid == "by {X} percentage points at once"]
    assert [text[m.start : m.end] for m in matches] == found


def test_broken_glossary_reports_file_and_line():
    _, _, problems = check_files([GLOSSARY / "broken.toml"])
    messages = [str(p) for p in problems]
    path = str(GLOSSARY / "broken.toml")
    assert f"{path}:15: `id` must be lower-case ASCII words joined by hyphens" in messages
    assert f"{path}:16: `ru` must be written in Cyrillic" in messages
    assert f"{path}:18: `avoid` must be a non-empty list of non-empty strings" in messages
    assert (
        f"{path}:19: `kind` must be one of: calque, term, institution, title, person, treaty, acronym, connector"
        in messages
    )
    assert f"{path}:22: `ref` is empty" in messages


def test_toml_syntax_error_has_a_line():
    _, _, problems = check_files([GLOSSARY / "syntax.toml"])
    assert problems and problems[0].line == 3 and "invalid TOML" in problems[0].message


def test_validate_command(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["glossary", "validate"])
    assert ok.exit_code == 0 and "all valid" in ok.output
    bad = runner.invoke(main, ["glossary", "validate", str(GLOSSARY / "broken.toml")])
    assert bad.exit_code == 2 and "broken.toml:15:" in bad.stderr


def test_check_with_a_broken_glossary_exits_2():
    result = CliRunner().invoke(main, ["check", "--glossary", str(GLOSSARY / "broken.toml"), str(SEED)])
    assert result.exit_code == 2 and "broken.toml:" in result.stderr and "Traceback" not in result.output


def test_user_glossary_is_layered_over_the_built_in_one(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The spec-operation continued.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--select", "T", str(article)]).exit_code == 0
    result = runner.invoke(main, ["check", "--select", "T", "--glossary", str(GLOSSARY / "user.toml"), str(article)])
    assert result.exit_code == 1 and "`special military operation`" in result.output


LEVELS_GLOSSARY = """
[[entry]]
id = "house-recovery"
ru = "восстановительный рост"
en = "rebound"
avoid = [{ form = "recovery bounce", level = "info" }, "restorative bounce"]
kind = "calque"
domain = "economy"
note = "House style."
ref = "House style guide, 2024"
fix = "unsafe"
flag = ["The recovery bounce slowed.", { text = "The restorative bounce slowed.", fixed = "The rebound slowed." }]
ok = ["The rebound slowed."]

[[entry]]
id = "house-length"
ru = "протяжённостью"
en = "long"
avoid = ["with a span of"]
kind = "calque"
domain = "economy"
level = "info"
note = "House style."
ref = "House style guide, 2024"
fix = "display-only"
flag = ["A road with a span of 20 km."]
ok = ["A 20 km road."]
"""


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (["T501"], ["restorative bounce"]),  # info forms are not the calque rule's
        (["T"], ["restorative bounce"]),  # nor the family's: translationese is opt-in
        (["T505"], ["recovery bounce", "with a span of"]),
        (["translationese"], ["recovery bounce", "with a span of"]),
        (["ALL"], ["recovery bounce", "restorative bounce", "with a span of"]),
    ],
)
def test_info_level_forms_are_reported_only_by_translationese(tmp_path, select, expected):
    glossary_file = tmp_path / "house.toml"
    glossary_file.write_text(LEVELS_GLOSSARY, encoding="utf-8")
    doc = Document(
        "a.txt",
        "The recovery bounce slowed.\n\nThe restorative bounce slowed.\n\nA road with a span of 20 km.\n",
        glossary_files=(str(glossary_file),),
    )
    found = sorted(doc.text[f.start : f.end] for f in check_document(doc, select_rules(select)) if f.code[0] == "T")
    assert found == expected


def test_info_level_examples_are_fixed_and_levels_validated(tmp_path):
    glossary_file = tmp_path / "house.toml"
    glossary_file.write_text(LEVELS_GLOSSARY, encoding="utf-8")
    entries, _matcher, problems = check_files([glossary_file])
    assert problems == [] and [e.level for e in entries] == ["warning", "info"]
    assert example_problems(entries, [str(glossary_file)]) == []
    broken = tmp_path / "broken.toml"
    broken.write_text(
        LEVELS_GLOSSARY.replace('level = "info" }', 'level = "hint" }').replace('level = "info"\n', "level = 3\n"),
        encoding="utf-8",
    )
    messages = [p.message for p in check_files([broken])[2]]
    assert any("`level` of avoid-form `recovery bounce` must be one of: warning, info" in m for m in messages)
    assert any(m == "`level` must be one of: warning, info" for m in messages)
    again = tmp_path / "again.toml"
    again.write_text(exchange.to_toml(entries), encoding="utf-8")
    assert [(e.level, e.variants) for e in check_files([again])[0]] == [(e.level, e.variants) for e in entries]


def test_tbx_export_is_well_formed_and_round_trips(glossary, tmp_path):
    tbx = exchange.to_tbx(glossary.entries)
    root = ET.fromstring(tbx.encode("utf-8"))
    assert root.tag == f"{{{exchange.TBX_NS}}}tbx" and root.get("type") == "TBX-Basic"
    back = exchange.from_tbx(tbx.encode("utf-8"), "x.tbx")
    assert len(back) == len(glossary.entries)
    fields = ("id", "ru", "en", "avoid", "kind", "domain", "note", "ref", "fix", "flag", "ok", "case", "omit")
    fields += ("also", "level", "variants", "examples")
    assert any(e.level == "info" for e in glossary.entries)
    assert any(v.level == "info" for e in glossary.entries for v in e.variants)
    for original, restored in zip(glossary.entries, back, strict=True):
        assert [getattr(original, f) for f in fields] == [getattr(restored, f) for f in fields]


def test_tbx_import_command_writes_valid_toml(glossary, tmp_path):
    tbx = tmp_path / "g.tbx"
    tbx.write_text(exchange.to_tbx(glossary.entries[:5]), encoding="utf-8")
    out = tmp_path / "imported.toml"
    result = CliRunner().invoke(main, ["glossary", "import", str(tbx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    entries, _, problems = check_files([out])
    assert not problems and [e.id for e in entries] == [e.id for e in glossary.entries[:5]]


def test_csv_and_po_exports(glossary, tmp_path):
    runner = CliRunner()
    csv_text = runner.invoke(main, ["glossary", "export", "--format", "csv"]).output
    assert csv_text.splitlines()[0] == ",".join(exchange.CSV_FIELDS)
    assert len(csv_text.strip().splitlines()) >= len(glossary.entries) + 1
    po_path = tmp_path / "g.po"
    assert runner.invoke(main, ["glossary", "export", "--format", "po", "-o", str(po_path)]).exit_code == 0
    po = polib.pofile(str(po_path))
    assert len(po) == len(glossary.entries)
    assert all(e.msgctxt and e.msgid for e in po)


def test_lookup_russian_inflected_and_english(glossary):
    entries = glossary.entries
    assert any(
        e.id.startswith("nato-information-office") or "Information Office" in e.en
        for e in lookup(entries, "информационного бюро")
    )
    assert lookup(entries, "NATO information bureaus")
    assert lookup(entries, "zzzz nothing") == []


def test_lookup_command():
    runner = CliRunner()
    found = runner.invoke(main, ["glossary", "lookup", "NATO information bureau"])
    assert found.exit_code == 0 and "NATO Information Office" in found.output
    assert runner.invoke(main, ["glossary", "lookup", "qqqq"]).exit_code == 1


def test_stats_command(glossary):
    result = CliRunner().invoke(main, ["glossary", "stats"])
    assert result.exit_code == 0 and f"{len(glossary.entries)} entries" in result.output


SEED_EXPECTED = [
    # (code, the flagged text, the suggestion the message carries)
    ("T501", "increased degree in relations", "heightened tension"),
    ("T501", "contact line", "line of contact"),
    ("T501", "alliance's line towards", "policy towards"),
    ("T501", "in a firm form", "firmly"),
    ("T501", "Recall that", "(drop it)"),
    ("T501", "Russian mission under NATO", "mission to NATO"),
    ("T502", "NATO information bureau", "NATO Information Office"),
    ("T502", "information bureau of the alliance", "NATO Information Office"),
    ("T502", "head of the Russian Foreign Ministry", "Russian foreign minister"),
    ("T501", "topical issues", "pressing issues"),
    ("T501", "military-political field", "politico-military"),
    ("T501", "military-force confrontation", "military confrontation"),
    ("T501", "principle of mirroring", "principle of reciprocity"),
    ("T501", "enter a dead end", "reach an impasse"),
    ("T501", "move on the part of", "by"),
    ("T501", "states - members", "member states"),
    ("T504", "At the same time", "meanwhile"),
    ("N601", "Sergei Ermakov", "Sergei Yermakov"),
]


def test_glossary_rules_on_the_seed():
    doc = Document("seed.txt", SEED.read_text(encoding="utf-8"))
    found = [(f.code, doc.text[f.start : f.end], f.message) for f in check_document(doc, select_rules(["T", "N"]))]
    for code, text, suggestion in SEED_EXPECTED:
        assert any(c == code and t == text and suggestion in m for c, t, m in found), (code, text, suggestion)


REPLACEMENTS = GLOSSARY / "replacements.toml"


def test_replacement_format_examples_are_fixed_as_stated():
    entries, _matcher, problems = check_files([REPLACEMENTS], builtin_files())
    assert problems == []
    own = {entry.id for entry in check_files([REPLACEMENTS])[0]}
    tested = [entry for entry in entries if entry.id in own]
    assert sum(len(entry.examples) for entry in tested) >= 15
    assert [str(p) for p in example_problems(tested, [str(REPLACEMENTS)])] == []


def test_a_wrong_fixed_sentence_is_reported_at_its_line(tmp_path):
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(
        REPLACEMENTS.read_text(encoding="utf-8").replace('fixed = "It was an attack by Kyiv."', 'fixed = "Wrong."'),
        encoding="utf-8",
    )
    entries, _matcher, _problems = check_files([wrong], builtin_files())
    [problem] = example_problems([e for e in entries if e.id == "test-attack-by"], [str(wrong)])
    assert problem.line == 37 and "`It was an attack by Kyiv.`, not `Wrong.`" in problem.message


def test_replacement_format_mistakes_have_lines():
    path = str(GLOSSARY / "broken_variants.toml")
    messages = [str(p) for p in check_files([GLOSSARY / "broken_variants.toml"])[2]]
    assert (
        f"{path}:8: avoid-form `{{X}} sample` must begin with a fixed word, not a slot or an optional word" in messages
    )
    assert f"{path}:9: `en` of avoid-form `sample of {{X}}` uses slots the form lacks: Y" in messages
    assert f"{path}:10: avoid-form `~take ~make sample`: at most one `~word` in a form and one in its `en`" in messages
    assert f"{path}:10: `fix` of avoid-form `~take ~make sample` must be one of: safe, unsafe, display-only" in messages
    assert f"{path}:7: unknown key `shape` in an avoid-form table" in messages
    assert f"{path}:13: `also` must be a list of non-empty strings" in messages
    assert f"{path}:19: unknown key `fixd` in a `flag` example (did you mean `fixed`?)" in messages


def test_every_flag_example_is_fixed_into_its_stated_sentence(glossary):
    """All examples in one document, in-process, through the path of `tqa fix --unsafe-fixes`."""
    assert [str(p) for p in example_problems(glossary.entries)] == []


SUGGESTIONS = tomllib.loads((DATA / "suggestions.toml").read_text(encoding="utf-8"))["class"]


def test_suggestion_corpus_is_fixed_as_expected():
    """Over 200 sentences in the classes of wrong suggestions: meaning, words lost,
    function words, tense/voice/number, capitals, acronyms, and good English."""
    cases = [(group["name"], case) for group in SUGGESTIONS for case in group["cases"]]
    assert len([1 for _name, case in cases if case["text"] != case["fixed"]]) >= 200
    results = fixed_examples([case["text"] for _name, case in cases])
    wrong = [(name, case["text"], result) for (name, case), result in zip(cases, results) if result != case["fixed"]]
    assert wrong == []


def test_toml_and_tbx_exports_keep_replacements_examples_and_also(tmp_path):
    entries = check_files([REPLACEMENTS])[0]
    out = tmp_path / "again.toml"
    out.write_text(exchange.to_toml(entries), encoding="utf-8")
    again, _matcher, problems = check_files([out])
    assert problems == []
    back = exchange.from_tbx(exchange.to_tbx(entries).encode("utf-8"), "x.tbx")
    for restored in (again, back):
        assert [(e.variants, e.examples, e.also) for e in restored] == [
            (e.variants, e.examples, e.also) for e in entries
        ]
    assert any(e.also for e in entries) and any(v.en for e in entries for v in e.variants)


@given(st.text(alphabet=" ab\x00", max_size=24))
@settings(max_examples=500, derandomize=True, deadline=None)
def test_matcher_squeezes_runs_of_spaces_and_maps_them_back(scanned):
    folded, removed_at, removed = _squeezed(scanned)
    assert folded == re.sub("  +", " ", scanned)
    for position, character in enumerate(folded):
        index = bisect.bisect_right(removed_at, position) - 1
        assert scanned[position + (removed[index] if index >= 0 else 0)] == character


def _lowered_then_folded(text: str) -> str:
    """What the matcher reads, the plain way: each character in lower case where
    that keeps the length, then dashes, spaces and openers folded."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    for old, new in _FOLD_PAIRS:
        lowered = lowered.replace(old, new)
    for opener in _WORD_OPENERS:
        lowered = lowered.replace(opener, " ")
    return lowered


@given(st.text(alphabet=[*"aAzZ ΣσÉé”“’‘–—-\u00a0\t\n\r(\"/[«„»İißẞǅKΩⅠ.'Łł", "\udcff"], max_size=16))
@settings(max_examples=2000, derandomize=True, deadline=None)
def test_matcher_reads_the_text_folded_and_in_lower_case(text):
    blank_lines_kept = text.replace("\r", "").replace("\n\n", "")  # blank lines become fillers: not compared here
    assert _scanned(blank_lines_kept) == _lowered_then_folded(blank_lines_kept)


def test_a_read_back_glossary_compiles_a_forms_pattern_when_first_used():
    import pickle

    text = "The head of the Kursk region said."
    form = next(m.form for m in load_glossary().matcher.find(text) if m.form.pattern is not None)
    again = pickle.loads(pickle.dumps(form))
    assert again.pattern._compiled is None and again.pattern == form.pattern and again == form
    assert again.pattern.match(text, text.index("head")) is not None and again.pattern._compiled is not None
