"""Changes from other laptops: the other door into the store.

``apply_remote`` keeps a change's own origin (device, sequence number), timestamp
and author, is idempotent on the origin, never logs the change again as local,
and writes rows, search documents and links through the same ``Rows`` as a local
edit. Which value wins is decided by the rules in docs/store-design.md, so the
same changes give the same records in any order of arrival.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME
from connector_app.domain.validate import check_value, problems_of, validate
from connector_app.ids import is_id
from connector_app.errors import UserError
from connector_app.i18n import _
from connector_app.store.changelog import (
    CREATE, DELETE, ERASE, FLAG_CLOCK_AHEAD, FLAG_REMOTE, MERGE, REDACT, RESTORE, SET, WHOLE_RECORD, Change, decode,
    encode,
)
from connector_app.store.erasure import apply_rules, cascade, gone_or_moved, originals_to_hold, scrub
from connector_app.store.state import DELETED as DELETED_STATE, ERASED, LIVE, MERGED as MERGED_STATE, Entry, \
    RecordState, \
    merges_as_set, replay

OPS = (CREATE, SET, DELETE, RESTORE, ERASE, MERGE, REDACT)


class ChangeRefused(UserError):
    """A change that no version of this app could have written (a damaged or forged bundle)."""

    def message(self) -> str:
        return _("A change from another laptop could not be used: {reason}").format(reason=self.args[0])


class NewerChange(ChangeRefused):
    """A kind of record or a detail this version does not know. Bundles are sealed with the team's key, so
    it came from a teammate's newer version of the app (a new field arrives by migration): say so."""

    def message(self) -> str:
        return _("These changes were made by a newer version of the app, with details this version does not "
                 "know: update the app on this laptop, then import them again. Nothing was changed.")


def resolved_entries(store, record_type: str, record_id: str) -> list[Entry]:
    repo = store.repositories[record_type]
    row = repo.find(record_id)
    row_values = row.values() if row is not None else None
    entries = []
    for log in store.changes.entries(record_id):
        stored = decode(log.stored)
        if log.op == CREATE:
            if row_values is not None:
                value = {**row_values, **(stored or {})}
            else:
                value = stored
        elif log.op in (SET, REDACT):
            spec = next((s for s in repo.specs if s.name == log.field), None)
            if log.stored is None and row_values is not None and spec is not None and not merges_as_set(spec):
                value = row_values.get(log.field)
            else:
                value = stored
        else:
            value = stored
        entries.append(Entry(log.seq, log.hlc, store.changes.devices.id_of(log.device_no), log.device_no,
                             log.op, log.field, value, log.actor, log.flags))
    return entries


def reconcile(store, record_type: str, record_id: str) -> str:
    """Re-read a record's whole log, apply the merge and erasure rules, and write what wins.

    Returns the record's state afterwards.
    """
    conn = store.connection
    repo = store.repositories[record_type]
    before = RecordState.load(conn, record_id)
    if before is not None and before.state == ERASED:
        store.changes.wipe(record_id)
        return ERASED
    entries = resolved_entries(store, record_type, record_id)
    result = replay(entries, repo.specs)
    state = result.state
    values = result.values
    if state == MERGED_STATE and result.merged_into and any(
            st == ERASED for st, _into in gone_or_moved(conn, [result.merged_into]).values()):
        state = ERASED  # merged into someone erased: erasing either erases both
    followed: dict = {}
    if state not in (ERASED, MERGED_STATE) and result.created is not None:
        ruled = apply_rules(conn, repo.record_class, values)
        if ruled is None:
            state = ERASED
        else:
            followed = originals_to_hold(conn, repo.record_class, values, ruled)
            values = ruled
    if state == ERASED:
        if repo.find(record_id) is not None:
            repo.rows.remove(record_id)
        store.changes.wipe(record_id)
        latest = max(entries, key=lambda e: e.version) if entries else None
        RecordState(record_id, record_type, ERASED, None, latest and (latest.hlc, latest.device_no),
                    merged_into=result.merged_into or (before.merged_into if before else None)).save(conn)
        return ERASED
    if state == LIVE:
        record = repo.rows.record_from_values(record_id, values)
        repo.rows.put([record], [result.latest.hlc])
    elif repo.find(record_id) is not None:
        repo.rows.remove(record_id)
    versions = result.versions
    gone = gone_or_moved(conn, [k for v in versions.values() if isinstance(v, dict) for k in v])
    if gone:
        versions = {f: ({k: x for k, x in v.items() if k not in gone} if isinstance(v, dict) else v)
                    for f, v in versions.items()}
    if followed and state == LIVE:
        _hold_originals(result, followed, entries)
    current = {log.seq: log.stored for log in store.changes.entries(record_id)}
    for seq, stored in result.stored.items():
        if current.get(seq, stored) != stored:
            store.changes.set_stored(seq, stored)
    RecordState(record_id, record_type, state,
                None if result.created is None else (result.created.hlc, result.created.device_no),
                None if result.latest is None else (result.latest.hlc, result.latest.device_no),
                versions, result.merged_into).save(conn)
    return state


