"""What every form shares: Save / saving / saved / failed, and its draft (ui/drafts.py).

    class VenueDialog(FormDialog):
        draft_kind = "venue"
        def draft_fields(self): return {"name": self.name_edit, ...}   # what a draft keeps
        def operation(self): return save_venue(self.workspace, ...)    # None: refused, and said why

A form declares its fields and the job that saves it. ``save()`` (the Save
button, Ctrl+S) asks ``operation()``; while the job runs Save is disabled; on
success the form's draft is deleted in the same transaction and
``finish_save(result)`` runs (a dialog emits ``saved`` and closes); on failure
the one plain message shows under the form and Save comes back.

Drafts: ``draft_state()`` reads each field of ``draft_fields()`` as plain data
(``field_value`` knows Qt's editors; a composite field gives ``draft_value()``
and ``set_draft_value()``), ``restore_draft(state)`` puts it back,
``draft_place()`` says where the form reopens (the record, the person) and
``draft_person_ids()`` whom it is about, so erasing one of them erases it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
    QWidget,
)

from connector_app.i18n import _
from ui.drafts import DraftKeeper
from ui.tasks import failure_message
from ui.widgets import MessageLabel, heading, primary_button


def _set_choice(box: QComboBox, value) -> None:
    index = box.findData(value)
    if index >= 0:   # a choice no longer offered leaves the box as it is
        box.setCurrentIndex(index)


def _set_date(edit: QDateEdit, value) -> None:
    day = QDate.fromString(value or "", Qt.ISODate)
    if day.isValid():
        edit.setDate(day)


def _set_date_time(edit: QDateTimeEdit, value) -> None:
    when = QDateTime.fromString(value or "", Qt.ISODate)
    if when.isValid():
        edit.setDateTime(when)


# Qt's editors: how to read each as plain data (JSON) for a draft, and put it back. QDateEdit before its base.
_EDITORS = (
    (QLineEdit, QLineEdit.text, lambda edit, value: edit.setText(value or "")),
    (QPlainTextEdit, QPlainTextEdit.toPlainText, lambda edit, value: edit.setPlainText(value or "")),
    (QComboBox, QComboBox.currentData, _set_choice),
    (QAbstractButton, QAbstractButton.isChecked, lambda button, value: button.setChecked(bool(value))),
    (QSpinBox, QSpinBox.value, lambda spin, value: spin.setValue(int(value or 0))),
    (QDateEdit, lambda edit: edit.date().toString(Qt.ISODate), _set_date),
    (QDateTimeEdit, lambda edit: edit.dateTime().toString(Qt.ISODate), _set_date_time),
)


def _editor(widget: QWidget):
    for kind, read, write in _EDITORS:
        if isinstance(widget, kind):
            return read, write
    raise TypeError(f"no draft value for {type(widget).__name__}")


def field_value(widget: QWidget) -> Any:
    """A field's value as plain data, for a draft; a composite field gives its own ``draft_value()``."""
    if hasattr(widget, "draft_value"):
        return widget.draft_value()
    return _editor(widget)[0](widget)


def set_field_value(widget: QWidget, value: Any) -> None:
    """Put back what ``field_value`` read."""
    if hasattr(widget, "set_draft_value"):
        widget.set_draft_value(value)
    else:
        _editor(widget)[1](widget, value)


class SavingForm:
    """Mixin for a form widget (a dialog, or a form on a page): saving, and its draft.

    The widget calls ``make_form_parts(workspace, runner)`` in its ``__init__`` and lays out
    ``message`` and ``save_button``; it gives ``operation()`` and ``finish_save(result)``.
    """

    draft_kind = ""   # the kind of form, for drafts (ui/draft_kinds.py says how each reopens)
    keeper: DraftKeeper | None = None

    def make_form_parts(self, workspace, runner) -> None:
        self.workspace, self.runner = workspace, runner
        self.message = MessageLabel()
        self.save_button = primary_button()
        self.save_button.clicked.connect(self.save)
        save = QShortcut(QKeySequence.Save, self)
        save.setContext(Qt.WidgetWithChildrenShortcut)  # a form on a page: not while another screen shows
        save.activated.connect(self.save)
        self.keeper = DraftKeeper(self, runner)

    # saving -----------------------------------------------------------------------------------

    def operation(self):
        """The job that saves the form (ui/operations), or None when it cannot be saved yet (say why)."""
        raise NotImplementedError

    def save(self) -> None:
        if self.workspace is None or not self.save_button.isEnabled():
            return   # locked, or already saving
        op = self.operation()
        if op is None:
            return
        self.message.clear_message()
        self.save_button.setEnabled(False)
        workspace, work = op.workspace, self.keeper.saving(op.work)
        self.runner.run(lambda control: work(workspace.store), label=op.label,
                        on_success=self._saved, on_failure=self._failed)

    def _saved(self, result) -> None:
        self.save_button.setEnabled(True)
        self.keeper.stop()   # its draft went with the save
        self.finish_save(result)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.keeper.save_failed()
        self.show_failure(exc)

    def show_failure(self, exc: BaseException) -> None:
        self.message.show_message(failure_message(exc))

    def finish_save(self, result) -> None:
        raise NotImplementedError

    # drafts ----------------------------------------------------------------------------------

    def draft_fields(self) -> dict[str, QWidget]:
        return {}

    def draft_state(self) -> dict:
        return {name: field_value(widget) for name, widget in self.draft_fields().items()}

    def restore_draft(self, state: dict) -> None:
        for name, widget in self.draft_fields().items():
            if name in state:
                set_field_value(widget, state[name])

    def draft_place(self) -> dict:
        return {}

    def draft_person_ids(self) -> list[str]:
        return []


class FormDialog(SavingForm, QDialog):
    """A form in its own window: a title, the fields, a message line, Cancel and Save.

    Not modal (a modal dialog would block the window's Ctrl+L); Esc cancels. Closing
    it any way but saving discards its draft; ``forget()`` drops what it holds (closing, locking).
    """

    saved = Signal(object)   # what the save job returned (the record written)

    def __init__(self, workspace, runner, parent: QWidget | None = None):
        QDialog.__init__(self, parent)
        self.setModal(False)
        self.title = heading()
        self.make_form_parts(workspace, runner)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)

    def keep_drafts(self) -> None:
        """Called last in a subclass's ``__init__``, once the form holds its starting values."""
        if self.draft_kind and self.workspace is not None:
            self.keeper.start(self.workspace)

    def finish_save(self, result) -> None:
        self.saved.emit(result)
        self.accept()

    def done(self, result: int) -> None:
        self.keeper.discard()   # cancelled; after a save or a lock it holds nothing
        self.forget()
        super().done(result)

    def forget(self) -> None:
        """Drop everything typed or shown (closing, or locking)."""
        self.workspace = None

    def retranslate_buttons(self) -> None:
        self.save_button.setText(_("Save (Ctrl+S)"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel, saving nothing"))
