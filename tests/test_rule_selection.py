"""Opt-in rules run only when their code, their name or ALL selects them."""

from __future__ import annotations

from conftest import write
from tqa.cli import main
from tqa.rules import OPT_IN, RULES_BY_CODE, select_rules


def codes(rules) -> set[str]:
    return {rule.code for rule in rules}


def test_opt_in_rules_are_left_out_of_the_default_and_prefix_selections():
    assert OPT_IN <= set(RULES_BY_CODE)
    assert not OPT_IN & codes(select_rules())
    assert not OPT_IN & codes(select_rules(["T"]))
    assert OPT_IN <= codes(select_rules(["ALL"]))


def test_opt_in_rules_are_chosen_by_code_name_or_extension():
    assert codes(select_rules(["T510"])) == {"T510"}
    assert codes(select_rules(["office-metonymy"])) == {"T512"}
    assert "T510" in codes(select_rules(extend=["T510"]))
    assert "T510" not in codes(select_rules(["ALL"], ignore=["T510"]))


def test_cli_runs_an_opt_in_rule_only_when_asked(runner, tmp_path):
    path = write(tmp_path / "a.txt", "About 1.5 thousand residents were evacuated.\n")
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    result = runner.invoke(main, ["check", "--extend-select", "T510", str(path)])
    assert result.exit_code == 1
    assert "T510" in result.stdout