def _hold_originals(result, followed: dict, entries: list[Entry]) -> None:
    """Keep in the log the written value of fields the row shows followed to a merged person."""
    by_version = {(e.hlc, e.device_no, e.field): e for e in entries if e.op in (SET, REDACT)}
    for name, original in followed.items():
        version = result.versions.get(name)
        if isinstance(version, list) and (version[0], version[1], name) in by_version:
            result.stored[by_version[(version[0], version[1], name)].seq] = encode(original)
        elif result.created is not None:  # the creation is the winner (or a set field's base)
            held = decode(result.stored.get(result.created.seq)) or {}
            if name not in held:
                held[name] = result.created.value.get(name) if isinstance(result.created.value, dict) else original
            result.stored[result.created.seq] = encode(held)


def _check_shape(change: Change) -> None:
    """Refuse what no version of this app could have written, before it touches anything."""
    record_class = BY_NAME.get(change.record_type) if isinstance(change.record_type, str) else None
    if record_class is None:
        raise NewerChange(change.record_type)
    if change.op not in OPS:
        raise ChangeRefused(_("unknown kind of change"))
    well_formed = (
        isinstance(change.record_id, str) and is_id(change.record_id)
        and isinstance(change.device_id, str) and is_id(change.device_id)
        and type(change.dseq) is int and 1 <= change.dseq < 2 ** 62
        and type(change.hlc) is int and 0 <= change.hlc < 2 ** 62
        and (change.actor is None or (isinstance(change.actor, str) and is_id(change.actor))))
    if not well_formed:
        raise ChangeRefused(_("badly formed change"))
    specs = {s.name: s for s in record_class.specs()}
    value = change.value
    if change.op in (SET, REDACT):
        spec = specs.get(change.field) if isinstance(change.field, str) else None
        if spec is None:
            raise NewerChange(change.field)
        if value is None:
            pass  # wiped where it came from (the record was erased there), or a field cleared
        elif merges_as_set(spec):
            if not (isinstance(value, dict) and set(value) <= {"add", "remove"} and all(
                    isinstance(v, list) and check_value(spec, v) is None for v in value.values())):
                raise ChangeRefused(_("badly formed change"))
        elif check_value(spec, tuple(value) if isinstance(value, list) else value) is not None and not (
                value is None and not spec.required):
            raise ChangeRefused(_("a value that does not pass the app's checks"))
    elif change.op == CREATE:
        if value is not None:
            if not isinstance(value, dict) or not set(value) <= set(specs):
                raise ChangeRefused(_("badly formed change"))
            record = record_class(id=change.record_id, **{
                name: tuple(v) if isinstance(v, list) else v for name, v in value.items()})
            if problems_of(record):
                raise ChangeRefused(_("a record that does not pass the app's checks"))
    elif change.op == MERGE:  # value None: erased where it came from, its erasure on the way
        if change.record_type != "person" or not (value is None or (isinstance(value, str) and is_id(value))) \
                or value == change.record_id:
            raise ChangeRefused(_("badly formed change"))
    elif value is not None:
        raise ChangeRefused(_("badly formed change"))


