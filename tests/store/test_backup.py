"""Backups: consistent while working, checked before use, restored to the same content."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta

import pytest

from connector_app.errors import BackupInvalid, WorkspaceExists, WrongPassphrase
from connector_app.store.backup import write_backup
from connector_app.store.digest import content_digest
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte
from tests.samples import add_everything


def test_backup_then_restore_gives_the_same_content_digest(workspace, tmp_path, recovery_code):
    add_everything(workspace.store)
    digest = content_digest(workspace.store)
    backup = workspace.backup(tmp_path / "weekly.cbackup")
    add_everything(workspace.store, name="Written after the backup")
    restored = Workspace.restore(backup, tmp_path / "restored", passphrase=PASSPHRASE)
    store = restored.unlock(PASSPHRASE)
    try:
        assert content_digest(store) == digest
        assert store.device_id != workspace.store.device_id  # a restored copy never writes as the original
        assert "restore" in [entry.action for entry in store.audit.recent(5)]
    finally:
        store.close()
    again = Workspace.restore(backup, tmp_path / "by-code", recovery_code=recovery_code)
    store = again.unlock_with_recovery_code(recovery_code)
    assert content_digest(store) == digest
    store.close()


def test_backup_is_consistent_while_another_connection_is_writing(workspace, tmp_path):
    add_everything(workspace.store)
    committed = content_digest(workspace.store)
    other = Workspace(workspace.path).unlock(PASSPHRASE)
    try:
        with other.atomic():
            add_everything(other, name="Not yet committed")
            # The snapshot itself (Workspace.backup would then wait to write its audit entry).
            write_backup(workspace.store, workspace._key, workspace.keys_path, tmp_path / "during.cbackup")
    finally:
        other.close()
    store = Workspace.restore(tmp_path / "during.cbackup", tmp_path / "r", passphrase=PASSPHRASE).unlock(PASSPHRASE)
    assert content_digest(store) == committed
    store.close()


def test_restore_with_the_wrong_passphrase_leaves_nothing_behind(workspace, tmp_path):
    backup = workspace.backup(tmp_path / "b.cbackup")
    with pytest.raises(WrongPassphrase):
        Workspace.restore(backup, tmp_path / "target", passphrase="not it at all, sorry")
    assert not (tmp_path / "target").exists()
    assert not list(tmp_path.glob(".target.*"))


def test_restore_never_writes_over_an_existing_workspace(workspace, workspace_path, tmp_path):
    backup = workspace.backup(tmp_path / "b.cbackup")
    with pytest.raises(WorkspaceExists):
        Workspace.restore(backup, workspace_path, passphrase=PASSPHRASE)


@pytest.mark.parametrize("damage", ["flip", "truncate", "not-a-zip", "missing"])
def test_a_damaged_backup_is_refused_before_anything_is_written(workspace, tmp_path, damage):
    backup = workspace.backup(tmp_path / "b.cbackup")
    if damage == "flip":
        with zipfile.ZipFile(backup) as archive:
            offset = archive.getinfo("records.db").header_offset + 200
        flip_byte(backup, offset)
    elif damage == "truncate":
        backup.write_bytes(backup.read_bytes()[:5000])
    elif damage == "not-a-zip":
        backup.write_bytes(b"hello")
    else:
        backup.unlink()
    with pytest.raises(BackupInvalid) as caught:
        Workspace.restore(backup, tmp_path / "target", passphrase=PASSPHRASE)
    assert "cannot be used" in caught.value.message()
    assert not (tmp_path / "target").exists()


def test_daily_backups_roll_keeping_the_last_seven_days(workspace):
    start = date(2026, 1, 1)
    made = [workspace.daily_backup(today=start + timedelta(days=n)) for n in range(10)]
    assert all(made)
    assert workspace.daily_backup(today=start + timedelta(days=9)) is None  # once a day
    names = sorted(p.name for p in workspace.backup_dir.glob("daily-*.cbackup"))
    assert names == [f"daily-{(start + timedelta(days=n)).isoformat()}.cbackup" for n in range(3, 10)]


def test_unlocking_from_the_cli_makes_the_days_backup(workspace_path, monkeypatch):
    from connector_app.cli import main
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    assert main(["person", "list", "--workspace", str(workspace_path)]) == 0
    assert len(list((workspace_path / "backups").glob("daily-*.cbackup"))) == 1
