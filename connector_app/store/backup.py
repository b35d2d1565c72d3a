"""Backups: one file holding an encrypted copy of records.db and keys.json.

The copy is made with ``VACUUM INTO`` from an open connection: a consistent
snapshot while the app keeps working, compacted (no free pages, no log), encrypted
with the same key, keeping the schema version. SQLite does not sync what VACUUM
INTO writes, so the copy is fsynced, then verified (every page authenticated, and
SQLite's own integrity check) before it becomes a backup: a damaged workspace
never yields a backup, and a copy that did not land whole never counts.

The file is a zip (stored, not compressed: the contents are ciphertext) with a
manifest of SHA-256 sums, so a damaged backup is caught before anything is
restored from it. Opening a restored workspace needs the passphrase (or recovery
code) that was current when the backup was made.

Automatic backups live in the workspace's ``backups/`` folder: one a day
(``daily-YYYY-MM-DD``) and one before each schema upgrade
(``before-upgrade-from-vN-YYYY-MM-DD``). Both age out after ``KEEP_DAYS`` days,
the newest ``KEEP_DAYS`` daily ones are kept, and their total size is held under
``MAX_TOTAL_BYTES`` by removing the oldest (the newest good backup is always kept).
A daily backup is not made when it would leave less than ``FREE_RESERVE_BYTES``
free on the disk (DiskFull), so the records themselves always have room.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import sqlcipher3

from connector_app.errors import BackupInvalid, DiskFull, WorkspaceDamaged
from connector_app.fileio import atomic_writer, fsync_dir, make_private_dir
from connector_app.i18n import _
from connector_app.store.database import is_damage, is_disk_full, open_connection, open_reader, records_damaged

log = logging.getLogger(__name__)

FORMAT = "connector-app-backup"
VERSION = 1
MEMBERS = ("records.db", "keys.json")
SUFFIX = ".cbackup"
KEEP_DAYS = 7
MAX_TOTAL_BYTES = 2 * 1024 ** 3  # automatic backups together; documented in the README

DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.cbackup$")
BEFORE_UPGRADE = re.compile(r"^before-upgrade-from-v\d+-(\d{4}-\d{2}-\d{2})\.cbackup$")
# Our own temporary names: the snapshot made for a backup (with the maker's process id), and
# fileio.atomic_writer's temp file (a process id, or a random hex tag in newer versions).
_SNAPSHOT_TEMP = re.compile(r"^\..+\.records\.(\d+)(?:-journal|-wal|-shm)?$")
_WRITER_TEMP = re.compile(r"^\..+\.tmp\.[0-9a-f]+$")
STALE_SECONDS = 3600  # a writer's temp file untouched this long belongs to no running backup


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_database(path: Path, key: bytes) -> None:
    """Every page authenticates and SQLite finds the structure sound; else WorkspaceDamaged.

    Opens the file read only and immutable: nothing is written, nothing created beside it.
    """
    try:
        conn = open_connection(path, key, read_only=True, immutable=True)
    except sqlcipher3.DatabaseError:
        raise WorkspaceDamaged() from None
    try:
        try:
            cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            structure = conn.execute("PRAGMA integrity_check").fetchall()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlcipher3.DatabaseError:
            raise WorkspaceDamaged() from None
    finally:
        conn.close()
    if cipher or structure != [("ok",)] or version == 0:
        raise WorkspaceDamaged()


def snapshot(conn, target: Path, key: bytes) -> int:
    """A compact, verified, synced copy of the database ``conn`` reads. Returns its schema version.

    ``target`` must not exist. Raises WorkspaceDamaged when the source cannot be read
    whole (the copy reads every page in use) or the copy does not verify.
    """
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # VACUUM INTO keeps the mode
    os.close(fd)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except WorkspaceDamaged:
        raise
    except sqlcipher3.DatabaseError as exc:
        if is_disk_full(exc):
            raise DiskFull() from None
        if is_damage(exc):
            raise records_damaged() from None
        raise
    _fsync_file(target)
    verify_database(target, key)
    probe = open_connection(target, key, read_only=True, immutable=True)
    try:
        return probe.execute("PRAGMA user_version").fetchone()[0]
    finally:
        probe.close()


def _temp_name(out: Path, temp_dir: Path | None) -> Path:
    return Path(temp_dir or out.parent) / f".{out.name}.records.{os.getpid()}"


BACKUP_STEPS = 3  # progress units of a backup: snapshot verified, checksum, archive written


def write_backup_from_connection(conn, db_key: bytes, keys_path: Path, out: Path, *,
                                 schema_version: int | None = None, temp_dir: Path | None = None,
                                 progress=lambda done, total: None) -> None:
    """Write a verified backup to ``out``; on any failure nothing is left behind and ``out`` is untouched.

    The snapshot is made in ``temp_dir`` (default: beside ``out``); a workspace passes
    its backups folder, where a killed backup's snapshot is cleaned up at the next start.
    ``progress(done, total)`` after each step may raise to stop: nothing is left behind then either.
    """
    out = Path(out)
    make_private_dir(out.parent)
    if temp_dir is not None:
        make_private_dir(Path(temp_dir))
    temp = _temp_name(out, temp_dir)
    temp.unlink(missing_ok=True)
    try:
        version = snapshot(conn, temp, db_key)
        progress(1, BACKUP_STEPS)
        if schema_version is not None:
            version = schema_version
        keys = Path(keys_path).read_bytes()
        manifest = {
            "format": FORMAT, "version": VERSION, "schema_version": version,
            "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sha256": {"records.db": _sha256_file(temp), "keys.json": hashlib.sha256(keys).hexdigest()},
        }
        progress(2, BACKUP_STEPS)
        try:
            with atomic_writer(out) as handle:
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                    archive.writestr("manifest.json", json.dumps(manifest, indent=2))
                    archive.writestr("keys.json", keys)
                    archive.write(temp, "records.db")
                progress(3, BACKUP_STEPS)  # before the rename: a stop here still leaves no file
        except OSError as exc:
            if getattr(exc, "errno", None) == 28:
                raise DiskFull() from None
            raise
    finally:
        temp.unlink(missing_ok=True)


def write_backup(store, db_key: bytes, keys_path: Path, out: Path, *, temp_dir: Path | None = None,
                 progress=lambda done, total: None) -> None:
    """A backup of the store's committed records, read on a connection of its own.

    (``VACUUM INTO`` cannot run inside a transaction, and the store's own connection
    may be in one; a separate reader also never blocks the store.)
    """
    conn = open_reader(store.connection._path, db_key)
    try:
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        write_backup_from_connection(conn, db_key, keys_path, out, temp_dir=temp_dir, progress=progress)
    finally:
        conn.close()


# --- automatic backups ----------------------------------------------------------------


def _backup_date(name: str) -> date | None:
    for pattern in (DAILY, BEFORE_UPGRADE):
        match = pattern.match(name)
        if match:
            try:
                return date.fromisoformat(match.group(1))
            except ValueError:
                return None
    return None


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first."""
    if not Path(folder).is_dir():
        return []
    found = [p for p in Path(folder).iterdir() if p.is_file() and _backup_date(p.name) is not None]
    return sorted(found, key=lambda p: (_backup_date(p.name), p.name.startswith("daily-"), p.name))


