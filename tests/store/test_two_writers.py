"""The desktop and the CLI may write one workspace at once: one clock, no gaps, clear busy message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.domain.records import Person
from connector_app.errors import WorkspaceBusy
from connector_app.store.database import connect
from connector_app.store.keyslots import PASSPHRASE as SLOT, KeyFile
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE

HELPER = Path(__file__).with_name("two_writers_helper.py")


def _env():
    return {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
            "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}


def _reader(workspace_path):
    key = KeyFile.load(workspace_path / "keys.json").open_slot(SLOT, PASSPHRASE)
    return connect(workspace_path / "records.db", key)


def test_two_processes_share_one_clock_and_commit_in_sequence_order(workspace_path):
    per_writer = int(os.environ.get("CONNECTOR_TWO_WRITERS", "60"))
    writers = [subprocess.Popen([sys.executable, str(HELPER), str(workspace_path), str(per_writer), tag],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=_env()) for tag in ("desktop", "cli")]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    reader = _reader(workspace_path)
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    snapshots = 0
    try:
        while any(w.poll() is None for w in writers):
            # What any exporter would see at any moment: a gap-free prefix of sequence numbers,
            # so "everything after what the receiver holds" never skips a change committed later.
            seen = [row[0] for row in reader.execute("SELECT dseq FROM change ORDER BY dseq")]
            assert seen == list(range(1, len(seen) + 1))
            snapshots += 1
        for writer in writers:
            assert writer.wait() == 0, writer.stderr.read()
            writer.stdout.close(), writer.stderr.close(), writer.stdin.close()
        rows = reader.execute("SELECT seq, dseq, hlc FROM change ORDER BY seq").fetchall()
    finally:
        reader.close()
    assert snapshots > 1
    assert [r[1] for r in rows] == list(range(1, len(rows) + 1))  # commit order is sequence order
    assert [r[2] for r in rows] == sorted(r[2] for r in rows) and len({r[2] for r in rows}) == len(rows)
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    try:
        assert store.people.count() == 2 * (per_writer + (per_writer // 5) * 2)
        assert store.changes.known_ranges() == {store.device_id: [(1, len(rows))]}
    finally:
        store.close()


def test_a_busy_workspace_says_so_and_unlocking_does_not_wait(workspace_path):
    holder = _reader(workspace_path)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of saving
    try:
        store = Workspace(workspace_path, kdf=FAST_KDF).unlock(PASSPHRASE)  # no write lock needed
        store.connection.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(WorkspaceBusy) as caught:
            store.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-01"))
        assert "busy" in caught.value.message() and "nothing was changed" in caught.value.message()
        assert store.people.count() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-01"))
    store.close()
