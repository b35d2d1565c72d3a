"""The change log: every write, with its origin (device, sequence number), clock time and author.

It is both the history of every field and what sync sends between laptops.
A value the record's row already holds is not repeated here: ``value`` is NULL
for the winning version of a field while the record is live (and for everything
of an erased record). Superseded values are kept, so history is whole. The merge
rules are in docs/store-design.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from connector_app.clock import pack

CREATE, SET, DELETE, RESTORE, ERASE, MERGE, REDACT = "create", "set", "delete", "restore", "erase", "merge", "redact"
RECORD_OPS = (CREATE, DELETE, RESTORE, ERASE, MERGE)
WHOLE_RECORD = "*"

FLAG_REMOTE = 1       # arrived by sync
FLAG_CLOCK_AHEAD = 2  # its timestamp was too far ahead of this laptop's clock to trust (see MAX_SKEW_MS)

# A remote timestamp further ahead of the wall clock than this is applied like any
# other (every laptop must apply the same changes to converge) but never moves the
# local clock, so one laptop with a wrong date cannot drag everyone's forward.
MAX_SKEW_MS = 24 * 60 * 60 * 1000


def encode(value: Any) -> str:
    """Canonical JSON: the same value always gives the same text (digests rely on it)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


@dataclass(frozen=True)
class Change:
    """One change as it travels: its own origin, clock time and (resolved) value."""
    device_id: str
    dseq: int
    hlc: int
    record_type: str
    record_id: str
    op: str
    field: str
    value: Any  # create: dict of every field; set: the value (set fields: {"add": [...], "remove": [...]})
    actor: str | None = None

    @property
    def version(self) -> tuple[int, str]:
        return (self.hlc, self.device_id)


@dataclass(frozen=True)
class FieldVersion:
    hlc: int
    device_id: str
    op: str
    value: Any
    actor: str | None = None
    by_sync: bool = False


class Devices:
    """Device ids and the small numbers the log uses for them."""

    def __init__(self, conn):
        self._conn = conn
        self._ids: dict[int, str] = dict(conn.execute("SELECT no, id FROM device"))
        self._nos: dict[str, int] = {v: k for k, v in self._ids.items()}

    def id_of(self, no: int | None) -> str:
        if no is None:
            return ""
        if no not in self._ids:
            self.reload()
        return self._ids.get(no, "")

    def no_of(self, device_id: str, *, register: bool = False) -> int | None:
        if device_id not in self._nos:
            self.reload()
        if device_id not in self._nos and register:
            no = self._conn.execute("INSERT INTO device (id) VALUES (?)", (device_id,)).lastrowid
            self._ids[no], self._nos[device_id] = device_id, no
        return self._nos.get(device_id)

    def reload(self) -> None:
        self._ids = dict(self._conn.execute("SELECT no, id FROM device"))
        self._nos = {v: k for k, v in self._ids.items()}


class Stamps:
    """Mints (timestamp, sequence number) pairs inside the write transaction.

    The clock row is read and advanced under SQLite's write lock, so every process
    writing the workspace (desktop and CLI at once) shares one clock: commit order,
    sequence order and timestamp order agree.
    """

    def __init__(self, conn, device_no: int, wall):
        self._conn = conn
        self.device_no = device_no
        self._wall = wall

    def mint(self, n: int = 1) -> list[tuple[int, int]]:
        hlc, dseq = self._conn.execute(
            "UPDATE clock SET hlc = max(?, hlc + 1) + ? - 1, dseq = dseq + ? WHERE device_no = ? "
            "RETURNING hlc, dseq", (pack(self._wall(), 0), n, n, self.device_no)).fetchone()
        return [(hlc - n + 1 + i, dseq - n + 1 + i) for i in range(n)]

    def plausible(self, remote_hlc: int) -> bool:
        """Whether a remote timestamp is within MAX_SKEW_MS of this laptop's wall clock."""
        return remote_hlc <= pack(self._wall() + MAX_SKEW_MS, 0)

    def observe(self, remote_hlc: int) -> bool:
        """Move past a remote timestamp unless it is implausibly far ahead; False if it was."""
        if not self.plausible(remote_hlc):
            return False
        self._conn.execute("UPDATE clock SET hlc = max(hlc, ?) WHERE device_no = ?", (remote_hlc, self.device_no))
        return True

    def last(self) -> int:
        return self._conn.execute("SELECT hlc FROM clock WHERE device_no = ?", (self.device_no,)).fetchone()[0]


