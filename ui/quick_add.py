"""Quick-add a conversation (Ctrl+N): done in under two minutes with the keyboard alone.

Who first: type part of a name (any script; accents and marks need not be
typed) and press Enter to add the best match, or Up/Down to pick another; a
name nobody has yet is offered as a **new person**, added inline. Then what was
talked about, the features of practice as toggles, and the details, which
start at now, the last venue and the staff member using the app. Ctrl+S saves,
Esc cancels.

What is typed is kept as an encrypted draft while the form is open (ui/form_base.py,
ui/drafts.py), so a lock or a crash loses nothing; saving or cancelling discards the draft.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateTimeEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.i18n import _
from ui.form_base import FormDialog
from ui.list_page import ChoiceBox
from ui.operations.conversations import ConversationDraft, NewPerson, add_conversation

PERSON_ROLE = Qt.UserRole + 1   # a person's id, or None for "new person"
NAME_ROLE = Qt.UserRole + 2
SUGGESTIONS = 8
DEFAULT_NEW_CONSENT = "record_only"  # the narrowest scope until the person says more


class PeopleField(QWidget):
    """Type-ahead for the people in a conversation, with "new person" inline."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.queries = None
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.suggestions = QListWidget()
        self.suggestions.setFocusPolicy(Qt.NoFocus)   # arrows in the text field move through it
        self.suggestions.setMaximumHeight(150)
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(110)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self.edit.textChanged.connect(self._suggest)
        self.edit.returnPressed.connect(self.add_current)
        self.edit.installEventFilter(self)
        self.chosen.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.suggestions)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.remove_button, 0, Qt.AlignTop)
        layout.addLayout(chosen_row)
        self.suggestions.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == event.Type.KeyPress:
            if watched is self.edit and event.key() in (Qt.Key_Down, Qt.Key_Up) and self.suggestions.count():
                step = 1 if event.key() == Qt.Key_Down else -1
                row = (self.suggestions.currentRow() + step) % self.suggestions.count()
                self.suggestions.setCurrentRow(row)
                return True
            if watched is self.chosen and event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def _suggest(self, text: str) -> None:
        self.suggestions.clear()
        typed = " ".join(text.split())
        if not typed or self.queries is None:
            self.suggestions.hide()
            return
        already = {self.chosen.item(i).data(PERSON_ROLE) for i in range(self.chosen.count())}
        for person in self.queries.people_named(typed, limit=SUGGESTIONS):
            if person.id in already:
                continue
            label = person.name if not person.area else _("{name}, {area}").format(name=person.name, area=person.area)
            item = QListWidgetItem(label)
            item.setData(PERSON_ROLE, person.id)
            item.setData(NAME_ROLE, person.name)
            self.suggestions.addItem(item)
        new = QListWidgetItem(_("New person: {name}").format(name=typed))
        new.setData(PERSON_ROLE, None)
        new.setData(NAME_ROLE, typed)
        self.suggestions.addItem(new)
        self.suggestions.setCurrentRow(0)
        self.suggestions.show()

    def add_current(self) -> None:
        item = self.suggestions.currentItem()
        if item is None:
            return
        self.add_chip(item.data(PERSON_ROLE), item.data(NAME_ROLE))
        self.edit.clear()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    def people(self) -> tuple[list[str], list[str]]:
        """(ids of people already recorded, names of new people), in the order added."""
        known, new = [], []
        for i in range(self.chosen.count()):
            item = self.chosen.item(i)
            (known.append(item.data(PERSON_ROLE)) if item.data(PERSON_ROLE) else new.append(item.data(NAME_ROLE)))
        return known, new

    def chips(self) -> list[tuple[str | None, str]]:
        """(id or None for a new person, name) of everyone added, in order."""
        return [(self.chosen.item(i).data(PERSON_ROLE), self.chosen.item(i).data(NAME_ROLE))
                for i in range(self.chosen.count())]

    def add_chip(self, person_id: str | None, name: str) -> None:
        chip = QListWidgetItem(name if person_id else _("{name} (new person)").format(name=name))
        chip.setData(PERSON_ROLE, person_id)
        chip.setData(NAME_ROLE, name)
        self.chosen.addItem(chip)

    def clear(self) -> None:
        self.edit.clear()
        self.suggestions.clear()
        self.chosen.clear()
        self.queries = None

    # a draft (ui/form_base.py) keeps the people chosen and what is half typed
    def draft_value(self) -> dict:
        return {"chosen": [list(chip) for chip in self.chips()], "typed": self.edit.text()}

    def set_draft_value(self, value: dict) -> None:
        self.chosen.clear()
        for person_id, name in value.get("chosen", ()):
            self.add_chip(person_id, name)
        self.edit.setText(value.get("typed", ""))
        self.changed.emit()


