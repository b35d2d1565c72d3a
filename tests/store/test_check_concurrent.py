"""`check` never cries wolf beside a writer, on a long-lived connection and on fresh ones.

A real writer process commits records (and erasures, with their checkpoints) the
whole time. The short loop runs in `make test`; the long one in `make test-long`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from connector_app.cli import main
from connector_app.store.integrity import check_store
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.samples import add_everything

WRITER = Path(__file__).with_name("check_writer.py")


class _Writer:
    """The writer process, its acknowledgements read on a thread so it never blocks on a full pipe."""

    def __init__(self, path: Path):
        env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
               "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen([sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, env=env)
        assert self.process.stdout.readline().strip() == "ready"
        self.commits = 0
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for _line in self.process.stdout:
            with self._changed:
                self.commits += 1
                self._changed.notify_all()

    def wait_for_commits(self, more: int) -> None:
        """Block until the writer acknowledges ``more`` further commits (or dies)."""
        with self._changed:
            target = self.commits + more
            while self.commits < target and self.process.poll() is None:
                self._changed.wait(1)
        assert self.process.poll() is None, "the writer stopped"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def _loop(workspace_path: Path, rounds: int, monkeypatch, capsys) -> None:
    long_lived = Workspace(workspace_path).unlock(PASSPHRASE)
    add_everything(long_lived)
    writer = _Writer(workspace_path)
    writer.wait_for_commits(20)
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    try:
        for n in range(rounds):
            report = check_store(long_lived)
            assert report["problems"] == 0, (n, report)
            code = main(["check", "--workspace", str(workspace_path)])  # a fresh connection each time
            captured = capsys.readouterr()
            assert code == 0 and "PROBLEMS" not in captured.out, (n, captured)
            writer.wait_for_commits(3)  # it is still committing beside the checks
    finally:
        writer.stop()
        long_lived.close()


def test_check_beside_a_writer_finds_no_damage(workspace_path, monkeypatch, capsys):
    _loop(workspace_path, 4, monkeypatch, capsys)


@pytest.mark.long
def test_check_beside_a_writer_finds_no_damage_long(workspace_path, monkeypatch, capsys):
    _loop(workspace_path, 100, monkeypatch, capsys)
