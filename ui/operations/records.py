"""Operations on any record: save (add or correct), delete made in error, restore (undo), read a field's history."""

from __future__ import annotations

from typing import Any

from connector_app.domain.records import BY_NAME, Record
from connector_app.i18n import _
from ui.operations import Op


def save_record(workspace, type_name: str, record_id: str | None, values: dict[str, Any]) -> Op:
    """Add a new record from ``values``, or change the given fields of an existing one."""

    def work(store) -> Record:
        repository = store.repositories[type_name]
        if record_id is None:
            return repository.add(BY_NAME[type_name](**{k: tuple(v) if isinstance(v, list) else v
                                                         for k, v in values.items()}))
        return repository.update(record_id, **values)

    return Op(_("Saving…"), work, workspace)


def delete_record(workspace, type_name: str, record_id: str) -> Op:
    return Op(_("Deleting…"), lambda store: store.repositories[type_name].delete(record_id), workspace)


def restore_record(workspace, type_name: str, record_id: str) -> Op:
    return Op(_("Bringing it back…"), lambda store: store.repositories[type_name].restore(record_id), workspace)


def field_history(workspace, record_id: str, field: str) -> Op:
    """Every value the field has had, oldest first (connector_app/store/history.py)."""
    return Op(_("Reading the history…"), lambda store: store.history.field(record_id, field), workspace)
