"""The open, decrypted store: one object giving access to every repository.

    store.people.add(Person(...))
    with store.atomic():
        ...

A Store is made by ``Workspace.unlock``; the core, the CLI, the tests, the
benchmark and the desktop all use it the same way.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from connector_app.clock import HybridClock
from connector_app.domain.records import (
    RECORD_TYPES, Asset, CheckIn, ConnectingTime, Connection, Conversation, FollowUp, Person, SmallStep, Staff,
    Strength, Venue, WhatMatters,
)
from connector_app.errors import WorkspaceDamaged, WorkspaceLocked
from connector_app.store.audit import AuditLog
from connector_app.store.changelog import ChangeLog
from connector_app.store.database import Transactions, is_damage
from connector_app.store.repository import Repository
from connector_app.store.search import SearchHit, SearchIndex


class Store:
    def __init__(self, conn, device_id: str):
        self._conn = conn
        self._transactions = Transactions(conn)
        self.device_id = device_id
        row = conn.execute("SELECT no FROM device WHERE id = ?", (device_id,)).fetchone()
        if row is None:  # first open by this device: register it (a write only then, not at every unlock)
            with self.atomic():
                row = (conn.execute("INSERT INTO device (id) VALUES (?)", (device_id,)).lastrowid,)
        device_no = row[0]
        # Per device, so each max is one seek on change_origin, not a scan of the whole log.
        last = conn.execute("SELECT coalesce(max((SELECT max(hlc) FROM change WHERE device_no = d.no)), 0) "
                            "FROM device d").fetchone()[0]
        self.clock = HybridClock(last)
        self.changes = ChangeLog(conn, self.clock, device_no)
        self.audit = AuditLog(conn, device_no)
        self.search_index = SearchIndex(conn)

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
    def connection(self):
        if self._conn is None:
            raise WorkspaceLocked()
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextmanager
    def atomic(self) -> Iterator[None]:
        try:
            with self._transactions.atomic():
                yield
        except Exception as exc:
            if is_damage(exc):
                raise WorkspaceDamaged() from None
            raise

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

    def checkpoint(self) -> None:
        """Fold the WAL into the database file (after an erasure, before a backup)."""
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def close(self) -> None:
        """Lock: close the database. Every repository refuses work afterwards."""
        if self._conn is not None:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            except Exception:  # a damaged or busy file still gets closed
                pass
            self._conn.close()
            self._conn = None
