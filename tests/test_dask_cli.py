"""The Dask path without a cluster: the options where Dask is not installed (a clear
error, exit 2, nothing checked), and a batch the cluster gave up on (checked here)."""

from __future__ import annotations

import sys

from conftest import SEED
from tqa.cli import main


def test_without_dask_the_options_say_how_to_install_it(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails as if not installed
    for option in (["--dask-local", "2"], ["--dask-scheduler", "tcp://127.0.0.1:8786"]):
        result = runner.invoke(main, ["check", *option, str(SEED)])
        assert result.exit_code == 2
        assert "tqa: error: this needs Dask, which is not installed; install it with: pip install 'tqa[dask]'" in (
            result.stderr
        )
        assert result.stdout == ""


class LostBatch:
    """A batch the cluster gave up on, as a Dask future tells it."""

    released = False

    def result(self):
        raise RuntimeError("Attempted to run task on 3 different workers, but all those workers died")

    def release(self):
        self.released = True


def test_a_batch_the_cluster_cannot_run_is_checked_here(tmp_path, capsys):
    from tqa.pipeline.dask_run import _results
    from tqa.pipeline.one_file import process_one
    from tqa.pipeline.run import Input, Job
    from tqa.rules import ALL_RULES

    items = [Input(str(SEED), "seed.txt"), Input(str(tmp_path / "missing.txt"), "missing.txt")]
    future = LostBatch()
    results = _results(items, future, lambda _path: ALL_RULES, Job())
    assert future.released
    expected = [process_one(item, ALL_RULES, Job()) for item in items]
    assert [(r.input, r.findings, str(r.error)) for r in results] == [
        (r.input, r.findings, str(r.error)) for r in expected
    ]
    assert results[0].findings and results[1].error is not None
    assert capsys.readouterr().err == (
        "tqa: warning: 2 files could not be checked on the cluster (RuntimeError: Attempted to run task on 3 "
        "different workers, but all those workers died); they are checked in this process\n"
    )
