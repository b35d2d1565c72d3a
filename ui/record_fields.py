"""One editor per kind of field (connector_app/domain/fields.py), each with value() and set_value().

The record form (ui/record_form.py) builds a form from a record type's field
declarations with ``editor_for(spec, names)``; every editor speaks the stored
form of a value (ISO dates, vocabulary codes, lists of ids), so the form hands
values straight to validation and the repository.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDateEdit, QDateTimeEdit, QGridLayout, QHBoxLayout, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from connector_app.domain.fields import FieldSpec, Kind
from connector_app.i18n import _
from ui.language_picker import LanguagePicker

NOT_SET_DATE = QDate(1900, 1, 1)   # the bottom of a date editor's range stands for "no date"
CHOICE_COLUMNS = 2


class FieldEditor(QWidget):
    """A field's editor; ``editor`` is the widget that takes focus and carries the accessible name."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.editor: QWidget = self
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        if spec.kind is not Kind.NOTE:   # only free text grows with the form; the rest keep their height
            self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    # A draft (ui/form_base.py) keeps the stored form of the value.
    def draft_value(self) -> Any:
        return self.value()

    def set_draft_value(self, value: Any) -> None:
        self.set_value(value)

    def clear_text(self) -> None:
        """Forget what was typed (locking)."""
        self.set_value([] if self.spec.kind.is_list else None)


class TextEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        if spec.kind is Kind.NOTE:
            self.editor = QPlainTextEdit()
            self.editor.setTabChangesFocus(True)
            self.editor.setMinimumHeight(70)
            self.editor.textChanged.connect(self.changed)
        else:
            # No length cap on a one-line field: a pasted text that is too long gets a message, not a cut.
            self.editor = QLineEdit()
            self.editor.textChanged.connect(self.changed)
        self.layout_.addWidget(self.editor)

    def value(self) -> str | None:
        text = self.editor.toPlainText() if self.spec.kind is Kind.NOTE else self.editor.text()
        return text.strip() or None

    def set_value(self, value: Any) -> None:
        if self.spec.kind is Kind.NOTE:
            self.editor.setPlainText(value or "")
        else:
            self.editor.setText(value or "")


class NumberEditor(FieldEditor):
    """A whole number; an optional one has a "not given" step below its range."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        low = spec.minimum if spec.minimum is not None else 0
        self._none = None if spec.required else low - 1
        self.editor = QSpinBox()
        self.editor.setRange(low if self._none is None else self._none, spec.maximum or 100_000)
        if self._none is not None:
            self.editor.setSpecialValueText(_("Not given"))
        self.editor.valueChanged.connect(self.changed)
        self.layout_.addWidget(self.editor, 0, Qt.AlignLeading)

    def value(self) -> int | None:
        number = self.editor.value()
        return None if number == self._none else number

    def set_value(self, value: Any) -> None:
        self.editor.setValue(self.editor.minimum() if value is None else int(value))


class BoolEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.editor = QCheckBox(_(spec.label))
        self.editor.toggled.connect(self.changed)
        self.layout_.addWidget(self.editor)

    def value(self) -> bool:
        return self.editor.isChecked()

    def set_value(self, value: Any) -> None:
        self.editor.setChecked(bool(value))


class DateEditor(FieldEditor):
    """A date with a calendar; an optional one shows "Not set" at the bottom of its range (Delete clears it)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        with_time = spec.kind is Kind.DATETIME
        self.editor = QDateTimeEdit() if with_time else QDateEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setMinimumDate(NOT_SET_DATE)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd")
        if not spec.required:
            self.editor.setSpecialValueText(_("Not set"))
        self.editor.dateTimeChanged.connect(self.changed)
        self.editor.installEventFilter(self)
        self.layout_.addWidget(self.editor, 0, Qt.AlignLeading)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == event.Type.KeyPress and event.key() == Qt.Key_Delete and not self.spec.required):
            self.set_value(None)
            return True
        return super().eventFilter(watched, event)

    def value(self) -> str | None:
        if self.editor.date() == NOT_SET_DATE:
            return None
        if self.spec.kind is Kind.DATETIME:
            return self.editor.dateTime().toString("yyyy-MM-ddTHH:mm")
        return self.editor.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        if not value:
            self.editor.setDateTime(QDateTime(NOT_SET_DATE.startOfDay()) if not self.spec.required
                                    else QDateTime.currentDateTime())
        elif self.spec.kind is Kind.DATETIME:
            self.editor.setDateTime(QDateTime.fromString(value, "yyyy-MM-ddTHH:mm"))
        else:
            self.editor.setDate(QDate.fromString(value, "yyyy-MM-dd"))


class ChoiceEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.editor = QComboBox()
        if not spec.required:
            self.editor.addItem(_("Not given"), None)
        for code in spec.vocabulary.codes:
            self.editor.addItem(spec.vocabulary.label(code), code)
        self.editor.currentIndexChanged.connect(self.changed)
        self.layout_.addWidget(self.editor)

    def value(self) -> str | None:
        return self.editor.currentData()

    def set_value(self, value: Any) -> None:
        self.editor.setCurrentIndex(max(self.editor.findData(value), 0) if value is not None else 0)


