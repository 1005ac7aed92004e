"""The glossary's "why" in every output, and glossary exchange with other tools:
`export --only` a user's file, `import` of a TBX another tool wrote."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, write
from tqa.cli import main
from tqa.glossary import exchange
from tqa.glossary.compiled import check_files, load_glossary
from tqa.report.sarif import GLOSSARY_RULES

USER = DATA / "glossary" / "user.toml"
# A calque (T501), a listed person's variant (N601), a near miss of a glossary
# person (N601), a name spelled two ways where the glossary has one (N602), a
# user's own entry, and a hyphen for a dash (P301: no glossary entry).
TEXT = (
    "Tensions rose along the contact line. Sergei Ermakov, a leading expert at RISS, explained.\n"
    "German Chancellor Olaf Sholz arrived. Sergey Lavrov spoke; Sergei Lavrov left.\n"
    "The spec-operation continued - officials said.\n"
)
EXPECTED = {
    "T501": "line-of-contact",
    "N601": "person-sergei-yermakov",
    "N602": "person-sergei-lavrov",
}


@pytest.fixture
def article(tmp_path):
    return write(tmp_path / "a.txt", TEXT)


def _check(runner, article, *options: str):
    result = runner.invoke(main, ["check", "--glossary", str(USER), *options, str(article)])
    assert result.exit_code == 1, result.output
    return result.stdout


def _entry(entry_id: str) -> dict:
    entry = next(e for e in load_glossary((str(USER),)).entries if e.id == entry_id)
    return {"id": entry.id, "note": entry.note, "ref": entry.ref}


@pytest.mark.parametrize("output_format", ["json", "json-lines"])
def test_json_findings_carry_their_glossary_entry(runner, article, output_format):
    out = _check(runner, article, "--output-format", output_format)
    findings = json.loads(out) if output_format == "json" else [json.loads(line) for line in out.splitlines()]
    by_code: dict[str, list] = {}
    for finding in findings:
        by_code.setdefault(finding["code"], []).append(finding["glossary"])
    for code, entry_id in EXPECTED.items():
        assert _entry(entry_id) in by_code[code]
    assert {"person-olaf-scholz", "house-special-operation"} <= {g["id"] for gs in by_code.values() for g in gs if g}
    assert by_code["P301"] == [None]  # not from the glossary: the key is there, null


def test_text_and_full_show_one_glossary_line_concise_stays_one_line(runner, article):
    text = _check(runner, article, "--output-format", "text").splitlines()
    at = next(i for i, line in enumerate(text) if " T501 " in line)
    assert text[at + 1].startswith("  fix (unsafe)")
    assert text[at + 2].startswith("  glossary (line-of-contact): Reuters and AP write")
    assert "—" in text[at + 2] and len(text[at + 2]) < 240
    house = next(line for line in text if "glossary (house-special-operation)" in line)
    assert house.strip() == "glossary (house-special-operation): House style: spell it out. — House style guide, 2024"
    assert not any(
        line.startswith("  glossary") for line in text[text.index(next(x for x in text if "P301" in x)) :][1:3]
    )
    full = _check(runner, article, "--output-format", "full")
    assert "  = glossary (person-olaf-scholz): German chancellor 2021-2025. — Reuters and AP usage\n" in full
    concise = _check(runner, article, "--output-format", "concise").splitlines()
    findings = [line for line in concise if line.startswith(str(article))]
    assert len(findings) == len(concise) - 1 and not any("glossary" in line for line in concise)


def test_sarif_results_and_rule_help_carry_the_glossary(runner, article):
    run = json.loads(_check(runner, article, "--output-format", "sarif"))["runs"][0]
    results = {(r["ruleId"], r.get("properties", {}).get("glossary", {}).get("id")) for r in run["results"]}
    assert {(code, entry_id) for code, entry_id in EXPECTED.items()} <= results
    assert ("P301", None) in results
    t501 = next(r for r in run["results"] if r["ruleId"] == "T501")
    assert t501["properties"]["glossary"] == _entry("line-of-contact")
    for rule in run["tool"]["driver"]["rules"]:
        assert ("properties.glossary" in rule["help"]["text"]) == (rule["id"] in GLOSSARY_RULES)


def test_source_rules_name_their_entry(runner, tmp_path):
    target = write(tmp_path / "t.txt", "Tensions rose along the contact line.\n")
    source = write(tmp_path / "s.txt", "Напряжённость выросла на линии соприкосновения.\n")
    result = runner.invoke(main, ["check", "--source", str(source), "--output-format", "json", str(target)])
    findings = json.loads(result.stdout)
    assert [(f["code"], f["glossary"]["id"]) for f in findings] == [("A707", "line-of-contact")]


def test_export_only_a_users_file(runner, tmp_path):
    for fmt in ("toml", "csv", "tbx"):
        out = tmp_path / f"user.{fmt}"
        result = runner.invoke(main, ["glossary", "export", "--format", fmt, "--only", str(USER), "-o", str(out)])
        assert result.exit_code == 0, result.output
        if fmt == "toml":
            entries, _matcher, problems = check_files([out])
            assert not problems and [e.id for e in entries] == ["house-special-operation"]
        elif fmt == "csv":
            assert out.read_text(encoding="utf-8").splitlines()[1].startswith("house-special-operation,")
        else:
            assert [e.id for e in exchange.from_tbx(out.read_bytes(), str(out))] == ["house-special-operation"]


def test_export_only_refuses_a_broken_file(runner):
    result = runner.invoke(main, ["glossary", "export", "--only", str(DATA / "glossary" / "broken.toml")])
    assert result.exit_code == 2 and "broken.toml:" in result.stderr


# A termbase another tool wrote: TBX v3 (TBX-Core, DCA style), terms and status only.
FOREIGN_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><titleStmt><title>Newsroom termbase</title></titleStmt>
    <sourceDesc><p>Exported from a terminology tool.</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="C-17">
      <langSec xml:lang="ru"><termSec><term>бронежилет</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>body armour</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>armored vest</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""
# A note on the deprecated term and a source on the concept, as the TBX-Basic example writes them.
WITH_NOTE = FOREIGN_V3.replace(
    "deprecatedTerm-admn-sts</termNote></termSec>",
    "deprecatedTerm-admn-sts</termNote>\n          <note>MT calque; replace with the preferred term.</note></termSec>",
).replace(
    '<conceptEntry id="C-17">',
    '<conceptEntry id="C-17">\n      <admin type="source">Newsroom style guide, 2025</admin>',
)
# The same in TBX 2008 (martif, termEntry/langSet/tig) with normativeAuthorization, as older tools write it.
FOREIGN_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>old tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="ru-RU"><tig><term>бронежилет</term></tig></langSet>
      <langSet xml:lang="en-GB">
        <tig><term>body armour</term><termNote type="normativeAuthorization">preferredTerm</termNote></tig>
        <tig><term>armored vest</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


# TBX v3 in DCT style: data categories are elements of their module's namespace.
FOREIGN_DCT = (
    FOREIGN_V3.replace('style="dca"', 'style="dct" xmlns:basic="http://www.tbxinfo.net/ns/basic"')
    .replace('<termNote type="administrativeStatus">', "<basic:administrativeStatus>")
    .replace("-admn-sts</termNote>", "-admn-sts</basic:administrativeStatus>")
)


@pytest.mark.parametrize(
    "tbx", [FOREIGN_V3, FOREIGN_DCT, FOREIGN_2008], ids=["tbx-v3-core", "tbx-v3-dct", "tbx-2008-martif"]
)
def test_import_of_a_foreign_tbx_gives_valid_entries(runner, tmp_path, tbx):
    path = write(tmp_path / "foreign.tbx", tbx)
    out = tmp_path / "imported.toml"
    result = runner.invoke(main, ["glossary", "import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    entries, _matcher, problems = check_files([out])
    assert not problems
    (entry,) = entries
    assert (entry.ru, entry.en, entry.avoid, entry.flag, entry.ok) == (
        "бронежилет",
        "body armour",
        ("armored vest",),
        ("armored vest",),
        ("body armour",),
    )
    assert "foreign.tbx" in entry.ref and "`body armour`" in entry.note and "`armored vest`" in entry.note
    if tbx is not FOREIGN_V3:
        return  # the same entry: checking with it once is enough
    article = write(tmp_path / "a.txt", "Soldiers wore an armored vest.\n")
    check = runner.invoke(main, ["check", "--glossary", str(out), "--output-format", "json", str(article)])
    assert [f["glossary"]["id"] for f in json.loads(check.stdout)] == [entry.id]


LACKING = FOREIGN_V3.replace(
    "  </body></text>",
    """    <conceptEntry id="C-18">
      <langSec xml:lang="en"><termSec><term>air raid alert</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="C-19">
      <langSec xml:lang="ru"><termSec><term>воздушная тревога</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>air alert</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>""",
)


def test_import_keeps_another_tools_notes_and_sources(tmp_path):
    (entry,) = exchange.from_tbx(WITH_NOTE.encode("utf-8"), str(tmp_path / "n.tbx"))
    assert (entry.id, entry.note, entry.ref) == (
        "c-17",
        "MT calque; replace with the preferred term.",
        "Newsroom style guide, 2025",
    )


def test_import_says_what_each_concept_lacks(runner, tmp_path):
    path = write(tmp_path / "foreign.tbx", LACKING)
    out = tmp_path / "imported.toml"
    result = runner.invoke(main, ["glossary", "import", str(path), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"tqa: error: {path}:15: conceptEntry `C-18`: no Russian term: "
        'add <langSec xml:lang="ru"><termSec><term>…</term></termSec></langSec>'
    )
    assert lines[1].startswith(f"{path}:15: conceptEntry `C-18`: no English term to avoid")
    assert lines[2].startswith(f"{path}:19: conceptEntry `C-19`: no preferred English term: add to")
    assert "preferredTerm-admn-sts" in lines[2] and len(lines) == 3


def test_import_can_leave_out_what_cannot_be_an_entry(runner, tmp_path):
    path = write(tmp_path / "foreign.tbx", LACKING.replace("<term>бронежилет</term>", "<term>body armor</term>"))
    result = runner.invoke(main, ["glossary", "import", "--skip-incomplete", str(path)])
    assert result.exit_code == 2 and "is not written in Cyrillic" in result.stderr  # nothing left to import
    path = write(tmp_path / "foreign.tbx", LACKING)
    out = tmp_path / "imported.toml"
    result = runner.invoke(main, ["glossary", "import", "--skip-incomplete", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    entries, _matcher, problems = check_files([out])
    assert not problems and [e.en for e in entries] == ["body armour"]
    warnings = result.stderr.splitlines()
    assert len(warnings) == 3 and all(w.startswith(f"tqa: warning: {path}:") for w in warnings)
    assert "`C-18`: no Russian term" in warnings[0] and "`C-19`: no preferred English term" in warnings[2]


def test_import_reports_a_conflict_with_the_built_in_glossary(runner, tmp_path):
    clash = FOREIGN_V3.replace("armored vest", "line of contact")  # the built-in glossary prefers it
    path = write(tmp_path / "foreign.tbx", clash)
    result = runner.invoke(main, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr and "avoid-form `line of contact` is the preferred form" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_run_wide_name_check_names_the_glossary_person(runner, tmp_path, jobs):
    write(tmp_path / "1.txt", "Sergei Shoigu spoke. Shoigu left.\n")
    write(tmp_path / "2.txt", "Sergei Shoigu spoke again.\n")
    write(tmp_path / "3.txt", "Sergei Shoygu said. Shoygu came.\n")
    write(tmp_path / "4.txt", "Ivan Petrovskiy said it.\n")
    write(tmp_path / "5.txt", "Ivan Petrovsky said it. Petrovsky left.\n")
    paths = [str(tmp_path / f"{n}.txt") for n in range(1, 6)]
    result = runner.invoke(main, ["check", "--select", "N602", "--jobs", jobs, "--output-format", "json", *paths])
    findings = {(f["filename"][-5:], f["message"].split("`")[1]): f["glossary"] for f in json.loads(result.stdout)}
    assert findings[("3.txt", "Shoygu")] == _entry("person-sergei-shoigu")
    assert findings[("4.txt", "Petrovskiy")] is None  # the majority's spelling, not the glossary's


def test_full_format_of_standard_input_and_catalogs(runner, tmp_path):
    """`full` shows the line of a text read whole (standard input, a catalog), not only of a snapshot."""
    result = runner.invoke(main, ["check", "--output-format", "full", "-"], input="The contact line held.\n")
    assert result.exit_code == 1 and "1 | The contact line held.\n  |     ^^^^^^^^^^^^ T501" in result.stdout
    assert "  = glossary (line-of-contact): " in result.stdout
