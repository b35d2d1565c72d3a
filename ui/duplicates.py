"""Review people who may be registered twice: two people side by side, merge them or say they differ.

The pairs come from connector_app.sync.duplicates (likeliest first). Merging keeps
the person on the side the connector chooses; the other becomes a pointer to them
and every record follows (store.people_merge.merge_people), on every laptop once
the merge travels. "Not the same person" is remembered and the pair is not shown
again. Store work runs on the TaskRunner.

Keyboard: the pairs are a list (PairsModel); the chosen pair shows side by side
below it. Enter on a pair moves to its merge buttons, Delete says the two are not
the same person, Page Up and Page Down step through the pairs anywhere.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QScrollArea, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from connector_app.domain.fields import Kind
from connector_app.domain.records import Person
from connector_app.i18n import _, format_date, format_list, format_number, language_name
from connector_app.store.people_merge import merge_people
from connector_app.sync import duplicates
from ui.tasks import failure_message
from ui.widgets import MessageLabel, heading, paragraph

SHOWN = 200  # pairs listed at most: a connector reviews the likeliest first

_REASONS = {
    duplicates.SAME_NAME: lambda: _("the same name"),
    duplicates.SIMILAR_NAME: lambda: _("similar names"),
    duplicates.SAME_PHONE: lambda: _("the same phone number"),
    duplicates.SAME_AREA: lambda: _("the same area"),
    duplicates.SHARED_LANGUAGE: lambda: _("a language in common"),
}
_SHOWN_FIELDS = ("display_name", "languages", "contact_preference", "contact_details", "area", "consent_scope",
                 "consent_on", "about")


def load_pairs(store, limit: int = SHOWN) -> list[tuple[duplicates.Candidate, Person, Person]]:
    """The likeliest pairs with both people, read on the runner's thread."""
    found = []
    for candidate in duplicates.find_duplicates(store, limit=limit):
        first, second = store.people.find(candidate.first), store.people.find(candidate.second)
        if first is not None and second is not None:
            found.append((candidate, first, second))
    return found


def shown_value(person: Person, name: str) -> str:
    spec = next(s for s in Person.specs() if s.name == name)
    value = getattr(person, name)
    if value in (None, "", ()):
        return "—"
    if spec.vocabulary is not None:
        return ", ".join(spec.vocabulary.label(v) for v in value) if spec.kind.is_list else \
            spec.vocabulary.label(value)
    if spec.kind is Kind.DATE:
        return format_date(date.fromisoformat(value))
    if spec.kind is Kind.BOOL:
        return _("Yes") if value else _("No")
    if spec.kind is Kind.LANGUAGES:
        return format_list([language_name(code) for code in value])
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def reasons_text(candidate: duplicates.Candidate) -> str:
    return format_list([_REASONS[r]() for r in candidate.reasons])


class PairsModel(QAbstractTableModel):
    """The pairs to review, likeliest first: both names and why they may be one person. Emptied on lock."""

    COLUMNS = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pairs: list[tuple[duplicates.Candidate, Person, Person]] = []

    def set_pairs(self, pairs) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self.endResetModel()

    def pair_at(self, row: int):
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole or not 0 <= section < self.COLUMNS:
            return None
        # TRANSLATORS: column titles of the list of people who may be registered twice.
        return (_("First person"), _("Second person"), _("Why they may be one person"))[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        pair = self.pair_at(index.row()) if index.isValid() else None
        if pair is None or role not in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return None
        if index.column() == 2:
            return reasons_text(pair[0])
        return pair[index.column() + 1].display_name

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, self.COLUMNS - 1)
        if self._pairs:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._pairs) - 1, 2))


