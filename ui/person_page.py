"""The person page: who they are, and a tab for each part of their story.

    page = PersonPage(runner)
    page.attach(workspace, reader)      # on unlock; reader = workspace.open_reader()
    page.show_person(person_id)         # from anywhere

The header says their name, area, languages, consent and last activity, with
the actions on the person (edit their details, export everything about them,
erase them). The tabs (ui/person/) are what matters, strengths, 3Cs
check-ins, conversations, connections, consent and follow-ups. Every read
goes through PersonQueries on the lists' read-only connection; every write
through the record form or an operation on the task runner; a delete can be
undone for the session (ui/undo.py). ``clear()`` (on lock) forgets every
record text: models, labels, open forms and the undo history.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _, format_date
from connector_app.store.person_queries import PersonQueries
from ui.flow_layout import FlowLayout
from ui.list_models import _day, _languages
from ui.person.checkins import CheckInsTab
from ui.person.connections import ConnectionsTab
from ui.person.consent import ConsentTab
from ui.person.conversations import ConversationsTab
from ui.person.follow_ups import FollowUpsTab
from ui.person.strengths import StrengthsTab
from ui.person.what_matters import WhatMattersTab
from ui.record_form import RecordForm, RecordFormHost
from ui.tasks import failure_message
from ui.undo import SessionUndo, UndoBar
from ui.widgets import MessageLabel, heading, paragraph

HEADER_TYPES = frozenset({"person", "conversation"})


class PersonPage(RecordFormHost, QWidget):
    open_record = Signal(str, str)        # (type name, record id) of a record another screen shows
    connect_requested = Signal(str)       # person id: "Connect to a community asset…"
    export_requested = Signal(str)        # person id: "Export everything about this person…"
    erase_requested = Signal(str)         # person id: "Erase this person…"

    def __init__(self, runner, parent: QWidget | None = None, *, undo: SessionUndo | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.runner = runner
        self.workspace = None
        self.queries = None          # the lists' Queries (read-only connection)
        self.names: PersonQueries | None = None
        self.person_id: str | None = None
        self.header = None
        self.forms: list[RecordForm] = []
        self.undo = undo if undo is not None else SessionUndo(runner, self)
        self.addAction(self.undo.undo_action)

        self.name_label = heading()
        self.name_label.setTextFormat(Qt.PlainText)
        self.details = paragraph(name="muted")
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self.open_form("person", record_id=self.person_id))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.person_id))
        self.erase_button = QPushButton()
        self.erase_button.clicked.connect(lambda: self.erase_requested.emit(self.person_id))
        self.message = MessageLabel()
        self.undo_bar = UndoBar(self.undo)

        self.what_matters = WhatMattersTab(self)
        self.strengths = StrengthsTab(self)
        self.checkins = CheckInsTab(self)
        self.conversations = ConversationsTab(self)
        self.connections = ConnectionsTab(self)
        self.consent = ConsentTab(self)
        self.follow_ups = FollowUpsTab(self)
        self.tabs = QTabWidget()
        self.tab_pages = (self.what_matters, self.strengths, self.checkins, self.conversations, self.connections,
                          self.consent, self.follow_ups)
        for tab in self.tab_pages:
            self.tabs.addTab(tab, "")

        actions = QWidget()
        row = FlowLayout(actions)
        for button in (self.edit_button, self.export_button, self.erase_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.name_label)
        layout.addWidget(self.details)
        layout.addWidget(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.tabs, 1)
        self._set_enabled(False)
        self.retranslate()

    # lifecycle --------------------------------------------------------------------------

    def attach(self, workspace, reader) -> None:
        self.workspace, self.queries = workspace, reader
        self.names = PersonQueries(reader.connection)
        self.undo.attach(workspace)

    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        self.message.clear_message()
        self._load_header()
        for tab in self.tab_pages:
            tab.load(person_id)
        self.tabs.setCurrentIndex(0)

    def clear(self) -> None:
        """Forget every record text: the header, each tab's rows, open forms, and what can be undone."""
        self.close_forms()
        self.undo.clear()
        for tab in self.tab_pages:
            tab.clear()
        self.person_id = self.header = None
        self.names = self.queries = self.workspace = None
        self.message.clear_message()
        self._show_header()

    def records_changed(self, types: frozenset) -> None:
        if self.person_id is None or self.names is None:
            return
        if types & HEADER_TYPES:
            self._load_header()
        if self.header is None:
            return
        for tab in self.tab_pages:
            if types & tab.types:
                tab.refresh()

    # the header -------------------------------------------------------------------------

    def _load_header(self) -> None:
        self.header = self.names.header(self.person_id) if self.names is not None else None
        if self.header is None and self.person_id is not None:
            for tab in self.tab_pages:
                tab.clear()
        self._show_header()

    def _show_header(self) -> None:
        header = self.header
        self._set_enabled(header is not None)
        if header is None:
            self.name_label.setText(_("This person's record is no longer here.") if self.person_id else "")
            self.details.setText("")
            return
        self.name_label.setText(header.name)
        parts = [header.area] if header.area else []
        if header.languages:
            parts.append(_("Speaks {languages}").format(languages=_languages(header.languages)))
        parts.append(_("Consent: {scope}, given on {date}").format(
            scope=vocab.CONSENT_SCOPES.label(header.consent_scope),
            date=format_date(date.fromisoformat(header.consent_on)) if header.consent_on else ""))
        parts.append(_("Last conversation: {date}").format(date=_day(header.last_activity))
                     if header.last_activity else _("No conversations yet"))
        # TRANSLATORS: separates the facts in the line under a person's name.
        self.details.setText(_(" · ").join(parts))

    def _set_enabled(self, shown: bool) -> None:
        for widget in (self.edit_button, self.export_button, self.erase_button, self.tabs):
            widget.setEnabled(shown)

    # forms (opened by RecordFormHost) ---------------------------------------------------

    def show_failure(self, exc: BaseException) -> None:
        self.message.show_message(failure_message(exc))

    def retranslate(self) -> None:
        titles = (_("What matters"), _("Strengths"), _("3Cs check-ins"), _("Conversations"), _("Connections"),
                  _("Consent"), _("Follow-ups"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.tabs.setAccessibleName(_("About this person"))
        self.tabs.setAccessibleDescription(_("Ctrl+Tab moves to the next tab."))
        self.edit_button.setText(_("Edit their details…"))
        self.export_button.setText(_("Export everything about this person…"))
        self.export_button.setAccessibleDescription(_("A copy of everything held about them, for them to keep."))
        self.erase_button.setText(_("Erase this person…"))
        self.erase_button.setAccessibleDescription(_("Asks first; erasing removes them on every laptop of the team."))
        self.undo.retranslate()
        self.undo_bar.retranslate()
        for tab in self.tab_pages:
            tab.retranslate()
        self._show_header()


def register(view) -> PersonPage:
    """Put the page into the workspace view (ui/workspace_view.py): opened by its open_record router,
    refreshed by the one "records changed" signal. The view still attaches, clears and retranslates it."""
    page = PersonPage(view.runner, view)
    view.stack.addWidget(page)
    view.records.changed.connect(page.records_changed)
    page.open_record.connect(view.open_record)
    return page


def open_in_view(view, person_id: str) -> None:
    """Show a person's page in the workspace view (from the people list, or any screen's open_record)."""
    from ui.navigation import show_page
    page = view.person_page
    page.show_person(person_id)
    show_page(view, page, page.tabs)