def _scrub_gone(conn, record_class, change: Change):
    """Ids of erased records never enter this log, whatever order things arrive in."""
    value = change.value
    candidates: list[str] = []
    specs = {s.name: s for s in record_class.specs()}

    def collect(spec, v):
        if spec.kind is Kind.REF and isinstance(v, str):
            candidates.append(v)
        elif spec.kind is Kind.REFS:
            items = v if isinstance(v, list) else (v.get("add", []) + v.get("remove", []) if isinstance(v, dict)
                                                   else [])
            candidates.extend(i for i in items if isinstance(i, str))

    if change.op == CREATE and isinstance(value, dict):
        for name, v in value.items():
            if name in specs:
                collect(specs[name], v)
    elif change.op in (SET, REDACT) and change.field in specs:
        collect(specs[change.field], value)
    erased = {i for i, (state, _into) in gone_or_moved(conn, candidates).items() if state == ERASED}
    return scrub(value, erased) if erased else value


@dataclass
class RemoteBatch:
    """Bookkeeping a bundle's changes share, written once when the bundle is done:
    the known ranges, the clock, and one audit entry per kind of record."""
    known: dict = field(default_factory=dict)     # device_no -> [dseq, ...]
    newest: int = 0
    counts: dict = field(default_factory=dict)    # record type -> changes applied
    # (record id, field): edited on two laptops, neither having seen the other's edit; the later won,
    # the other is in the field's history (see _note_outcome).
    conflicted: set = field(default_factory=set)
    revived: dict = field(default_factory=dict)   # record id -> type: deleted here, back by a later edit elsewhere
    holds: dict = field(default_factory=dict)     # device id -> sequence ranges it held, as its last bundle said
    forgets: bool = False   # an erasure or a redaction arrived: the search index is purged of its words once

    @property
    def conflicts(self) -> int:
        return len(self.conflicted)

    def finish(self, store) -> None:
        if self.newest:
            store.stamps.observe(self.newest)
        for device_no, numbers in self.known.items():
            run_start = previous = None
            for n in sorted(set(numbers)):
                if previous is not None and n == previous + 1:
                    previous = n
                    continue
                if run_start is not None:
                    store.changes.note_known_run(device_no, run_start, previous)
                run_start = previous = n
            if run_start is not None:
                store.changes.note_known_run(device_no, run_start, previous)
        for record_type, count in sorted(self.counts.items()):
            store.audit.record("sync_import", record_type, None, count)
        if self.forgets:   # as on the laptop that erased: no deleted word survives in the index
            store.search_index.purge()
            self.forgets = False
        self.known, self.newest, self.counts = {}, 0, {}  # conflicted and revived stay: the import reports them


def apply_remote(store, change: Change, batch: RemoteBatch | None = None) -> bool:
    """Apply one change made on another laptop. Returns False if it was already here.

    With ``batch`` (a bundle being imported), the bookkeeping every change shares is
    collected and written once by ``batch.finish`` inside the same transaction.
    """
    _check_shape(change)
    conn = store.connection
    with store.atomic():
        device_no = store.changes.devices.no_of(change.device_id, register=True)
        if store.changes.has(device_no, change.dseq):
            return False
        record_class = BY_NAME[change.record_type]
        repo = store.repositories[change.record_type]
        if batch is None:
            plausible = store.stamps.observe(change.hlc)
        else:
            plausible = store.stamps.plausible(change.hlc)
            if plausible:
                batch.newest = max(batch.newest, change.hlc)
        flags = FLAG_REMOTE | (0 if plausible else FLAG_CLOCK_AHEAD)
        value = _scrub_gone(conn, record_class, change)
        stored = encode(value) if change.op in (CREATE, SET, REDACT, MERGE) else None
        store.changes.append(device_no, change.dseq, change.hlc, change.record_type, change.record_id, change.op,
                             change.field if change.op in (SET, REDACT) else WHOLE_RECORD, stored, change.actor,
                             flags)
        if batch is None:
            store.changes.note_known(device_no, change.dseq)
        else:
            batch.known.setdefault(device_no, []).append(change.dseq)
            batch.forgets = batch.forgets or change.op in (ERASE, REDACT)
        state = RecordState.load(conn, change.record_id)
        written = _values_of(repo, change.value) if change.op == CREATE and isinstance(change.value, dict) else None
        ruled = apply_rules(conn, record_class, written) if written is not None else None
        about_erased = written is not None and ruled is None
        if state is not None and state.state == ERASED:
            store.changes.wipe(change.record_id)  # erasure is final: the late change leaves no trace
            if change.op == MERGE and isinstance(value, str):
                # Merged elsewhere before the erasure reached it: erasing either erases both.
                state.merged_into = value
                state.save(conn)
                from connector_app.store.erasure import erase_by_rule
                erase_by_rule(store, "person", value)
        elif about_erased or (change.op == CREATE and value is None):
            # About someone erased here, or erased where it came from: nothing of it is kept.
            _erase_here(store, repo, change, device_no)
        elif change.op == CREATE and state is None:
            _place_new(store, repo, change, device_no, written, ruled)
        elif change.op == ERASE:
            _erase_here(store, repo, change, device_no)
        elif change.op == MERGE:
            outcome = reconcile(store, change.record_type, change.record_id)
            if outcome == MERGED_STATE:
                from connector_app.store.people_merge import follow_merge
                follow_merge(store, change.record_id)
            elif outcome == ERASED:
                cascade(store, change.record_type, change.record_id)
        else:
            reconcile(store, change.record_type, change.record_id)
        if batch is None:
            store.audit.record("sync_change", change.record_type, change.record_id)
            if change.op in (ERASE, REDACT):
                store.search_index.purge()
        else:
            batch.counts[change.record_type] = batch.counts.get(change.record_type, 0) + 1
    return True


