"""What matters to me: the person's own words, themes and review date, and the small steps of each note.

Choose a note above; its small steps show below. "Mark done" ticks the chosen
step off today (done_on); pressed again on a done step, it is not done after
all. Two steps forward and one back is normal: every change is kept in the
field's history.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _
from ui.list_models import Column, _day
from ui.operations.records import save_record
from ui.person.records_table import RecordsTable


class StepsTable(RecordsTable):
    def __init__(self, page, notes: RecordsTable):
        super().__init__(page, "small_step", (
            Column(lambda: _("Small step"), lambda r: r.description),
            Column(lambda: _("Agreed on"), lambda r: _day(r.set_on)),
            Column(lambda: _("Done on"), lambda r: _day(r.done_on) or _("Not yet")),
        ), None)
        self.notes = notes
        self.done_button = self.add_action(QPushButton())
        self.done_button.clicked.connect(self.toggle_done)

    def load(self, _person_id: str) -> None:
        note_id = self.notes.selected_id()
        names = self.page.names
        if note_id is None or names is None:
            self.model.clear()
        else:
            chosen = self.selected_id()
            self.model.show(lambda: names.small_steps(note_id))
            self.select(chosen)
        self.add_button.setEnabled(note_id is not None)

    def fixed(self) -> dict:
        return {"person_id": self.page.person_id, "what_matters_id": self.notes.selected_id(),
                "position": self.model.rowCount()}

    def toggle_done(self) -> None:
        step = self.selected_row()
        if step is None:
            return
        done_on = None if step.done_on else date.today().isoformat()
        save_record(self.page.workspace, "small_step", step.id, {"done_on": done_on}).run(
            self.page.runner, on_failure=self.page.show_failure)

    def selection_changed(self, *args) -> None:
        super().selection_changed(*args)
        step = self.selected_row()
        self.done_button.setText(_("Not done yet") if step is not None and step.done_on else _("Mark done"))

    def retranslate(self) -> None:
        super().retranslate()
        self.done_button.setAccessibleDescription(_("Ticks the chosen small step off today, or undoes the tick."))


class WhatMattersTab(QWidget):
    types = frozenset({"what_matters", "small_step"})

    def __init__(self, page, parent: QWidget | None = None):
        super().__init__(parent)
        self.notes = RecordsTable(page, "what_matters", (
            Column(lambda: _("Recorded on"), lambda r: _day(r.recorded_on)),
            Column(lambda: _("In their own words"), lambda r: " ".join(r.own_words.split())),
            Column(lambda: _("Themes"), lambda r: ", ".join(vocab.THEMES.label(t) for t in r.themes)),
            Column(lambda: _("Review on"), lambda r: _day(r.review_on)),
        ), lambda person_id: page.names.what_matters(person_id))
        self.steps = StepsTable(page, self.notes)
        self.steps_title = QLabel(objectName="subheading")
        self.steps_title.setWordWrap(True)
        self.notes.table.selectionModel().selectionChanged.connect(lambda *_a: self.steps.load(page.person_id))
        self.notes.model.modelReset.connect(lambda: self.steps.load(page.person_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 3)
        layout.addWidget(self.steps_title)
        layout.addWidget(self.steps, 2)

    def load(self, person_id: str) -> None:
        self.notes.load(person_id)
        if self.notes.model.rowCount():
            self.notes.table.selectRow(0)   # the newest note, with its steps

    def refresh(self) -> None:
        step = self.steps.selected_id()
        self.notes.refresh()   # reloads the steps of the note chosen again
        self.steps.select(step)

    def clear(self) -> None:
        self.notes.clear()
        self.steps.clear()

    def retranslate(self) -> None:
        self.notes.retranslate()
        self.steps.retranslate()
        self.steps_title.setText(_("Small steps of the chosen note"))
