"""The hooks as users run them: the real pre-commit program, `pre-commit run` with a configuration naming them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACT = "We are ready to talk, he said.\n\n“Our answer is clear. We wait, ”the minister said.\n"
CLEAN = "We are ready to talk, he said.\n"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit"
)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    """One pre-commit cache for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hooks(tmp_path_factory, hook_home) -> str:
    """A pre-commit configuration naming the project's working tree, committed as is
    into a repository of its own: pre-commit builds the hook environment of a
    repository and revision once, and the tests share it."""
    copy = tmp_path_factory.mktemp("hooks") / "tqa"
    unversioned = shutil.ignore_patterns(".git", ".venv*", "corpus", "__pycache__", "*.egg-info", "build", "dist")
    shutil.copytree(PROJECT, copy, ignore=unversioned)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "tqa"]):
        run(command, copy, hook_home).check_returncode()
    revision = run(["git", "rev-parse", "HEAD"], copy, hook_home).stdout.strip()
    return f"repos:\n- repo: {copy}\n  rev: {revision}\n  hooks:\n  - id: tqa\n  - id: tqa-fix\n"


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def repository(tmp_path: Path, home: Path, text: str, hooks: str) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    run(["git", "init", "-q"], repo, home)
    (repo / "article.txt").write_text(text, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(hooks, encoding="utf-8")
    run(["git", "add", "article.txt", ".pre-commit-config.yaml"], repo, home)
    return repo


def run_hook(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess:
    return run([str(PRE_COMMIT), "run", hook, "--files", "article.txt"], repo, home)


def test_report_hook_fails_and_shows_findings(tmp_path, hooks, hook_home):
    repo = repository(tmp_path, hook_home, ARTIFACT, hooks)
    result = run_hook(repo, hook_home, "tqa")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "article.txt:3:30: Q101 Closing quote detached" in result.stdout


def test_report_hook_passes_a_clean_article(tmp_path, hooks, hook_home):
    repo = repository(tmp_path, hook_home, CLEAN, hooks)
    result = run_hook(repo, hook_home, "tqa")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_the_file(tmp_path, hooks, hook_home):
    repo = repository(tmp_path, hook_home, ARTIFACT, hooks)
    result = run_hook(repo, hook_home, "tqa-fix")
    assert result.returncode == 1
    assert "files were modified by this hook" in result.stdout
    assert (repo / "article.txt").read_text(encoding="utf-8").endswith("We wait,” the minister said.\n")
