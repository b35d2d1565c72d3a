"""`check` never cries wolf beside a writer, on a long-lived connection and on fresh ones.

A real writer process commits records (and erasures, with their checkpoints) the
whole time. The short loop runs in `make test`; the long one in `make test-long`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.cli import main
from connector_app.store.integrity import check_store
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.samples import add_everything

WRITER = Path(__file__).with_name("check_writer.py")


def _start_writer(path: Path) -> subprocess.Popen:
    env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    writer = subprocess.Popen([sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    assert writer.stdout.readline().strip() == "ready"
    for _ in range(20):  # wait for real commits, by their acknowledgements rather than by time
        assert writer.stdout.readline()
    return writer


def _loop(workspace_path: Path, rounds: int, monkeypatch, capsys) -> None:
    long_lived = Workspace(workspace_path).unlock(PASSPHRASE)
    add_everything(long_lived)
    writer = _start_writer(workspace_path)
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    try:
        for n in range(rounds):
            report = check_store(long_lived)
            assert report["problems"] == 0, (n, report)
            code = main(["check", "--workspace", str(workspace_path)])  # a fresh connection each time
            captured = capsys.readouterr()
            assert code == 0 and "PROBLEMS" not in captured.out, (n, captured)
            writer.stdout.readline()  # the writer is still committing
            assert writer.poll() is None
    finally:
        writer.kill()
        writer.wait()
        long_lived.close()


def test_check_beside_a_writer_finds_no_damage(workspace_path, monkeypatch, capsys):
    _loop(workspace_path, 4, monkeypatch, capsys)


@pytest.mark.long
def test_check_beside_a_writer_finds_no_damage_long(workspace_path, monkeypatch, capsys):
    _loop(workspace_path, 150, monkeypatch, capsys)