class PersonColumn(QGroupBox):
    """One person's details, one row per field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        for name in _SHOWN_FIELDS:
            title, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.PlainText)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.form.addRow(title, value)
            self.titles[name], self.values[name] = title, value

    def show_person(self, person: Person | None) -> None:
        for name, label in self.values.items():
            label.setText(shown_value(person, name) if person is not None else "")
        self.retranslate()

    def retranslate(self) -> None:
        specs = {s.name: s for s in Person.specs()}
        for name, title in self.titles.items():
            title.setText(_(specs[name].label))


class DuplicatesDialog(QDialog):
    merged = Signal()

    def __init__(self, workspace, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.model = PairsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # a few hundred rows
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self.show_pair())
        self.table.installEventFilter(self)
        self.title = heading()
        self.position = paragraph()
        self.reasons = paragraph()
        self.left, self.right = PersonColumn(), PersonColumn()
        self.keep_left = QPushButton(clicked=lambda: self.merge(keep_left=True))
        self.keep_right = QPushButton(clicked=lambda: self.merge(keep_left=False))
        self.different = QPushButton(clicked=self.not_same)
        self.previous = QPushButton(clicked=lambda: self.step(-1))
        self.next = QPushButton(clicked=lambda: self.step(1))
        self.close_button = QPushButton(clicked=self.reject)
        self.error = MessageLabel("error")
        QShortcut(QKeySequence(Qt.Key_PageDown), self, activated=lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key_PageUp), self, activated=lambda: self.step(-1))

        columns = QHBoxLayout()
        columns.addWidget(self.left, 1)
        columns.addWidget(self.right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        self.split = split = QSplitter(Qt.Vertical, childrenCollapsible=False)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setStretchFactor(1, 2)
        merges = QHBoxLayout()
        for button in (self.keep_left, self.keep_right, self.different):
            merges.addWidget(button)
        merges.addStretch(1)
        moves = QHBoxLayout()
        for button in (self.previous, self.next):
            moves.addWidget(button)
        moves.addStretch(1)
        moves.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.position):
            layout.addWidget(widget)
        layout.addWidget(split, 1)
        layout.addWidget(self.reasons)
        layout.addStretch(0)
        layout.addLayout(merges)
        layout.addWidget(self.error)
        layout.addLayout(moves)
        self.resize(900, 640)
        self.retranslate()
        self.load()

    def load(self) -> None:
        workspace = self.workspace
        self.runner.run(lambda control: load_pairs(workspace.store), label=_("Looking for people registered twice…"),
                        on_success=self._loaded, on_failure=self._failed)

    @property
    def pairs(self) -> list:
        return self.model._pairs

    @property
    def row(self) -> int:
        """The pair chosen in the list (the first when none is)."""
        return max(self.table.currentIndex().row(), 0)

    def _loaded(self, pairs) -> None:
        row = self.row   # after a merge or "not the same", the next pair takes the reviewed one's place
        self.model.set_pairs(pairs)
        if pairs:
            self.table.setCurrentIndex(self.model.index(min(row, len(pairs) - 1), 0))
        self.show_pair()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(failure_message(exc))

    def current(self):
        return self.pairs[self.row] if self.pairs else None

    def step(self, delta: int) -> None:
        if self.pairs:
            self.table.setCurrentIndex(self.model.index((self.row + delta) % len(self.pairs), 0))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table and event.type() == event.Type.KeyPress and self.current() is not None:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.keep_left.setFocus()   # compared below: the merge choices are next
                return True
            if event.key() == Qt.Key_Delete:
                self.not_same()
                return True
        return super().eventFilter(watched, event)

    def show_pair(self) -> None:
        pair = self.current()
        has = pair is not None
        for widget in (self.keep_left, self.keep_right, self.different, self.previous, self.next):
            widget.setEnabled(has)
            widget.setVisible(has)   # nothing to review: only the sentence saying so, and Close
        self.split.setVisible(has)   # nothing to compare: only the sentence saying so
        self.left.show_person(pair[1] if has else None)
        self.right.show_person(pair[2] if has else None)
        if not has:
            self.position.setText(_("No one looks registered twice."))
            self.reasons.setText("")
            return
        self.position.setText(_("Pair {number} of {total}").format(number=format_number(self.row + 1),
                                                                  total=format_number(len(self.pairs))))
        self.reasons.setText(_("Why they may be one person: {reasons}.").format(reasons=reasons_text(pair[0])))

    def merge(self, *, keep_left: bool) -> None:
        pair = self.current()
        if pair is None:
            return
        keep, gone = (pair[1], pair[2]) if keep_left else (pair[2], pair[1])
        answer = QMessageBox.question(
            self, _("Merge these two people?"),
            _("Everything about {gone} moves to {keep}, on every laptop once you sync. The details of {gone} stay "
              "in the history.").format(gone=gone.display_name, keep=keep.display_name),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        workspace = self.workspace
        self.runner.run(lambda control: merge_people(workspace.store, keep.id, gone.id), label=_("Merging…"),
                        on_success=lambda _r: (self.merged.emit(), self.load()), on_failure=self._failed)

    def not_same(self) -> None:
        pair = self.current()
        if pair is None:
            return
        workspace = self.workspace
        self.runner.run(lambda control: duplicates.mark_not_same(workspace.store, pair[1].id, pair[2].id),
                        label=_("Saving…"), on_success=lambda _r: self.load(), on_failure=self._failed)

    def forget(self) -> None:
        """Locking: no names stay in the dialog."""
        self.model.set_pairs([])
        self.show_pair()

    def retranslate(self) -> None:
        self.setWindowTitle(_("People who may be registered twice"))
        self.title.setText(_("Is this one person?"))
        # TRANSLATORS: the two people compared side by side (which side depends on the writing direction).
        self.left.setTitle(_("First person"))
        self.right.setTitle(_("Second person"))
        self.left.retranslate()
        self.right.retranslate()
        self.model.retranslate()
        self.table.setAccessibleName(_("People who may be registered twice"))
        self.table.setAccessibleDescription(_("The chosen pair is compared below. Enter moves to the merge buttons; "
                                              "Delete says they are not the same person."))
        self.keep_left.setAccessibleName(_("Merge the two, keeping the first person"))
        self.keep_right.setAccessibleName(_("Merge the two, keeping the second person"))
        self.different.setAccessibleName(_("Not the same person: do not show this pair again"))
        # TRANSLATORS: the keyboard keys that move to the previous and the next pair.
        self.previous.setAccessibleDescription(_("Page Up"))
        self.next.setAccessibleDescription(_("Page Down"))
        self.keep_left.setText(_("Merge, keep the first person"))
        self.keep_right.setText(_("Merge, keep the second person"))
        self.different.setText(_("Not the same person"))
        self.previous.setText(_("Previous pair"))
        self.next.setText(_("Next pair"))
        self.close_button.setText(_("Close"))
        self.show_pair()
