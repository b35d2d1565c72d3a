"""The one place the app talks to SQLCipher: opening, pragmas, transactions, migrations.

Every write runs inside ``atomic()``: a transaction, or a savepoint when one is
already open, committed only when the outermost block exits cleanly.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlcipher3

from connector_app.errors import DiskFull, WorkspaceBusy, WorkspaceDamaged, WorkspaceTooNew
from connector_app.i18n import _
from connector_app.store.migrations import MIGRATIONS, latest_version

from connector_app.errors import UserError, WorkspaceReadOnly  # noqa: I001 (apart, so merges stay clean)
from connector_app.fileio import atomic_writer
from connector_app.store import wal as wal_module

DatabaseError = sqlcipher3.DatabaseError
log = logging.getLogger(__name__)

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


PAGE_SIZE = 4096  # SQLCipher 4's default; every workspace uses it

# SQLite actions a connection that has met damage may still take: reading, and ending
# the transaction it is in. Everything else (writes, checkpoints) is refused.
_READ_ACTIONS = {sqlcipher3.SQLITE_READ, sqlcipher3.SQLITE_SELECT, sqlcipher3.SQLITE_FUNCTION,
                 sqlcipher3.SQLITE_TRANSACTION, sqlcipher3.SQLITE_SAVEPOINT, sqlcipher3.SQLITE_RECURSIVE}
_WRITING_PRAGMAS = {"wal_checkpoint", "journal_mode", "user_version", "incremental_vacuum", "optimize",
                    "wal_autocheckpoint", "rekey", "schema_version", "application_id"}


def _read_only_authorizer(action, arg1, arg2, _db, _trigger):
    if action in _READ_ACTIONS:
        return sqlcipher3.SQLITE_OK
    if action == sqlcipher3.SQLITE_PRAGMA and (arg1 or "").lower() not in _WRITING_PRAGMAS:
        return sqlcipher3.SQLITE_OK
    return sqlcipher3.SQLITE_DENY


def records_damaged() -> WorkspaceDamaged:
    """The error for damage found in records.db (its pages, its length, its log)."""
    return WorkspaceDamaged(_("records.db cannot be read"))


def _is_read_only_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher3.DatabaseError) and (
        "readonly" in str(exc).lower() or getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"))


def _translate(conn, exc: sqlcipher3.DatabaseError) -> BaseException:
    """The error to raise for ``exc`` met on ``conn``: damage and read-only refusals become UserErrors."""
    if is_damage(exc):
        conn.note_damage()
        return records_damaged()
    if conn.damaged and "not authorized" in str(exc).lower():
        return records_damaged()
    if conn.read_only and _is_read_only_error(exc):
        return WorkspaceReadOnly()
    return exc


class _Cursor(sqlcipher3.Cursor):
    """Notices damage wherever SQLite meets it: running a statement or fetching its rows.

    Every call into SQLite holds the connection's own lock. Without it, two threads on
    one connection can deadlock: one inside SQLite holds the connection's mutex and
    calls back into Python (the ``people`` collation) for the GIL, while the other
    holds the GIL and waits for that mutex to read a row. Waiting for a Python lock
    releases the GIL, so the second thread now simply waits its turn.
    """

    def execute(self, *args):
        with self.connection.lock:
            try:
                return super().execute(*args)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None

    def executemany(self, *args):
        with self.connection.lock:
            try:
                return super().executemany(*args)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None

    def fetchone(self):
        with self.connection.lock:
            try:
                return super().fetchone()
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None

    def fetchmany(self, *args, **kwargs):
        with self.connection.lock:
            try:
                return super().fetchmany(*args, **kwargs)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None

    def fetchall(self):
        with self.connection.lock:
            try:
                return super().fetchall()
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None

    def __next__(self):
        with self.connection.lock:
            try:
                return super().__next__()
            except sqlcipher3.DatabaseError as exc:
                raise _translate(self.connection, exc) from None


class Connection(sqlcipher3.Connection):
    """A SQLCipher connection that never writes into a file it has found damaged.

    Damage met by any statement or fetch (a page failing authentication, a malformed
    b-tree) marks the connection: from then on it refuses every write and checkpoint,
    and closing it does not checkpoint the log into the damaged file. The error
    surfaces as WorkspaceDamaged. On a read-only connection, a write surfaces as
    WorkspaceReadOnly.
    """

    damaged = False
    read_only = False
    _verified = False
    _path: Path | None = None
    _key: bytes | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock = threading.RLock()  # see _Cursor: one thread at a time inside SQLite

    def cursor(self, factory=_Cursor):
        return super().cursor(factory)

    def execute(self, *args):
        if args and isinstance(args[0], str) and args[0][:6].upper() == "PRAGMA" \
                and "wal_checkpoint" in args[0].lower():
            self.verify_before_checkpoint()
        return self.cursor().execute(*args)

    def verify_before_checkpoint(self) -> None:
        """Authenticate the file's pages once before a checkpoint writes into it.

        A file up to DEEP_PROBE_BYTES was authenticated when it was opened; a larger
        one is checked here, once per connection, so that the log is never folded
        into a file that is damaged where nothing read it. Raises WorkspaceDamaged.
        """
        if self.damaged:
            raise records_damaged()
        if self.read_only or self._verified or self._path is None:
            return
        self._verified = True
        try:
            if self._path.stat().st_size <= DEEP_PROBE_BYTES:
                return
            bad = bool(failing_pages(self))
        except (OSError, sqlcipher3.DatabaseError):
            bad = True
        if bad:
            _damaged("pages fail authentication before a checkpoint")
            self.note_damage()
            raise records_damaged()

    def executemany(self, *args):
        return self.cursor().executemany(*args)

    def note_damage(self) -> None:
        """From now on: read only, and no checkpoint when closing."""
        if not self.damaged:
            self.damaged = True
            try:
                self.set_authorizer(_read_only_authorizer)  # also expires every prepared statement
            except sqlcipher3.ProgrammingError:
                pass  # already closed

    def close(self) -> None:
        with self.lock:  # never while another thread is inside SQLite on this connection
            self._close()

    def _close(self) -> None:
        if not self.damaged and not self.read_only and self._path is not None:
            try:
                self.verify_before_checkpoint()  # the last connection to close checkpoints
            except (WorkspaceDamaged, sqlcipher3.ProgrammingError):
                pass
        if self.damaged and not self.read_only and self._path is not None:
            # The last connection to close checkpoints the log into the file, and only a
            # connection that gets the exclusive lock can. Hold a shared lock while closing.
            guard = None
            try:
                guard = open_connection(self._path, self._key, read_only=True)
                guard.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            except sqlcipher3.DatabaseError:
                pass
            try:
                super().close()
            finally:
                if guard is not None:
                    guard.close()  # read only: never checkpoints
            return
        super().close()


def _uri(path: Path, *, read_only: bool, immutable: bool = False) -> str:
    uri = Path(path).absolute().as_uri()  # percent-encodes ? and #, which SQLite would read as URI syntax
    if read_only:
        uri += "?mode=ro" + ("&immutable=1" if immutable else "")
    return uri


def open_connection(path: Path, key: bytes | None, *, read_only: bool, immutable: bool = False) -> Connection:
    conn = sqlcipher3.connect(_uri(path, read_only=read_only, immutable=immutable), uri=True,
                              isolation_level=None, check_same_thread=False, factory=Connection)
    conn._path, conn._key, conn.read_only = Path(path), key, read_only
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(_key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: Path, key: bytes) -> Connection:
    """A read-only connection for checks and backups: never writes, never checkpoints.

    On a read-only disk a database with nothing in its log is opened immutable
    (SQLite cannot otherwise open a WAL database without creating its index file).
    """
    immutable = folder_is_read_only(path) and not wal_module.check_file(wal_path(path)).frames
    return open_connection(path, key, read_only=True, immutable=immutable)


def folder_is_read_only(path: Path) -> bool:
    """Is ``path`` (a file or folder) on a read-only mount, or not writable by us?"""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):
        pass
    if not os.access(folder, os.W_OK):
        return True
    return path.is_file() and not os.access(path, os.W_OK)


def wal_path(path: Path) -> Path:
    return Path(str(path) + "-wal")


def _keep_damaged_log(path: Path) -> Path | None:
    """Copy a damaged log beside it, once per distinct content; never touch the log itself."""
    log = wal_path(path)
    try:
        data = log.read_bytes()
        copy = log.with_name(f"{log.name}.damaged-{hashlib.sha256(data).hexdigest()[:12]}")
        if not copy.exists():
            with atomic_writer(copy) as handle:
                handle.write(data)
        return copy
    except (OSError, UserError):
        return None  # a read-only or full disk: the log itself is still kept


def _damaged(detail: str) -> WorkspaceDamaged:
    log.warning("records.db judged damaged: %s", detail)
    return records_damaged()


def failing_pages(conn) -> set:
    """Pages of the main file that fail authentication, and stay failing.

    ``cipher_integrity_check`` reads the file itself, where another process's
    checkpoint may be writing a page at that moment (SQLCipher writes each page with
    a fresh IV, so a rewritten page always has new bytes). A page counts only when
    it fails three checks with the same bytes on disk each time.
    """
    path = conn._path
    failing: dict | None = None
    for _attempt in range(3):
        rows = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        seen = {}
        for row in rows:
            match = re.search(r"page (\d+)", row)
            page = int(match.group(1)) if match else row
            seen[page] = _page_bytes(path, page) if isinstance(page, int) else row
        failing = seen if failing is None else {
            page: data for page, data in seen.items() if failing.get(page) == data}
        if not failing:
            return set()
    # A checkpoint grows the file first and fills it page by page; pages whose newest
    # version is still only in the log (a reader holds an older snapshot) stay zero
    # there meanwhile. That is not damage when the log holds the page.
    zeros = [page for page, data in failing.items() if data == _ZERO_PAGE]
    if zeros:
        in_log = wal_module.check_file(wal_path(path)).pages
        failing = {page: data for page, data in failing.items() if not (data == _ZERO_PAGE and page in in_log)}
    return set(failing)


_ZERO_PAGE = hashlib.sha256(bytes(PAGE_SIZE)).digest()


def _page_bytes(path: Path, page: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            handle.seek((page - 1) * PAGE_SIZE)
            return hashlib.sha256(handle.read(PAGE_SIZE)).digest()
    except OSError:
        return b""


def _missing_pages(conn, path: Path, report: wal_module.WalReport) -> int:
    """Pages the database has that neither the file nor the log holds (a truncated file).

    Another process may be appending to the log meanwhile: the size is read inside a
    read transaction and compared with the log as read after it began, three times
    before the pages count as missing.
    """
    missing = 0
    for attempt in range(3):
        conn.execute("BEGIN")
        try:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            if attempt:
                report = wal_module.check_file(wal_path(path))
            size = path.stat().st_size
        finally:
            conn.execute("COMMIT")
        missing = len(set(range(size // PAGE_SIZE + 1, pages + 1)) - report.pages)
        if not missing:
            return 0
    return missing


def probe(path: Path, key: bytes, *, deep: bool | None = None) -> wal_module.WalReport:
    """Look for damage without writing a byte: the log, the file's size, the schema, the pages.

    Raises WorkspaceDamaged. ``deep`` authenticates every page of the file (about
    0.1 s per 30 MB); by default only when the file is small enough for that to be cheap.
    """
    path = Path(path)
    if not path.is_file():
        raise WorkspaceDamaged(_("records.db is missing"))
    size = path.stat().st_size
    if size == 0:
        raise WorkspaceDamaged(_("records.db is empty"))
    if size % PAGE_SIZE:
        raise _damaged("size is not a whole number of pages")
    report = wal_module.check_file(wal_path(path))
    if report.damaged:
        copy = _keep_damaged_log(path)
        _damaged(f"write-ahead log: {report.reason}; copy kept at {copy}")
        if copy is None:
            raise WorkspaceDamaged(_("the write-ahead log records.db-wal is damaged"))
        raise WorkspaceDamaged(_("the write-ahead log records.db-wal is damaged; a copy of it is in {name}").format(
            name=copy.name))
    has_log = report.frames > 0
    if deep is None:
        deep = size <= DEEP_PROBE_BYTES
    try:
        _probe_pages(path, key, report, has_log, deep)
    except WorkspaceDamaged:
        # Another process's checkpoint may have been writing a page as it was read:
        # look again before calling it damaged (real damage is there both times).
        _probe_pages(path, key, wal_module.check_file(wal_path(path)), has_log, deep)
    return report


def _probe_pages(path: Path, key: bytes, report: wal_module.WalReport, has_log: bool, deep: bool) -> None:
    # No committed frames: read the file alone and create nothing beside it. Else the log must be read too.
    conn = open_connection(path, key, read_only=True, immutable=not has_log)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                raise _damaged("no schema version")
            missing = _missing_pages(conn, path, report)
            if missing:
                raise _damaged(f"{missing} pages missing from the end of the file")
            if deep and failing_pages(conn):
                raise _damaged("pages fail authentication")
        except WorkspaceDamaged:
            raise
        except sqlcipher3.DatabaseError as exc:
            if is_disk_full(exc):
                raise DiskFull() from None
            if has_log and folder_is_read_only(path) and "unable to open" in str(exc).lower():
                # Records in the log but no index beside it, and a disk SQLite may not create one on.
                raise WorkspaceReadOnly() from None
            raise _damaged(type(exc).__name__) from None
    finally:
        conn.close()


DEEP_PROBE_BYTES = 64 * 1024 * 1024


def connect(path: Path, key: bytes, *, create: bool = False, read_only: bool | None = None) -> Connection:
    """Open ``records.db`` with the raw key and the pragmas DESIGN.md fixes.

    Before anything can write, a read-only probe looks for damage (see ``probe``);
    on damage it raises WorkspaceDamaged having changed no file. A workspace on a
    read-only disk opens read only (``conn.read_only``); writes then raise
    WorkspaceReadOnly.
    """
    path = Path(path)
    if create:
        if not path.exists():
            # SQLite gives the -wal and -shm files the main file's mode: make it owner-only first.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        read_only = False
        report = None
    else:
        report = probe(path, key)
        if read_only is None:
            read_only = folder_is_read_only(path)
    try:
        conn = open_connection(path, key, read_only=read_only,
                               immutable=read_only and report is not None and report.frames == 0)
    except sqlcipher3.DatabaseError as exc:
        if read_only:
            raise WorkspaceReadOnly() from None
        if is_disk_full(exc):
            raise DiskFull() from None
        raise WorkspaceDamaged(_("records.db cannot be read")) from None
    try:
        conn.execute("PRAGMA cipher_memory_security = ON")
        # Reading the schema is the first access that decrypts a page.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create and conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise records_damaged()  # never turn it into a new one
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")  # erased text is overwritten, not just unlinked
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA busy_timeout = 10000")
    except (sqlcipher3.DatabaseError, UserError) as exc:
        if isinstance(exc, WorkspaceDamaged) or is_damage(exc):
            conn.note_damage()  # so closing it checkpoints nothing into the file
        conn.close()
        if isinstance(exc, UserError):
            raise
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


def _raise_plain(exc: BaseException) -> None:
    """A full disk or another program holding the write lock, said plainly (else returns)."""
    if is_disk_full(exc):
        raise DiskFull() from None
    if is_busy(exc):
        raise WorkspaceBusy() from None


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
                _raise_plain(exc)
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
                _raise_plain(exc)
                raise
            self._depth -= 1
            try:
                self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {name}")
            except sqlcipher3.DatabaseError as exc:
                if depth == 0 and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                _raise_plain(exc)
                raise

    @property
    def active(self) -> bool:
        return self._depth > 0
