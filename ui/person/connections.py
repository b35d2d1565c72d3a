"""Connections to community assets, with their outcome; the outcome is recorded later, as it happens.

"Connect to a community asset…" asks the window for the connect dialog
(``PersonPage.connect_requested``); until one is wired in, it opens the record
form. "Record the outcome…" changes only the outcome (and its notes); the store
stamps outcome_on with the day it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod
from PySide6.QtWidgets import QPushButton

from connector_app.domain import vocab
from connector_app.i18n import _
from ui.list_models import Column, _day
from ui.person.records_table import RecordsTable


class ConnectionsTab(RecordsTable):
    types = frozenset({"connection", "asset"})

    def __init__(self, page):
        super().__init__(page, "connection", (
            Column(lambda: _("Community asset"), lambda r: r.asset_name),
            Column(lambda: _("Date"), lambda r: _day(r.made_on)),
            Column(lambda: _("Outcome"), lambda r: vocab.CONNECTION_OUTCOMES.label(r.outcome)),
            Column(lambda: _("Outcome changed on"), lambda r: _day(r.outcome_on)),
        ), lambda person_id: page.names.connections(person_id), can_add=False)
        self.connect_button = self.add_action(QPushButton(), needs_selection=False, first=True)
        self.connect_button.clicked.connect(self.connect_person)
        self.outcome_button = self.add_action(QPushButton())
        self.outcome_button.clicked.connect(self.record_outcome)

    def connect_person(self) -> None:
        page = self.page
        if page.isSignalConnected(QMetaMethod.fromSignal(page.connect_requested)):
            page.connect_requested.emit(page.person_id)
        else:
            self.add()

    def record_outcome(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.page.open_form("connection", record_id=record_id, fixed={"person_id": self.page.person_id},
                                only=("outcome", "notes"))

    def retranslate(self) -> None:
        super().retranslate()
        self.connect_button.setText(_("Connect to a community asset…"))
        self.outcome_button.setText(_("Record the outcome…"))
        self.outcome_button.setAccessibleDescription(
            _("How the chosen connection went; the date the outcome changed is recorded."))