class QuickAddDialog(FormDialog):
    draft_kind = "conversation"

    def __init__(self, workspace, queries, runner, parent: QWidget | None = None, *, now=datetime.now):
        super().__init__(workspace, runner, parent)
        self.queries = queries
        self.people_label = QLabel()
        self.people_field = PeopleField()
        self.people_field.queries = queries
        self.people_label.setBuddy(self.people_field.edit)
        self.consent_label = QLabel()
        self.consent_box = ChoiceBox()
        self.consent_label.setBuddy(self.consent_box)
        self.notes_label = QLabel()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(90)
        self.notes_label.setBuddy(self.notes_edit)
        self.features_box = QGroupBox()
        self.feature_checks = {code: QCheckBox() for code in vocab.FEATURES.codes}
        features_layout = QGridLayout(self.features_box)
        for i, check in enumerate(self.feature_checks.values()):
            features_layout.addWidget(check, i // 2, i % 2)

        self.when_label, self.when_edit = QLabel(), QDateTimeEdit(calendarPopup=True)
        self.when_edit.setDateTime(QDateTime(now().replace(second=0, microsecond=0)))
        self.venue_label, self.venue_box = QLabel(), ChoiceBox()
        self.mode_label, self.mode_box = QLabel(), ChoiceBox()
        self.staff_label, self.staff_box = QLabel(), ChoiceBox()
        self.minutes_label, self.minutes_spin = QLabel(), QSpinBox(minimum=0, maximum=600, singleStep=5)
        details = QGridLayout()
        for i, (label, widget) in enumerate(((self.when_label, self.when_edit), (self.venue_label, self.venue_box),
                                             (self.mode_label, self.mode_box), (self.staff_label, self.staff_box),
                                             (self.minutes_label, self.minutes_spin))):
            label.setBuddy(widget)
            details.addWidget(label, i // 3 * 2, i % 3)
            details.addWidget(widget, i // 3 * 2 + 1, i % 3)
        for column in range(3):
            details.setColumnStretch(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.people_label)
        layout.addWidget(self.people_field)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_label)
        consent_row.addWidget(self.consent_box, 1)
        layout.addLayout(consent_row)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes_edit, 1)
        layout.addWidget(self.features_box)
        layout.addLayout(details)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        order = [self.people_field.edit, self.people_field.chosen, self.people_field.remove_button,
                 self.consent_box, self.notes_edit, *self.feature_checks.values(), self.when_edit, self.venue_box,
                 self.mode_box, self.staff_box, self.minutes_spin, self.cancel_button, self.save_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.people_field.changed.connect(self._people_changed)
        self.retranslate()
        self._fill_defaults()
        self._people_changed()
        self.resize(640, 700)
        self.keep_drafts()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.people_field.edit.setFocus()  # who first: the one thing with no default

    def _fill_defaults(self) -> None:
        me = self.workspace.store.actor_id if self.workspace.store is not None else None
        self.staff_box.fill(_("Not recorded"), self.queries.staff(active_only=True))
        if me is not None:
            self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(me)))
        self.venue_box.fill(_("No venue"), self.queries.venues())
        last = self.queries.last_venue(me)
        if last is not None:
            self.venue_box.setCurrentIndex(max(0, self.venue_box.findData(last)))
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData("in_person")))
        self.consent_box.setCurrentIndex(max(0, self.consent_box.findData(DEFAULT_NEW_CONSENT)))

    def _people_changed(self) -> None:
        has_new = bool(self.people_field.people()[1])
        self.consent_label.setVisible(has_new)
        self.consent_box.setVisible(has_new)
        self.people_field.chosen.setVisible(self.people_field.chosen.count() > 0)
        self.people_field.remove_button.setVisible(self.people_field.chosen.count() > 0)

    def draft(self) -> ConversationDraft:
        known, new = self.people_field.people()
        return ConversationDraft(
            occurred_at=self.when_edit.dateTime().toPython().strftime("%Y-%m-%dT%H:%M"),
            mode=self.mode_box.currentData() or "in_person",
            person_ids=tuple(known),
            new_people=tuple(NewPerson(name, self.consent_box.currentData() or DEFAULT_NEW_CONSENT) for name in new),
            venue_id=self.venue_box.currentData(), staff_id=self.staff_box.currentData(),
            duration_minutes=self.minutes_spin.value() or None,
            notes=self.notes_edit.toPlainText().strip() or None,
            features=tuple(code for code, check in self.feature_checks.items() if check.isChecked()))

    # drafts (ui/form_base.py) -------------------------------------------------------------

    def draft_fields(self) -> dict[str, QWidget]:
        return {"people": self.people_field, "consent": self.consent_box, "notes": self.notes_edit,
                **{f"feature.{code}": check for code, check in self.feature_checks.items()},
                "when": self.when_edit, "venue": self.venue_box, "mode": self.mode_box, "staff": self.staff_box,
                "minutes": self.minutes_spin}

    def draft_person_ids(self) -> list[str]:
        return self.people_field.people()[0]

    def operation(self):
        draft = self.draft()
        if not draft.person_ids and not draft.new_people:
            self.message.show_message(_("Add at least one person: type part of their name and press Enter."))
            self.people_field.edit.setFocus()
            return None
        return add_conversation(self.workspace, draft)

    def forget(self) -> None:
        """Drop every name and note typed or shown (closing, or locking)."""
        self.people_field.clear()
        self.notes_edit.clear()
        for box in (self.venue_box, self.staff_box):
            box.clear()
        self.queries = None
        super().forget()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New conversation"))
        self.title.setText(_("New conversation"))
        self.people_label.setText(_("&Who: type part of a name, then press Enter"))
        self.people_field.edit.setAccessibleName(_("Who"))
        self.people_field.edit.setAccessibleDescription(
            _("Type part of a name and press Enter to add the person; Up and Down choose another match."))
        self.people_field.edit.setPlaceholderText(_("Name or pseudonym"))
        self.people_field.suggestions.setAccessibleName(_("Matching people"))
        self.people_field.chosen.setAccessibleName(_("People in this conversation"))
        self.people_field.chosen.setAccessibleDescription(_("Press Delete to take someone off."))
        self.people_field.remove_button.setText(_("Take off"))
        self.people_field.remove_button.setAccessibleName(_("Take the chosen person off"))
        self.consent_label.setText(_("&Consent of the new person"))
        self.consent_box.setAccessibleName(_("Consent of the new person"))
        self.consent_box.fill(vocab.CONSENT_SCOPES.label(vocab.CONSENT_SCOPES.codes[0]), [
            (code, vocab.CONSENT_SCOPES.label(code)) for code in vocab.CONSENT_SCOPES.codes[1:]])
        self.consent_box.setItemData(0, vocab.CONSENT_SCOPES.codes[0])
        self.notes_label.setText(_("What you talked about (&notes)"))
        self.notes_edit.setAccessibleName(_("Notes"))
        self.features_box.setTitle(_("Features of practice"))
        self.features_box.setAccessibleName(_("Features of practice"))
        for code, check in self.feature_checks.items():
            check.setText(vocab.FEATURES.label(code))
            check.setAccessibleName(vocab.FEATURES.label(code))
        for label, widget, text in ((self.when_label, self.when_edit, _("Whe&n")),
                                    (self.venue_label, self.venue_box, _("&Venue")),
                                    (self.mode_label, self.mode_box, _("&How")),
                                    (self.staff_label, self.staff_box, _("Staff &member")),
                                    (self.minutes_label, self.minutes_spin, _("M&inutes"))):
            label.setText(text)
            widget.setAccessibleName(text.replace("&", ""))
        self.minutes_spin.setSpecialValueText(_("Not recorded"))
        self.mode_box.fill(vocab.CONVERSATION_MODES.label("in_person"), [
            (code, vocab.CONVERSATION_MODES.label(code)) for code in vocab.CONVERSATION_MODES.codes
            if code != "in_person"])
        self.mode_box.setItemData(0, "in_person")
        self.retranslate_buttons()
        self.save_button.setAccessibleName(_("Save the conversation"))
