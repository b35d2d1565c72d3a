"""A workspace is a folder: records.db (SQLCipher), keys.json (key slots), backups/.

    workspace = Workspace(path)
    store = workspace.unlock(passphrase)
    ...
    workspace.lock()

Nothing here ever deletes or overwrites records.db or keys.json when they cannot
be read: damage is reported and the files are left for a restore.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from connector_app.errors import WorkspaceDamaged, WorkspaceLocked, WorkspaceMissing, WorkspaceReadOnly
from connector_app.fileio import folder_lock, fsync_dir, make_private_dir, require_new_folder, staged_folder
from connector_app.i18n import _
from connector_app.ids import new_id
from connector_app.locations import BACKUP_DIR, DB_NAME, KEYS_NAME, workspace_exists
from connector_app.passphrase import require_strong
from connector_app.store.database import connect, migrate, schema_version
from connector_app.store.migrations import latest_version
from connector_app.store.keyslots import (
    PASSPHRASE, RECOVERY, KdfParams, KeyFile, key_fits_database, new_recovery_code, normalise_recovery_code,
)
from connector_app.store.store import Store

def _no_audit(*_args, **_kwargs) -> None:
    """The audit log of a workspace opened from a read-only disk: nothing can be written."""


class Workspace:
    def __init__(self, path: Path | str, *, kdf: KdfParams | None = None):
        self.path = Path(path)
        self.kdf = kdf or KdfParams()
        self.store: Store | None = None
        self._key: bytes | None = None

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def keys_path(self) -> Path:
        return self.path / KEYS_NAME

    @property
    def backup_dir(self) -> Path:
        return self.path / BACKUP_DIR

    def exists(self) -> bool:
        return workspace_exists(self.path)

    # creating ----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, passphrase: str, *, with_recovery_code: bool = True,
               kdf: KdfParams | None = None, check_strength: bool = True) -> tuple["Workspace", str | None]:
        """Make a new workspace. Returns it unlocked, and the recovery code to show once.

        Everything is built in a hidden sibling folder and renamed into place, so a
        crash half-way leaves no half-made workspace behind.
        """
        path = Path(path)
        require_new_folder(path)
        if check_strength:
            require_strong(passphrase)
        params = kdf or KdfParams()
        db_key = os.urandom(32)
        workspace_id = new_id()
        keyfile = KeyFile(workspace_id, [])
        keyfile.set_slot(PASSPHRASE, passphrase, db_key, params)
        code = None
        if with_recovery_code:
            code = new_recovery_code()
            keyfile.set_slot(RECOVERY, normalise_recovery_code(code), db_key, KdfParams.for_recovery())
        with staged_folder(path, "creating") as staging:
            conn = connect(staging / DB_NAME, db_key, create=True)
            try:
                migrate(conn)
                device_id = new_id()
                Store(conn, device_id)  # registers this laptop as the first device
                conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                                 [("workspace_id", workspace_id), ("device_id", device_id)])
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                conn.close()
            keyfile.save(staging / KEYS_NAME)
        workspace = cls(path, kdf=params)
        workspace._open(db_key, keyfile)
        return workspace, code

    # unlocking ---------------------------------------------------------------

    def _load_keys(self) -> KeyFile:
        if not self.path.is_dir() or not self.exists():
            raise WorkspaceMissing(self.path)
        return KeyFile.load(self.keys_path)

    def _open(self, db_key: bytes, keyfile: KeyFile) -> Store:
        # connect() looks for damage with a read-only probe first: on damage no file is changed.
        try:
            conn = connect(self.db_path, db_key)
        except WorkspaceDamaged:
            if key_fits_database(self.db_path, db_key) is False:  # blame the right file
                raise WorkspaceDamaged(_("keys.json belongs to another workspace")) from None
            raise
        try:
            if conn.read_only and schema_version(conn) < latest_version():
                raise WorkspaceReadOnly()  # it needs an upgrade, which is a write
            migrate(conn, before_upgrade=lambda version: self._backup_before_upgrade(conn, db_key, version))
            row = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
            if row is None or row[0] != keyfile.workspace_id:
                raise WorkspaceDamaged(_("keys.json belongs to another workspace"))
            device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
            if device is None:
                raise WorkspaceDamaged(_("records.db has no device id"))
            store = Store(conn, device[0])
        except BaseException:
            conn.close()
            raise
        if conn.read_only:
            # A read-only disk keeps no audit trail, and reading (listing, export, check) still works.
            store.audit.record = store.audit.later = _no_audit
        else:
            from connector_app.store.backup import clean_temp_files
            clean_temp_files(self.backup_dir)  # what a killed backup left behind
        self._key = db_key
        self.store = store
        return store

    @property
    def read_only(self) -> bool:
        """Opened from a read-only disk: reading works, every write raises WorkspaceReadOnly."""
        return self.store is not None and self.store.is_open and getattr(self.store.connection, "read_only", False)

    def unlock(self, passphrase: str) -> Store:
        """Open with the passphrase. A wrong one raises WrongPassphrase and writes nothing."""
        keyfile = self._load_keys()
        store = self._open(keyfile.open_slot(PASSPHRASE, passphrase), keyfile)
        store.audit.later("unlock")  # unlocking never waits for another program's write
        return store

    def unlock_with_recovery_code(self, code: str) -> Store:
        keyfile = self._load_keys()
        store = self._open(keyfile.open_slot(RECOVERY, normalise_recovery_code(code)), keyfile)
        store.audit.later("unlock_recovery")
        return store

    def open_reader(self):
        """Queries over a read-only connection of their own; the caller closes it (``.close()``).

        For lists that must stay responsive while a job holds the main connection.
        Needs the workspace unlocked; the key is never written anywhere.
        """
        from connector_app.store.database import connect_reader
        from connector_app.store.queries import Queries
        _store, db_key = self._require_unlocked()
        return Queries(connect_reader(self.db_path, db_key))

    def lock(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None
        self._key = None

    def move_to(self, target: Path | str) -> None:
        """Close, rename the folder to ``target`` (same disk, nothing there yet) and open it there again.

        For a workspace built whole in a hidden folder (the demo): the rename is the moment it
        appears, so a crash leaves either nothing at ``target`` or all of it. The key is reused.
        """
        _store, db_key = self._require_unlocked()
        target = Path(target)
        require_new_folder(target)
        keyfile = self._load_keys()
        self.lock()
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(self.path, target)
        fsync_dir(target.parent)
        self.path = target
        self._open(db_key, keyfile)

    @property
    def is_unlocked(self) -> bool:
        return self.store is not None and self.store.is_open

    def _require_unlocked(self) -> tuple[Store, bytes]:
        if self.store is None or self._key is None or not self.store.is_open:
            raise WorkspaceLocked()
        return self.store, self._key

    # passphrase and recovery ---------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the key under a new passphrase; records.db is not touched.

        Read, checked and written under the workspace folder's lock: of two changes at
        once, the second finds the first's passphrase in place and is refused as wrong.
        """
        require_strong(new)
        self._load_keys()  # a missing workspace says so plainly, before any lock
        with folder_lock(self.path):
            keyfile = self._load_keys()
            db_key = keyfile.open_slot(PASSPHRASE, old)
            self._set_passphrase(keyfile, db_key, new)

    def reset_passphrase_with_recovery_code(self, code: str, new: str) -> None:
        require_strong(new)
        self._load_keys()
        with folder_lock(self.path):
            keyfile = self._load_keys()
            db_key = keyfile.open_slot(RECOVERY, normalise_recovery_code(code))
            self._set_passphrase(keyfile, db_key, new)

    def _set_passphrase(self, keyfile: KeyFile, db_key: bytes, new: str) -> None:
        require_strong(new)
        keyfile.set_slot(PASSPHRASE, new, db_key, self.kdf)
        keyfile.save(self.keys_path)
        if self.store is not None and self.store.is_open:
            with self.store.atomic():
                self.store.audit.record("passphrase_change")

    def new_recovery_code(self) -> str:
        """Replace the recovery code (the old one stops working). Needs the workspace unlocked."""
        _store, db_key = self._require_unlocked()
        code = new_recovery_code()
        with folder_lock(self.path):
            keyfile = self._load_keys()
            keyfile.set_slot(RECOVERY, normalise_recovery_code(code), db_key, KdfParams.for_recovery())
            keyfile.save(self.keys_path)
        return code

    # backups -------------------------------------------------------------------

    def backup(self, out: Path, progress=lambda done, total: None) -> Path:
        """An encrypted, verified, consistent copy of the workspace (records and key slots) in one file.

        On a damaged workspace nothing is written (WorkspaceDamaged); nor when ``progress`` raises to stop.
        """
        from connector_app.store.backup import write_backup
        store, db_key = self._require_unlocked()
        temp_dir = None if self.read_only else self.backup_dir
        try:
            write_backup(store, db_key, self.keys_path, Path(out), temp_dir=temp_dir, progress=progress)
        except WorkspaceDamaged:
            store.connection.note_damage()
            raise
        if not self.read_only:
            # Written with the next write (or on locking, best effort): a busy workspace must not
            # turn a backup that is safely written into a failure that says nothing was done.
            store.audit.later("backup")
        return Path(out)

    def daily_backup(self, today: date | None = None, keep: int | None = None,
                     max_bytes: int | None = None) -> Path | None:
        """The rolling automatic backup: one a day, verified before it counts, old ones pruned.

        Runs on a connection of its own, so a caller may run it on a worker thread while
        the store is in use (see ``daily_backup_job``). Returns the new backup, or None
        (already made today, or a read-only disk). On damage it makes no backup, removes
        none, marks the open store so it writes nothing more, and raises WorkspaceDamaged.
        """
        store, db_key = self._require_unlocked()
        if self.read_only:
            return None
        job = self.daily_backup_job(today, keep, max_bytes)
        try:
            return job()
        except WorkspaceDamaged:
            if store.is_open:
                store.connection.note_damage()
            raise

    def daily_backup_job(self, today: date | None = None, keep: int | None = None,
                         max_bytes: int | None = None):
        """A callable making today's backup on its own connection: for a worker thread or the task runner."""
        from connector_app.store import backup as backups
        _store, db_key = self._require_unlocked()
        args = dict(keep=backups.KEEP_DAYS if keep is None else keep,
                    max_bytes=backups.MAX_TOTAL_BYTES if max_bytes is None else max_bytes)
        db_path, keys_path, folder = self.db_path, self.keys_path, self.backup_dir

        def job() -> Path | None:
            return backups.daily_backup(db_path, db_key, keys_path, folder, today or date.today(), **args).made
        return job

    @classmethod
    def restore(cls, backup_file: Path | str, to: Path | str, *, passphrase: str | None = None,
                recovery_code: str | None = None) -> "Workspace":
        """Restore a backup into a new folder, proving first that the secret opens it.

        The restored database is verified (every page authenticated, SQLite's
        integrity check) before it is said to be restored. The restored copy gets a
        new device id: if the original laptop is still in use, the two must never
        write changes under the same name.
        """
        from connector_app.errors import BackupInvalid
        from connector_app.store.backup import extract_backup, verify_database
        with staged_folder(Path(to), "restoring") as staging:
            extract_backup(Path(backup_file), staging)
            trial = cls(staging)
            keyfile = trial._load_keys()
            db_key = (keyfile.open_slot(RECOVERY, normalise_recovery_code(recovery_code))
                      if recovery_code is not None else keyfile.open_slot(PASSPHRASE, passphrase or ""))
            try:
                verify_database(trial.db_path, db_key)
            except WorkspaceDamaged:
                raise BackupInvalid(_("the records in it are damaged")) from None
            store = trial._open(db_key, keyfile)
            device_id = new_id()
            with store.atomic():
                store.connection.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (device_id,))
            store = Store(store.connection, device_id)  # registers the new device
            with store.atomic():
                store.audit.record("restore")
            trial.store = store
            trial.lock()
        return cls(to)

    def _backup_before_upgrade(self, conn, db_key: bytes, version: int) -> None:
        from connector_app.store.backup import write_backup_from_connection
        make_private_dir(self.backup_dir)
        out = self.backup_dir / f"before-upgrade-from-v{version}-{date.today().isoformat()}.cbackup"
        write_backup_from_connection(conn, db_key, self.keys_path, out, schema_version=version)
