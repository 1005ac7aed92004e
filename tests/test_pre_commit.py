"""The hooks as users run them: the real pre-commit program, `pre-commit try-repo`."""

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


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def repository(tmp_path: Path, home: Path, text: str) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    run(["git", "init", "-q"], repo, home)
    (repo / "article.txt").write_text(text, encoding="utf-8")
    run(["git", "add", "article.txt"], repo, home)
    return repo


def try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess:
    return run([str(PRE_COMMIT), "try-repo", str(PROJECT), hook, "--files", "article.txt"], repo, home)


def test_report_hook_fails_and_shows_findings(tmp_path, hook_home):
    repo = repository(tmp_path, hook_home, ARTIFACT)
    result = try_repo(repo, hook_home, "tqa")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "article.txt:3:30: Q101 Closing quote detached" in result.stdout


def test_report_hook_passes_a_clean_article(tmp_path, hook_home):
    repo = repository(tmp_path, hook_home, CLEAN)
    result = try_repo(repo, hook_home, "tqa")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_the_file(tmp_path, hook_home):
    repo = repository(tmp_path, hook_home, ARTIFACT)
    result = try_repo(repo, hook_home, "tqa-fix")
    assert result.returncode == 1
    assert "files were modified by this hook" in result.stdout
    assert (repo / "article.txt").read_text(encoding="utf-8").endswith("We wait,” the minister said.\n")
