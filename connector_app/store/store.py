"""The open, decrypted store: one object giving access to every repository.

    store.people.add(Person(...))
    with store.atomic():
        ...

A Store is made by ``Workspace.unlock``; the core, the CLI, the tests, the
benchmark and the desktop all use it the same way.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

from connector_app.domain.records import (
    RECORD_TYPES, Asset, CheckIn, ConnectingTime, Connection, Conversation, FollowUp, Person, SmallStep, Staff,
    Strength, Venue, WhatMatters,
)
from connector_app.errors import WorkspaceDamaged, WorkspaceLocked
from connector_app.store.audit import AuditLog
from connector_app.store.changelog import ChangeLog, Devices, Stamps
from connector_app.store.history import History
from connector_app.store.database import Transactions, is_damage
from connector_app.store.queries import Queries
from connector_app.store.repository import Repository
from connector_app.store.search import SearchHit, SearchIndex


class Store:
    def __init__(self, conn, device_id: str, *, wall=lambda: int(time.time() * 1000)):
        self._conn = conn
        self._transactions = Transactions(conn)
        self._changed: set[str] = set()  # record types written in the open transaction
        self._listeners: list[Callable[[frozenset[str]], None]] = []
        self.device_id = device_id
        self.damaged = False  # set when damage was met: closing then writes nothing (no audit, no checkpoint)
        self.devices = Devices(conn)
        device_no = self.devices.no_of(device_id)
        clock = None if device_no is None else conn.execute(
            "SELECT 1 FROM clock WHERE device_no = ?", (device_no,)).fetchone()
        if device_no is None or clock is None:  # first open by this device: a write only then
            with self.atomic():
                device_no = self.devices.no_of(device_id, register=True)
                newest = conn.execute("SELECT coalesce(max(hlc), 0) FROM clock").fetchone()[0]
                conn.execute("INSERT OR IGNORE INTO clock (device_no, hlc, dseq) VALUES (?, ?, "
                             "(SELECT coalesce(max(dseq), 0) FROM change WHERE device_no = ?))",
                             (device_no, newest, device_no))
        self.stamps = Stamps(conn, device_no, wall)
        self.changes = ChangeLog(conn, self.devices, device_no)
        self.history = History(self)
        self.audit = AuditLog(conn, device_no)
        self.search_index = SearchIndex(conn, self._source_text)
        self.queries = Queries(conn)

        self.staff: Repository[Staff] = Repository(self, Staff)
        self.venues: Repository[Venue] = Repository(self, Venue)
        self.people: Repository[Person] = Repository(self, Person)
        self.assets: Repository[Asset] = Repository(self, Asset)
        self.conversations: Repository[Conversation] = Repository(self, Conversation)
        self.follow_ups: Repository[FollowUp] = Repository(self, FollowUp)
        self.what_matters: Repository[WhatMatters] = Repository(self, WhatMatters)
        self.small_steps: Repository[SmallStep] = Repository(self, SmallStep)
        self.connecting_time: Repository[ConnectingTime] = Repository(self, ConnectingTime)
        self.strengths: Repository[Strength] = Repository(self, Strength)
        self.checkins: Repository[CheckIn] = Repository(self, CheckIn)
        self.connections: Repository[Connection] = Repository(self, Connection)
        by_type = {repo.table: repo for repo in vars(self).values() if isinstance(repo, Repository)}
        # In RECORD_TYPES order: referenced types before the types that refer to them.
        self.repositories: dict[str, Repository] = {cls.type_name: by_type[cls.type_name] for cls in RECORD_TYPES}

    @property
    def actor_id(self) -> str | None:
        """The staff member using the app: every change and audit entry names them."""
        return self.audit.actor_id

    @actor_id.setter
    def actor_id(self, staff_id: str | None) -> None:
        self.audit.actor_id = staff_id

    def _source_text(self, record_type: str, record_id: str) -> tuple[str, str]:
        repo = self.repositories[record_type]
        record = repo.find(record_id)
        if record is None:
            return "", ""
        values = record.values()
        title = " ".join(values.get(s.name) or "" for s in repo.specs if s.search == "title")
        body = " ".join(values.get(s.name) or "" for s in repo.specs if s.search == "body")
        return title, body

    def apply_remote(self, change) -> bool:
        """Apply a change made on another laptop (sync). See merge.py."""
        from connector_app.store.merge import apply_remote
        return apply_remote(self, change)

    @property
    def connection(self):
        if self._conn is None:
            raise WorkspaceLocked()
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def _audit_waiting(self) -> bool:
        audit = getattr(self, "audit", None)  # not yet made while the store registers its device
        return audit is not None and audit.has_pending

    @contextmanager
    def atomic(self) -> Iterator[None]:
        try:
            with self._transactions.atomic():
                if self._audit_waiting():
                    self.audit.flush()  # events noted without the write lock (unlock) go in with this write
                yield
        except BaseException as exc:
            if not self._transactions.active:
                self._changed.clear()  # rolled back: nothing changed
            if isinstance(exc, Exception) and is_damage(exc):
                raise WorkspaceDamaged() from None
            raise
        if not self._transactions.active and self._changed:
            changed, self._changed = frozenset(self._changed), set()
            for listener in list(self._listeners):
                try:
                    listener(changed)
                except Exception as exc:  # the write is committed: a listener's failure must not undo its report
                    from connector_app.logs import log_unexpected
                    log_unexpected(exc)

    # "records changed" -----------------------------------------------------------------

    def on_records_changed(self, listener: Callable[[frozenset[str]], None]) -> None:
        """Call ``listener(record types)`` after each commit that wrote records of those types.

        Plain callables, no Qt: the desktop bridges this to one signal (ui/records.py).
        A listener runs on the thread that committed, after the commit.
        """
        self._listeners.append(listener)

    def remove_records_listener(self, listener: Callable[[frozenset[str]], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def note_changed(self, record_type: str) -> None:
        """Called by every write of a record's row (rows.py), inside the transaction."""
        self._changed.add(record_type)

    def search(self, text: str, *, record_types: tuple[str, ...] | None = None, limit: int = 50) -> list[SearchHit]:
        return self.search_index.search(text, record_types=record_types, limit=limit)

    def counts(self) -> dict[str, int]:
        return {name: repo.count() for name, repo in self.repositories.items()}

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def checkpoint(self, *, tries: int = 50, pause: float = 0.1) -> bool:
        """Fold the WAL into the database file and empty it (after an erasure, before a backup).

        Another connection reading (the desktop's lists, a second command) can hold the
        checkpoint back; SQLite then says so in the result instead of failing, so the
        result is checked and the checkpoint retried. False if it never completed.
        """
        for attempt in range(tries):
            busy, _log, _done = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(pause)
        return False

    def close(self) -> None:
        """Lock: close the database. Every repository refuses work afterwards."""
        if self._conn is not None and self.damaged:
            self._conn.close()
            self._conn = None
            self._listeners.clear()
            return
        if self._conn is not None:
            try:
                if self.audit.has_pending:  # best effort: a busy workspace must not stop a lock
                    self._conn.execute("PRAGMA busy_timeout = 200")
                    with self.atomic():
                        pass
            except Exception:
                pass
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            except Exception:  # a damaged or busy file still gets closed
                pass
            self._conn.close()
            self._conn = None
            self._listeners.clear()
