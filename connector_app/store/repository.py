"""One repository per record type, all built from the field declarations.

The local write path: a person's edit is validated, its references checked,
stamped from the workspace clock inside the write transaction, logged under
this device with the staff member using the app, and audited, in one
transaction. Changes from other laptops take the other door (merge.py); both
write rows through ``Rows`` and keep ``record_state`` current.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Iterable, Iterator, TypeVar

from connector_app.domain.fields import Kind
from connector_app.domain.records import Record
from connector_app.domain.validate import validate
from connector_app.errors import RecordNotFound, StillReferenced, ValidationError
from connector_app.i18n import _
from connector_app.ids import new_id
from connector_app.store.changelog import CREATE, DELETE, ERASE, RESTORE, SET, WHOLE_RECORD, FieldVersion, encode
from connector_app.store.rows import Rows
from connector_app.store.state import DELETED, ERASED, LIVE, RecordState, canonical, merges_as_set

if TYPE_CHECKING:
    from connector_app.store.store import Store

R = TypeVar("R", bound=Record)


class Repository(Generic[R]):
    def __init__(self, store: "Store", record_class: type[R]):
        self._store = store
        self.record_class = record_class
        self.table = record_class.type_name
        self.specs = record_class.specs()
        self.rows: Rows[R] = Rows(store, record_class)
        self._columns = self.rows.columns
        self._select = self.rows.select
        self._set_fields = {s.name for s in self.specs if merges_as_set(s)}
        self._refs = [s for s in self.specs if s.kind in (Kind.REF, Kind.REFS)]

    # reading ---------------------------------------------------------------

    @property
    def _conn(self):
        return self._store.connection

    def find(self, record_id: str) -> R | None:
        row = self._conn.execute(f"{self._select} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else self.rows.record_from_row(row)

    def get(self, record_id: str) -> R:
        record = self.find(record_id)
        if record is None:
            raise RecordNotFound(_(self.record_class.label), record_id)
        return record

    def count(self) -> int:
        return self._conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]

    def iter_all(self) -> Iterator[R]:
        """Every record, in id order (the order the content digest uses)."""
        for row in self._conn.execute(f"{self._select} ORDER BY id"):
            yield self.rows.record_from_row(row)

    def where(self, field: str, value: Any, *, order_by: str = "id", limit: int | None = None) -> list[R]:
        if field not in self._columns and field != "id":
            raise ValueError(field)
        if order_by not in self._columns and order_by != "id":
            raise ValueError(order_by)
        sql = f"{self._select} WHERE {field} = ? ORDER BY {order_by}"
        params: tuple = (value,)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return [self.rows.record_from_row(row) for row in self._conn.execute(sql, params)]

    def history(self, record_id: str, field: str) -> list[FieldVersion]:
        return self._store.history.field(record_id, field)

    def state(self, record_id: str) -> str | None:
        """live, deleted, erased, merged, pending, or None if never seen."""
        found = RecordState.load(self._conn, record_id)
        return None if found is None else found.state

    # checks ------------------------------------------------------------------

    def _prepare(self, record: R, previous: R | None, given: frozenset[str]) -> R:
        record = record.stamped(previous, date.today().isoformat(), given)
        sets = {s.name: canonical(s, getattr(record, s.name)) for s in self.specs if s.name in self._set_fields}
        record = record.with_changes(**sets) if sets else record
        validate(record)
        return record

    def _check_references(self, records: list[R], fields: set[str] | None = None,
                          also_new: frozenset[str] = frozenset()) -> None:
        """A local edit may only point to records that exist here (the database keeps no foreign keys)."""
        for spec in self._refs:
            if fields is not None and spec.name not in fields:
                continue
            target = self._store.repositories[spec.target]
            for record in records:
                value = getattr(record, spec.name)
                ids = [value] if spec.kind is Kind.REF else list(value)
                missing = [i for i in ids if i and i not in also_new and target.find(i) is None]
                if missing:
                    raise ValidationError({spec.name: _("{field} points to a record that does not exist here.")
                                           .format(field=_(spec.label))})

    # writing -----------------------------------------------------------------

    def add(self, record: R) -> R:
        """Validate and store a new record; returns it with its id."""
        return self._create([record], audit="create")[0]

    def add_many(self, records: Iterable[R]) -> int:
        """Bulk insert (demo data, imports): the same rows, log and index as ``add``; one audit entry."""
        return len(self._create(list(records), audit="bulk_create"))

    def _create(self, records: list[R], audit: str) -> list[R]:
        prepared = [self._prepare(r if r.id else r.with_changes(id=new_id()), None, frozenset()) for r in records]
        if not prepared:
            return []
        store = self._store
        with store.atomic():
            own = frozenset(r.id for r in prepared) if self._refs and any(
                s.target == self.table for s in self._refs) else frozenset()
            self._check_references(prepared, also_new=own)
            stamps = store.stamps.mint(len(prepared))
            device, actor = store.stamps.device_no, store.actor_id
            self.rows.put(prepared, [hlc for hlc, _dseq in stamps])
            store.changes.append_many([(device, dseq, hlc, self.table, r.id, CREATE, WHOLE_RECORD, None, actor, 0)
                                       for r, (hlc, dseq) in zip(prepared, stamps)])
            self._conn.executemany(
                "INSERT INTO record_state (record_id, record_type, state, created_hlc, created_dev, state_hlc, "
                "state_dev) VALUES (?, ?, 'live', ?, ?, ?, ?)",
                ((r.id, self.table, hlc, device, hlc, device) for r, (hlc, _dseq) in zip(prepared, stamps)))
            store.changes.note_local(stamps[0][1], stamps[-1][1])
            if audit == "create":
                store.audit.record("create", self.table, prepared[0].id)
            else:
                store.audit.record("bulk_create", self.table, None, len(prepared))
        return prepared

    def update(self, record_id: str, **changes: Any) -> R:
        """Change some fields; each changed field gets its own change-log entry."""
        unknown = set(changes) - set(self._columns)
        if unknown:
            raise ValueError(sorted(unknown))
        store = self._store
        with store.atomic():
            current = self.get(record_id)
            updated = self._prepare(current.with_changes(**changes), current, frozenset(changes))
            old_values, new_values = current.values(), updated.values()
            changed = [name for name in self._columns if old_values[name] != new_values[name]]
            if not changed:
                return current
            self._check_references([updated], set(changed))
            state = RecordState.load(self._conn, record_id)
            stamps = store.stamps.mint(len(changed))
            device, actor = store.stamps.device_no, store.actor_id
            entries = []
            for name, (hlc, dseq) in zip(changed, stamps):
                old, new = old_values[name], new_values[name]
                if name in self._set_fields:
                    stored = encode(self._merge_locally(state, name, old, new, hlc, device))
                else:
                    winner = state.versions.get(name) or state.created
                    store.changes.hold(record_id, name, winner[0], winner[1], old)
                    state.versions[name] = [hlc, device]
                    stored = None
                entries.append((device, dseq, hlc, self.table, record_id, SET, name, stored, actor, 0))
            state.latest = (stamps[-1][0], device)
            self.rows.update(updated, changed, stamps[-1][0])
            store.changes.append_many(entries)
            state.save(self._conn)
            store.changes.note_local(stamps[0][1], stamps[-1][1])
            store.audit.record("update", self.table, record_id)
        return updated

    def _merge_locally(self, state: RecordState, name: str, old: list, new: list, hlc: int, device: int) -> dict:
        """A set field's change as a diff, with a version per element (an addition here and a
        removal elsewhere both survive)."""
        spec = next(s for s in self.specs if s.name == name)
        if name not in state.versions:  # first change since creation: the create entry keeps the old list
            self._hold_in_create(state, name, old)
            state.versions[name] = {item: [state.created[0], state.created[1], 1] for item in old}
        diff = {"add": canonical(spec, [x for x in new if x not in old]),
                "remove": canonical(spec, [x for x in old if x not in new])}
        for item in diff["add"]:
            state.versions[name][item] = [hlc, device, 1]
        for item in diff["remove"]:
            state.versions[name][item] = [hlc, device, 0]
        return diff

    def _hold_in_create(self, state: RecordState, name: str, value: Any) -> None:
        self._conn.execute(
            "UPDATE change SET value = json_set(coalesce(value, '{}'), ?, json(?)) "
            "WHERE record_id = ? AND op = 'create' AND hlc = ? AND device_no = ?",
            ("$." + name, encode(value), state.record_id, state.created[0], state.created[1]))

    def hold_everything(self, record: R, state: RecordState) -> None:
        """The row is going away (a delete): the log keeps every current value."""
        values = record.values()
        for name in self._columns:
            version = state.versions.get(name)
            if version is None:  # the creation is the winner: it keeps the value
                self._hold_in_create(state, name, values[name])
            elif name not in self._set_fields:  # a set field's changes are diffs, always kept
                self._store.changes.hold(record.id, name, version[0], version[1], values[name])

    def _referenced_by(self, record_id: str) -> int:
        total = 0
        for repo in self._store.repositories.values():
            for spec in repo.specs:
                if spec.target != self.table:
                    continue
                if spec.kind is Kind.REF:
                    total += self._conn.execute(
                        f"SELECT count(*) FROM {repo.table} WHERE {spec.name} = ?", (record_id,)).fetchone()[0]
                elif spec.link:
                    total += self._conn.execute(
                        f"SELECT count(*) FROM {spec.link} WHERE {spec.target}_id = ?", (record_id,)).fetchone()[0]
        return total

    def delete(self, record_id: str) -> None:
        """Delete a record made in error (undoable with ``restore``). Refused while others point to it."""
        store = self._store
        with store.atomic():
            record = self.get(record_id)
            if self._referenced_by(record_id):
                raise StillReferenced()
            state = RecordState.load(self._conn, record_id)
            ((hlc, dseq),) = store.stamps.mint(1)
            self.hold_everything(record, state)
            self.rows.remove(record_id)
            state.state, state.latest = DELETED, (hlc, store.stamps.device_no)
            state.save(self._conn)
            store.changes.append(store.stamps.device_no, dseq, hlc, self.table, record_id, DELETE, WHOLE_RECORD,
                                 None, store.actor_id)
            store.changes.note_local(dseq, dseq)
            store.audit.record("delete", self.table, record_id)

    def restore(self, record_id: str) -> R:
        """Bring back a deleted record (undo): a change like any other, so it travels by sync."""
        from connector_app.store.merge import reconcile
        store = self._store
        with store.atomic():
            state = RecordState.load(self._conn, record_id)
            if state is None or state.state != DELETED:
                raise RecordNotFound(_(self.record_class.label), record_id)
            ((hlc, dseq),) = store.stamps.mint(1)
            store.changes.append(store.stamps.device_no, dseq, hlc, self.table, record_id, RESTORE, WHOLE_RECORD,
                                 None, store.actor_id)
            store.changes.note_local(dseq, dseq)
            reconcile(store, self.table, record_id)
            record = self.get(record_id)
            self._check_references([record])
            store.audit.record("restore_record", self.table, record_id)
        return record

    def erase(self, record_id: str) -> None:
        """Remove the record and wipe every earlier value of it from the log. Final, everywhere.

        Records about an erased person follow by the erasure rules (erasure.py).
        """
        store = self._store
        with store.atomic():
            state = RecordState.load(self._conn, record_id)
            if state is None or state.state == ERASED:
                raise RecordNotFound(_(self.record_class.label), record_id)
            ((hlc, dseq),) = store.stamps.mint(1)
            if state.state == LIVE:
                self.rows.remove(record_id)
            store.changes.wipe(record_id)
            state.state, state.latest, state.versions = ERASED, (hlc, store.stamps.device_no), {}  # pointer kept
            state.save(self._conn)
            store.changes.append(store.stamps.device_no, dseq, hlc, self.table, record_id, ERASE, WHOLE_RECORD,
                                 None, store.actor_id)
            store.changes.note_local(dseq, dseq)
            store.audit.record("erase", self.table, record_id)
