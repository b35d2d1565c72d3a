"""Follow-ups: what the connector said they would do for the person, and when; "Mark done" when it is."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from connector_app.domain import vocab
from connector_app.i18n import _
from ui.list_models import Column, _day
from ui.operations.records import save_record
from ui.person.records_table import RecordsTable


class FollowUpsTab(RecordsTable):
    types = frozenset({"follow_up"})

    def __init__(self, page):
        super().__init__(page, "follow_up", (
            Column(lambda: _("What to do"), lambda r: r.action),
            Column(lambda: _("Due"), lambda r: _day(r.due_on)),
            Column(lambda: _("State"), lambda r: vocab.FOLLOW_UP_STATES.label(r.state)),
        ), lambda person_id: page.names.follow_ups(person_id))
        self.done_button = self.add_action(QPushButton())
        self.done_button.clicked.connect(self.mark_done)

    def fixed(self) -> dict:
        return {"person_id": self.page.person_id, "state": "open"}

    def mark_done(self) -> None:
        follow_up = self.selected_row()
        if follow_up is not None and follow_up.state != "done":
            save_record(self.page.workspace, "follow_up", follow_up.id, {"state": "done"}).run(
                self.page.runner, on_failure=self.page.show_failure)

    def selection_changed(self, *args) -> None:
        super().selection_changed(*args)
        follow_up = self.selected_row()
        self.done_button.setEnabled(follow_up is not None and follow_up.state != "done")

    def retranslate(self) -> None:
        super().retranslate()
        self.done_button.setText(_("Mark done"))
        self.done_button.setAccessibleName(_("Mark the chosen follow-up done"))
