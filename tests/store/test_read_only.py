"""A healthy workspace on a read-only disk is read only, not damaged: reading commands work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint
from tests.samples import add_everything

RUNNER = Path(__file__).with_name("read_only_runner.py")


def _can_bind_read_only() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c",
                            "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp /tmp"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _can_bind_read_only(),
                                reason="needs Linux user and mount namespaces for a read-only bind mount")


def _run_read_only(workspace: Path, outdir: Path) -> dict:
    env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    script = (f"mount --bind {workspace} {workspace} && mount -o remount,ro,bind {workspace} {workspace} && "
              f"exec {sys.executable} {RUNNER} {workspace} {outdir}")
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def filled(workspace_path) -> Path:
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    add_everything(store)
    store.close()
    return workspace_path


def _assert_read_only_behaviour(report: dict) -> None:
    assert report["list"]["code"] == 0 and "Amira Hassan" in report["list"]["out"], report["list"]
    check = json.loads(report["check"]["out"])
    assert report["check"]["code"] == 0 and check["problems"] == 0, report["check"]
    assert report["backup"]["code"] == 0, report["backup"]
    # demo never adds to a workspace holding records: refused before it would write (exit 2)
    assert report["demo"]["code"] == 2 and "already holds records" in report["demo"]["err"], report["demo"]
    assert report["team"]["code"] == 1 and "read-only" in report["team"]["err"], report["team"]
    for name in ("list", "check", "backup", "demo", "team"):
        assert "damaged" not in report[name]["err"] and "unexpected" not in report[name]["err"].lower()


def test_a_cleanly_closed_workspace_on_a_read_only_mount(filled, tmp_path):
    before = fingerprint(filled)
    report = _run_read_only(filled, tmp_path)
    _assert_read_only_behaviour(report)
    assert fingerprint(filled) == before
    assert Workspace.restore(tmp_path / "ro.cbackup", tmp_path / "restored", passphrase=PASSPHRASE)


def test_a_workspace_with_a_log_on_a_read_only_mount(filled, tmp_path):
    """As a laptop left it when the app was killed: records still in the log, its index beside it."""
    store = Workspace(filled).unlock(PASSPHRASE)
    store.connection.execute("PRAGMA wal_autocheckpoint = 0")
    add_everything(store, name="Only in the log")
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("records.db", "records.db-wal", "records.db-shm", "keys.json"):
        shutil.copyfile(filled / name, copy / name)
    store.close()
    before = fingerprint(copy)
    report = _run_read_only(copy, tmp_path)
    _assert_read_only_behaviour(report)
    assert "Only in the log" in report["list"]["out"]
    assert fingerprint(copy) == before


def test_a_log_without_its_index_on_a_read_only_mount_is_read_only_not_damaged(filled, tmp_path):
    store = Workspace(filled).unlock(PASSPHRASE)
    store.connection.execute("PRAGMA wal_autocheckpoint = 0")
    add_everything(store, name="Only in the log")
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("records.db", "records.db-wal", "keys.json"):
        shutil.copyfile(filled / name, copy / name)
    store.close()
    before = fingerprint(copy)
    report = _run_read_only(copy, tmp_path)
    for name in ("list", "check", "demo"):
        assert report[name]["code"] == 1 and "read-only" in report[name]["err"], report[name]
        assert "damaged" not in report[name]["err"]
    assert fingerprint(copy) == before
