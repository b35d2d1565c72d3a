"""Nothing writes into a damaged workspace: every file's SHA-256 is the same before and after.

Each command runs in-process (cli.main) against a real workspace with real damage:
bit flips at several offsets, truncation, a damaged log. It must say damaged in one
line, exit 1, make no backup, and change no byte of any file.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from connector_app.cli import main
from connector_app.errors import WorkspaceDamaged
from connector_app.store import database
from connector_app.store.backup import daily_backup
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint, flip_byte, truncate
from tests.samples import add_everything

PAGE = 4096


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory, template_workspace) -> Path:
    """A workspace of some 60 pages, cleanly closed (no log), made once for the module."""
    import shutil
    path = tmp_path_factory.mktemp("filled") / "workspace"
    shutil.copytree(template_workspace[0], path)
    store = Workspace(path).unlock(PASSPHRASE)
    for n in range(20):
        add_everything(store, text=f"Text number {n} " * 20, name=f"Person {n}")
    store.close()
    assert not (path / "records.db-wal").exists()
    return path


@pytest.fixture
def filled(filled_template, tmp_path) -> Path:
    import shutil
    target = tmp_path / "ws"
    shutil.copytree(filled_template, target)
    return target


def _damage(path: Path, how: str) -> None:
    db = path / "records.db"
    size = db.stat().st_size
    assert size >= 20 * PAGE
    if how == "page-1":
        flip_byte(db, 200)
    elif how == "page-2":
        flip_byte(db, PAGE + 100)
    elif how == "middle":
        # A few pages around the middle: which table sits exactly there moves whenever the schema
        # gains a table, and one page alone may belong to a table the command never reads.
        for page in range(size // PAGE // 2 - 2, size // PAGE // 2 + 3):
            flip_byte(db, page * PAGE + 1234)
    elif how == "last-page":
        flip_byte(db, size - 300)
    elif how == "truncate-odd":
        truncate(db, size - 1000)
    elif how == "truncate-pages":
        truncate(db, (size // PAGE // 2) * PAGE)
    else:
        raise AssertionError(how)


CASES = ["page-1", "page-2", "middle", "last-page", "truncate-odd", "truncate-pages"]
COMMANDS = [["person", "list"], ["check"], ["check", "--json"], ["backup", "--out", "{out}"],
            ["demo", "--people", "3", "--months", "1"]]


@pytest.mark.parametrize("how", CASES)
def test_every_command_says_damaged_and_changes_no_byte(filled, how, monkeypatch, capsys, tmp_path):
    _damage(filled, how)
    before = fingerprint(filled)
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "backup.cbackup"
    for command in COMMANDS:
        argv = [part.format(out=out) for part in command] + ["--workspace", str(filled)]
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 1, (argv, captured)
        if "--json" not in command:
            lines = captured.err.strip().splitlines()
            assert len(lines) == 1 and "damaged; restore from a backup" in lines[0], (argv, captured.err)
            assert "unexpected" not in captured.err.lower()
        assert fingerprint(filled) == before, argv
    assert not out.exists() and not list(tmp_path.glob(".backup.cbackup*"))
    assert not (filled / "backups").exists()


@pytest.mark.parametrize("how", ["page-2", "middle", "last-page"])
def test_damage_a_large_file_meets_on_reading_says_damaged_not_something_unexpected(filled, how, monkeypatch,
                                                                                  capsys):
    monkeypatch.setattr(database, "DEEP_PROBE_BYTES", 0)  # unlock reads only what it needs
    _damage(filled, how)
    db_before = (filled / "records.db").read_bytes()
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    for command in (["person", "list"], ["person", "list", "--search", "Text"], ["check"]):
        code = main([*command, "--workspace", str(filled)])
        captured = capsys.readouterr()
        said = (captured.out + captured.err).lower()
        assert code == 1 and "damaged" in said and "unexpected" not in said, (command, captured)
        assert (filled / "records.db").read_bytes() == db_before


@pytest.fixture
def large_file_mode(monkeypatch):
    """As for a workspace too large to authenticate every page at unlock."""
    monkeypatch.setattr(database, "DEEP_PROBE_BYTES", 0)


def test_damage_unlock_cannot_see_stops_the_daily_backup_and_every_write(filled, large_file_mode, monkeypatch,
                                                                         capsys):
    """Damage in a page unlock does not read: found by the day's backup, which then makes nothing."""
    _damage(filled, "middle")
    db_before = (filled / "records.db").read_bytes()
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    code = main(["person", "list", "--workspace", str(filled)])
    captured = capsys.readouterr()
    assert code == 1 and "damaged" in captured.err
    assert (filled / "records.db").read_bytes() == db_before  # no checkpoint of the unlock's audit row
    assert not list((filled / "backups").glob("*.cbackup"))


