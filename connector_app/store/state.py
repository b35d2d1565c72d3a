"""Each record's state: alive or not, and which version of each field wins.

``record_state`` holds, per record, the version (timestamp, device) of its
creation, of its latest change, and of every field whose winner is not the
creation; for fields that merge as sets, a version per element. Writes, local
or remote, keep it current, so merging never scans the log.

``replay`` computes the same from a record's whole log, for the rare cases where
a record's history must be re-read: a record brought back after a delete, a
creation arriving after edits to it, an edit arriving late. The rules are in
docs/store-design.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field as dc_field
from typing import Any

from connector_app.domain.fields import FieldSpec, Kind
from connector_app.store.changelog import CREATE, DELETE, ERASE, MERGE, REDACT, RESTORE, SET, encode

LIVE, PENDING, DELETED, ERASED, MERGED = "live", "pending", "deleted", "erased", "merged"


def merges_as_set(spec: FieldSpec) -> bool:
    """List fields where an addition on one laptop and a removal on another both survive.

    Languages are an ordered preference, curated as a whole: last writer wins on the list.
    """
    return spec.kind in (Kind.CHOICES, Kind.REFS)


def canonical(spec: FieldSpec, values) -> list:
    """The one order a set field is stored in, whatever order it was merged in."""
    present = list(dict.fromkeys(values or ()))
    if spec.kind is Kind.CHOICES and spec.vocabulary is not None:
        order = {code: i for i, code in enumerate(spec.vocabulary.codes)}
        return sorted(present, key=lambda code: (order.get(code, len(order)), code))
    return sorted(present)


@dataclass
class RecordState:
    record_id: str
    record_type: str
    state: str
    created: tuple[int, int] | None          # (hlc, device_no)
    latest: tuple[int, int] | None
    versions: dict = dc_field(default_factory=dict)
    merged_into: str | None = None

    @classmethod
    def load(cls, conn, record_id: str) -> "RecordState | None":
        row = conn.execute(
            "SELECT record_type, state, created_hlc, created_dev, state_hlc, state_dev, versions, merged_into "
            "FROM record_state WHERE record_id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        rtype, state, ch, cd, sh, sd, versions, merged = row
        return cls(record_id, rtype, state, None if ch is None else (ch, cd), None if sh is None else (sh, sd),
                   json.loads(versions) if versions else {}, merged)

    _SAVE = ("INSERT OR REPLACE INTO record_state (record_id, record_type, state, created_hlc, created_dev, "
             "state_hlc, state_dev, versions, merged_into) VALUES (?,?,?,?,?,?,?,?,?)")

    @classmethod
    def save_many(cls, conn, rows: list[tuple]) -> None:
        """Rows of (record_id, record_type, state, created_hlc, created_dev, state_hlc, state_dev,
        versions JSON or None, merged_into), as ``save`` writes them."""
        conn.executemany(cls._SAVE, rows)

    def save(self, conn) -> None:
        conn.execute(
            self._SAVE,
            (self.record_id, self.record_type, self.state, *(self.created or (None, None)),
             *(self.latest or (None, None)), encode(self.versions) if self.versions else None, self.merged_into))


@dataclass
class Entry:
    """A log entry with its value resolved (never "see the row")."""
    seq: int
    hlc: int
    device_id: str
    device_no: int
    op: str
    field: str
    value: Any
    actor: str | None = None
    flags: int = 0

    @property
    def version(self) -> tuple[int, str]:
        return (self.hlc, self.device_id)


@dataclass
class Replay:
    state: str
    created: Entry | None = None
    latest: Entry | None = None
    values: dict = dc_field(default_factory=dict)      # the winning value of every field
    versions: dict = dc_field(default_factory=dict)    # as in record_state
    stored: dict = dc_field(default_factory=dict)      # seq -> what the entry keeps (None: in the row)
    merged_into: str | None = None


def replay(entries: list[Entry], specs: tuple[FieldSpec, ...]) -> Replay:
    """The record as the merge rules make it from these entries, in any arrival order."""
    entries = sorted(entries, key=lambda e: e.version)
    if any(e.op == ERASE for e in entries):
        return Replay(ERASED, stored={e.seq: None for e in entries})
    create = next((e for e in entries if e.op == CREATE), None)
    merges = [e for e in entries if e.op == MERGE]
    lifecycle = [e for e in entries if e.op in (CREATE, SET, REDACT, DELETE, RESTORE)]
    latest = lifecycle[-1] if lifecycle else (merges[-1] if merges else None)
    if merges:
        state = MERGED
    elif create is None:
        state = PENDING
    elif latest is not None and latest.op == DELETE:
        state = DELETED
    else:
        state = LIVE
    result = Replay(state, create, latest, merged_into=merges[-1].value if merges else None)
    create_values = create.value if create and isinstance(create.value, dict) else {}
    held_in_create: dict = {}
    wiped_in_create: set = set()
    for spec in specs:
        name = spec.name
        edits = [e for e in entries if e.op in (SET, REDACT) and e.field == name]
        redacted_before = max((e.version for e in edits if e.op == REDACT), default=None)
        if merges_as_set(spec):
            elements: dict = {}
            if create is not None:
                for item in create_values.get(name) or ():
                    elements[item] = (create.version, create.device_no, True)
            for edit in edits:
                diff = edit.value if isinstance(edit.value, dict) else {}
                for item in diff.get("add") or ():
                    if item not in elements or elements[item][0] < edit.version:
                        elements[item] = (edit.version, edit.device_no, True)
                for item in diff.get("remove") or ():
                    if item not in elements or elements[item][0] < edit.version:
                        elements[item] = (edit.version, edit.device_no, False)
                result.stored[edit.seq] = encode(diff)
            result.values[name] = canonical(spec, [k for k, v in elements.items() if v[2]])
            if edits:
                result.versions[name] = {k: [v[0][0], v[1], 1 if v[2] else 0] for k, v in elements.items()}
                if create is not None:
                    held_in_create[name] = create_values.get(name) or []
            continue
        winner = create if create is not None else None
        winner_value = create_values.get(name, spec_default(spec)) if create is not None else spec_default(spec)
        for edit in edits:
            if winner is None or edit.version > winner.version:
                winner, winner_value = edit, edit.value
        result.values[name] = winner_value
        if winner is not None and winner is not create:
            result.versions[name] = [winner.hlc, winner.device_no]
        for edit in edits:
            wiped = redacted_before is not None and edit.version < redacted_before
            keep = None if wiped else edit.value
            result.stored[edit.seq] = None if (edit is winner and state == LIVE) else encode(keep)
        if create is not None and redacted_before is not None and create.version < redacted_before:
            wiped_in_create.add(name)
        if create is not None and winner is not create:
            held_in_create[name] = None if name in wiped_in_create else create_values.get(name)
    if create is not None:
        if state == LIVE:
            result.stored[create.seq] = encode(held_in_create) if held_in_create else None
        else:  # no row: the log holds everything
            full = {s.name: None if s.name in wiped_in_create else create_values.get(s.name) for s in specs}
            result.stored[create.seq] = encode(full)
    if state != LIVE:
        for edit in entries:
            if edit.op in (SET, REDACT) and result.stored.get(edit.seq) is None:
                result.stored[edit.seq] = encode(edit.value)
    for entry in entries:
        if entry.op == MERGE:
            result.stored[entry.seq] = encode(entry.value)
        elif entry.op in (DELETE, RESTORE):
            result.stored[entry.seq] = None
    return result


def spec_default(spec: FieldSpec) -> Any:
    return [] if spec.kind.is_list else None