class ChoicesEditor(FieldEditor):
    """Several choices as check boxes in columns (they wrap, so a long language still fits)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for index, code in enumerate(spec.vocabulary.codes):
            box = QCheckBox(spec.vocabulary.label(code))
            box.setAccessibleName(_("{field}: {choice}").format(field=_(spec.label),
                                                                 choice=spec.vocabulary.label(code)))
            box.toggled.connect(self.changed)
            self.boxes[code] = box
            grid.addWidget(box, *divmod(index, CHOICE_COLUMNS))
        self.layout_.addLayout(grid)
        self.editor = next(iter(self.boxes.values()))

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in (value or ()))


class LanguagesEditor(FieldEditor):
    """Languages chosen by name from a list that narrows as you type (ui/language_picker.py); stored as codes."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.picker = LanguagePicker()
        self.editor = self.picker.filter_edit   # the label's buddy: Alt+key lands in the search box
        self.picker.changed.connect(self.changed)
        self.layout_.addWidget(self.picker)

    def value(self) -> list[str]:
        return self.picker.value()

    def set_value(self, value: Any) -> None:
        self.picker.set_languages(value or ())


class RefEditor(FieldEditor):
    """Type part of a name (any script) and pick from the suggestions; only a chosen record counts."""

    def __init__(self, spec: FieldSpec, names, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._names = names            # PersonQueries: names() and named()
        self._id: str | None = None
        self._suggested: dict[str, str] = {}
        self.editor = QLineEdit()
        self.editor.setClearButtonEnabled(True)
        self.editor.setPlaceholderText(_("Type part of a name"))
        self._list = QStringListModel(self)
        completer = QCompleter(self._list, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        # The store already chose the matches (folded, any script: "lodz" finds "Łódź"): show them all.
        completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.editor.setCompleter(completer)
        self.editor.textEdited.connect(self._suggest)
        self.editor.textChanged.connect(self._typed)
        self.layout_.addWidget(self.editor)

    def _suggest(self, text: str) -> None:
        found = self._names.named(self.spec.target, text) if self._names is not None else []
        self._suggested = {name: record_id for record_id, name in found}
        self._list.setStringList(list(self._suggested))

    def _typed(self, text: str) -> None:
        if text in self._suggested:
            self._id = self._suggested[text]
        elif not text.strip():
            self._id = None
        self.changed.emit()

    def value(self) -> str | None:
        text = self.editor.text().strip()
        if not text:
            return None
        if text in self._suggested:
            return self._suggested[text]
        return self._id if self._id is not None else text   # typed but not chosen: validation says so

    def set_value(self, value: Any) -> None:
        self._id = value
        name = self._names.names(self.spec.target, [value]).get(value, "") if value and self._names else ""
        self._suggested = {name: value} if name else {}
        self.editor.setText(name)


class RefsEditor(FieldEditor):
    """Several references: type ahead and press Enter to add; Delete removes the selected one."""

    def __init__(self, spec: FieldSpec, names, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._names = names
        self.adder = RefEditor(spec, names)
        self.editor = self.adder.editor
        self.editor.returnPressed.connect(self._add)
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(90)
        self.chosen.setAccessibleName(_("Chosen: {field}").format(field=_(spec.label)))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.addWidget(self.chosen, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignTop)
        self.layout_.addWidget(self.adder)
        self.layout_.addLayout(row)

    def _add(self) -> None:
        record_id = self.adder.value()
        if record_id and record_id not in self.value() and self.adder._suggested:
            item = QListWidgetItem(self.editor.text())
            item.setData(Qt.UserRole, record_id)
            self.chosen.addItem(item)
            self.adder.set_value(None)
            self.changed.emit()

    def _remove(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.changed.emit()

    def value(self) -> list[str]:
        return [self.chosen.item(i).data(Qt.UserRole) for i in range(self.chosen.count())]

    def set_value(self, value: Any) -> None:
        self.chosen.clear()
        names = self._names.names(self.spec.target, list(value or ())) if self._names else {}
        for record_id in value or ():
            item = QListWidgetItem(names.get(record_id, "?"))
            item.setData(Qt.UserRole, record_id)
            self.chosen.addItem(item)


def editor_for(spec: FieldSpec, names) -> FieldEditor:
    """The editor for a field; ``names`` (PersonQueries) answers type-ahead for references."""
    kind = spec.kind
    if kind in (Kind.TEXT, Kind.NOTE):
        return TextEditor(spec)
    if kind is Kind.INT:
        return NumberEditor(spec)
    if kind is Kind.BOOL:
        return BoolEditor(spec)
    if kind in (Kind.DATE, Kind.DATETIME):
        return DateEditor(spec)
    if kind is Kind.CHOICE:
        return ChoiceEditor(spec)
    if kind is Kind.CHOICES:
        return ChoicesEditor(spec)
    if kind is Kind.LANGUAGES:
        return LanguagesEditor(spec)
    if kind is Kind.REF:
        return RefEditor(spec, names)
    return RefsEditor(spec, names)
