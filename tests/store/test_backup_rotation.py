"""Backups are verified, bounded in size, pruned when old, and a killed one leaves nothing for long."""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import date

import pytest

from connector_app.errors import BackupInvalid
from connector_app.store.backup import automatic_backups, prune, read_manifest, total_size
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte
from tests.samples import add_everything


def _fake(folder, name, size=1000):
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(os.urandom(size))
    return folder / name


def test_prune_keeps_seven_days_and_ages_out_backups_made_before_an_upgrade(tmp_path):
    folder = tmp_path / "backups"
    for day in range(1, 11):
        _fake(folder, f"daily-2026-03-{day:02d}.cbackup")
    _fake(folder, "before-upgrade-from-v2-2026-02-01.cbackup")
    _fake(folder, "before-upgrade-from-v3-2026-03-08.cbackup")
    _fake(folder, "my-own-copy.cbackup")  # not ours to prune
    prune(folder, date(2026, 3, 10))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"daily-2026-03-{day:02d}.cbackup" for day in range(4, 11)]
                           + ["before-upgrade-from-v3-2026-03-08.cbackup", "my-own-copy.cbackup"])


def test_prune_holds_the_total_under_the_cap_but_keeps_the_newest(tmp_path):
    folder = tmp_path / "backups"
    for day in range(1, 6):
        _fake(folder, f"daily-2026-03-{day:02d}.cbackup", size=10_000)
    prune(folder, date(2026, 3, 5), max_bytes=25_000)
    assert [p.name for p in automatic_backups(folder)] == ["daily-2026-03-04.cbackup", "daily-2026-03-05.cbackup"]
    prune(folder, date(2026, 3, 5), max_bytes=1)
    assert [p.name for p in automatic_backups(folder)] == ["daily-2026-03-05.cbackup"]
    assert total_size(folder) == 10_000


def test_a_killed_backups_temp_files_are_removed_on_the_next_start(workspace_path):
    folder = workspace_path / "backups"
    dead = _fake(folder, ".daily-2026-03-01.cbackup.records.999999999")
    dead_journal = _fake(folder, ".daily-2026-03-01.cbackup.records.999999999-journal")
    old_zip = _fake(folder, ".daily-2026-03-01.cbackup.tmp.3fa9c2d1")
    old_zip_pid = _fake(folder, ".daily-2026-03-01.cbackup.tmp.999999999")
    for path in (old_zip, old_zip_pid):
        os.utime(path, (path.stat().st_mtime - 7200,) * 2)  # untouched for two hours
    alive = _fake(folder, f".daily-2026-03-02.cbackup.records.{os.getppid()}")  # a live process's snapshot
    fresh_zip = _fake(folder, ".daily-2026-03-02.cbackup.tmp.77aa00ff")  # being written right now
    foreign = _fake(folder, ".someone-elses-file")
    Workspace(workspace_path).unlock(PASSPHRASE).close()
    assert not any(p.exists() for p in (dead, dead_journal, old_zip, old_zip_pid))
    assert alive.exists() and fresh_zip.exists() and foreign.exists()


def test_a_backup_is_compact_and_verified(workspace, tmp_path):
    for n in range(10):
        add_everything(workspace.store, text="y" * 300, name=f"P{n}")
    out = workspace.backup(tmp_path / "b.cbackup")
    manifest = read_manifest(out)
    with zipfile.ZipFile(out) as archive:
        inner = archive.getinfo("records.db").file_size
    assert manifest["schema_version"] > 0 and inner % 4096 == 0
    assert oct((tmp_path / "b.cbackup").stat().st_mode & 0o777) == "0o600"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp copy left


def test_restore_checks_the_restored_records_before_saying_restored(workspace, tmp_path):
    import hashlib
    import json
    out = workspace.backup(tmp_path / "b.cbackup")
    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    damaged = bytearray(members["records.db"])
    damaged[len(damaged) // 2 + 77] ^= 0x40
    manifest = json.loads(members["manifest.json"])
    manifest["sha256"]["records.db"] = hashlib.sha256(bytes(damaged)).hexdigest()  # sums that match the damage
    forged = tmp_path / "forged.cbackup"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("keys.json", members["keys.json"])
        archive.writestr("records.db", bytes(damaged))
    with pytest.raises(BackupInvalid) as caught:
        Workspace.restore(forged, tmp_path / "target", passphrase=PASSPHRASE)
    assert "damaged" in caught.value.message()
    assert not (tmp_path / "target").exists() and not list(tmp_path.glob(".target.*"))


def test_a_daily_backup_that_would_nearly_fill_the_disk_is_not_made(workspace, monkeypatch):
    from connector_app.errors import DiskFull
    from connector_app.store import backup
    start = date(2026, 3, 1)
    workspace.daily_backup(today=start)
    kept = sorted(p.name for p in workspace.backup_dir.iterdir())
    monkeypatch.setattr(backup, "FREE_RESERVE_BYTES", shutil.disk_usage(workspace.backup_dir).free + 1)
    with pytest.raises(DiskFull):
        workspace.daily_backup(today=date(2026, 3, 20))
    assert sorted(p.name for p in workspace.backup_dir.iterdir()) == kept  # nothing made, nothing pruned


def test_backups_dated_in_the_future_never_push_out_todays(tmp_path):
    """Found by an attacker run: seven backups dated 2027 (a clock once wrong) deleted today's at once."""
    from datetime import date
    from connector_app.store.backup import prune
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 8):
        (folder / f"daily-2027-01-0{day}.cbackup").write_bytes(b"x")
    (folder / "daily-2026-11-24.cbackup").write_bytes(b"x")
    prune(folder, date(2026, 11, 24), keep=7)
    assert (folder / "daily-2026-11-24.cbackup").exists()


def test_backups_are_listed_newest_first_with_their_kind_and_size(tmp_path):
    import os
    from datetime import datetime

    from connector_app.store.backup import list_backups, manual_backup_path
    folder = tmp_path / "backups"
    folder.mkdir()
    daily = folder / "daily-2026-03-01.cbackup"
    upgrade = folder / "before-upgrade-from-v3-2026-03-02.cbackup"
    made_now = manual_backup_path(folder, datetime(2026, 3, 3, 9, 15, 0))
    for age, path in enumerate((made_now, upgrade, daily)):
        path.write_bytes(b"x" * (10 + age))
        os.utime(path, (1_800_000_000 - age * 3600,) * 2)
    (folder / ".daily-2026-03-04.cbackup.tmp.1a2b").write_bytes(b"temp")  # a writer's temp file: not a backup
    (folder / "notes.txt").write_bytes(b"other")
    listed = list_backups(folder)
    assert [(b.path.name, b.kind, b.size) for b in listed] == [
        ("manual-2026-03-03-091500.cbackup", "manual", 10),
        (upgrade.name, "before_upgrade", 11),
        (daily.name, "daily", 12),
    ]
    assert manual_backup_path(folder, datetime(2026, 3, 3, 9, 15, 0)).name == "manual-2026-03-03-091500-2.cbackup"
    assert list_backups(tmp_path / "none") == []