def test_a_damaged_workspace_never_rotates_good_backups_out(filled, large_file_mode):
    ws = Workspace(filled)
    ws.unlock(PASSPHRASE)
    start = date(2026, 1, 1)
    for n in range(7):
        ws.daily_backup(today=start + timedelta(days=n))
    ws.lock()
    good = fingerprint(filled / "backups")
    assert len(good) == 7
    _damage(filled, "middle")
    for n in range(7, 10):
        with pytest.raises(WorkspaceDamaged):  # found on opening, or by the backup's full read
            try:
                ws.unlock(PASSPHRASE)
                ws.daily_backup(today=start + timedelta(days=n))
            finally:
                ws.lock()
    assert fingerprint(filled / "backups") == good


def test_the_daily_backup_job_runs_on_its_own_connection_in_a_thread(filled):
    import threading
    ws = Workspace(filled)
    store = ws.unlock(PASSPHRASE)
    try:
        job = ws.daily_backup_job(today=date(2026, 5, 1))
        result = {}
        worker = threading.Thread(target=lambda: result.update(made=job()))
        worker.start()
        add_everything(store, name="Written while the backup runs")  # the store stays usable
        worker.join()
    finally:
        ws.lock()
    assert result["made"].name == "daily-2026-05-01.cbackup"
    restored = Workspace.restore(result["made"], filled.parent / "restored", passphrase=PASSPHRASE)
    store = restored.unlock(PASSPHRASE)
    try:
        assert store.people.count() in (40, 42)  # a consistent snapshot: before or after the other write
    finally:
        store.close()


def test_daily_backup_in_a_separate_function_writes_nothing_into_the_workspace_on_damage(filled, tmp_path):
    from connector_app.store.keyslots import PASSPHRASE as SLOT, KeyFile
    key = KeyFile.load(filled / "keys.json").open_slot(SLOT, PASSPHRASE)
    _damage(filled, "middle")
    before = fingerprint(filled)
    with pytest.raises(WorkspaceDamaged):
        daily_backup(filled / "records.db", key, filled / "keys.json", tmp_path / "backups", date(2026, 1, 1))
    after = fingerprint(filled)  # a reader may add SQLite's empty log and index beside it; it changes no file
    assert {name: after[name] for name in before} == before
    assert not list((tmp_path / "backups").iterdir())


def test_a_write_into_a_large_damaged_file_is_never_checkpointed_into_it(filled, large_file_mode, monkeypatch,
                                                                        capsys):
    """Damage no read met (a file too large to authenticate at unlock): the file is checked before a checkpoint."""
    _damage(filled, "middle")
    db_before = (filled / "records.db").read_bytes()
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    main(["demo", "--people", "3", "--months", "1", "--workspace", str(filled)])  # writes, then closes
    capsys.readouterr()
    assert (filled / "records.db").read_bytes() == db_before  # what it wrote, if anything, waits in the log
    code = main(["check", "--workspace", str(filled)])
    captured = capsys.readouterr()
    assert code == 1 and "damaged" in captured.out + captured.err  # said by check, or already by unlocking
    assert (filled / "records.db").read_bytes() == db_before
