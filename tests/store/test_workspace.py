"""Creating, unlocking and locking a workspace, and every way it can go wrong."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from connector_app.errors import (
    WeakPassphrase, WorkspaceDamaged, WorkspaceExists, WorkspaceLocked, WorkspaceMissing, WorkspaceTooNew,
    WrongPassphrase, WrongRecoveryCode,
)
from connector_app.domain.records import Person
from connector_app.passphrase import UnlockThrottle, assess
from connector_app.store.database import connect
from connector_app.store.keyslots import PASSPHRASE, KdfParams, KeyFile, normalise_recovery_code
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE as GOOD
from tests.helpers import fingerprint, flip_byte, truncate
from tests.samples import add_everything

NEW = "orange kettle whispers under moonlight"


def _db_key(path):
    return KeyFile.load(path / "keys.json").open_slot(PASSPHRASE, GOOD)


def test_create_unlock_lock_and_reopen(tmp_path):
    workspace, code = Workspace.create(tmp_path / "ws", GOOD, kdf=FAST_KDF)
    assert code and len(normalise_recovery_code(code).replace("-", "")) == 25
    add_everything(workspace.store)
    workspace.lock()
    assert not workspace.is_unlocked
    with pytest.raises(WorkspaceLocked):
        workspace.backup(tmp_path / "b.cbackup")
    store = Workspace(tmp_path / "ws").unlock(GOOD)
    assert store.people.count() == 2
    store.close()
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "ws").iterdir() if p.is_file()}
    assert all(mode == 0o600 for mode in modes.values()), modes


def test_shipped_key_derivation_is_argon2id_with_stored_parameters(tmp_path):
    workspace, _code = Workspace.create(tmp_path / "ws", GOOD)
    workspace.lock()
    slots = {s["kind"]: s for s in json.loads((tmp_path / "ws" / "keys.json").read_text())["slots"]}
    assert slots["passphrase"]["kdf"] == {"name": "argon2id", "time_cost": 3, "memory_kib": 262144,
                                          "parallelism": 2}
    assert "recovery" in slots
    Workspace(tmp_path / "ws").unlock(GOOD).close()


def test_create_refuses_an_existing_folder_and_a_weak_passphrase(tmp_path, workspace_path):
    with pytest.raises(WorkspaceExists):
        Workspace.create(workspace_path, GOOD, kdf=FAST_KDF)
    with pytest.raises(WeakPassphrase) as caught:
        Workspace.create(tmp_path / "new", "password123", kdf=FAST_KDF)
    assert "too easy to guess" in caught.value.message() or "characters" in caught.value.message()
    assert not (tmp_path / "new").exists()
    assert not list(tmp_path.glob(".new.creating-*"))


def test_passphrase_rules_prefer_length_and_reject_common_passwords():
    assert not assess("short").acceptable
    assert "at least 10 characters" in assess("short").feedback[0]
    common = assess("password1234")
    assert not common.acceptable and any("common" in line for line in common.feedback)
    assert not assess("aaaaaaaaaaaaaaaa").acceptable
    assert assess("violet tractor remembers").acceptable  # no digits or symbols needed


def test_wrong_passphrase_says_so_and_changes_nothing(workspace_path):
    before = fingerprint(workspace_path)
    with pytest.raises(WrongPassphrase) as caught:
        Workspace(workspace_path).unlock("not the passphrase at all")
    assert caught.value.message() == "That passphrase does not open this workspace."
    assert fingerprint(workspace_path) == before


def test_repeated_failures_back_off():
    now = [100.0]
    throttle = UnlockThrottle(clock=lambda: now[0])
    assert [throttle.failed() for _ in range(2)] == [0.0, 0.0]
    assert throttle.failed() == 2.0 and throttle.failed() == 4.0
    now[0] += 4.0
    assert throttle.wait_seconds() == 0.0
    assert max(throttle.failed() for _ in range(20)) == UnlockThrottle.MAX_WAIT
    throttle.succeeded()
    assert throttle.wait_seconds() == 0.0 and throttle.failures == 0


def test_plain_sqlite_cannot_read_the_database(workspace_path):
    conn = sqlite3.connect(workspace_path / "records.db")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


@pytest.mark.parametrize("damage", ["truncate-db", "flip-first-page", "empty-db", "missing-db"])
def test_damaged_database_is_reported_and_left_alone(workspace_path, damage):
    db = workspace_path / "records.db"
    if damage == "truncate-db":
        truncate(db, 1000)
    elif damage == "flip-first-page":
        flip_byte(db, 100)
    elif damage == "empty-db":
        truncate(db, 0)
    else:
        db.unlink()
    before = fingerprint(workspace_path)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(GOOD)
    assert "restore from a backup" in caught.value.message()
    assert fingerprint(workspace_path) == before


def _deep_damage(workspace) -> Path:
    for _ in range(5):
        add_everything(workspace.store, text="x" * 300)
    workspace.store.checkpoint()
    path = workspace.path
    workspace.lock()
    flip_byte(path / "records.db", (path / "records.db").stat().st_size - 2000)  # inside the last page
    return path


def test_damage_deep_in_a_small_file_is_found_on_unlock_and_nothing_is_written(workspace):
    path = _deep_damage(workspace)
    before = fingerprint(path)
    with pytest.raises(WorkspaceDamaged):
        Workspace(path).unlock(GOOD)
    assert fingerprint(path) == before


def test_damage_deep_in_a_large_file_is_found_by_check_and_stops_all_writing(workspace, monkeypatch):
    from connector_app.store import database
    from connector_app.store.integrity import check_store
    monkeypatch.setattr(database, "DEEP_PROBE_BYTES", 0)  # as for a file too large to read whole at unlock
    path = _deep_damage(workspace)
    db_before = (path / "records.db").read_bytes()
    store = Workspace(path).unlock(GOOD)
    try:
        report = check_store(store)
        assert not report["cipher_ok"] and report["problems"] > 0
        with pytest.raises(WorkspaceDamaged):  # nothing more is written once damage is known
            store.people.add(Person(display_name="After", consent_scope="record_only", consent_on="2026-01-01"))
    finally:
        store.close()
    # The unlock's audit row went to the log; closing did not checkpoint it into the damaged file.
    assert (path / "records.db").read_bytes() == db_before


@pytest.mark.parametrize("damage", ["truncate", "edit-salt", "not-json", "missing", "other-workspace"])
def test_damaged_key_file_is_told_apart_from_a_wrong_passphrase(workspace_path, tmp_path, damage):
    keys = workspace_path / "keys.json"
    if damage == "truncate":
        truncate(keys, keys.stat().st_size // 2)
    elif damage == "edit-salt":
        text = keys.read_text()
        salt = json.loads(text)["slots"][0]["salt"]
        keys.write_text(text.replace(salt, ("B" if salt[0] != "B" else "C") + salt[1:]))
    elif damage == "not-json":
        keys.write_bytes(b"\x00\xff garbage")
    elif damage == "missing":
        keys.unlink()
    else:
        other, _code = Workspace.create(tmp_path / "other", GOOD, kdf=FAST_KDF)
        other.lock()
        keys.write_bytes((tmp_path / "other" / "keys.json").read_bytes())
    before = fingerprint(workspace_path)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(GOOD)
    assert "damaged" in caught.value.message()
    assert fingerprint(workspace_path) == before


def test_no_workspace_gives_a_plain_message(tmp_path):
    with pytest.raises(WorkspaceMissing) as caught:
        Workspace(tmp_path / "nothing-here").unlock(GOOD)
    assert "There is no workspace at" in caught.value.message()


def test_a_database_from_a_newer_app_is_refused_untouched(workspace_path):
    conn = connect(workspace_path / "records.db", _db_key(workspace_path))
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    conn.close()
    before = fingerprint(workspace_path)
    with pytest.raises(WorkspaceTooNew) as caught:
        Workspace(workspace_path).unlock(GOOD)
    assert "newer version" in caught.value.message()
    assert fingerprint(workspace_path) == before


def test_changing_the_passphrase_rewraps_the_key_and_leaves_records_alone(workspace_path):
    db_before = fingerprint(workspace_path)["records.db"]
    with pytest.raises(WrongPassphrase):
        Workspace(workspace_path).change_passphrase("wrong wrong wrong wrong", NEW)
    with pytest.raises(WeakPassphrase):
        Workspace(workspace_path).change_passphrase(GOOD, "qwerty")
    Workspace(workspace_path).change_passphrase(GOOD, NEW)
    assert fingerprint(workspace_path)["records.db"] == db_before
    assert not [p for p in workspace_path.iterdir() if ".tmp." in p.name]
    with pytest.raises(WrongPassphrase):
        Workspace(workspace_path).unlock(GOOD)
    Workspace(workspace_path).unlock(NEW).close()


def test_recovery_code_opens_and_resets_the_passphrase(workspace_path, recovery_code):
    typed = recovery_code.lower().replace("-", " ")
    Workspace(workspace_path).unlock_with_recovery_code(typed).close()
    with pytest.raises(WrongRecoveryCode):
        Workspace(workspace_path).unlock_with_recovery_code("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    Workspace(workspace_path).reset_passphrase_with_recovery_code(recovery_code, NEW)
    store = Workspace(workspace_path).unlock(NEW)
    store.close()  # unlocking is written with the next write, or at lock: it never waits for the write lock
    store = Workspace(workspace_path).unlock(NEW)
    assert [e.action for e in store.audit.recent(5)][0] == "unlock"
    store.close()


def test_a_new_recovery_code_replaces_the_old_one(workspace, recovery_code):
    fresh = workspace.new_recovery_code()
    workspace.lock()
    with pytest.raises(WrongRecoveryCode):
        Workspace(workspace.path).unlock_with_recovery_code(recovery_code)
    Workspace(workspace.path).unlock_with_recovery_code(fresh).close()


def test_default_kdf_parameters_are_recorded_for_the_benchmark():
    assert KdfParams() == KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=2)
