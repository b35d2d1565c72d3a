"""Reading the log back: the history of any field, and a record's changes with their values.

The log does not repeat what a record's row holds, so values are resolved here:
from the entry where it kept one, from the row where the row holds the winner.
"""

from __future__ import annotations

from connector_app.store.changelog import (
    CREATE, DELETE, ERASE, FLAG_REMOTE, REDACT, RESTORE, SET, Change, FieldVersion,
)
from connector_app.store.merge import resolved_entries
from connector_app.store.state import canonical, merges_as_set


class History:
    def __init__(self, store):
        self._store = store

    def _record_type(self, record_id: str) -> str | None:
        row = self._store.connection.execute(
            "SELECT record_type FROM record_state WHERE record_id = ?", (record_id,)).fetchone()
        if row is None:
            row = self._store.connection.execute(
                "SELECT record_type FROM change WHERE record_id = ? LIMIT 1", (record_id,)).fetchone()
        return None if row is None else row[0]

    def _entries(self, record_id: str):
        record_type = self._record_type(record_id)
        if record_type is None:
            return None, []
        entries = resolved_entries(self._store, record_type, record_id)
        return record_type, sorted(entries, key=lambda e: e.version)

    def changes(self, record_id: str) -> list[Change]:
        """Every change to a record, oldest first, values resolved (None once erased)."""
        record_type, entries = self._entries(record_id)
        return [Change(e.device_id, 0, e.hlc, record_type, record_id, e.op, e.field, e.value, e.actor)
                for e in entries]

    def field(self, record_id: str, field: str) -> list[FieldVersion]:
        """Every value the field has had, oldest first: who (staff), when, from where, and how."""
        record_type, entries = self._entries(record_id)
        if record_type is None:
            return []
        spec = next((s for s in self._store.repositories[record_type].specs if s.name == field), None)
        as_set = spec is not None and merges_as_set(spec)
        current: list = []
        history = []
        for e in entries:
            by_sync = bool(e.flags & FLAG_REMOTE)
            if e.op == CREATE:
                value = e.value.get(field) if isinstance(e.value, dict) else None
                current = list(value or []) if as_set else current
                history.append(FieldVersion(e.hlc, e.device_id, e.op, value, e.actor, by_sync))
            elif e.op in (SET, REDACT) and e.field == field:
                value = e.value
                if as_set:
                    diff = value if isinstance(value, dict) else {}
                    current = [x for x in current if x not in (diff.get("remove") or [])]
                    current += [x for x in diff.get("add") or [] if x not in current]
                    value = canonical(spec, current)
                history.append(FieldVersion(e.hlc, e.device_id, e.op, value, e.actor, by_sync))
            elif e.op in (DELETE, ERASE, RESTORE):
                history.append(FieldVersion(e.hlc, e.device_id, e.op, None, e.actor, by_sync))
        return history
