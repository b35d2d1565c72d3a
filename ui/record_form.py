"""One form for adding or correcting any record, built from its field declarations.

    form = RecordForm(workspace, runner, names, "strength", record_id=strength_id, parent=page)
    form.saved.connect(...)
    form.open()

Each field gets the editor for its kind (ui/record_fields.py) and, under it,
the message validation gives for it (connector_app/domain/validate.py), shown
before anything is written and again if the store refuses. ``fixed`` values
are not shown (the person a strength belongs to); ``only`` shows just some
fields (the outcome of a connection). Ctrl+S saves, Esc cancels; "History of
this field…" shows every value the field last in focus has had. Saving runs
on the task runner; views refresh from the "records changed" signal. What is
typed is kept as a draft (ui/form_base.py) and comes back after a lock, on the
same record of the same person.
"""

from __future__ import annotations

from dataclasses import MISSING
from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication, QFormLayout, QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME
from connector_app.domain.validate import check_value, problems_of
from connector_app.errors import ValidationError
from connector_app.i18n import _
from ui.form_base import FormDialog
from ui.operations.records import save_record
from ui.record_fields import FieldEditor, editor_for
from ui.tasks import failure_message
from ui.widgets import MessageLabel, button_row


class RecordForm(FormDialog):
    draft_kind = "record"

    def __init__(self, workspace, runner, names, type_name: str, *, record_id: str | None = None,
                 fixed: dict[str, Any] | None = None, only: tuple[str, ...] | None = None,
                 parent: QWidget | None = None):
        super().__init__(workspace, runner, parent)
        self.names = names
        self.record_class = BY_NAME[type_name]
        self.type_name, self.record_id = type_name, record_id
        self.fixed, self.only = dict(fixed or {}), only
        self.original: dict[str, Any] = (names.values_of(type_name, record_id) or {}) if record_id else {}
        self.editors: dict[str, FieldEditor] = {}
        self.messages: dict[str, MessageLabel] = {}
        self.current_field: str | None = None
        self._history = None

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for spec in self.record_class.specs():
            if spec.name in self.fixed or (only is not None and spec.name not in only):
                continue
            if spec.kind is Kind.REF and not names.can_name(spec.target):
                continue  # a link to a conversation or note is context, set where it was made
            editor = editor_for(spec, names)
            if not editor.editor.accessibleName():   # a choice box already names its field and choice
                editor.editor.setAccessibleName(_(spec.label))
            message = MessageLabel()
            self.editors[spec.name], self.messages[spec.name] = editor, message
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor)
            cell.addWidget(message)
            label = QLabel("" if spec.kind is Kind.BOOL else _(spec.label))
            label.setWordWrap(True)
            label.setBuddy(editor.editor)
            form.addRow(label, cell)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        scroll.setWidget(body)

        self.history_button = QPushButton()
        self.history_button.setEnabled(record_id is not None)
        self.history_button.clicked.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addLayout(button_row(self.history_button, self.cancel_button, self.save_button))
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._fill()
        self.retranslate()
        self.resize(680, 680)  # a person's form shows its languages and consent without scrolling at once
        self.keep_drafts()

    # values -----------------------------------------------------------------------------

    def _fill(self) -> None:
        for name, editor in self.editors.items():
            if self.record_id is not None:
                editor.set_value(self.original.get(name))
            else:
                editor.set_value(self._default(editor))

    def _default(self, editor: FieldEditor) -> Any:
        spec = editor.spec
        declared = self.record_class.__dataclass_fields__[spec.name].default
        if declared is not MISSING and declared is not None:
            return declared                # "Still running" starts ticked, a count at 0
        if spec.kind is Kind.DATE and spec.required:
            return date.today().isoformat()
        if spec.kind is Kind.CHOICE and spec.required:
            return spec.vocabulary.codes[0]
        if spec.kind is Kind.REF and spec.target == "staff" and self.workspace.store is not None:
            return self.workspace.store.actor_id   # the staff member using the laptop
        if spec.kind is Kind.INT and spec.required:
            return spec.minimum
        return [] if spec.kind.is_list else None

    def values(self) -> dict[str, Any]:
        """What the form holds now, with the fixed values."""
        return {**self.fixed, **{name: editor.value() for name, editor in self.editors.items()}}

    def changes(self) -> dict[str, Any]:
        """For an existing record, only the fields that differ from what was read."""
        values = self.values()
        if self.record_id is None:
            return values
        return {name: value for name, value in values.items() if self.original.get(name) != value}

    # saving -----------------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        problems = {}
        for name, editor in self.editors.items():
            message = check_value(editor.spec, editor.value())
            if message:
                problems[name] = message
        if not problems:
            merged = {**self.original, **self.values()}
            candidate = self.record_class(**{k: tuple(v) if isinstance(v, list) else v for k, v in merged.items()})
            problems = problems_of(candidate)
        return problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.messages.items():
            label.show_message(problems.get(name, ""))
        elsewhere = [text for name, text in problems.items() if name not in self.messages]
        self.message.show_message(" ".join(elsewhere))
        first = next((name for name in self.editors if name in problems), None)
        if first is not None:
            self.editors[first].editor.setFocus()

    def operation(self):
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return None
        changes = self.changes()
        if not changes:
            self.accept()   # nothing to write
            return None
        return save_record(self.workspace, self.type_name, self.record_id, changes)

    def show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_problems(exc.problems)
        else:
            self.message.show_message(failure_message(exc))

    # drafts (ui/form_base.py) -------------------------------------------------------------

    def draft_fields(self) -> dict[str, FieldEditor]:
        return self.editors

    def draft_place(self) -> dict:
        return {"type": self.type_name, "record_id": self.record_id, "fixed": self.fixed,
                "only": list(self.only) if self.only is not None else None, "person_id": self.person_id(),
                # opened on a conversation's page: it reopens there (ui/draft_kinds.py)
                "conversation_id": getattr(self.parent(), "conversation_id", None)}

    def person_id(self) -> str | None:
        """Whose page the form belongs on: the person themself, or the person the record is about."""
        if self.type_name == "person":
            return self.record_id
        # A record naming no one itself (a group conversation) belongs on the page it was opened from.
        return (self.fixed.get("person_id") or self.original.get("person_id")
                or getattr(self.parent(), "person_id", None))

    def draft_person_ids(self) -> list[str]:
        values = {**self.original, **self.values()}
        people = [values.get("person_id"), *(values.get("person_ids") or ()), self.person_id()]
        return [person for person in dict.fromkeys(people) if person]

    # history ----------------------------------------------------------------------------

    def _focus_moved(self, _old, new) -> None:
        for name, editor in self.editors.items():
            if new is not None and (new is editor or editor.isAncestorOf(new)):
                self.current_field = name
                self.history_button.setToolTip(_("History of: {field}").format(field=_(editor.spec.label)))

    def show_history(self) -> None:
        from ui.history_dialog import HistoryDialog
        name = self.current_field or next(iter(self.editors), None)
        if name is None or self.record_id is None:
            return
        self._history = HistoryDialog(self.workspace, self.runner, self.names, self.editors[name].spec,
                                      self.record_id, self)
        self._history.open()

    # lifecycle --------------------------------------------------------------------------

    def done(self, result: int) -> None:
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_moved)
        except (RuntimeError, TypeError):  # already closed once
            pass
        super().done(result)

    def forget(self) -> None:
        """Drop every value typed or read (closing, or locking)."""
        for editor in self.editors.values():
            editor.clear_text()
        self.original = {}
        if self._history is not None:
            self._history.forget()
        super().forget()

    def retranslate(self) -> None:
        label = _(self.record_class.label)
        text = (_("Correct: {record}") if self.record_id else _("Add: {record}")).format(record=label)
        self.setWindowTitle(text)
        self.title.setText(text)
        self.history_button.setText(_("History of this field…"))
        self.history_button.setAccessibleDescription(
            _("Shows who changed the field you were last in, when, and from what to what."))
        self.retranslate_buttons()
        self.save_button.setAccessibleDescription(_("Saves the changes (Ctrl+S)."))


class RecordFormHost:
    """A page that opens record forms over itself (a person's page, a conversation's page).

    The page gives ``workspace``, ``runner``, ``names`` and a ``forms`` list; ``close_forms()``
    is its part of locking (what was typed is kept as a draft first: ui/drafts.py).
    """

    forms: list[RecordForm]

    def open_form(self, type_name: str, *, record_id: str | None = None, fixed: dict | None = None,
                  only: tuple[str, ...] | None = None) -> RecordForm | None:
        if self.workspace is None or self.names is None:
            return None
        form = RecordForm(self.workspace, self.runner, self.names, type_name, record_id=record_id, fixed=fixed,
                          only=only, parent=self)
        form.finished.connect(lambda _result: self._form_closed(form))
        self.forms.append(form)
        form.show()   # not open(): a window-modal form would block the window's Ctrl+L (lock)
        form.raise_()
        form.activateWindow()
        return form

    def _form_closed(self, form: RecordForm) -> None:
        if form in self.forms:
            self.forms.remove(form)
        form.deleteLater()

    def close_forms(self) -> None:
        for form in list(self.forms):   # closing one takes it off the list
            form.forget()
            form.reject()
        self.forms = []
