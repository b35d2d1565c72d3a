"""Type in a filled-in paper talent-spotting sheet (Reports ▸ Type in a paper sheet…).

The form follows the paper from top to bottom, with the paper's own words, so a
connector can type it in with the sheet beside the keyboard: the sheet's ID
(typed, or read from a scan or photo of its QR code), who it is about (someone
known, or a new person inline), the four boxes (one item per line), the next
step, the consent boxes exactly as ticked, who filled it in and when. A sheet
already typed in is noticed before anything is saved; a sheet the person took
home ("No thanks") keeps nothing. What each box becomes is decided in
connector_app/store/paper_sheets.py. What is typed comes back after a lock
(ui/form_base.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.i18n import _
from connector_app.store.paper_sheets import ConsentTicks, PaperSheet, SheetSaved, people_with_sheet
from ui.form_base import FormDialog
from ui.list_page import ChoiceBox
from ui.operations.paper_sheets import type_in_sheet
from ui.quick_add import PeopleField
from ui.sheet_id_field import SheetIdField
from ui.widgets import MessageLabel, paragraph

BOXES = ("loves", "skills", "learn", "help_with")


def _box_labels() -> dict[str, str]:
    # The same words as the printed sheet (connector_app/reports/sheets.py), so they match on paper and screen.
    return {"loves": _("Things I love doing"), "skills": _("Skills I could share or teach"),
            "learn": _("What I would like to learn"), "help_with": _("What I could help with")}


class PaperSheetDialog(FormDialog):
    draft_kind = "paper_sheet"   # saved: emits SheetSaved

    def __init__(self, workspace, queries, runner, parent: QWidget | None = None, *, today=date.today):
        super().__init__(workspace, runner, parent)
        self.queries = queries
        self.intro = paragraph()

        self.id_label = QLabel()
        self.id_field = SheetIdField(runner)
        self.id_label.setBuddy(self.id_field.edit)
        self.id_field.changed.connect(self._sheet_id_changed)
        self.already = MessageLabel("warning")
        self.already_typed = ""

        self.who_label = QLabel()
        self.people_field = PeopleField()
        self.people_field.queries = queries
        self.who_label.setBuddy(self.people_field.edit)
        self.people_field.changed.connect(self._person_changed)
        # One person per sheet: the chosen list needs one row, not the conversation form's several.
        self.people_field.chosen.setMaximumHeight(self.people_field.chosen.fontMetrics().height() * 2 + 8)
        self.pseudonym_check = QCheckBox()

        self.box_labels: dict[str, QLabel] = {}
        self.box_edits: dict[str, QPlainTextEdit] = {}
        boxes = QGridLayout()
        for index, name in enumerate(BOXES):
            label, edit = QLabel(), QPlainTextEdit()
            label.setWordWrap(True)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 6)  # room for a handful of lines
            label.setBuddy(edit)
            self.box_labels[name], self.box_edits[name] = label, edit
            boxes.addWidget(label, index // 2 * 2, index % 2)
            boxes.addWidget(edit, index // 2 * 2 + 1, index % 2)
        boxes.setColumnStretch(0, 1)
        boxes.setColumnStretch(1, 1)
        self.one_per_line = paragraph(name="hint")

        self.next_box = QGroupBox()
        self.next_checks = {code: QCheckBox() for code in vocab.NEXT_STEPS.codes}
        next_layout = QGridLayout(self.next_box)
        for index, check in enumerate(self.next_checks.values()):
            next_layout.addWidget(check, index // 2, index % 2)
        self.next_note_label, self.next_note = QLabel(), QLineEdit()
        self.next_note_label.setBuddy(self.next_note)
        next_layout.addWidget(self.next_note_label, len(self.next_checks) // 2 + 1, 0, 1, 2)
        next_layout.addWidget(self.next_note, len(self.next_checks) // 2 + 2, 0, 1, 2)

        self.consent_box = QGroupBox()
        self.keep_check, self.share_check = QCheckBox(), QCheckBox()
        self.reports_check, self.take_home_check = QCheckBox(), QCheckBox()
        consent_layout = QVBoxLayout(self.consent_box)
        for check in (self.keep_check, self.share_check, self.reports_check, self.take_home_check):
            consent_layout.addWidget(check)
            check.toggled.connect(self._consent_changed)
        self.consent_says = paragraph(name="hint")
        consent_layout.addWidget(self.consent_says)

        self.by_label, self.by_box = QLabel(), ChoiceBox()
        self.on_label, self.on_edit = QLabel(), QDateEdit(calendarPopup=True)
        self.on_edit.setDate(QDate(today()))
        self.on_edit.setMaximumDate(QDate(today()))
        self.by_label.setBuddy(self.by_box)
        self.on_label.setBuddy(self.on_edit)
        filled = QGridLayout()
        filled.addWidget(self.by_label, 0, 0)
        filled.addWidget(self.on_label, 0, 1)
        filled.addWidget(self.by_box, 1, 0)
        filled.addWidget(self.on_edit, 1, 1)
        filled.setColumnStretch(0, 2)
        filled.setColumnStretch(1, 1)

        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.id_label)
        layout.addWidget(self.id_field)
        layout.addWidget(self.already)
        layout.addWidget(self.who_label)
        layout.addWidget(self.people_field)
        layout.addWidget(self.pseudonym_check)
        layout.addLayout(boxes)
        layout.addWidget(self.one_per_line)
        layout.addWidget(self.next_box)
        layout.addWidget(self.consent_box)
        layout.addLayout(filled)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(form)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 0, 24, 16)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        message_row = QHBoxLayout()
        message_row.setContentsMargins(24, 4, 24, 0)
        message_row.addWidget(self.message)
        outer.addLayout(message_row)
        outer.addLayout(buttons)

        order = [self.id_field.edit, self.id_field.scan_button, self.people_field.edit, self.people_field.chosen,
                 self.people_field.remove_button, self.pseudonym_check, *self.box_edits.values(),
                 *self.next_checks.values(), self.next_note, self.keep_check, self.share_check,
                 self.reports_check, self.take_home_check, self.by_box, self.on_edit, self.cancel_button,
                 self.save_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        # Return in a field adds the person or a line; it must never press a button (Qt presses the next
        # "auto default" button in the focus chain, which once opened the scan's file dialog). Ctrl+S saves.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.retranslate()
        self._fill_staff()
        self._person_changed()
        self._consent_changed()
        self.already.hide()
        self.resize(760, 820)
        self.keep_drafts()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.id_field.edit.setFocus()  # the sheet's ID first: it is what matches the paper to the record

    # the form follows what is typed --------------------------------------------------------------

    def _fill_staff(self) -> None:
        me = self.workspace.store.actor_id if self.workspace.store is not None else None
        self.by_box.fill(_("Not recorded"), self.queries.staff(active_only=True))
        if me is not None:
            self.by_box.setCurrentIndex(max(0, self.by_box.findData(me)))

    def _sheet_id_changed(self, sheet_id: str) -> None:
        found = people_with_sheet(self.queries.connection, sheet_id) if sheet_id and self.queries else []
        self.already_typed = _("This sheet has already been typed in, for {names}. Check the ID under the "
                               "QR code.").format(names=", ".join(name for _id, name in found)) if found else ""
        if found:
            self.already.show_message(self.already_typed)
        else:
            self.already.hide()

    def _person_changed(self) -> None:
        chosen = self.people_field.chosen.count()
        # One sheet is about one person: once someone is chosen, the type-ahead steps aside.
        self.people_field.edit.setVisible(chosen == 0)
        if chosen:
            self.people_field.suggestions.hide()
        self.people_field.chosen.setVisible(chosen > 0)
        self.people_field.remove_button.setVisible(chosen > 0)
        self.pseudonym_check.setVisible(bool(self.people_field.people()[1]))
        if chosen == 0 and self.isVisible():
            self.people_field.edit.setFocus()

    def ticks(self) -> ConsentTicks:
        return ConsentTicks(keep=self.keep_check.isChecked(), share=self.share_check.isChecked(),
                            reports=self.reports_check.isChecked(), take_home=self.take_home_check.isChecked())

    def _consent_changed(self, _checked: bool = False) -> None:
        scope = self.ticks().scope()
        if scope is None:
            self.consent_says.setText(_("Nothing from this sheet will be kept: tick the boxes the person ticked."))
        else:
            self.consent_says.setText(_("Consent recorded for this person: {scope}").format(
                scope=vocab.CONSENT_SCOPES.label(scope)))

    # saving ---------------------------------------------------------------------------------------

    def sheet(self) -> PaperSheet:
        known, new = self.people_field.people()
        return PaperSheet(
            sheet_id=self.id_field.sheet_id(), filled_on=self.on_edit.date().toPython().isoformat(),
            consent=self.ticks(), person_id=known[0] if known else None, new_person_name=new[0] if new else "",
            name_is_pseudonym=self.pseudonym_check.isChecked(), filled_by=self.by_box.currentData(),
            next_steps=tuple(code for code, check in self.next_checks.items() if check.isChecked()),
            next_step_note=self.next_note.text().strip(),
            **{name: edit.toPlainText() for name, edit in self.box_edits.items()})

    def _refusal(self, sheet: PaperSheet) -> tuple[str, QWidget] | None:
        """Why this cannot be saved yet, and where to go to fix it."""
        if not sheet.sheet_id:
            return _("Type the sheet's ID, printed under its QR code."), self.id_field.edit
        if self.already_typed:
            return self.already_typed, self.id_field.edit
        if not sheet.person_id and not sheet.new_person_name:
            return _("Say who the sheet is about: type part of a name and press Enter."), self.people_field.edit
        if sheet.consent.scope() is None:
            return (_("Nothing from this sheet can be kept: the person did not agree to it being kept. "
                      "Give the sheet back to them."), self.keep_check)
        if not any(edit.toPlainText().strip() for edit in self.box_edits.values()):
            return _("The sheet's boxes are empty: type what the person wrote."), self.box_edits["loves"]
        return None

    def operation(self):
        sheet = self.sheet()
        refusal = self._refusal(sheet)
        if refusal is not None:
            text, where = refusal
            self.message.show_message(text)
            where.setFocus()
            return None
        return type_in_sheet(self.workspace, sheet)

    # drafts (ui/form_base.py) -----------------------------------------------------------------------

    def draft_fields(self) -> dict[str, QWidget]:
        return {"sheet_id": self.id_field.edit, "who": self.people_field, "pseudonym": self.pseudonym_check,
                **{f"box.{name}": edit for name, edit in self.box_edits.items()},
                **{f"next.{code}": check for code, check in self.next_checks.items()},
                "next_note": self.next_note, "keep": self.keep_check, "share": self.share_check,
                "reports": self.reports_check, "take_home": self.take_home_check, "by": self.by_box,
                "on": self.on_edit}

    def draft_person_ids(self) -> list[str]:
        return self.people_field.people()[0]

    def forget(self) -> None:
        """Drop every name and word typed or shown (closing, or locking)."""
        self.people_field.clear()
        for edit in self.box_edits.values():
            edit.clear()
        self.next_note.clear()
        self.id_field.edit.clear()
        self.by_box.clear()
        self.queries = None
        super().forget()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Type in a paper sheet"))
        self.title.setText(_("Type in a paper talent-spotting sheet"))
        self.intro.setText(_("Copy what the person wrote, box by box. The sheet's ID links the paper to "
                             "what you save, so you can find it again."))
        self.id_label.setText(_("Sheet &ID"))
        self.id_field.edit.setAccessibleName(_("Sheet ID"))
        self.id_field.edit.setAccessibleDescription(_("The letters and digits printed under the QR code."))
        self.id_field.scan_button.setAccessibleName(_("Read the sheet ID from a scan or photo"))
        self.id_field.retranslate()
        self.who_label.setText(_("&Who the sheet is about: type part of a name, then press Enter"))
        self.people_field.edit.setAccessibleName(_("Who the sheet is about"))
        self.people_field.edit.setPlaceholderText(_("Name or pseudonym"))
        self.people_field.suggestions.setAccessibleName(_("Matching people"))
        self.people_field.chosen.setAccessibleName(_("The person the sheet is about"))
        self.people_field.remove_button.setText(_("Choose someone else"))
        self.people_field.remove_button.setAccessibleName(_("Choose someone else"))
        self.pseudonym_check.setText(_("The name is a pseudonym (they gave no name)"))
        for name, text in _box_labels().items():
            self.box_labels[name].setText(text)
            self.box_edits[name].setAccessibleName(text)
        self.one_per_line.setText(_("One thing per line: each line becomes one strength, "
                                    "and what they would like to learn is kept as what matters to them."))
        self.next_box.setTitle(_("A next step I might try"))
        for code, check in self.next_checks.items():
            check.setText(vocab.NEXT_STEPS.label(code))
            check.setAccessibleName(vocab.NEXT_STEPS.label(code))
        self.next_note_label.setText(_("Anything written beside the next &step"))
        self.next_note.setAccessibleName(_("Anything written beside the next step"))
        self.consent_box.setTitle(_("What happens to this sheet (tick what you agree to)"))
        for check, text in ((self.keep_check, _("You can keep what I wrote, safely, at the hub.")),
                            (self.share_check, _("You can share it with the team who work with me.")),
                            (self.reports_check, _("You can count me, without my name, in reports about the hub.")),
                            (self.take_home_check, _("No thanks: this sheet is mine to take home."))):
            check.setText(text)
            check.setAccessibleName(text)
        self._consent_changed()
        self.by_label.setText(_("Filled in &by"))
        self.by_box.setAccessibleName(_("Filled in by"))
        self.on_label.setText(_("&Date"))
        self.on_edit.setAccessibleName(_("Date the sheet was filled in"))
        self.retranslate_buttons()
        self.save_button.setAccessibleName(_("Save what the sheet says"))
