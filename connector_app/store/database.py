"""The one place the app talks to SQLCipher: opening, pragmas, transactions, migrations.

Every write runs inside ``atomic()``: a transaction, or a savepoint when one is
already open, committed only when the outermost block exits cleanly.
"""

from __future__ import annotations

import errno
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlcipher3

from connector_app.errors import DiskFull, WorkspaceBusy, WorkspaceDamaged, WorkspaceTooNew
from connector_app.i18n import _
from connector_app.store.migrations import MIGRATIONS, latest_version

DatabaseError = sqlcipher3.DatabaseError

# Messages SQLite gives when the bytes on disk are not a database it can read.
_DAMAGE_MARKERS = ("not a database", "malformed", "hmac", "corrupt", "disk i/o error", "file is encrypted")


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher3.DatabaseError) and any(m in str(exc).lower() for m in _DAMAGE_MARKERS)


def is_busy(exc: BaseException) -> bool:
    """Another process holds the write lock longer than the busy timeout."""
    return isinstance(exc, sqlcipher3.OperationalError) and (
        "locked" in str(exc).lower() or "busy" in str(exc).lower())


def is_disk_full(exc: BaseException) -> bool:
    return (isinstance(exc, sqlcipher3.OperationalError) and "full" in str(exc).lower()) or (
        isinstance(exc, OSError) and exc.errno == errno.ENOSPC)


def _key_pragma(key: bytes) -> str:
    return "PRAGMA key = \"x'" + key.hex() + "'\""


def connect(path: Path, key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """Open ``records.db`` with the raw key and the pragmas DESIGN.md fixes.

    Raises WorkspaceDamaged when the key is right (the key slot said so) but the
    file cannot be read; the file is closed untouched.
    """
    if not create and not path.is_file():
        raise WorkspaceDamaged(_("records.db is missing"))
    if not create and path.stat().st_size == 0:
        raise WorkspaceDamaged(_("records.db is empty"))
    if create and not path.exists():
        # SQLite gives the -wal and -shm files the main file's mode: make it owner-only first.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_memory_security = ON")
        # Reading the schema is the first access that decrypts a page.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create and conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise sqlcipher3.DatabaseError("file is not a database")  # never turn it into a new one
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")  # erased text is overwritten, not just unlinked
        conn.execute("PRAGMA busy_timeout = 10000")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if is_disk_full(exc):
            raise DiskFull() from None
        raise WorkspaceDamaged(_("records.db cannot be read")) from None
    return conn


def connect_reader(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A second, read-only connection to an open workspace (the desktop's lists).

    In WAL mode a reader never waits for a writer, so a long job on the main
    connection (a backup, an import) does not block it. ``query_only`` makes
    SQLite refuse any write through it. The key lives only in this process.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA query_only = ON")
    except sqlcipher3.DatabaseError:
        conn.close()
        raise WorkspaceDamaged(_("records.db cannot be read")) from None
    return conn


def run_script(conn: sqlcipher3.Connection, script: str) -> None:
    """Run several statements inside the current transaction.

    (``executescript`` would commit first, breaking a migration's atomicity.)
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip() and not all(part.strip().startswith("--") for part in buffer.strip().splitlines()):
        conn.execute(buffer)


class _ScriptConnection:
    """Wraps a connection so migrations can call ``executescript`` safely."""

    def __init__(self, conn):
        self._conn = conn

    def executescript(self, script: str) -> None:
        run_script(self._conn, script)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def schema_version(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn, *, target: int | None = None, before_upgrade=None) -> list[int]:
    """Bring the schema up to ``target`` (default: latest). Returns the versions applied.

    ``before_upgrade(current_version)`` runs once before upgrading an existing
    database, to take a backup. A database newer than this app is refused untouched.
    """
    target = latest_version() if target is None else target
    current = schema_version(conn)
    if current > latest_version():
        raise WorkspaceTooNew(current, latest_version())
    pending = [(v, name, f) for v, name, f in MIGRATIONS if current < v <= target]
    if pending and current > 0 and before_upgrade is not None:
        before_upgrade(current)
    applied = []
    # Rebuilding a table that others referenced (schema 4 drops the database's foreign
    # keys) needs them off; the pragma cannot change inside a transaction.
    conn.execute("PRAGMA foreign_keys = OFF")
    for version, _name, func in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            func(_ScriptConnection(conn))
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


class Transactions:
    """``atomic()`` for one connection: BEGIN IMMEDIATE outermost, SAVEPOINT inside."""

    def __init__(self, conn):
        self._conn = conn
        self._depth = 0
        self._lock = threading.RLock()

    def _undo(self, depth: int, name: str) -> None:
        """Roll back what is still open: after a disk-full error SQLite may have done it already."""
        if not self._conn.in_transaction:
            return
        if depth == 0:
            self._conn.execute("ROLLBACK")
        else:
            self._conn.execute(f"ROLLBACK TO {name}")
            self._conn.execute(f"RELEASE {name}")

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self._lock:
            depth = self._depth
            name = f"sp{depth}"
            try:
                self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {name}")
            except sqlcipher3.OperationalError as exc:
                if is_busy(exc):
                    raise WorkspaceBusy() from None
                if is_disk_full(exc):
                    raise DiskFull() from None
                raise
            self._depth += 1
            try:
                yield
            except BaseException as exc:
                self._depth -= 1
                try:
                    self._undo(depth, name)
                except sqlcipher3.DatabaseError:
                    pass  # the original error says more than a failed rollback
                if is_disk_full(exc):
                    raise DiskFull() from None
                if is_busy(exc):
                    raise WorkspaceBusy() from None
                raise
            self._depth -= 1
            try:
                self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {name}")
            except sqlcipher3.DatabaseError as exc:
                if depth == 0 and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if is_disk_full(exc):
                    raise DiskFull() from None
                if is_busy(exc):
                    raise WorkspaceBusy() from None
                raise

    @property
    def active(self) -> bool:
        return self._depth > 0