def apply_remote_many(store, changes: list[Change], batch: RemoteBatch) -> list[bool]:
    """``apply_remote`` for a run of changes (a bundle read in chunks), same rules, fewer statements.

    The common case of a bulk import (a new laptop catching up) is a record arriving
    whole for the first time, referring only to records that are neither erased nor
    merged: those are written together (log rows, record rows, search documents,
    states) with one statement per table. Anything else goes through ``apply_remote``
    in its place in the order, after the new records before it are written, so every
    change sees exactly what it would have seen applied alone. Returns, per change,
    whether it was new here. Call inside the bundle's transaction.
    """
    conn = store.connection
    _Prefetch.check(changes)
    seen = _Prefetch(store, changes)
    pending: list[tuple[Change, int]] = []
    results: list[bool] = []

    def flush() -> None:
        if pending:
            _write_new(store, pending, batch)
            pending.clear()

    for position, change in enumerate(changes):
        device_no = store.changes.devices.no_of(change.device_id, register=True)
        if (device_no, change.dseq) in seen.origins:
            results.append(False)
            continue
        seen.origins.add((device_no, change.dseq))
        if seen.simple_create(change, position):
            seen.has_state.add(change.record_id)
            pending.append((change, device_no))
            results.append(True)
            continue
        flush()
        before = RecordState.load(conn, change.record_id)
        results.append(apply_remote(store, change, batch))
        _note_outcome(store, change, device_no, before, batch)
        seen.stale = True  # it may have erased, merged or placed anything: read again before the next create
    flush()
    return results


def _note_outcome(store, change: Change, device_no: int, before, batch: RemoteBatch) -> None:
    """What the Sync screen tells: fields edited on two laptops (a conflict the merge resolved), and
    deleted records that came back."""
    if before is None:
        return
    version = (before.versions or {}).get(change.field) if change.op in (SET, REDACT) else None
    conn = store.connection
    if isinstance(version, list) and len(version) > 1 and version[1] != device_no and _concurrent(
            store, change, device_no, version[0], version[1], batch):
        batch.conflicted.add((change.record_id, change.field))
    if before.state == DELETED_STATE:
        after = RecordState.load(conn, change.record_id)
        if after is not None and after.state == LIVE:
            batch.revived[change.record_id] = change.record_type


