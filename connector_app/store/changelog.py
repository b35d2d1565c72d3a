"""The change log: every write, with its hybrid-logical-clock time and origin device.

It is both the history of every field (the previous value of any field can be
read back) and what sync sends between laptops. Merge rule, for the sync issue:
per field, the value with the greatest (hlc, device id) wins; a 'delete' or
'erase' tombstone beats every field change; an erasure nulls every value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from connector_app.clock import HybridClock

CREATE, SET, DELETE, ERASE = "create", "set", "delete", "erase"
WHOLE_RECORD = "*"


def encode(value: Any) -> str:
    """Canonical JSON: the same value always gives the same text (digests rely on it)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Change:
    seq: int
    hlc: int
    device_id: str
    record_type: str
    record_id: str
    op: str
    field: str
    value: Any  # decoded JSON; None once erased


@dataclass(frozen=True)
class FieldVersion:
    hlc: int
    device_id: str
    op: str
    value: Any


class ChangeLog:
    def __init__(self, conn, clock: HybridClock, device_no: int):
        self._conn = conn
        self.clock = clock
        self.device_no = device_no

    def append(self, record_type: str, record_id: str, op: str, field: str, value: Any, hlc: int) -> None:
        self._conn.execute(
            "INSERT INTO change (hlc, device_no, record_type, record_id, op, field, value) VALUES (?,?,?,?,?,?,?)",
            (hlc, self.device_no, record_type, record_id, op, field,
             None if op in (DELETE, ERASE) else encode(value)),
        )

    def append_many(self, rows: Iterable[tuple]) -> None:
        """Rows of (hlc, record_type, record_id, op, field, encoded value), all from this device."""
        self._conn.executemany(
            "INSERT INTO change (hlc, device_no, record_type, record_id, op, field, value) VALUES (?,?,?,?,?,?,?)",
            ((hlc, self.device_no, rt, rid, op, field, value) for hlc, rt, rid, op, field, value in rows),
        )

    def wipe_payload(self, record_id: str) -> None:
        """Erasure: no earlier value of this record survives in the log."""
        self._conn.execute("UPDATE change SET value = NULL WHERE record_id = ?", (record_id,))

    def for_record(self, record_id: str) -> list[Change]:
        rows = self._conn.execute(
            "SELECT c.seq, c.hlc, d.id, c.record_type, c.record_id, c.op, c.field, c.value "
            "FROM change c JOIN device d ON d.no = c.device_no WHERE c.record_id = ? ORDER BY c.hlc, d.id",
            (record_id,),
        ).fetchall()
        return [Change(*row[:7], None if row[7] is None else json.loads(row[7])) for row in rows]

    def field_history(self, record_id: str, field: str) -> list[FieldVersion]:
        """Every value the field has had, oldest first (creation included)."""
        history = []
        for change in self.for_record(record_id):
            if change.op == CREATE:
                value = change.value.get(field) if isinstance(change.value, dict) else None
                history.append(FieldVersion(change.hlc, change.device_id, change.op, value))
            elif change.op == SET and change.field == field:
                history.append(FieldVersion(change.hlc, change.device_id, change.op, change.value))
            elif change.op in (DELETE, ERASE):
                history.append(FieldVersion(change.hlc, change.device_id, change.op, None))
        return history

    def since(self, device_id: str, after_hlc: int = 0) -> Iterator[Change]:
        """Changes that originated on one device after a given clock value, in order."""
        cursor = self._conn.execute(
            "SELECT c.seq, c.hlc, d.id, c.record_type, c.record_id, c.op, c.field, c.value "
            "FROM change c JOIN device d ON d.no = c.device_no WHERE d.id = ? AND c.hlc > ? ORDER BY c.hlc, c.seq",
            (device_id, after_hlc),
        )
        for row in cursor:
            yield Change(*row[:7], None if row[7] is None else json.loads(row[7]))

    def version_vector(self) -> dict[str, int]:
        """The latest clock value known from each device: what this workspace already has."""
        rows = self._conn.execute(
            "SELECT d.id, (SELECT max(hlc) FROM change WHERE device_no = d.no) FROM device d").fetchall()
        return {device: hlc for device, hlc in rows if hlc is not None}

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM change").fetchone()[0]
