"""The Dask options where Dask is not installed: a clear error, exit 2, nothing checked."""

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
