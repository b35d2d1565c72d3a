"""keys.json is data, not instructions (issue 7).

Whoever can edit keys.json can recompute its checksum, so each case below
rewrites a field and then the checksum: the app must still refuse it with
"keys.json is damaged" (no hang, no OverflowError/HashingError/KeyError), read
at most a small size, and leave every workspace file as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from connector_app.errors import WorkspaceDamaged
from connector_app.store.keyslots import MAX_BYTES, _canonical
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import fingerprint


def _rewrite(path, change) -> None:
    data = json.loads(path.read_text())
    data.pop("checksum")
    change(data)
    if isinstance(data, dict):
        data["checksum"] = hashlib.sha256(_canonical(data)).hexdigest()
    path.write_text(json.dumps(data))


def _slot(data, kind="passphrase"):
    return next(slot for slot in data["slots"] if slot["kind"] == kind)


def _kdf(field, value):
    return lambda data: _slot(data)["kdf"].__setitem__(field, value)


def _drop(getter, field):
    return lambda data: getter(data).pop(field)


TOP = lambda data: data  # noqa: E731
SLOT = _slot
KDF = lambda data: _slot(data)["kdf"]  # noqa: E731

EDITS = {
    "time cost of a billion (would hang)": _kdf("time_cost", 10 ** 9),
    "memory of 2^40 KiB": _kdf("memory_kib", 2 ** 40),
    "parallelism 0": _kdf("parallelism", 0),
    "parallelism 1000": _kdf("parallelism", 1000),
    "memory below 8 MiB": _kdf("memory_kib", 64),
    "time cost as text": _kdf("time_cost", "3"),
    "time cost as a float": _kdf("time_cost", 3.0),
    "time cost true": _kdf("time_cost", True),
    "time cost negative": _kdf("time_cost", -1),
    "another algorithm": _kdf("name", "pbkdf2"),
    "salt too short": lambda d: _slot(d).__setitem__("salt", "AAAA"),
    "nonce too long": lambda d: _slot(d).__setitem__("nonce", "A" * 24),
    "wrapped key cut": lambda d: _slot(d).__setitem__("wrapped_key", _slot(d)["wrapped_key"][:40]),
    "salt not base64": lambda d: _slot(d).__setitem__("salt", "*" * 24),
    "salt a number": lambda d: _slot(d).__setitem__("salt", 16),
    "salt huge": lambda d: _slot(d).__setitem__("salt", "A" * 40_000),
    "unknown kind": lambda d: _slot(d).__setitem__("kind", "fingerprint"),
    "two passphrase slots": lambda d: d["slots"].append(dict(_slot(d))),
    "no slots": lambda d: d.__setitem__("slots", []),
    "slots an object": lambda d: d.__setitem__("slots", {"a": 1}),
    "a slot that is a list": lambda d: d["slots"].__setitem__(0, [1, 2]),
    "workspace id not an id": lambda d: d.__setitem__("workspace_id", "../../etc"),
    "workspace id a number": lambda d: d.__setitem__("workspace_id", 7),
    "version as text": lambda d: d.__setitem__("version", "1"),
    "version true": lambda d: d.__setitem__("version", True),
    "an extra field": lambda d: d.__setitem__("run", "rm -rf /"),
    "an extra kdf field": _kdf("secret", 1),
    **{f"no {field}": _drop(TOP, field) for field in ("format", "version", "workspace_id", "slots")},
    **{f"slot without {field}": _drop(SLOT, field) for field in ("kind", "kdf", "salt", "nonce", "wrapped_key")},
    **{f"kdf without {field}": _drop(KDF, field) for field in ("name", "time_cost", "memory_kib", "parallelism")},
    "kdf a string": lambda d: _slot(d).__setitem__("kdf", "argon2id"),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_an_edited_key_file_is_damage_not_an_instruction(workspace_path, case):
    _rewrite(workspace_path / "keys.json", EDITS[case])
    before = fingerprint(workspace_path)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "keys.json is damaged" in caught.value.message() and "records.db" not in caught.value.message()
    assert fingerprint(workspace_path) == before


@pytest.mark.parametrize("content", [b"[]", b"null", b'"text"', b"[" * 100_000 + b"]" * 100_000,
                                     b"{}", b"\xff\xfe", b"", b" " * (MAX_BYTES + 1)])
def test_a_key_file_that_is_not_an_object_is_damaged(workspace_path, content):
    (workspace_path / "keys.json").write_bytes(content)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "keys.json is damaged" in caught.value.message()


@pytest.mark.parametrize("kind", ["link to /dev/zero", "pipe", "folder"])
def test_a_key_file_that_is_not_a_regular_file_is_not_read(workspace_path, kind):
    keys = workspace_path / "keys.json"
    keys.unlink()
    if kind == "link to /dev/zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        keys.symlink_to("/dev/zero")  # read whole, it would fill memory
    elif kind == "pipe":
        os.mkfifo(keys)  # opened for reading, it would wait for ever
    else:
        keys.mkdir()
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "keys.json is damaged" in caught.value.message()


def test_a_foreign_key_file_is_blamed_on_the_key_file(workspace_path, tmp_path):
    other, _code = Workspace.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    other.lock()
    shutil.copy(tmp_path / "other" / "keys.json", workspace_path / "keys.json")
    before = fingerprint(workspace_path)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "keys.json belongs to another workspace" in caught.value.message()
    assert "records.db" not in caught.value.message()
    assert fingerprint(workspace_path) == before


def test_a_damaged_database_is_still_blamed_on_the_database(workspace_path):
    data = bytearray((workspace_path / "records.db").read_bytes())
    data[2000] ^= 0x40  # inside page 1
    (workspace_path / "records.db").write_bytes(bytes(data))
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "records.db" in caught.value.message() and "keys.json" not in caught.value.message()


def test_the_shipped_file_passes_its_own_schema(workspace_path):
    Workspace(workspace_path).unlock(PASSPHRASE).close()


@pytest.mark.parametrize("content", [b"\x00" * 40_960, b"SQLite format 3\x00" + b"\x00" * 40_960,
                                     b"%PDF-1.7 plain text of a document " * 1500])
def test_a_database_replaced_by_something_else_is_blamed_on_the_database(workspace_path, content):
    (workspace_path / "records.db").write_bytes(content)
    with pytest.raises(WorkspaceDamaged) as caught:
        Workspace(workspace_path).unlock(PASSPHRASE)
    assert "records.db" in caught.value.message() and "keys.json" not in caught.value.message()