def _concurrent(store, change: Change, device_no: int, other_hlc: int, other_no: int, batch: RemoteBatch) -> bool:
    """Whether the incoming edit and the field's edit here were made without either laptop having seen the
    other: a real conflict, not one laptop correcting what it had received. The later edit's laptop had seen
    the earlier one if it held it (this laptop: it had it before this import; another: its last bundle,
    written after that edit, said so) and its clock was past it (a clock moves past every change received).
    Only a conflict that can be shown is counted: without such a bundle from the later edit's laptop, the
    edits are taken as one after the other."""
    row = store.connection.execute(
        "SELECT dseq FROM change WHERE record_id = ? AND device_no = ? AND hlc = ? AND field = ? AND op IN (?, ?)",
        (change.record_id, other_no, other_hlc, change.field, SET, REDACT)).fetchone()
    if row is None:
        return False
    devices = store.changes.devices
    incoming = (change.hlc, change.device_id, device_no, change.dseq)
    here = (other_hlc, devices.id_of(other_no), other_no, row[0])
    later, earlier = (incoming, here) if incoming[:2] > here[:2] else (here, incoming)
    if later[2] == store.changes.device_no:
        return earlier is incoming  # this laptop never held the edit arriving now
    holds = batch.holds.get(later[1], {})

    def held(edit) -> bool:
        return any(first <= edit[3] <= last for first, last in holds.get(edit[1], []))

    if not held(later):
        return False  # what it said it held was said before it made this edit: it may have seen the other since
    return not (held(earlier) and later[0] > earlier[0])


class _Prefetch:
    """What a chunk of changes needs to know, read with a few statements instead of several per change."""

    def __init__(self, store, changes: list[Change]):
        self._store = store
        self._changes = changes
        self.origins: set[tuple[int, int]] = set()
        by_device: dict[int, list[int]] = {}
        for c in changes:
            by_device.setdefault(store.changes.devices.no_of(c.device_id, register=True), []).append(c.dseq)
        for device_no, numbers in by_device.items():
            self.origins.update((device_no, n) for (n,) in store.connection.execute(
                "SELECT dseq FROM change WHERE device_no = ? AND dseq BETWEEN ? AND ?",
                (device_no, min(numbers), max(numbers))))
        self.refresh(store.connection)

    @staticmethod
    def check(changes: list[Change]) -> None:
        for change in changes:  # a malformed change refuses the bundle before anything is read for it
            _check_shape(change)

    def refresh(self, conn, start: int = 0) -> None:
        """Read what the changes from ``start`` on need (after a change applied alone: only those left)."""
        self.stale = False
        rest = self._changes[start:]
        ids = list({c.record_id for c in rest})
        targets: list[str] = []
        for c in rest:
            if c.op == CREATE and isinstance(c.value, dict):
                targets.extend(_targets_of(BY_NAME[c.record_type], c.value))
        self.has_state: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            self.has_state.update(row[0] for row in conn.execute(
                f"SELECT record_id FROM record_state WHERE record_id IN ({','.join('?' * len(chunk))})", chunk))
        self.moved = gone_or_moved(conn, targets)

    def simple_create(self, change: Change, position: int) -> bool:
        """A record new here, arriving whole, referring to nothing erased or merged."""
        if change.op != CREATE or not isinstance(change.value, dict):
            return False
        if self.stale:
            self.refresh(self._store.connection, position)
        if change.record_id in self.has_state:
            return False
        record_class = BY_NAME[change.record_type]
        if any(t in self.moved for t in _targets_of(record_class, change.value)):
            return False
        written = _values_of(self._store.repositories[change.record_type], change.value)
        return apply_rules_whole(record_class, written)


def _targets_of(record_class, value: dict) -> list[str]:
    ids: list[str] = []
    for spec in record_class.specs():
        v = value.get(spec.name)
        if spec.kind is Kind.REF and isinstance(v, str):
            ids.append(v)
        elif spec.kind is Kind.REFS and isinstance(v, list):
            ids.extend(i for i in v if isinstance(i, str))
    return ids


def apply_rules_whole(record_class, written: dict) -> bool:
    """With nothing it refers to erased or merged, whether the rules keep the record as written."""
    from connector_app.store.erasure import _whole
    return _whole(record_class, written) is not None


