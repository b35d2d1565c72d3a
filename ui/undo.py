"""Undo for the session: a record deleted in error comes back (Ctrl+Z, or "Undo" beside the message).

    undo = SessionUndo(runner)
    undo.attach(workspace)          # on unlock
    undo.delete("strength", id)     # deletes on the task runner, then it can be undone
    undo.clear()                    # on lock: nothing from this session can be undone after it

A QUndoStack of deletions; undoing one is ``Repository.restore`` (a change
like any other, so it travels by sync), redoing it deletes again. The stack
holds only record ids and type names, never record text.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from connector_app.domain.records import BY_NAME
from connector_app.i18n import _
from ui.operations.records import delete_record, restore_record
from ui.tasks import failure_message
from ui.widgets import paragraph


class _Deleted(QUndoCommand):
    def __init__(self, undo: "SessionUndo", type_name: str, record_id: str):
        super().__init__()
        self.session, self.type_name, self.record_id = undo, type_name, record_id
        self._done = True   # pushed after the deletion was written: the first redo() has nothing to do

    def label(self) -> str:
        return _(BY_NAME[self.type_name].label)

    def undo(self) -> None:
        self.session.run(restore_record, self, _("Brought back: {record}."))

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.session.run(delete_record, self, _("Deleted again: {record}."))


class SessionUndo(QObject):
    message = Signal(str)   # what just happened, for a status line; "" when there is nothing to say
    failed = Signal(str)

    def __init__(self, runner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.workspace = None
        self.stack = QUndoStack(self)
        self.undo_action = QAction(self, shortcut=QKeySequence.Undo, enabled=False)
        self.undo_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.retranslate()

    def attach(self, workspace) -> None:
        self.workspace = workspace

    def clear(self) -> None:
        self.stack.clear()
        self.workspace = None
        self.message.emit("")

    @property
    def can_undo(self) -> bool:
        return self.stack.canUndo()

    def delete(self, type_name: str, record_id: str) -> None:
        if self.workspace is None:
            return

        def deleted(_result) -> None:
            command = _Deleted(self, type_name, record_id)
            self.stack.push(command)
            self.message.emit(_("Deleted: {record}.").format(record=command.label()))

        delete_record(self.workspace, type_name, record_id).run(
            self.runner, on_success=deleted, on_failure=lambda exc: self.failed.emit(failure_message(exc)))

    def run(self, make_op, command: _Deleted, done_text: str) -> None:
        if self.workspace is None:
            return
        make_op(self.workspace, command.type_name, command.record_id).run(
            self.runner, on_success=lambda _result: self.message.emit(done_text.format(record=command.label())),
            on_failure=lambda exc: self.failed.emit(failure_message(exc)))

    def retranslate(self) -> None:
        self.undo_action.setText(_("&Undo"))


class UndoBar(QWidget):
    """One line saying what just happened, with "Undo" beside it while there is something to undo."""

    def __init__(self, undo: SessionUndo, parent: QWidget | None = None):
        super().__init__(parent, objectName="notice")
        self.undo = undo
        self.text = paragraph(name="notice")
        self.button = QPushButton()
        self.button.clicked.connect(undo.stack.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        undo.message.connect(self.show_message)
        undo.failed.connect(self.show_message)
        undo.stack.canUndoChanged.connect(self.button.setVisible)
        self.button.setVisible(False)
        self.hide()
        self.retranslate()

    def show_message(self, text: str) -> None:
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.setVisible(bool(text))
        self.button.setVisible(bool(text) and self.undo.can_undo)

    def retranslate(self) -> None:
        self.button.setText(_("Undo"))
        self.button.setAccessibleDescription(_("Brings back what was just deleted (Ctrl+Z)."))
