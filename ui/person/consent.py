"""Consent: what the person agreed to (record only, share with my team, include anonymously in reports) and when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _, format_date
from ui.widgets import paragraph


class ConsentTab(QWidget):
    types = frozenset({"person"})

    def __init__(self, page, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.header = None
        self.scope = paragraph()
        self.given_on = paragraph()
        self.explain = paragraph(name="muted")
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self.change)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.given_on)
        layout.addWidget(self.explain)
        layout.addWidget(self.change_button, 0, Qt.AlignLeading)
        layout.addStretch(1)

    def load(self, person_id: str) -> None:
        self.header = self.page.names.header(person_id) if self.page.names is not None else None
        self.retranslate()

    def refresh(self) -> None:
        self.load(self.page.person_id)

    def clear(self) -> None:
        self.header = None
        self.retranslate()

    def change(self) -> None:
        self.page.open_form("person", record_id=self.page.person_id, only=("consent_scope", "consent_on"))

    def retranslate(self) -> None:
        header = self.header
        self.scope.setText(_("Consent: {scope}").format(scope=vocab.CONSENT_SCOPES.label(header.consent_scope))
                           if header else "")
        self.given_on.setText(_("Given on {date}").format(date=format_date(date.fromisoformat(header.consent_on)))
                              if header and header.consent_on else "")
        self.explain.setText(_("When the person changes what they agree to, record it here the same day: "
                               "reports and sharing follow the newest consent."))
        self.change_button.setText(_("Change consent…"))
        self.change_button.setAccessibleDescription(_("Records a new consent scope or date for this person."))