def _write_new(store, pending: list[tuple[Change, int]], batch: RemoteBatch) -> None:
    """Write records new here, all at once: what ``_place_new`` does for one, per table."""
    log_rows, states = [], []
    by_type: dict[str, tuple[list, list]] = {}
    for change, device_no in pending:
        repo = store.repositories[change.record_type]
        record = repo.rows.record_from_values(change.record_id, _values_of(repo, change.value))
        try:
            validate(record)
        except UserError:
            raise ChangeRefused(_("a record that does not pass the app's checks")) from None
        plausible = store.stamps.plausible(change.hlc)
        if plausible:
            batch.newest = max(batch.newest, change.hlc)
        flags = FLAG_REMOTE | (0 if plausible else FLAG_CLOCK_AHEAD)
        # The row holds every value, so the log entry repeats none (see changelog.py).
        log_rows.append((device_no, change.dseq, change.hlc, change.record_type, change.record_id, CREATE,
                         WHOLE_RECORD, None, change.actor, flags))
        records, hlcs = by_type.setdefault(change.record_type, ([], []))
        records.append(record)
        hlcs.append(change.hlc)
        states.append((change.record_id, change.record_type, LIVE, change.hlc, device_no, change.hlc, device_no,
                       None, None))
        batch.known.setdefault(device_no, []).append(change.dseq)
        batch.counts[change.record_type] = batch.counts.get(change.record_type, 0) + 1
    store.changes.append_many(log_rows)
    # In key order: each B-tree is then written page after page, not at random places.
    for record_type, (records, hlcs) in by_type.items():
        ordered = sorted(zip(records, hlcs), key=lambda pair: pair[0].id)
        store.repositories[record_type].rows.put([r for r, _h in ordered], [h for _r, h in ordered])
    RecordState.save_many(store.connection, sorted(states))


def _values_of(repo, value: dict) -> dict:
    return {s.name: value.get(s.name, [] if s.kind.is_list else None) for s in repo.specs}


def _erase_here(store, repo, change: Change, device_no: int) -> None:
    if repo.find(change.record_id) is not None:
        repo.rows.remove(change.record_id)
    store.changes.wipe(change.record_id)
    before = RecordState.load(store.connection, change.record_id)
    RecordState(change.record_id, change.record_type, ERASED, None, (change.hlc, device_no),
                merged_into=before.merged_into if before else None).save(store.connection)
    cascade(store, change.record_type, change.record_id)


def _place_new(store, repo, change: Change, device_no: int, written: dict, ruled: dict) -> None:
    """The common case, made quick: a record arriving for the first time, whole."""
    conn = store.connection
    followed = originals_to_hold(conn, repo.record_class, written, ruled)
    record = repo.rows.record_from_values(change.record_id, ruled)
    try:
        validate(record)
    except UserError:
        raise ChangeRefused(_("a record that does not pass the app's checks")) from None
    repo.rows.put([record], [change.hlc])
    for (seq,) in conn.execute("SELECT seq FROM change WHERE record_id = ? AND op = 'create'", (change.record_id,)):
        store.changes.set_stored(seq, encode(followed) if followed else None)
    RecordState(change.record_id, change.record_type, LIVE, (change.hlc, device_no), (change.hlc, device_no)).save(
        conn)


def outgoing(store, device_id: str, after: int = 0, *, team_id: str | None = None):
    """Changes made on one device after a sequence number, values resolved, as they travel
    (with ``team_id``: only those that may travel to that team, see ChangeLog.origin_entries)."""
    cache: dict[str, dict] = {}
    for log in store.changes.origin_entries(device_id, after, team_id=team_id):
        repo = store.repositories[log.record_type]
        value = decode(log.stored)
        if log.op in (CREATE, SET, REDACT) and (log.stored is None or log.op == CREATE):
            if log.record_id not in cache:
                row = repo.find(log.record_id)
                cache[log.record_id] = row.values() if row is not None else None
            row_values = cache[log.record_id]
            if log.op == CREATE:
                # A field a redaction once blanked in the creation (before it kept the redacted text)
                # travels as the record holds it: a blank required field would have every laptop refuse it.
                kept = {name: v for name, v in (value or {}).items() if v is not None or row_values is None}
                value = None if row_values is None and value is None else {**(row_values or {}), **kept}
            elif row_values is not None:
                value = row_values.get(log.field)
        yield Change(device_id, log.dseq, log.hlc, log.record_type, log.record_id, log.op, log.field, value,
                      log.actor)