def total_size(folder: Path) -> int:
    """Bytes used by every backup file in ``folder``."""
    if not Path(folder).is_dir():
        return 0
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file() and p.name.endswith(SUFFIX))


def prune(folder: Path, today: date, keep: int = KEEP_DAYS, max_bytes: int = MAX_TOTAL_BYTES) -> list[Path]:
    """Remove automatic backups past their time or over the size cap. Returns what was removed.

    Kept: the newest ``keep`` daily backups and any backup made within ``keep`` days,
    then the oldest go until the total fits ``max_bytes``; the newest is always kept.
    """
    backups = automatic_backups(folder)
    dailies = [p for p in backups if p.name.startswith("daily-")]
    keep_dailies = set(dailies[-keep:]) if keep > 0 else set()
    # Today's is always kept: backups dated in the future (a clock once set wrong)
    # must not push out the one just made.
    keep_dailies.update(p for p in dailies if _backup_date(p.name) == today)
    cutoff = today - timedelta(days=keep)
    doomed = [p for p in backups
              if (p.name.startswith("daily-") and p not in keep_dailies)
              or (p.name.startswith("before-upgrade-") and _backup_date(p.name) <= cutoff)]
    kept = [p for p in backups if p not in doomed]
    total = sum(p.stat().st_size for p in kept)
    while len(kept) > 1 and total > max_bytes:
        oldest = kept.pop(0)
        total -= oldest.stat().st_size
        doomed.append(oldest)
    for path in doomed:
        path.unlink(missing_ok=True)
    if doomed:
        fsync_dir(Path(folder))
    return doomed


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, not ours to signal
    return True


