"""Connect a person to a community asset, from either side.

    ConnectDialog(workspace, reader, runner, person_id=...)   # from a person's page: choose the asset
    ConnectDialog(workspace, reader, runner, asset_id=...)    # from an asset: choose the person

The side not given is chosen by typing part of its name (any script; accents
and marks need not be typed): Up and Down move through the matches, Enter
chooses. The connection starts at today, "introduced" and the staff member
using the laptop; how it turns out is recorded later (the asset's detail, or
``ui.operations.activity.set_outcome``), and the store dates each change of
outcome (outcome_on). Ctrl+S saves, Esc cancels; what is typed comes back after a
lock (ui/form_base.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.domain.records import Connection
from connector_app.i18n import _
from connector_app.store.activity_queries import ActivityQueries
from ui.form_base import FormDialog
from ui.list_page import ChoiceBox
from ui.operations.activity import connect
from ui.widgets import button_row, paragraph

ID_ROLE = Qt.UserRole + 1
SUGGESTIONS = 8
DEFAULT_OUTCOME = "introduced"


class Chooser(QWidget):
    """Type-ahead for one record: ``search(text)`` gives (id, label) pairs; Enter chooses the current match."""

    chosen = Signal()

    def __init__(self, search, parent: QWidget | None = None):
        super().__init__(parent)
        self._search = search
        self.chosen_id: str | None = None
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setFocusPolicy(Qt.NoFocus)   # arrows in the text field move through it
        self.matches.setMaximumHeight(170)
        self.matches.itemClicked.connect(lambda item: self.choose(item))
        self.edit.textEdited.connect(self._suggest)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.matches)
        self.matches.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != event.Type.KeyPress or not self.matches.count():
            return super().eventFilter(watched, event)
        if event.key() in (Qt.Key_Down, Qt.Key_Up):
            step = 1 if event.key() == Qt.Key_Down else -1
            self.matches.setCurrentRow((self.matches.currentRow() + step) % self.matches.count())
            return True
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            # Enter chooses the match; only once chosen does it reach the dialog (and save).
            self.choose(self.matches.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _suggest(self, text: str) -> None:
        self.chosen_id = None   # typing again undoes a choice
        self.matches.clear()
        typed = " ".join(text.split())
        for record_id, label in (self._search(typed) if typed else []):
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, record_id)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0)
        self.matches.setVisible(self.matches.count() > 0)
        self.chosen.emit()

    def choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.chosen_id = item.data(ID_ROLE)
        self.edit.setText(item.text())
        self.matches.clear()
        self.matches.hide()
        self.chosen.emit()

    def clear(self) -> None:
        self.chosen_id = None
        self.edit.clear()
        self.matches.clear()

    # a draft (ui/form_base.py) keeps the choice made, or what is half typed
    def draft_value(self) -> dict:
        return {"id": self.chosen_id, "text": self.edit.text()}

    def set_draft_value(self, value: dict) -> None:
        self.edit.setText(value.get("text", ""))   # setText, unlike typing, asks for no matches
        self.chosen_id = value.get("id")
        self.chosen.emit()


class ConnectDialog(FormDialog):
    draft_kind = "connection"

    def __init__(self, workspace, reader, runner, *, person_id: str | None = None, asset_id: str | None = None,
                 parent: QWidget | None = None, today=date.today):
        super().__init__(workspace, runner, parent)
        if (person_id is None) == (asset_id is None):
            raise ValueError("give exactly one of person_id and asset_id")
        self.queries = reader
        self.activity = ActivityQueries(reader.connection)
        self.person_id, self.asset_id = person_id, asset_id
        self.fixed_label = paragraph()
        self.choose_label = QLabel()
        self.chooser = Chooser(self._people if asset_id else self._assets)
        self.choose_label.setBuddy(self.chooser.edit)
        self.date_edit = QDateEdit(QDate(today()), calendarPopup=True)
        self.outcome_box, self.staff_box = ChoiceBox(), ChoiceBox()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(100)
        self.labels = [QLabel() for _ in range(4)]

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        for label, field in zip(self.labels, (self.date_edit, self.outcome_box, self.staff_box, self.notes_edit)):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.fixed_label)
        layout.addWidget(self.choose_label)
        layout.addWidget(self.chooser)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(button_row(self.cancel_button, self.save_button))
        order = (self.chooser.edit, self.date_edit, self.outcome_box, self.staff_box, self.notes_edit,
                 self.cancel_button, self.save_button)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.retranslate()
        self._fill_defaults()
        self.resize(560, 520)
        self.keep_drafts()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.chooser.edit.setFocus()

    # the other side ---------------------------------------------------------------------------

    def _people(self, text: str) -> list[tuple[str, str]]:
        return [(p.id, _("{name}, {area}").format(name=p.name, area=p.area) if p.area else p.name)
                for p in self.queries.people_named(text, limit=SUGGESTIONS)]

    def _assets(self, text: str) -> list[tuple[str, str]]:
        return [(a.id, _("{name}, {kind}").format(name=a.name, kind=vocab.ASSET_KINDS.label(a.kind)))
                for a in self.activity.assets_named(text, limit=SUGGESTIONS)]

    def _fixed_name(self) -> str:
        if self.person_id:
            return self.activity.name_of("person", self.person_id) or ""
        return self.activity.name_of("asset", self.asset_id) or ""

    def _fill_defaults(self) -> None:
        me = self.workspace.store.actor_id
        self.staff_box.fill(_("Not recorded"), self.queries.staff(active_only=True))
        if me is not None:
            self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(me)))
        self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(DEFAULT_OUTCOME)))
        name = self._fixed_name()
        self.fixed_label.setText((_("Connecting {name} to a community asset.") if self.person_id else
                                  _("Connecting someone to {name}.")).format(name=name))

    # saving ---------------------------------------------------------------------------------------

    def connection(self) -> Connection | None:
        other = self.chooser.chosen_id
        if other is None:
            return None
        return Connection(
            person_id=self.person_id or other, asset_id=self.asset_id or other,
            made_on=self.date_edit.date().toPython().isoformat(), outcome=self.outcome_box.currentData(),
            staff_id=self.staff_box.currentData(), notes=self.notes_edit.toPlainText().strip() or None)

    def operation(self):
        connection = self.connection()
        if connection is None:
            self.message.show_message(_("Choose a person: type part of their name and press Enter.") if self.asset_id
                                      else _("Choose a community asset: type part of its name and press Enter."))
            self.chooser.edit.setFocus()
            return None
        return connect(self.workspace, connection)

    # drafts (ui/form_base.py) -----------------------------------------------------------------------

    def draft_fields(self) -> dict[str, QWidget]:
        return {"other": self.chooser, "date": self.date_edit, "outcome": self.outcome_box, "staff": self.staff_box,
                "notes": self.notes_edit}

    def draft_place(self) -> dict:
        return {"person_id": self.person_id, "asset_id": self.asset_id}

    def draft_person_ids(self) -> list[str]:
        person = self.person_id or self.chooser.chosen_id
        return [person] if person else []

    def forget(self) -> None:
        """Drop every name and note typed or shown (closing, or locking)."""
        self.chooser.clear()
        self.notes_edit.clear()
        self.fixed_label.clear()
        self.staff_box.clear()
        self.queries = self.activity = None
        super().forget()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Connect a person"))
        self.title.setText(_("Connect a person"))
        if self.asset_id:
            self.choose_label.setText(_("&Who: type part of a name, then press Enter"))
            self.chooser.edit.setAccessibleName(_("Who"))
            self.chooser.edit.setPlaceholderText(_("Name or pseudonym"))
        else:
            self.choose_label.setText(_("&To: type part of the community asset's name, then press Enter"))
            self.chooser.edit.setAccessibleName(_("Community asset"))
            self.chooser.edit.setPlaceholderText(_("Name of the group or place"))
        self.chooser.edit.setAccessibleDescription(_("Up and Down choose another match; Enter chooses it."))
        self.chooser.matches.setAccessibleName(_("Matches"))
        for label, field, text in zip(self.labels, (self.date_edit, self.outcome_box, self.staff_box,
                                                    self.notes_edit),
                                      (_("&Date"), _("&Outcome so far"), _("Staff &member"), _("&Notes"))):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.outcome_box.fill(vocab.CONNECTION_OUTCOMES.label("suggested"), [
            (code, vocab.CONNECTION_OUTCOMES.label(code)) for code in vocab.CONNECTION_OUTCOMES.codes[1:]])
        self.outcome_box.setItemData(0, "suggested")
        self.retranslate_buttons()
        self.save_button.setAccessibleName(_("Save the connection"))
