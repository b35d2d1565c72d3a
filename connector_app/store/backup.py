"""Backups: one file holding an encrypted copy of records.db and keys.json.

The copy is made with SQLite's online backup, so it is consistent while the app
keeps working. The file is a zip (stored, not compressed: the contents are
ciphertext) with a manifest of SHA-256 sums, so a damaged backup is caught
before anything is restored from it. Opening a restored workspace needs the
passphrase (or recovery code) that was current when the backup was made.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import sqlcipher3

from connector_app.errors import BackupInvalid
from connector_app.fileio import atomic_writer, make_private_dir
from connector_app.i18n import _
from connector_app.store.database import _key_pragma

FORMAT = "connector-app-backup"
VERSION = 1
MEMBERS = ("records.db", "keys.json")
SUFFIX = ".cbackup"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup_from_connection(conn, db_key: bytes, keys_path: Path, out: Path, *,
                                 schema_version: int | None = None) -> None:
    out = Path(out)
    make_private_dir(out.parent)
    snapshot = out.parent / f".{out.name}.records.{os.getpid()}"
    snapshot.unlink(missing_ok=True)
    try:
        fd = os.open(snapshot, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        target = sqlcipher3.connect(str(snapshot), isolation_level=None)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(_key_pragma(db_key))
            conn.backup(target)
            version = schema_version if schema_version is not None else (
                target.execute("PRAGMA user_version").fetchone()[0])
            target.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            target.close()
        keys = Path(keys_path).read_bytes()
        manifest = {
            "format": FORMAT, "version": VERSION, "schema_version": version,
            "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sha256": {"records.db": _sha256_file(snapshot), "keys.json": hashlib.sha256(keys).hexdigest()},
        }
        with atomic_writer(out) as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, indent=2))
                archive.writestr("keys.json", keys)
                archive.write(snapshot, "records.db")
    finally:
        snapshot.unlink(missing_ok=True)


def write_backup(store, db_key: bytes, keys_path: Path, out: Path) -> None:
    write_backup_from_connection(store.connection, db_key, keys_path, out)


def rolling_backup(store, db_key: bytes, keys_path: Path, folder: Path, today: date, keep: int) -> Path | None:
    """Today's automatic backup, unless there is one already; then prune to the newest ``keep``."""
    target = folder / f"daily-{today.isoformat()}{SUFFIX}"
    made = None
    if not target.exists():
        write_backup(store, db_key, keys_path, target)
        made = target
    dailies = sorted(folder.glob(f"daily-*{SUFFIX}"))
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


def read_manifest(path: Path) -> dict:
    """Check a backup file whole; returns its manifest or raises BackupInvalid."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            if (not isinstance(manifest, dict) or not isinstance(manifest.get("sha256"), dict)
                    or manifest.get("format") != FORMAT or manifest.get("version") != VERSION):
                raise BackupInvalid(_("not a connector app backup"))
            for member in MEMBERS:
                digest = hashlib.sha256()
                with archive.open(member) as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                if digest.hexdigest() != manifest["sha256"][member]:
                    raise BackupInvalid(_("{name} does not match its checksum").format(name=member))
            return manifest
    except FileNotFoundError:
        raise BackupInvalid(_("the file does not exist")) from None
    except BackupInvalid:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise BackupInvalid() from None


def extract_backup(path: Path, folder: Path) -> dict:
    """Check a backup whole, then unpack it into ``folder`` (new and empty, see fileio.staged_folder)."""
    manifest = read_manifest(path)
    with zipfile.ZipFile(path) as archive:
        for member in MEMBERS:
            with archive.open(member) as source, atomic_writer(Path(folder) / member) as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
    return manifest
