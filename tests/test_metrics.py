"""`tqa score` and `tqa eval`: sacrebleu scores, alignment errors, fixes measured against references."""

from __future__ import annotations

import json

import pytest

from conftest import write as write_file
from tqa.cli import main
from tqa.evaluation import units
from tqa.metrics import Aligned

ARTIFACT = "We wait, ”the minister said.\n"
FIXED = "We wait,” the minister said.\n"
LINES = "The talks will resume on Monday.\nBoth sides agreed.\n"


def write(path, text: str) -> str:
    return str(write_file(path, text))


def test_identical_files_score_perfectly(runner, tmp_path):
    hyp, ref = write(tmp_path / "hyp.txt", LINES), write(tmp_path / "ref.txt", LINES)
    result = runner.invoke(main, ["score", hyp, "--ref", ref, "--output-format", "json"])
    assert result.exit_code == 0, result.output
    scores = {row["name"]: row["score"] for row in json.loads(result.stdout)["corpus"]}
    assert scores == {"BLEU": pytest.approx(100), "chrF2": pytest.approx(100), "TER": 0}
    assert "nrefs:1" in json.loads(result.stdout)["corpus"][0]["signature"]


def test_text_output_has_signatures_and_chrf_plus(runner, tmp_path):
    hyp, ref = write(tmp_path / "hyp.txt", LINES), write(tmp_path / "ref.txt", LINES)
    result = runner.invoke(main, ["score", hyp, "--ref", ref, "--ref", ref, "--chrf-plus"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("BLEU|nrefs:2|")
    assert "chrF2++|nrefs:2|" in result.stdout and "|nw:2|" in result.stdout


def test_length_mismatch_exits_2_and_names_the_file(runner, tmp_path):
    hyp, ref = write(tmp_path / "hyp.txt", LINES), write(tmp_path / "ref.txt", "One line only.\n")
    result = runner.invoke(main, ["score", hyp, "--ref", ref])
    assert result.exit_code == 2
    assert "tqa: error:" in result.output and "ref.txt: 1 segment, but" in result.output


def test_sentence_gives_a_row_per_segment(runner, tmp_path):
    hyp = write(tmp_path / "hyp.txt", "The talks will resume.\nBoth sides agreed.\n")
    ref = write(tmp_path / "ref.txt", LINES)
    result = runner.invoke(main, ["score", hyp, "--ref", ref, "--sentence", "--output-format", "json"])
    rows = json.loads(result.stdout)["segments"]
    assert [row["segment"] for row in rows] == [1, 2]
    assert rows[1]["scores"]["chrF2"] == pytest.approx(100) and rows[0]["scores"]["chrF2"] < 100
    text = runner.invoke(main, ["score", hyp, "--ref", ref, "--sentence"]).stdout
    assert [line.split()[1] for line in text.splitlines()[-2:]] == ["1", "2"]


def test_folders_pair_articles_by_name_and_paragraphs_are_segments(runner, tmp_path):
    write(tmp_path / "hyp" / "a" / "x.txt", "First paragraph.\n\nSecond one.\n")
    write(tmp_path / "ref" / "a" / "x.txt", "First paragraph.\n\nSecond one.\n")
    args = ["score", str(tmp_path / "hyp"), "--ref", str(tmp_path / "ref"), "--sentence", "--output-format", "json"]
    assert len(json.loads(runner.invoke(main, args).stdout)["segments"]) == 2
    write(tmp_path / "hyp" / "y.txt", "Unpaired.\n")
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "y.txt" in result.output


def test_eval_safe_fix_improves_chrf_and_is_credited(runner, tmp_path):
    hyp, ref = write(tmp_path / "mt.txt", LINES + ARTIFACT), write(tmp_path / "ref.txt", LINES + FIXED)
    result = runner.invoke(main, ["eval", hyp, "--ref", ref, "--source", ref, "--output-format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    file = report["files"][0]
    assert file["chrf"]["safe"] > file["chrf"]["before"] and file["ter"]["safe"] < file["ter"]["before"]
    assert file["safe"] == {"changed": 1, "improved": 1, "worsened": 0}
    assert file["changes"][0]["segments"] == [3, 3] and file["changes"][0]["safe"] == FIXED.strip()
    q101 = next(rule for rule in report["rules"] if rule["code"] == "Q101")
    assert (q101["applicability"], q101["helped"], q101["hurt"]) == ("safe", 1, 0)
    assert report["warnings"] == []


def test_eval_warns_when_a_safe_fix_hurts(runner, tmp_path):
    hyp, ref = write(tmp_path / "mt.txt", ARTIFACT), write(tmp_path / "ref.txt", ARTIFACT)
    result = runner.invoke(main, ["eval", hyp, "--ref", ref])
    assert result.exit_code == 0, result.output
    assert "worsened" in result.stdout and "Q101" in result.stdout
    assert "warning: Q101 detached-closing-quote: its safe fixes lowered sentence chrF in 1 segment" in result.stdout


def test_units_group_segments_a_fix_merged_or_dropped():
    doc = Aligned("x", "", "lines", False, ["a", "b", "c", "d"], [["A", "B", "C", "D"]])
    found = [(u.start, u.end, u.texts, u.references) for u in units(doc, [["a", "b c", "d"], ["a", "b", "c"]])]
    assert found == [
        (0, 1, ("a", "a", "a"), ("A",)),
        (1, 3, ("b c", "b c", "b c"), ("B C",)),
        (3, 4, ("d", "d", ""), ("D",)),
    ]
