"""A table of one kind of a person's records with Add, Edit and Delete: what every tab is built from.

The table reads through the person page's query layer (connector_app/store/person_queries.py);
Add and Edit open the one record form (ui/record_form.py); Delete goes through the
session's undo (ui/undo.py), so a record deleted in error comes back with Ctrl+Z.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from connector_app.domain.records import BY_NAME
from connector_app.i18n import _
from ui.flow_layout import FlowLayout
from ui.list_models import ROW_ID_ROLE, Column, KeysetModel
from ui.person.rows_model import RowsModel

FIT_ROWS, MAX_COLUMN = 30, 320


class RecordsTable(QWidget):
    """``read(person_id)`` gives the rows; ``fixed()`` the values a new record gets (its person)."""

    def __init__(self, page, type_name: str, columns: tuple[Column, ...] | None,
                 read: Callable[[str], list] | None, *, model: KeysetModel | None = None,
                 can_add: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.page, self.type_name, self.read = page, type_name, read
        self.model = model if model is not None else RowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table, arrows move inside it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(170)
        self.table.activated.connect(lambda _index: self.edit())
        QShortcut(QKeySequence.Delete, self.table, activated=self.delete, context=Qt.WidgetShortcut)
        # Parented at once: showing a parentless button (setVisible) would open it as a window of its own,
        # taking the keyboard from the main window when the page is built after unlocking.
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.add_button.setHidden(not can_add)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete)
        bar = QWidget()
        self.buttons = FlowLayout(bar)
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.model.modelReset.connect(self.selection_changed)
        self.model.modelReset.connect(self.fit_columns)

    def fit_columns(self) -> None:
        """Each column as wide as its title and first rows need, within reason (a long note wraps in its form)."""
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        for column in range(self.model.columnCount() - 1):   # the last one stretches
            self.table.resizeColumnToContents(column)
            if self.table.columnWidth(column) > MAX_COLUMN:
                self.table.setColumnWidth(column, MAX_COLUMN)

    def add_action(self, button: QPushButton, *, needs_selection: bool = True, first: bool = False) -> QPushButton:
        """Another action beside Add, Edit and Delete (after them, or ``first``)."""
        if first:
            self.buttons.insertWidget(0, button)
        else:
            self.buttons.addWidget(button)
        button.setProperty("needs_selection", needs_selection)
        return button

    # what is shown ----------------------------------------------------------------------

    def load(self, person_id: str) -> None:
        names = self.page.names
        if names is not None and self.read is not None:
            self.model.show(lambda: self.read(person_id))

    def refresh(self) -> None:
        chosen = self.selected_id()
        self.model.refresh()
        self.select(chosen)

    def clear(self) -> None:
        self.model.clear()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ID_ROLE) if rows else None

    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, record_id: str | None) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == record_id:
                self.table.selectionModel().select(
                    self.model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def selection_changed(self, *_args) -> None:
        chosen = self.selected_id() is not None
        for index in range(self.buttons.count()):
            widget = self.buttons.itemAt(index).widget()
            if widget is not None and widget is not self.add_button and widget.property("needs_selection") is not False:
                widget.setEnabled(chosen)

    # actions ----------------------------------------------------------------------------

    def fixed(self) -> dict:
        return {"person_id": self.page.person_id}

    def add(self) -> None:
        self.page.open_form(self.type_name, fixed=self.fixed())

    def edit(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            # The person it belongs to is not edited here: it is the page's.
            owned = any(spec.name == "person_id" for spec in BY_NAME[self.type_name].specs())
            self.page.open_form(self.type_name, record_id=record_id,
                                fixed={"person_id": self.page.person_id} if owned else None)

    def delete(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.page.undo.delete(self.type_name, record_id)

    def retranslate(self) -> None:
        label = _(BY_NAME[self.type_name].label)
        self.add_button.setText(_("Add…"))
        self.add_button.setAccessibleName(_("Add: {record}").format(record=label))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setAccessibleName(_("Edit the chosen: {record}").format(record=label))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setAccessibleName(_("Delete the chosen: {record}").format(record=label))
        self.delete_button.setAccessibleDescription(
            _("For something made in error (the Delete key does the same); Ctrl+Z brings it back."))
        self.table.setAccessibleName(_(BY_NAME[self.type_name].plural_label))
        self.model.retranslate()
        self.selection_changed()

