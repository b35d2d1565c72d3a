"""The write-ahead log is checked before SQLite may drop committed frames (store/wal.py), on real WAL files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connector_app.domain.records import Person
from connector_app.errors import WorkspaceDamaged
from connector_app.store import wal
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint, flip_byte, truncate

FRAME = wal.FRAME_HEADER_SIZE + 4096


def _person(n: int) -> Person:
    return Person(display_name=f"Person {n}", consent_scope="record_only", consent_on="2026-01-01",
                  about="note " * 40)


def _crashed_copy(workspace, target: Path) -> Path:
    """The workspace's files as a killed process leaves them: the log not checkpointed."""
    target.mkdir()
    for name in ("records.db", "records.db-wal", "keys.json"):
        shutil.copyfile(workspace.path / name, target / name)
    return target


@pytest.fixture(scope="module")
def uncheckpointed_template(template_workspace, tmp_path_factory) -> Path:
    """300 people committed in 30 transactions, all still in the log (made once for the module)."""
    base = tmp_path_factory.mktemp("wal")
    shutil.copytree(template_workspace[0], base / "live")
    workspace = Workspace(base / "live")
    store = workspace.unlock(PASSPHRASE)
    try:
        store.checkpoint()
        store.connection.execute("PRAGMA wal_autocheckpoint = 0")
        for batch in range(30):
            with store.atomic():
                for n in range(10):
                    store.people.add(_person(batch * 10 + n))
        return _crashed_copy(workspace, base / "crashed")
    finally:
        workspace.lock()


@pytest.fixture
def uncheckpointed(uncheckpointed_template, tmp_path) -> Path:
    shutil.copytree(uncheckpointed_template, tmp_path / "crashed")
    return tmp_path / "crashed"


def _frames(log: Path) -> int:
    return (log.stat().st_size - wal.HEADER_SIZE) // FRAME


def test_a_healthy_log_is_read_whole(uncheckpointed):
    report = wal.check_file(uncheckpointed / "records.db-wal")
    assert not report.damaged
    assert report.commits >= 30 and report.frames == _frames(uncheckpointed / "records.db-wal")
    store = Workspace(uncheckpointed).unlock(PASSPHRASE)
    try:
        assert store.people.count() == 300
    finally:
        store.close()


@pytest.mark.parametrize("where", ["page", "frame-header", "salt", "checksum", "log-header"])
def test_a_damaged_frame_before_later_commits_is_damage_not_a_torn_tail(uncheckpointed, where):
    log = uncheckpointed / "records.db-wal"
    middle = wal.HEADER_SIZE + (_frames(log) // 2) * FRAME
    offset = {"page": middle + wal.FRAME_HEADER_SIZE + 1000, "frame-header": middle + 2, "salt": middle + 9,
              "checksum": middle + 17, "log-header": 13}[where]
    flip_byte(log, offset)
    assert wal.check_file(log).damaged
    before = fingerprint(uncheckpointed)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(uncheckpointed).unlock(PASSPHRASE)
    assert "restore from a backup" in caught.value.message() and "records.db-wal.damaged-" in caught.value.message()
    after = fingerprint(uncheckpointed)
    copies = [name for name in after if name.startswith("records.db-wal.damaged-")]
    assert len(copies) == 1 and after[copies[0]] == before["records.db-wal"]  # a copy of the log is kept
    assert {k: v for k, v in after.items() if k not in copies} == before  # and nothing else changed


def test_the_cli_check_says_damaged_and_keeps_the_log(uncheckpointed, monkeypatch, capsys):
    from connector_app.cli import main
    log = uncheckpointed / "records.db-wal"
    flip_byte(log, wal.HEADER_SIZE + (_frames(log) // 2) * FRAME + 3000)
    before = fingerprint(uncheckpointed)
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    for command in (["check"], ["person", "list"], ["backup", "--out", str(uncheckpointed.parent / "b.cbackup")]):
        assert main([*command, "--workspace", str(uncheckpointed)]) == 1
        captured = capsys.readouterr()
        assert "no problems" not in captured.out.lower() and "damaged" in captured.err
    after = fingerprint(uncheckpointed)
    assert after["records.db-wal"] == before["records.db-wal"] and after["records.db"] == before["records.db"]
    assert not (uncheckpointed.parent / "b.cbackup").exists()
    assert not (uncheckpointed / "backups").exists()


def test_a_torn_last_frame_is_accepted_as_sqlite_does(uncheckpointed):
    log = uncheckpointed / "records.db-wal"
    flip_byte(log, log.stat().st_size - 100)  # inside the last frame: a write that did not finish
    assert not wal.check_file(log).damaged
    truncate(log, log.stat().st_size - 2000)  # the file ends inside a frame
    assert not wal.check_file(log).damaged
    store = Workspace(uncheckpointed).unlock(PASSPHRASE)
    try:
        assert 290 <= store.people.count() < 300  # the last transaction is lost, as it was never finished
    finally:
        store.close()


def test_frames_of_an_older_generation_after_a_restarted_log_are_not_damage(workspace, tmp_path):
    store = workspace.store
    store.connection.execute("PRAGMA wal_autocheckpoint = 0")
    with store.atomic():
        for n in range(100):
            store.people.add(_person(n))
    store.checkpoint()  # TRUNCATE: the next writer starts a new log
    with store.atomic():
        for n in range(100):
            store.people.add(_person(1000 + n))
    store.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    with store.atomic():  # restarts the log from its start with new salts; old frames stay after it
        store.people.add(_person(5000))
    copy = _crashed_copy(workspace, tmp_path / "crashed")
    assert not wal.check_file(copy / "records.db-wal").damaged
    reopened = Workspace(copy).unlock(PASSPHRASE)
    try:
        assert reopened.people.count() == 201
    finally:
        reopened.close()


def test_frames_left_by_a_rolled_back_transaction_are_not_damage(workspace, tmp_path):
    """A big transaction spills pages into the log, rolls back, then a small one overwrites its start."""
    store = workspace.store
    store.checkpoint()
    conn = store.connection
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA cache_size = 10")  # spill early
    with pytest.raises(RuntimeError):
        with store.atomic():
            for n in range(200):
                store.people.add(_person(n))
            raise RuntimeError("changed my mind")
    with store.atomic():
        store.people.add(_person(9999))
    copy = _crashed_copy(workspace, tmp_path / "crashed")
    assert _frames(copy / "records.db-wal") > 20
    assert not wal.check_file(copy / "records.db-wal").damaged
    reopened = Workspace(copy).unlock(PASSPHRASE)
    try:
        assert reopened.people.count() == 1
    finally:
        reopened.close()


def test_short_and_empty_logs_are_not_damage(tmp_path):
    assert not wal.check_bytes(b"").damaged
    assert not wal.check_bytes(b"\x37\x7f\x06\x82" + b"\0" * 10).damaged
    assert not wal.check_bytes(b"\0" * (wal.HEADER_SIZE + 3 * FRAME)).damaged
    assert not wal.check_file(tmp_path / "missing-wal").damaged
