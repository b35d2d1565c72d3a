"""The rows behind one record type: the record's own row, its search document, its link rows.

Local edits (repository.py) and changes from other laptops (remote.py) both write
through here, so a record looks the same whichever way it arrived.
"""

from __future__ import annotations

import json
from typing import Any, Generic, Iterable, TypeVar

from connector_app.domain.fields import Kind
from connector_app.domain.records import Record
from connector_app.store.search import document_text

R = TypeVar("R", bound=Record)


def to_sql(kind: Kind, value: Any) -> Any:
    if kind.is_list:
        return json.dumps(list(value or ()), ensure_ascii=False)
    if kind is Kind.BOOL:
        return 1 if value else 0
    return value


def from_sql(kind: Kind, value: Any) -> Any:
    if kind.is_list:
        return tuple(json.loads(value)) if value else ()
    if kind is Kind.BOOL:
        return bool(value)
    return value


class Rows(Generic[R]):
    def __init__(self, store, record_class: type[R]):
        self._store = store
        self.record_class = record_class
        self.table = record_class.type_name
        self.specs = record_class.specs()
        self.kinds = {s.name: s.kind for s in self.specs}
        self.columns = [s.name for s in self.specs]
        self.select = f"SELECT id, {', '.join(self.columns)} FROM {self.table}"
        self._insert = (f"INSERT OR REPLACE INTO {self.table} (id, {', '.join(self.columns)}, changed_hlc) "
                        f"VALUES ({', '.join('?' * (len(self.columns) + 2))})")
        self.searchable = any(s.search for s in self.specs)
        self._search_fields = {s.name for s in self.specs if s.search}
        self.links = [s for s in self.specs if s.link]

    @property
    def _conn(self):
        return self._store.connection

    def record_from_row(self, row) -> R:
        values = {spec.name: from_sql(spec.kind, row[i + 1]) for i, spec in enumerate(self.specs)}
        return self.record_class(id=row[0], **values)

    def record_from_values(self, record_id: str, values: dict) -> R:
        return self.record_class(id=record_id, **{
            s.name: tuple(values.get(s.name) or ()) if s.kind.is_list else values.get(s.name) for s in self.specs})

    def _link_rows(self, spec, record_id: str, targets: Iterable[str]) -> list[tuple[str, str]]:
        return [(record_id, target) for target in targets]

    def _link_sql(self, spec) -> tuple[str, str]:
        owner, target = f"{self.table}_id", f"{spec.target}_id"
        return (f"INSERT OR IGNORE INTO {spec.link} ({owner}, {target}) VALUES (?, ?)",
                f"DELETE FROM {spec.link} WHERE {owner} = ?")

    def put(self, records: list[R], hlcs: list[int]) -> None:
        """Insert (or replace) whole records: row, search document, link rows."""
        self._store.note_changed(self.table)
        self._conn.executemany(self._insert, (
            (r.id, *(to_sql(s.kind, getattr(r, s.name)) for s in self.specs), hlc) for r, hlc in zip(records, hlcs)))
        if self.searchable:
            self._store.search_index.put_many(self.table, [
                (r.id, *document_text(r.values(), self.specs)) for r in records])
        for spec in self.links:
            insert, delete = self._link_sql(spec)
            self._conn.executemany(delete, ((r.id,) for r in records))
            self._conn.executemany(insert, (row for r in records for row in self._link_rows(
                spec, r.id, getattr(r, spec.name))))

    def update(self, record: R, changed: list[str], hlc: int) -> None:
        """Write the named fields of ``record`` (already the whole new record)."""
        self._store.note_changed(self.table)
        assignments = ", ".join(f"{name} = ?" for name in changed)
        self._conn.execute(
            f"UPDATE {self.table} SET {assignments}, changed_hlc = ? WHERE id = ?",
            (*(to_sql(self.kinds[n], getattr(record, n)) for n in changed), hlc, record.id))
        if self.searchable and self._search_fields.intersection(changed):
            self._store.search_index.put(self.table, record.id, *document_text(record.values(), self.specs))
        for spec in self.links:
            if spec.name in changed:
                insert, delete = self._link_sql(spec)
                self._conn.execute(delete, (record.id,))
                self._conn.executemany(insert, self._link_rows(spec, record.id, getattr(record, spec.name)))

    def remove(self, record_id: str) -> None:
        self._store.note_changed(self.table)
        self._conn.execute(f"DELETE FROM {self.table} WHERE id = ?", (record_id,))
        if self.searchable:
            self._store.search_index.remove(record_id)
        for spec in self.links:
            self._conn.execute(self._link_sql(spec)[1], (record_id,))
