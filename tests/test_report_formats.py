"""Machine-readable outputs for CI: concise, json-lines, sarif, github, gitlab, junit."""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED
from tqa.cli import main
from tqa.model import Applicability, Edit, Finding, Fix, Severity
from tqa.pipeline.discover import discover
from tqa.pipeline.engine import process
from tqa.pipeline.fingerprint import fingerprints
from tqa.pipeline.run import FileResult, Input
from tqa.report import FORMATS, ReportOptions, emitters, sarif
from tqa.report import github as github_report
from tqa.rules import ALL_RULES
from tqa.text.textio import Source

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"
SMALL = "We are ready to talk, he said. “Our answer is clear. We wait, ”the minister said.\n"
CLEAN = "We are ready to talk, he said.\n"


@pytest.fixture(autouse=True)
def no_step_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder holding the seed, a small file and a clean one, so paths print relative."""
    shutil.copyfile(SEED, tmp_path / "seed.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "small.txt").write_text(SMALL, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(fmt: str, *paths: str, code: int = 1) -> str:
    result = CliRunner().invoke(main, ["check", "--output-format", fmt, *paths])
    assert result.exit_code == code, result.output
    return result.stdout


def seed_json() -> list[dict]:
    return json.loads(check("json", "seed.txt"))


def by_hand(text: str, findings: list[Finding], path: str = "a.txt") -> FileResult:
    return FileResult(Input(path, path), Source(text), findings)


def test_every_format_is_registered():
    assert set(FORMATS) == set(emitters())
    assert {"concise", "json-lines", "sarif", "github", "gitlab", "junit"} <= set(FORMATS)


# concise and json-lines


def test_concise_one_line_a_finding_then_the_summary(workdir):
    lines = check("concise", "seed.txt").splitlines()
    expected = seed_json()
    assert len(lines) == len(expected) + 1
    for line, finding in zip(lines, expected, strict=False):
        row, column = finding["location"]["row"], finding["location"]["column"]
        assert line == f"seed.txt:{row}:{column}: {finding['code']} {finding['message']}"
    assert lines[-1] == check("text", "seed.txt").splitlines()[-1]
    assert lines[-1].startswith("Found ")


def test_concise_clean_file(workdir):
    assert check("concise", "clean.txt", code=0) == "No findings in 1 file.\n"


def test_json_lines_are_the_json_objects(workdir):
    lines = check("json-lines", "seed.txt").splitlines()
    assert [json.loads(line) for line in lines] == seed_json()
    assert check("json-lines", "clean.txt", code=0) == ""


# sarif


def test_sarif_validates_against_the_schema(workdir):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for paths in (["seed.txt", "sub/small.txt"], ["clean.txt"]):
        log = json.loads(check("sarif", *paths, code=1 if "seed.txt" in paths else 0))
        jsonschema.validate(log, schema)


def test_sarif_is_written_as_indented_json_writes_it(workdir):
    # A fix of three edits, and an input that fails (a notification).
    (workdir / "styles.txt").write_text('He said "yes" and “no” and "maybe".\n', encoding="utf-8")
    for paths in (["seed.txt", "sub/small.txt", "styles.txt", "/dev/null"], ["clean.txt"]):
        output = check("sarif", *paths, code=0 if paths == ["clean.txt"] else 2)
        assert output == json.dumps(json.loads(output), indent=2, ensure_ascii=False) + "\n"
    assert len(json.loads(output)["runs"][0]["results"]) == 0


def test_json_is_written_as_indented_json_writes_it_and_holds_the_json_lines_objects(workdir):
    (workdir / "styles.txt").write_text('He said "yes" and “no” and "maybe".\n', encoding="utf-8")
    paths = ["seed.txt", "sub/small.txt", "styles.txt"]
    output = check("json", *paths)
    assert output == json.dumps(json.loads(output), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(output) == [json.loads(line) for line in check("json-lines", *paths).splitlines()]
    assert any(len(item["fix"]["edits"]) > 2 for item in json.loads(output) if item["fix"])
    assert check("json", "clean.txt", code=0) == "[]\n"


def test_sarif_content(workdir):
    log = json.loads(check("sarif", "seed.txt", "sub/small.txt"))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["automationDetails"]["id"] == "tqa/"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "tqa"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    q101 = rules[0]
    assert q101["shortDescription"]["text"] == ALL_RULES[0].summary
    assert q101["fullDescription"]["text"].startswith("Finds a closing quotation mark")
    assert "Why is this bad?" not in q101["fullDescription"]["text"]
    assert "Fix safety:" in q101["help"]["text"]
    assert q101["defaultConfiguration"]["level"] == "error"
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning", "note"}

    expected = seed_json()
    results = run["results"]
    seed_results = [
        r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seed.txt"
    ]
    assert len(seed_results) == len(expected)
    for result, finding in zip(seed_results, expected, strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        assert result["message"]["text"] == finding["message"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (
            finding["location"]["row"],
            finding["location"]["column"],
        )
        assert (region["endLine"], region["endColumn"]) == (
            finding["end_location"]["row"],
            finding["end_location"]["column"],
        )
        assert ("fixes" in result) == (finding["fix"] is not None)
    # The fingerprints are tqa.pipeline.fingerprint's, computed on the text the findings were found in.
    [checked] = process(discover(["seed.txt"])[0], ALL_RULES)
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in seed_results] == fingerprints(
        checked.source.text, checked.findings
    )

    [small] = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "seed.txt"]
    location = small["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "sub/small.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 1, "startColumn": 61, "endLine": 1, "endColumn": 64}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.as_uri() + "/"
    [fix] = small["fixes"]
    assert fix["description"]["text"].startswith("Move the quote")
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "sub/small.txt"
    [replacement] = change["replacements"]
    assert replacement["insertedContent"]["text"] == "” "
    assert replacement["deletedRegion"]["startLine"] == 1


# github


def test_github_escapes_messages_and_properties():
    text = "one - two\n"
    finding = Finding("P301", "hyphen-as-dash", "100% sure: a, b\nnext\rline", 4, 5, Severity.WARNING)
    stream = io.StringIO()
    github_report.emit([by_hand(text, [finding], "we,ird:name.txt")], stream, ReportOptions())
    assert stream.getvalue() == (
        "::warning file=we%2Cird%3Aname.txt,line=1,col=5,endLine=1,endColumn=6,title=P301 hyphen-as-dash"
        "::100%25 sure: a, b%0Anext%0Dline\n"
    )
    assert github_report.escape_property("a%b:c,d\r\n") == "a%25b%3Ac%2Cd%0D%0A"


def test_github_levels_in_order_and_multiline_spans_without_columns():
    text = "a\nb\nc\n"
    findings = [
        Finding("Q105", "mixed-quote-styles", "info", 0, 1, Severity.INFO),
        Finding("P301", "hyphen-as-dash", "warn", 2, 3, Severity.WARNING),
        Finding("S201", "torn-editorial-insertion", "err", 2, 5, Severity.ERROR),
    ]
    stream = io.StringIO()
    github_report.emit([by_hand(text, findings)], stream, ReportOptions())
    assert stream.getvalue().splitlines() == [
        "::error file=a.txt,line=2,endLine=3,title=S201 torn-editorial-insertion::err",
        "::warning file=a.txt,line=2,col=1,endLine=2,endColumn=2,title=P301 hyphen-as-dash::warn",
        "::notice file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=Q105 mixed-quote-styles::info",
    ]


def _many(errors: int, warnings: int, infos: int) -> FileResult:
    text = "".join(f"line {n} | x\n" for n in range(errors + warnings + infos))
    findings = []
    for n in range(errors + warnings + infos):
        severity = Severity.ERROR if n < errors else Severity.WARNING if n < errors + warnings else Severity.INFO
        start = text.index(f"line {n} ")
        findings.append(Finding("C402", "leftover-cyrillic", f"finding {n} | piped", start, start + 4, severity))
    return by_hand(text, findings)


def test_github_caps_annotations_and_writes_the_whole_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    stream = io.StringIO()
    github_report.emit([_many(12, 12, 2)], stream, ReportOptions())
    lines = stream.getvalue().splitlines()
    levels = [line.split(" ", 1)[0] for line in lines]
    # 10 errors, 9 warnings (one slot is kept for the note), 2 notices, then the note.
    assert levels == ["::error"] * 10 + ["::warning"] * 9 + ["::notice"] * 2 + ["::warning"]
    assert [line.rsplit("::", 1)[1].split(" |")[0] for line in lines[:10]] == [f"finding {n}" for n in range(10)]
    assert lines[-1] == (
        "::warning title=tqa::5 more findings not shown as annotations; see the job summary or upload SARIF"
    )
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n")
    rows = [line for line in written.splitlines() if line.startswith("| a.txt:")]
    assert len(rows) == 26
    assert rows[0] == "| a.txt:1:1 | C402 | finding 0 \\| piped |"
    assert "Found 26 findings in 1 file." in written


def test_github_not_capped_still_appends_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    stream = io.StringIO()
    github_report.emit([_many(10, 10, 10)], stream, ReportOptions())
    assert len(stream.getvalue().splitlines()) == 30
    assert "more findings not shown" not in stream.getvalue()
    github_report.emit([_many(1, 0, 0)], io.StringIO(), ReportOptions())
    written = summary.read_text(encoding="utf-8")
    assert written.count("## tqa") == 2
    assert len([line for line in written.splitlines() if line.startswith("| a.txt:")]) == 31


def test_github_without_summary_variable_writes_only_annotations(workdir):
    output = check("github", "seed.txt")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in output.splitlines())
    assert output.splitlines()[-1].startswith("::warning title=tqa::")
    assert not list(workdir.glob("*.md"))


# junit


def test_junit_failures_and_a_passing_case_for_a_clean_file(workdir):
    root = ET.fromstring(check("junit", "seed.txt", "clean.txt", "sub/small.txt"))
    count = len(seed_json())
    assert root.tag == "testsuites"
    assert root.get("failures") == str(count + 1)
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"seed.txt", "clean.txt", "sub/small.txt"}
    assert len(suites["seed.txt"].findall("testcase/failure")) == count
    assert suites["seed.txt"].get("failures") == str(count)
    [clean] = suites["clean.txt"].findall("testcase")
    assert clean.find("failure") is None and suites["clean.txt"].get("failures") == "0"
    [failure] = suites["sub/small.txt"].findall("testcase/failure")
    assert failure.get("type") == "Q101"
    assert failure.get("message").startswith("Closing quote detached")


def test_junit_reports_an_unreadable_file_as_an_error(workdir):
    Path("binary.txt").write_bytes(b"\x00\x01")
    root = ET.fromstring(check("junit", "binary.txt", "clean.txt", code=2))
    assert root.get("errors") == "1"
    assert root.find("testsuite/testcase/error") is not None


# gitlab


def test_gitlab_code_quality_report(workdir):
    issues = json.loads(check("gitlab", "seed.txt", "sub/small.txt"))
    assert len(issues) == len(seed_json()) + 1
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in {"major", "minor", "info"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert issues[-1]["location"]["path"] == "sub/small.txt"
    assert issues[-1]["check_name"] == "Q101"
    assert issues[-1]["severity"] == "major"
    assert json.loads(check("gitlab", "clean.txt", code=0)) == []


def test_fix_edits_survive_into_sarif_replacements():
    text = "abc def\n"
    fix = Fix("Swap", (Edit(4, 7, "xyz"), Edit(0, 3, "ABC")), Applicability.UNSAFE)
    finding = Finding("T501", "calque", "calque", 0, 7, Severity.WARNING, fix)
    stream = io.StringIO()
    sarif.emit([by_hand(text, [finding])], stream, ReportOptions())
    [result] = json.loads(stream.getvalue())["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert [(r["deletedRegion"]["startColumn"], r["insertedContent"]["text"]) for r in change["replacements"]] == [
        (1, "ABC"),
        (5, "xyz"),
    ]
    assert result["fixes"][0]["properties"]["applicability"] == "unsafe"


def test_sarif_run_is_signed_with_version_glossary_and_rules(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from tqa import __version__
    from tqa.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("We wait, ”the minister said.\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["check", "--output-format", "sarif", "--select", "Q101,T501", "a.txt"]).stdout
    signature = json.loads(output)["runs"][0]["properties"]["signature"]
    assert signature.startswith(f"tqa {__version__}|glossary:") and signature.endswith("|rules:Q101,T501")


@pytest.mark.parametrize("held", [False, True])
def test_json_assembly_writes_the_same_list_through_a_buffer_or_as_text(held):
    """The streamed list goes to a UTF-8 stream's binary buffer as it waited
    (UTF-8), to any other stream as text: the same list either way; a late
    finding lands in its file's place, and a lone surrogate goes through the
    stream, which decides what becomes of it."""
    from tqa.report import json_output, render

    text = "Ivan said “yes” — and «no».\n"
    message = Finding("Q101", "detached-closing-quote", "x", 10, 15, Severity.ERROR)
    late = Finding("N602", "inconsistent-transliteration", "late", 0, 4, Severity.WARNING)
    strange = Finding("Q101", "detached-closing-quote", "\ud800", 1, 2, Severity.ERROR)

    def results(first: Finding) -> list[FileResult]:
        made = [by_hand(text, [first], "a.txt"), by_hand(text, [], "b.txt"), by_hand(text, [message], "c.txt")]
        for result in made:
            result.rendered = render("json", result)
            result.rendered_keys = [(f.start, f.code, f.end) for f in result.findings]
        return made

    def written(stream, first: Finding = message) -> str:
        listing = json_output.Assembly(stream, held)
        made = results(first)
        for result in made:
            listing.add(result)
        made[0].findings, made[2].findings = [late], []
        listing.finish(made, ReportOptions())
        stream.flush()
        return (
            stream.buffer.getvalue().decode("utf-8", "surrogatepass")
            if hasattr(stream, "buffer")
            else stream.getvalue()
        )

    buffered, plain = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    assert json_output.utf8_buffer(buffered) is buffered.buffer and json_output.utf8_buffer(plain) is None
    listed = written(buffered)
    assert listed == written(plain)
    whole = [by_hand(text, [late, message], "a.txt"), by_hand(text, [message], "c.txt")]
    expected = io.StringIO()
    json_output.emit(whole, expected, ReportOptions())
    assert listed == expected.getvalue()
    with pytest.raises(UnicodeEncodeError):  # as the stream would treat any other text
        written(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), strange)
    lenient = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogatepass")
    assert json.loads(written(lenient, strange))[1]["message"] == "\ud800"
    # Standard output under a C.UTF-8 locale: the buffer serves it too, and a lone
    # surrogate still goes through the stream, whose handler decides.
    escaping = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    assert json_output.utf8_buffer(escaping) is escaping.buffer
    assert written(escaping) == listed
    with pytest.raises(UnicodeEncodeError):
        written(io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape"), strange)


def test_json_assembly_takes_pieces_rendered_as_utf8_or_as_text():
    """A JSON list's pieces come rendered as UTF-8 (`render_listed`: from a worker
    or the results cache, not decoded to be encoded again) or as text, and wait in
    a temporary file or, held by the results cache, where they are: the list
    written is the same, late findings merged in their places either way."""
    from tqa.report import json_output, render, render_listed

    text = "Ivan said “yes” — and «no».\n"
    own = Finding("Q101", "detached-closing-quote", "x “y”", 10, 15, Severity.ERROR)
    late = Finding("N602", "inconsistent-transliteration", "late", 0, 4, Severity.WARNING)

    def written(rendering, held: bool = False) -> str:
        stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        listing = json_output.Assembly(stream, held)
        made = [by_hand(text, [own], "a.txt"), by_hand(text, [own], "b.txt")]
        for result in made:
            result.rendered = rendering("json", result)
            result.rendered_keys = [(f.start, f.code, f.end) for f in result.findings]
            listing.add(result)
        made[0].findings, made[1].findings = [late], []
        listing.finish(made, ReportOptions())
        stream.flush()
        return stream.buffer.getvalue().decode("utf-8")

    assert isinstance(render_listed("json", by_hand(text, [own], "a.txt")), bytes)
    listed = written(render_listed)
    assert listed == written(render) == written(render_listed, held=True)  # held: as the results cache holds them
    assert [item["code"] for item in json.loads(listed)] == ["N602", "Q101", "Q101"]
