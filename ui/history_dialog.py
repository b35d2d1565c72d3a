"""The history of one field: who changed it, when, from what and to what (oldest first).

Read on the task runner from the change log (connector_app/store/history.py);
the table is a small Qt model of its own so screen readers walk it like any list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from connector_app.clock import unpack
from connector_app.domain.fields import FieldSpec, Kind
from connector_app.i18n import _, format_date, format_datetime, language_name
from connector_app.store.changelog import CREATE, DELETE, ERASE, REDACT, RESTORE
from ui.list_models import Column
from ui.operations.records import field_history
from ui.person.rows_model import RowsModel
from ui.tasks import failure_message
from ui.widgets import MessageLabel, button_row, heading


@dataclass(frozen=True)
class HistoryRow:
    id: str           # the change's position, so each row has a key
    when: str
    who: str
    what: str
    before: str
    after: str


def _what(op: str, by_sync: bool) -> str:
    text = {CREATE: _("Added"), DELETE: _("Deleted"), RESTORE: _("Brought back"), ERASE: _("Erased"),
            REDACT: _("Redacted")}.get(op, _("Changed"))
    # TRANSLATORS: a change that came from another laptop of the team, for example "Changed (by sync)".
    return _("{change} (by sync)").format(change=text) if by_sync else text


def shown_value(spec: FieldSpec, value: Any, names) -> str:
    """A stored value as a connector reads it: labels for codes, names for references, local dates."""
    if value is None or value == [] or value == "":
        return _("Not set")
    kind = spec.kind
    if kind is Kind.CHOICE:
        return spec.vocabulary.label(value)
    if kind is Kind.CHOICES:
        return ", ".join(spec.vocabulary.label(code) for code in value)
    if kind is Kind.BOOL:
        return _("Yes") if value else _("No")
    if kind is Kind.DATE:
        return format_date(date.fromisoformat(value))
    if kind is Kind.DATETIME:
        return format_datetime(datetime.fromisoformat(value), "short")
    if kind is Kind.LANGUAGES:
        return ", ".join(language_name(code) for code in value)
    if kind in (Kind.REF, Kind.REFS):
        ids = [value] if kind is Kind.REF else list(value)
        found = names.names(spec.target, ids)
        return ", ".join(found.get(i, _("a record no longer here")) for i in ids)
    return str(value)


def history_rows(spec: FieldSpec, versions, names) -> list[HistoryRow]:
    staff = names.names("staff", sorted({v.actor for v in versions if v.actor}))
    rows, before = [], None
    for index, version in enumerate(versions):
        when = datetime.fromtimestamp(unpack(version.hlc)[0] / 1000)
        after = version.value if version.op not in (DELETE, ERASE, RESTORE) else before
        rows.append(HistoryRow(
            str(index), format_datetime(when, "short"),
            staff.get(version.actor, _("A staff member no longer listed")) if version.actor else _("Not recorded"),
            _what(version.op, version.by_sync),
            "" if version.op == CREATE else shown_value(spec, before, names), shown_value(spec, after, names)))
        before = after
    return rows


class HistoryDialog(QDialog):
    def __init__(self, workspace, runner, names, spec: FieldSpec, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.names = spec, names
        self.title = heading()
        self.message = MessageLabel()
        self.model = RowsModel((
            Column(lambda: _("When"), lambda r: r.when),
            Column(lambda: _("Who"), lambda r: r.who),
            Column(lambda: _("What happened"), lambda r: r.what),
            Column(lambda: _("From"), lambda r: r.before),
            Column(lambda: _("To"), lambda r: r.after),
        ), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(150)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.close_button))
        self.retranslate()
        self.resize(760, 420)
        field_history(workspace, record_id, spec.name).run(runner, on_success=self._read, on_failure=self._failed)

    def _read(self, versions) -> None:
        if self.names is None:
            return  # forgotten (locked) meanwhile
        self.model.set_rows(history_rows(self.spec, versions, self.names))
        self.table.resizeRowsToContents()
        self.table.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_message(failure_message(exc))

    def forget(self) -> None:
        self.names = None
        self.model.clear()
        self.reject()

    def retranslate(self) -> None:
        text = _("History of: {field}").format(field=_(self.spec.label))
        self.setWindowTitle(text)
        self.title.setText(text)
        self.table.setAccessibleName(text)
        self.close_button.setText(_("Close"))