_SELECT = ("SELECT c.seq, c.device_no, c.dseq, c.hlc, c.record_type, c.record_id, c.op, c.field, c.value, "
           "c.actor, c.flags FROM change c")


@dataclass(frozen=True)
class LogEntry:
    """A change as stored: ``value`` is None where the row holds it (see module doc)."""
    seq: int
    device_no: int
    dseq: int
    hlc: int
    record_type: str
    record_id: str
    op: str
    field: str
    stored: str | None
    actor: str | None
    flags: int


class ChangeLog:
    def __init__(self, conn, devices: Devices, local_device_no: int):
        self._conn = conn
        self.devices = devices
        self.device_no = local_device_no

    # writing -------------------------------------------------------------------

    def append(self, device_no: int, dseq: int, hlc: int, record_type: str, record_id: str, op: str,
               field: str, stored: str | None, actor: str | None, flags: int = 0) -> None:
        self._conn.execute(
            "INSERT INTO change (device_no, dseq, hlc, record_type, record_id, op, field, value, actor, flags) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (device_no, dseq, hlc, record_type, record_id, op, field, stored, actor, flags))

    def append_many(self, rows: list[tuple]) -> None:
        """Rows of (device_no, dseq, hlc, record_type, record_id, op, field, stored, actor, flags)."""
        self._conn.executemany(
            "INSERT INTO change (device_no, dseq, hlc, record_type, record_id, op, field, value, actor, flags) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def has(self, device_no: int, dseq: int) -> bool:
        return self._conn.execute("SELECT 1 FROM change WHERE device_no = ? AND dseq = ?",
                                  (device_no, dseq)).fetchone() is not None

    def hold(self, record_id: str, field: str, hlc: int, device_no: int, value: Any) -> None:
        """A value leaves the row (superseded, or the record deleted): keep it in its entry."""
        if field == WHOLE_RECORD:
            raise ValueError(field)
        updated = self._conn.execute(
            "UPDATE change SET value = ? WHERE record_id = ? AND field = ? AND hlc = ? AND device_no = ? "
            "AND op IN ('set', 'redact')",
            (encode(value), record_id, field, hlc, device_no)).rowcount
        if not updated:  # the winner was the create entry: add the field to what it holds
            self._conn.execute(
                "UPDATE change SET value = json_set(coalesce(value, '{}'), ?, json(?)) "
                "WHERE record_id = ? AND op = 'create' AND hlc = ? AND device_no = ?",
                ("$." + field, encode(value), record_id, hlc, device_no))

    def set_stored(self, seq: int, stored: str | None) -> None:
        self._conn.execute("UPDATE change SET value = ? WHERE seq = ?", (stored, seq))

    def wipe(self, record_id: str) -> None:
        """Erasure: no value of this record survives in the log.

        A merge keeps its pointer (an id, no text): every laptop needs it to find the
        people joined by merges, so that erasing either erases both everywhere.
        """
        self._conn.execute("UPDATE change SET value = NULL WHERE record_id = ? AND value IS NOT NULL "
                           "AND op != 'merge'", (record_id,))

    # reading -------------------------------------------------------------------

    def entries(self, record_id: str) -> list[LogEntry]:
        rows = self._conn.execute(f"{_SELECT} WHERE c.record_id = ? ORDER BY c.hlc, c.seq", (record_id,))
        return [LogEntry(*row) for row in rows]

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM change").fetchone()[0]

    def known_ranges(self) -> dict[str, list[tuple[int, int]]]:
        """What this workspace holds from each device, as contiguous ranges of its sequence numbers."""
        ranges: dict[str, list[tuple[int, int]]] = {}
        for no, first, last in self._conn.execute(
                "SELECT device_no, first, last FROM known_range ORDER BY device_no, first"):
            ranges.setdefault(self.devices.id_of(no), []).append((first, last))
        return ranges

    def note_known(self, device_no: int, dseq: int) -> None:
        """Add one sequence number to the device's ranges, joining neighbours."""
        before = self._conn.execute(
            "SELECT first FROM known_range WHERE device_no = ? AND last = ?", (device_no, dseq - 1)).fetchone()
        after = self._conn.execute(
            "SELECT last FROM known_range WHERE device_no = ? AND first = ?", (device_no, dseq + 1)).fetchone()
        if before and after:
            self._conn.execute("DELETE FROM known_range WHERE device_no = ? AND first = ?", (device_no, dseq + 1))
            self._conn.execute("UPDATE known_range SET last = ? WHERE device_no = ? AND first = ?",
                               (after[0], device_no, before[0]))
        elif before:
            self._conn.execute("UPDATE known_range SET last = ? WHERE device_no = ? AND first = ?",
                               (dseq, device_no, before[0]))
        elif after:
            self._conn.execute("UPDATE known_range SET first = ? WHERE device_no = ? AND first = ?",
                               (dseq, device_no, dseq + 1))
        else:
            self._conn.execute("INSERT INTO known_range (device_no, first, last) VALUES (?, ?, ?)",
                               (device_no, dseq, dseq))

    def note_known_run(self, device_no: int, first: int, last: int) -> None:
        """Add a run of sequence numbers to the device's ranges, joining any it touches."""
        touching = self._conn.execute(
            "SELECT first, last FROM known_range WHERE device_no = ? AND last >= ? AND first <= ?",
            (device_no, first - 1, last + 1)).fetchall()
        for low, high in touching:
            first, last = min(first, low), max(last, high)
        self._conn.execute("DELETE FROM known_range WHERE device_no = ? AND last >= ? AND first <= ?",
                           (device_no, first - 1, last + 1))
        self._conn.execute("INSERT INTO known_range (device_no, first, last) VALUES (?, ?, ?)",
                           (device_no, first, last))

    def note_local(self, first: int, last: int) -> None:
        """This device's own new changes (always contiguous from 1)."""
        updated = self._conn.execute("UPDATE known_range SET last = ? WHERE device_no = ? AND first = 1",
                                     (last, self.device_no)).rowcount
        if not updated:
            self._conn.execute("INSERT INTO known_range (device_no, first, last) VALUES (?, ?, ?)",
                               (self.device_no, first, last))

    def origin_entries(self, device_id: str, after: int = 0, *, team_id: str | None = None) -> Iterator[LogEntry]:
        """Entries made on one device with sequence numbers above ``after``, in order.

        With ``team_id``, only those of records that may travel to that team, the
        current one: records not yet claimed by a team (made or received in this
        membership) and records claimed by it (schema 9, sync/membership.py)."""
        no = self.devices.no_of(device_id)
        if no is None:
            return iter(())
        if team_id is None:
            rows = self._conn.execute(f"{_SELECT} WHERE c.device_no = ? AND c.dseq > ? ORDER BY c.dseq",
                                      (no, after))
        else:
            rows = self._conn.execute(
                f"{_SELECT} LEFT JOIN record_team rt ON rt.record_id = c.record_id "
                "LEFT JOIN sync_team st ON st.no = rt.team_no "
                "WHERE c.device_no = ? AND c.dseq > ? AND (rt.record_id IS NULL OR st.team_id = ?) ORDER BY c.dseq",
                (no, after, team_id))
        return (LogEntry(*row) for row in rows)
