"""Known marker strings never appear in any byte of the workspace folder or the logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from connector_app.logs import setup_logging
from connector_app.store.subject_access import erase_person
from connector_app.store.workspace import Workspace
from tests.conftest import MARKERS, PASSPHRASE
from tests.helpers import all_bytes
from tests.samples import add_everything

SECRETS = [m.encode("utf-8") for m in MARKERS.values()] + [PASSPHRASE.encode("utf-8")]


def _leaks(blob: bytes, extra: list[bytes] = ()) -> list[bytes]:
    return [s for s in [*SECRETS, *extra] if s in blob]


def test_no_marker_in_the_workspace_while_open_and_after_lock(workspace, tmp_path):
    log_path = setup_logging(logging.DEBUG)
    for text in MARKERS.values():
        add_everything(workspace.store, text=text, name=text[:60])
    key = workspace._key
    # While unlocked: records.db, the WAL and the shared-memory file are all on disk.
    names = {p.name for p in workspace.path.iterdir()}
    assert "records.db-wal" in names
    assert _leaks(all_bytes(workspace.path), [key, key.hex().encode()]) == []
    workspace.backup(tmp_path / "copy.cbackup")
    workspace.daily_backup()
    workspace.lock()
    assert _leaks(all_bytes(workspace.path), [key, key.hex().encode()]) == []
    assert _leaks((tmp_path / "copy.cbackup").read_bytes()) == []
    assert _leaks(all_bytes(log_path.parent)) == []


def _decrypted_pages(store, path, key: bytes) -> bytes:
    """Every page of the file decrypted by hand, free pages included (SQLCipher 4 layout:
    AES-256-CBC per page with a raw key, 80 reserved bytes at the end: IV then HMAC)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    data = path.read_bytes()
    page_size, reserve = 4096, 80
    out = []
    for start in range(0, len(data), page_size):
        page = data[start:start + page_size]
        skip = 16 if start == 0 else 0  # page 1 begins with the plaintext salt
        iv = page[page_size - reserve:page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(page[skip:page_size - reserve]) + decryptor.finalize())
    return b"".join(out)


def test_erased_text_is_gone_even_to_someone_holding_the_key(workspace):
    records = add_everything(workspace.store, text="Erasable secret note QX7", name="Erasable Person QX7")
    db, key = workspace.db_path, workspace._key
    assert b"Erasable Person QX7" in _decrypted_pages(workspace.store, db, key)
    erase_person(workspace.store, records["person"].id)
    raw = _decrypted_pages(workspace.store, db, key)
    assert b"Erasable Person QX7" not in raw
    assert b"07700 900123" not in raw  # their contact details too
    assert workspace.store.venues.get(records["venue"].id)  # what belongs to nobody stays


def test_cli_output_and_errors_never_echo_secrets(workspace_path, tmp_path):
    env = {**os.environ, "CONNECTOR_PASSPHRASE": "wrong " + PASSPHRASE, "CONNECTOR_LOG_DIR": str(tmp_path / "l")}
    result = subprocess.run([sys.executable, "-m", "connector_app", "check", "--workspace", str(workspace_path)],
                            env=env, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert PASSPHRASE.encode() not in result.stdout + result.stderr
    assert result.stderr.decode().strip() == "That passphrase does not open this workspace."


def test_unlocking_with_a_marker_passphrase_leaves_it_nowhere(tmp_path):
    secret = "marker passphrase nine lanterns QZ"
    workspace, _code = Workspace.create(tmp_path / "ws", secret)
    workspace.lock()
    assert secret.encode() not in all_bytes(tmp_path / "ws")