def clean_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temp files a killed backup left in ``folder``: our own names only.

    A snapshot is removed when the process named in it is gone; a writer's temp
    file (its name may carry no process id) when nothing has written it for an hour.
    """
    removed = []
    if not Path(folder).is_dir():
        return removed
    now = time.time() if now is None else now
    for path in Path(folder).iterdir():
        try:
            if not path.is_file():
                continue
            snapshot = _SNAPSHOT_TEMP.match(path.name)
            if snapshot:
                stale = not _pid_alive(int(snapshot.group(1)))
            elif _WRITER_TEMP.match(path.name):
                stale = now - path.stat().st_mtime > STALE_SECONDS
            else:
                continue
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            pass
    return removed


FREE_RESERVE_BYTES = 256 * 1024 ** 2  # an automatic backup never leaves less than this free


def _require_room(folder: Path, db_path: Path) -> None:
    """Refuse (DiskFull) an automatic backup that would leave the disk nearly full.

    Making one needs room for the snapshot and the backup file, each at most the size
    of the database and its log; the app's own next writes need room after that.
    """
    try:
        size = db_path.stat().st_size
        log_file = Path(str(db_path) + "-wal")
        size += log_file.stat().st_size if log_file.exists() else 0
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < 2 * size + FREE_RESERVE_BYTES:
        log.warning("daily backup skipped: %d bytes free, %d needed", free, 2 * size + FREE_RESERVE_BYTES)
        raise DiskFull()


@dataclass
class DailyResult:
    made: Path | None       # the new backup, or None when today's already existed
    removed: list[Path]


def daily_backup(db_path: Path, db_key: bytes, keys_path: Path, folder: Path, today: date, *,
                 keep: int = KEEP_DAYS, max_bytes: int = MAX_TOTAL_BYTES) -> DailyResult:
    """Today's automatic backup, on a connection of its own (safe to run on a worker thread).

    Reads the database through a read-only connection (it never writes or checkpoints
    it); the copy is verified before it counts, and only then are older ones pruned.
    Raises WorkspaceDamaged (no backup made, none removed) when the database is damaged.
    """
    folder = Path(folder)
    make_private_dir(folder)
    clean_temp_files(folder)
    target = folder / f"daily-{today.isoformat()}{SUFFIX}"
    made = None
    if not target.exists():
        _require_room(folder, Path(db_path))
        conn = open_reader(db_path, db_key)
        try:
            conn.execute("PRAGMA cipher_memory_security = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            write_backup_from_connection(conn, db_key, keys_path, target)
        finally:
            conn.close()
        read_manifest(target)  # the file as it landed
        made = target
    return DailyResult(made, prune(folder, today, keep, max_bytes))


def rolling_backup(store, db_key: bytes, keys_path: Path, folder: Path, today: date, keep: int) -> Path | None:
    """Kept for callers of the old name: today's backup, then pruning."""
    db_path = store.connection._path
    return daily_backup(db_path, db_key, keys_path, folder, today, keep=keep).made


# --- reading backups -----------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    """Check a backup file whole; returns its manifest or raises BackupInvalid."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            if not isinstance(manifest, dict):
                raise BackupInvalid(_("not a connector app backup"))
            if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise BackupInvalid(_("not a connector app backup"))
            sums = manifest.get("sha256")
            if not isinstance(sums, dict):
                raise BackupInvalid(_("not a connector app backup"))
            for member in MEMBERS:
                digest = hashlib.sha256()
                with archive.open(member) as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                if digest.hexdigest() != sums.get(member):
                    raise BackupInvalid(_("{name} does not match its checksum").format(name=member))
            return manifest
    except FileNotFoundError:
        raise BackupInvalid(_("the file does not exist")) from None
    except BackupInvalid:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError, AttributeError):
        raise BackupInvalid() from None


def extract_backup(path: Path, folder: Path) -> dict:
    """Check a backup whole, then unpack it into ``folder`` (new and empty, see fileio.staged_folder)."""
    manifest = read_manifest(path)
    with zipfile.ZipFile(path) as archive:
        for member in MEMBERS:
            with archive.open(member) as source, atomic_writer(Path(folder) / member) as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
    return manifest


# --- backups made on request, and the list a person sees ------------------------------------

MANUAL_PREFIX = "manual-"  # "Back up now": kept until removed by hand (pruning keeps to automatic ones)
KINDS = {"daily-": "daily", "before-upgrade-": "before_upgrade", MANUAL_PREFIX: "manual"}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str           # "daily", "before_upgrade" or "manual" (see KINDS)
    made: datetime      # when the file was written, local time
    size: int           # bytes


def manual_backup_path(folder: Path, now: datetime) -> Path:
    """A new name in ``folder`` for a backup made now on request (never one already there)."""
    stem = f"{MANUAL_PREFIX}{now:%Y-%m-%d-%H%M%S}"
    path, n = Path(folder) / f"{stem}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = Path(folder) / f"{stem}-{n}{SUFFIX}"
    return path


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in a workspace's backups folder, newest first (temp files and others left out)."""
    found = []
    if not Path(folder).is_dir():
        return found
    for path in Path(folder).iterdir():
        kind = next((k for prefix, k in KINDS.items() if path.name.startswith(prefix)), None)
        if kind is None or not path.name.endswith(SUFFIX):
            continue
        try:
            info = path.stat()
        except OSError:  # removed while we looked
            continue
        found.append(BackupFile(path, kind, datetime.fromtimestamp(info.st_mtime), info.st_size))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)
