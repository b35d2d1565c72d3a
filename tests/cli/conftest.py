"""CLI fixtures: run ``connector_app.cli.main`` in-process against real workspace copies."""

from __future__ import annotations

import pytest

from connector_app.cli import main
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.samples import add_everything


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)

    def invoke(*argv: str):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return invoke


@pytest.fixture
def filled(workspace_path):
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    records = add_everything(store)
    store.close()
    return workspace_path, records


def one_line(err: str) -> str:
    """The single line a failure may print on stderr; fails on tracebacks and on several lines."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err and "Something unexpected" not in err, err
    return lines[0]
