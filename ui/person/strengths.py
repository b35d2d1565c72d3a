"""Strengths: skills, talents, passions, gifts and knowledge spotted, and how ready the person is for a next step.

"Move to the next stage" moves the chosen strength along the readiness stages
(spotted, exploring, ready for a next step, taken a next step) in one step;
the store records the day it moved in readiness_on (Record.stamps), so the
monthly summary counts people who moved that month.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from connector_app.domain import vocab
from connector_app.i18n import _
from ui.list_models import Column, _day
from ui.operations.records import save_record
from ui.person.records_table import RecordsTable


def next_stage(readiness: str) -> str | None:
    codes = vocab.READINESS.codes
    index = codes.index(readiness) if readiness in codes else -1
    return codes[index + 1] if 0 <= index < len(codes) - 1 else None


class StrengthsTab(RecordsTable):
    types = frozenset({"strength"})

    def __init__(self, page):
        super().__init__(page, "strength", (
            Column(lambda: _("Strength"), lambda r: r.description),
            Column(lambda: _("Kind"), lambda r: vocab.STRENGTH_KINDS.label(r.kind)),
            Column(lambda: _("Readiness"), lambda r: vocab.READINESS.label(r.readiness)),
            Column(lambda: _("Since"), lambda r: _day(r.readiness_on)),
            Column(lambda: _("Next step"), lambda r: ", ".join(vocab.NEXT_STEPS.label(s) for s in r.next_steps)),
        ), lambda person_id: page.names.strengths(person_id))
        self.move_button = self.add_action(QPushButton())
        self.move_button.clicked.connect(self.move_on)

    def move_on(self) -> None:
        strength = self.selected_row()
        stage = next_stage(strength.readiness) if strength is not None else None
        if stage is None:
            return
        save_record(self.page.workspace, "strength", strength.id, {"readiness": stage}).run(
            self.page.runner, on_failure=self.page.show_failure)

    def selection_changed(self, *args) -> None:
        super().selection_changed(*args)
        strength = self.selected_row()
        stage = next_stage(strength.readiness) if strength is not None else None
        self.move_button.setEnabled(stage is not None)
        if stage is not None:
            self.move_button.setText(_("Move on to: {stage}").format(stage=vocab.READINESS.label(stage)))
        else:
            self.move_button.setText(_("Move to the next stage"))

    def retranslate(self) -> None:
        super().retranslate()
        self.move_button.setAccessibleDescription(
            _("Moves the chosen strength to the next readiness stage; the date it moved is recorded."))
