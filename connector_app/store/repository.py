"""One repository per record type, all built from the field declarations.

The only write path: every add, update and delete also writes the change log,
the search index, the derived link rows and the audit log, in one transaction.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Iterable, Iterator, TypeVar

from connector_app.domain.fields import Kind
from connector_app.domain.records import Record
from connector_app.domain.validate import validate
from connector_app.errors import RecordNotFound, StillReferenced
from connector_app.i18n import _
from connector_app.ids import new_id
from connector_app.store.changelog import CREATE, DELETE, ERASE, SET, WHOLE_RECORD, FieldVersion, encode
from connector_app.store.search import document_text

if TYPE_CHECKING:
    from connector_app.store.store import Store

R = TypeVar("R", bound=Record)


def _to_sql(kind: Kind, value: Any) -> Any:
    if kind.is_list:
        return json.dumps(list(value or ()), ensure_ascii=False)
    if kind is Kind.BOOL:
        return 1 if value else 0
    return value


def _from_sql(kind: Kind, value: Any) -> Any:
    if kind.is_list:
        return tuple(json.loads(value)) if value else ()
    if kind is Kind.BOOL:
        return bool(value)
    return value


class Repository(Generic[R]):
    def __init__(self, store: "Store", record_class: type[R]):
        self._store = store
        self.record_class = record_class
        self.table = record_class.type_name
        self.specs = record_class.specs()
        self._columns = [s.name for s in self.specs]
        self._select = f"SELECT id, {', '.join(self._columns)} FROM {self.table}"
        self._insert = (f"INSERT INTO {self.table} (id, {', '.join(self._columns)}, changed_hlc) "
                        f"VALUES ({', '.join('?' * (len(self._columns) + 2))})")
        self._searchable = any(s.search for s in self.specs)

    # reading ---------------------------------------------------------------

    @property
    def _conn(self):
        return self._store.connection

    def _row_to_record(self, row) -> R:
        values = {spec.name: _from_sql(spec.kind, row[i + 1]) for i, spec in enumerate(self.specs)}
        return self.record_class(id=row[0], **values)

    def find(self, record_id: str) -> R | None:
        row = self._conn.execute(f"{self._select} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else self._row_to_record(row)

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
            yield self._row_to_record(row)

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
        return [self._row_to_record(row) for row in self._conn.execute(sql, params)]

    def history(self, record_id: str, field: str) -> list[FieldVersion]:
        return self._store.changes.field_history(record_id, field)

    # writing ---------------------------------------------------------------

    def _row_params(self, record: R, hlc: int) -> tuple:
        return (record.id, *(_to_sql(s.kind, getattr(record, s.name)) for s in self.specs), hlc)

    def _after_write(self, record: R, values: dict) -> None:
        if self._searchable:
            title, body = document_text(values, self.specs)
            self._store.search_index.put(self.table, record.id, title, body)
        if self.table == "conversation":
            self._conn.execute("DELETE FROM conversation_person WHERE conversation_id = ?", (record.id,))
            self._conn.executemany("INSERT INTO conversation_person (conversation_id, person_id) VALUES (?, ?)",
                                   ((record.id, pid) for pid in record.person_ids))

    def add(self, record: R) -> R:
        """Validate and store a new record; returns it with its id."""
        if not record.id:
            record = record.with_changes(id=new_id())
        record = record.stamped(None, date.today().isoformat())
        validate(record)
        values = record.values()
        with self._store.atomic():
            hlc = self._store.clock.now()
            self._conn.execute(self._insert, self._row_params(record, hlc))
            self._store.changes.append(self.table, record.id, CREATE, WHOLE_RECORD, values, hlc)
            self._after_write(record, values)
            self._store.audit.record("create", self.table, record.id)
        return record

    def add_many(self, records: Iterable[R]) -> int:
        """Bulk insert (demo data, imports): the same rows as ``add``, written in batches.

        One audit entry for the whole batch.
        """
        rows, changes, docs, links = [], [], [], []
        clock = self._store.clock
        today = date.today().isoformat()
        for record in records:
            if not record.id:
                record = record.with_changes(id=new_id())
            record = record.stamped(None, today)
            validate(record)
            hlc = clock.now()
            values = record.values()
            rows.append(self._row_params(record, hlc))
            changes.append((hlc, self.table, record.id, CREATE, WHOLE_RECORD, encode(values)))
            if self._searchable:
                docs.append((record.id, *document_text(values, self.specs)))
            if self.table == "conversation":
                links.extend((record.id, pid) for pid in record.person_ids)
        with self._store.atomic():
            self._conn.executemany(self._insert, rows)
            self._store.changes.append_many(changes)
            self._store.search_index.put_many(self.table, docs)
            if links:
                self._conn.executemany(
                    "INSERT INTO conversation_person (conversation_id, person_id) VALUES (?, ?)", links)
            if rows:
                self._store.audit.record("bulk_create", self.table, None, len(rows))
        return len(rows)

    def update(self, record_id: str, **changes: Any) -> R:
        """Change some fields; each changed field gets its own change-log entry."""
        unknown = set(changes) - set(self._columns)
        if unknown:
            raise ValueError(sorted(unknown))
        with self._store.atomic():
            current = self.get(record_id)
            updated = current.with_changes(**changes).stamped(
                current, date.today().isoformat(), frozenset(changes))
            validate(updated)
            old_values, new_values = current.values(), updated.values()
            changed = [name for name in self._columns if old_values[name] != new_values[name]]
            if not changed:
                return current
            hlc = self._store.clock.now()
            assignments = ", ".join(f"{name} = ?" for name in changed)
            kinds = {s.name: s.kind for s in self.specs}
            self._conn.execute(
                f"UPDATE {self.table} SET {assignments}, changed_hlc = ? WHERE id = ?",
                (*(_to_sql(kinds[n], new_values[n]) for n in changed), hlc, record_id),
            )
            for name in changed:
                self._store.changes.append(self.table, record_id, SET, name, new_values[name], hlc)
            self._after_write(updated, new_values)
            self._store.audit.record("update", self.table, record_id)
        return updated

    def _referenced_by(self, record_id: str) -> int:
        total = 0
        for repo in self._store.repositories.values():
            for spec in repo.specs:
                if spec.kind is Kind.REF and spec.target == self.table:
                    total += self._conn.execute(
                        f"SELECT count(*) FROM {repo.table} WHERE {spec.name} = ?", (record_id,)).fetchone()[0]
        if self.table == "person":
            total += self._conn.execute(
                "SELECT count(*) FROM conversation_person WHERE person_id = ?", (record_id,)).fetchone()[0]
        return total

    def _remove(self, record_id: str, op: str) -> None:
        hlc = self._store.clock.now()
        self._conn.execute(f"DELETE FROM {self.table} WHERE id = ?", (record_id,))
        if self.table == "conversation":
            self._conn.execute("DELETE FROM conversation_person WHERE conversation_id = ?", (record_id,))
        self._store.search_index.remove(record_id)
        if op == ERASE:
            self._store.changes.wipe_payload(record_id)
        self._store.changes.append(self.table, record_id, op, WHOLE_RECORD, None, hlc)
        self._conn.execute(
            "INSERT OR REPLACE INTO tombstone (record_id, record_type, hlc, device_no, erased) VALUES (?,?,?,?,?)",
            (record_id, self.table, hlc, self._store.changes.device_no, 1 if op == ERASE else 0),
        )
        self._store.audit.record("erase" if op == ERASE else "delete", self.table, record_id)

    def delete(self, record_id: str) -> None:
        """Delete a record made in error. Refused while other records point to it."""
        with self._store.atomic():
            self.get(record_id)
            if self._referenced_by(record_id):
                raise StillReferenced()
            self._remove(record_id, DELETE)

    def erase(self, record_id: str) -> None:
        """Remove the record and wipe every earlier value of it from the change log.

        Callers erase dependants first (see ``subject_access.erase_person``).
        """
        with self._store.atomic():
            self.get(record_id)
            self._remove(record_id, ERASE)
