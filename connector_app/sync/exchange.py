"""Export and import of sync bundles: what to send, and taking in what came.

**What to send**: every change this laptop holds (its own and those it received:
a hub gossips) that some team laptop it has heard from does not hold yet, as
that laptop's last bundle said, and every change of the last 30 days (a laptop
that has only imported has told no one what it holds); everything when it has
heard from no one yet (a new team) or when asked (a laptop back after a long
absence). A lost bundle is therefore sent again: nothing depends on a bundle
arriving.

**Consent travels with the records**: a person whose consent is "record only",
and every record about them, stays on this laptop; a group conversation travels
without their link to it. Their changes are simply not sent, and are sent once
their consent changes. Erasures and merges always travel (ids only).

**Records stay with their team**: only the current team's records travel (their
changes, edits made later included); records of a team this laptop was in before
stay here (sync/membership.py).

**Import** is all of a bundle or none (one transaction), idempotent (changes
already here are skipped by their origin), and order-free (merge.py).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from connector_app.clock import pack
from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME
from connector_app.fileio import atomic_writer
from connector_app.i18n import _
from connector_app.store.changelog import CREATE, ERASE, MERGE, REDACT, SET, Change
from connector_app.store.merge import ChangeRefused, RemoteBatch, apply_remote_many, outgoing
from connector_app.sync.bundle import (
    MAX_FILE, BundleRefused, Header, OtherTeam, read_body, read_header, write_bundle,
)
from connector_app.sync import membership
from connector_app.sync.team import PEERS, require_team

_PEERS = PEERS  # meta: {device id: {"holds": ranges, "bundle_created": ..., "imported": ...}}
SHARED_SCOPES = ("share_team", "anonymous_reports")
RECENT_DAYS = 30
CHUNK = 2000  # changes applied together: a few statements per table per chunk (merge.apply_remote_many)


@dataclass
class ExportResult:
    path: Path
    changes: int
    counts: dict = field(default_factory=dict)
    withheld: int = 0


@dataclass
class ImportResult:
    applied: int = 0
    already_here: int = 0
    counts: dict = field(default_factory=dict)
    senders: list = field(default_factory=list)
    conflicts: int = 0                             # fields edited on two laptops, resolved by the merge
    conflicted: set = field(default_factory=set)   # (record id, field) of those, counted once across bundles
    people: set = field(default_factory=set)       # ids of the people with a change applied (duplicates.py)
    revived: dict = field(default_factory=dict)    # record type -> deleted records brought back

    def as_json(self) -> str:
        return json.dumps({"applied": self.applied, "already_here": self.already_here, "counts": self.counts,
                           "conflicts": self.conflicts, "revived": self.revived,
                           "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}, sort_keys=True)


_LAST_IMPORT = "sync_last_import"  # meta: what the last import changed (ImportResult.as_json)


def last_import(store) -> dict | None:
    raw = store.meta(_LAST_IMPORT)
    return json.loads(raw) if raw else None


def _ranges(numbers: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for n in sorted(numbers):
        if out and n == out[-1][1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return out


def _in(ranges, n: int) -> bool:
    return any(first <= n <= last for first, last in ranges)


def peers(store) -> dict:
    raw = store.meta(_PEERS)
    return json.loads(raw) if raw else {}


class _Consent:
    """Who may travel: looked up once per person per export."""

    def __init__(self, store, team_id: str | None = None):
        self._store = store
        self._scope: dict[str, bool] = {}
        # A person of another team stays here with every record about them (sync/membership.py).
        self.elsewhere = membership.belongs_elsewhere(store.connection, team_id) if team_id else lambda _id: False

    def shared(self, person_id: str) -> bool:
        if person_id not in self._scope:
            person = self._store.people.find(person_id)
            # A person not here as a row (erased, merged, deleted, on its way) holds no text to protect.
            self._scope[person_id] = not self.elsewhere(person_id) and (
                person is None or person.consent_scope in SHARED_SCOPES)
        return self._scope[person_id]

    def filter(self, change: Change) -> Change | None:
        """The change as it may travel, or None if it stays here."""
        if change.op in (ERASE, MERGE):
            return change
        record_class = BY_NAME[change.record_type]
        if change.record_type == "person":
            return change if self.shared(change.record_id) else None
        person_field = record_class.person_field
        spec = next((s for s in record_class.specs() if s.name == person_field), None)
        if spec is None:
            return change
        value = change.value
        if spec.kind is Kind.REF:
            about = None
            if change.op == CREATE and isinstance(value, dict):
                about = value.get(person_field)
            else:
                about = self._about(change.record_type, change.record_id, person_field)
            return change if about is None or self.shared(about) else None
        # A list of people (a group conversation): only those who share travel.
        if change.op == CREATE and isinstance(value, dict):
            kept = [p for p in value.get(person_field) or [] if self.shared(p)]
            if not kept and not value.get("anonymous_count"):
                return None
            return _with_value(change, {**value, person_field: kept})
        if change.op in (SET, REDACT) and change.field == person_field and isinstance(value, dict):
            return _with_value(change, {k: [p for p in value.get(k) or [] if self.shared(p)] for k in value})
        return change


    def _about(self, record_type: str, record_id: str, person_field: str) -> str | None:
        """The person a record is about: from its row, or from its creation in the log once deleted."""
        record = self._store.repositories[record_type].find(record_id)
        if record is not None:
            return getattr(record, person_field, None)
        row = self._store.connection.execute(
            "SELECT value FROM change WHERE record_id = ? AND op = 'create' AND value IS NOT NULL",
            (record_id,)).fetchone()
        created = json.loads(row[0]) if row else None
        return created.get(person_field) if isinstance(created, dict) else None

    def record(self, record_type: str, record_id: str, values: dict) -> dict | None:
        """A live record as it travels (for the shared digest), or None if it stays here."""
        if self.elsewhere(record_id):
            return None
        change = Change("", 1, 0, record_type, record_id, CREATE, "*", values)
        travelling = self.filter(change)
        return None if travelling is None else travelling.value


def shared_digest(store) -> str:
    """The content digest of what this laptop shares with its team: equal on laptops in step."""
    from connector_app.store.digest import content_digest
    from connector_app.sync.team import current_team
    team = current_team(store)
    consent = _Consent(store, team.team_id if team else None)
    return content_digest(store, shared=consent.record, gone_shared=lambda record_id: not consent.elsewhere(record_id))


def _with_value(change: Change, value) -> Change:
    return Change(change.device_id, change.dseq, change.hlc, change.record_type, change.record_id, change.op,
                  change.field, value, change.actor)


def _to_line(change: Change) -> bytes:
    return json.dumps({"d": change.device_id, "s": change.dseq, "h": change.hlc, "t": change.record_type,
                       "r": change.record_id, "o": change.op, "f": change.field, "v": change.value,
                       "a": change.actor}, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _from_item(item: dict) -> Change:
    try:
        change = Change(item["d"], item["s"], item["h"], item["t"], item["r"], item["o"], item["f"], item.get("v"),
                        item.get("a"))
    except KeyError:
        raise ChangeRefused(_("badly formed change")) from None
    if not all(isinstance(x, str) for x in (change.device_id, change.record_type, change.record_id, change.op,
                                             change.field)) or not (change.actor is None or
                                                                    isinstance(change.actor, str)):
        raise ChangeRefused(_("badly formed change"))
    if isinstance(change.dseq, bool) or isinstance(change.hlc, bool):
        raise ChangeRefused(_("badly formed change"))
    return change


def _recent_from(store, device: str, days: int) -> int | None:
    """The first sequence number of ``device`` made in the last ``days`` days (a suffix:
    one device's sequence and clock orders agree)."""
    no = store.changes.devices.no_of(device)
    cutoff = pack(int(time.time() * 1000) - days * 24 * 3600 * 1000, 0)
    row = store.connection.execute("SELECT min(dseq) FROM change WHERE device_no = ? AND hlc >= ?",
                                   (no, cutoff)).fetchone()
    return row[0] if row else None


def _plan(store, everything: bool) -> dict[str, list[list[int]] | None]:
    """Per origin device: the ranges to send (None: all of them).

    What a laptop heard from does not hold, and everything from the last RECENT_DAYS
    days: a hub cannot know a laptop that has only ever imported (it has sent no
    bundle saying what it holds), so recent changes always travel on. A laptop away
    longer than that is brought up to date with a full bundle (``--all``).
    """
    held = store.changes.known_ranges()
    heard = peers(store)
    if everything or not heard:
        return {device: None for device in held}
    plan = {}
    for device, ranges in held.items():
        missing: set[int] = set()
        for peer in heard.values():
            theirs = peer.get("holds", {}).get(device, [])
            for first, last in ranges:
                missing.update(n for n in range(first, last + 1) if not _in(theirs, n))
        recent = _recent_from(store, device, RECENT_DAYS)
        if recent is not None:
            missing.update(n for first, last in ranges for n in range(max(first, recent), last + 1))
        if missing:
            plan[device] = _ranges(sorted(missing))
    return plan


def export_bundle(store, out: Path, *, everything: bool = False, device_name: str | None = None,
                  progress=lambda done, total: None) -> ExportResult:
    """Write one bundle: atomic (temporary name, fsync, read back and verified, renamed).

    ``progress(changes read, changes here)`` may raise to cancel: no file is left."""
    total = store.changes.count()
    read = 0
    team = require_team(store)
    consent = _Consent(store, team.team_id)
    carried: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    withheld = 0
    lines: list[bytes] = []
    for device, ranges in _plan(store, everything).items():
        for change in outgoing(store, device, team_id=team.team_id):  # never another team's records
            read += 1
            if read % CHUNK == 0:
                progress(read, total)
            if ranges is not None and not _in(ranges, change.dseq):
                continue
            travelling = consent.filter(change)
            if travelling is None:
                withheld += 1
                continue
            lines.append(_to_line(travelling))
            carried.setdefault(device, []).append(change.dseq)
            counts[change.record_type] = counts.get(change.record_type, 0) + 1
    header = Header(team.team_id, store.device_id, {d: _ranges(n) for d, n in carried.items()},
                    {d: [list(r) for r in rs] for d, rs in store.changes.known_ranges().items()}, counts,
                    datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    out = Path(out)
    with atomic_writer(out, verify=lambda written: _verify(written, team, len(lines))) as handle:
        write_bundle(handle, header, lines, team.bundle_key)
    return ExportResult(out, len(lines), counts, withheld)


def _verify(path: Path, team, expected: int) -> None:
    """Read the bundle back before it counts as written: a bad disk or stick says so now."""
    with open(path, "rb") as handle:
        header = read_header(handle)
        count = sum(1 for _item in read_body(handle, header, team.bundle_key))
    if header.team_id != team.team_id or count != expected:
        raise BundleRefused(_("it did not read back as written"))


def _chunks(items, progress):
    """Changes in chunks; ``progress(done)`` after each (it may raise to cancel: nothing is kept)."""
    chunk: list[Change] = []
    done = 0
    for item in items:
        chunk.append(_from_item(item))
        if len(chunk) == CHUNK:
            yield chunk
            done += len(chunk)
            chunk = []
            progress(done)
    if chunk:
        yield chunk
        progress(done + len(chunk))


def import_bundle(store, path: Path, result: ImportResult | None = None,
                  progress=lambda done, total: None) -> ImportResult:
    """Take in one bundle: all of it or none of it. ``progress(done, total)`` may raise to cancel."""
    team = require_team(store)
    result = result or ImportResult()
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BundleRefused(_("the file does not exist")) from None
    if not path.is_file():
        raise BundleRefused(_("it is not a file"))
    if info.st_size > MAX_FILE:
        raise BundleRefused(_("it is far larger than any team's records"))
    with open(path, "rb") as handle:
        header = read_header(handle)
        if header.team_id != team.team_id:
            raise OtherTeam()
        applied, already, counts, arrived = 0, 0, {}, set()
        # What each laptop held, as its own last bundle says (this one's header for its sender): whether
        # two edits of a field were made without seeing each other (merge._concurrent).
        batch = RemoteBatch(holds={**{device: info.get("holds", {}) for device, info in peers(store).items()},
                                   header.sender: header.holds})
        with store.atomic():
            total = sum(v for v in header.counts.values() if isinstance(v, int))
            for chunk in _chunks(read_body(handle, header, team.bundle_key), lambda done: progress(done, total)):
                for change, new in zip(chunk, apply_remote_many(store, chunk, batch)):
                    if new:
                        applied += 1
                        if change.record_type == "person":
                            arrived.add(change.record_id)
                        counts[change.record_type] = counts.get(change.record_type, 0) + 1
                    else:
                        already += 1
            batch.finish(store)
            result.conflicted |= batch.conflicted
            result.conflicts = len(result.conflicted)
            for record_type in batch.revived.values():
                result.revived[record_type] = result.revived.get(record_type, 0) + 1
            heard = peers(store)
            if header.sender != store.device_id:
                heard[header.sender] = {"holds": header.holds, "bundle_created": header.created,
                                        "imported": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
                store.set_meta(_PEERS, json.dumps(heard, sort_keys=True))
    result.applied += applied
    result.people |= arrived
    result.already_here += already
    for kind, count in counts.items():
        result.counts[kind] = result.counts.get(kind, 0) + count
    result.senders.append(header.sender)
    if applied:
        store.set_meta(_LAST_IMPORT, result.as_json())
    return result
