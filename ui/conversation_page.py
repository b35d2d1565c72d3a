"""A conversation's own page: when and where, how, who was there, the features of practice, the notes,
and what came of it (follow-ups, connections made).

    page = register(view)                     # in the WorkspaceView: routed, refreshed, cleared with it
    route(view, "conversation", id)           # from any screen's open_record: True when shown here

Read on the lists' read-only connection (connector_app/store/conversation_queries.py);
corrected with the one record form (its "History of this field…" shows who changed
what); deleted with undo for the session (ui/undo.py). Enter on a person opens their
page, on a follow-up opens it to correct, on a connection opens its community asset;
Esc or Alt+Left goes back to where the conversation was opened from (ui/navigation.py).
``clear()`` (on lock) forgets every record text: labels, notes, tables, open forms, undo.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QGridLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.domain.records import BY_NAME
from connector_app.i18n import _, format_number
from connector_app.store.conversation_queries import ConversationPage as Facts, conversation_of, conversation_page
from connector_app.store.person_queries import PersonQueries
from ui.activity_models import select_row
from ui.flow_layout import FlowLayout
from ui.list_models import ROW_ID_ROLE, Column, _day, _moment
from ui.navigation import show_page
from ui.person.rows_model import RowsModel
from ui.record_form import RecordForm, RecordFormHost
from ui.tasks import failure_message
from ui.undo import SessionUndo, UndoBar
from ui.widgets import MessageLabel, heading, paragraph, row_table

WATCHED = frozenset({"conversation", "follow_up", "connection", "person", "venue", "staff", "asset"})


def _pair(label: str, value: str) -> str:
    return _("{label}: {value}").format(label=label, value=value)


class ConversationPage(RecordFormHost, QWidget):
    open_record = Signal(str, str)   # (type name, record id): a person or community asset named here
    back = Signal()                  # Esc, Alt+Left or "Back": to where it was opened from

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.runner = runner
        self.workspace = None
        self.conn = None                          # the lists' read-only connection
        self.names: PersonQueries | None = None   # the form's names, on that connection
        self.conversation_id: str | None = None
        self.facts: Facts | None = None
        self.forms: list[RecordForm] = []
        self.undo = SessionUndo(runner, self)
        self.addAction(self.undo.undo_action)
        self.escape_action = QAction(self, shortcut=QKeySequence(Qt.Key_Escape))
        self.escape_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.escape_action.triggered.connect(self.back)
        self.addAction(self.escape_action)

        self.title = heading()
        self.title.setTextFormat(Qt.PlainText)
        self.details = paragraph(name="muted")
        self.features = paragraph()
        self.back_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.back_button.clicked.connect(self.back)
        self.edit_button.clicked.connect(lambda: self.open_form("conversation", record_id=self.conversation_id))
        self.delete_button.clicked.connect(lambda: self.undo.delete("conversation", self.conversation_id))
        self.message = MessageLabel()
        self.undo_bar = UndoBar(self.undo)

        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setTabChangesFocus(True)
        self.people_model = RowsModel((
            Column(lambda: _("Name or pseudonym"), lambda r: r.name),
            Column(lambda: _("Area or neighbourhood"), lambda r: r.area)), self)
        self.people = row_table(self.people_model)
        self.people.activated.connect(lambda index: self.open_record.emit("person", index.data(ROW_ID_ROLE)))
        self.follow_ups_model = RowsModel((
            Column(lambda: _("What to do"), lambda r: r.action),
            Column(lambda: _("Person"), lambda r: r.person_name),
            Column(lambda: _("Due"), lambda r: _day(r.due_on)),
            Column(lambda: _("State"), lambda r: vocab.FOLLOW_UP_STATES.label(r.state))), self)
        self.follow_ups = row_table(self.follow_ups_model)
        self.follow_ups.activated.connect(lambda _index: self.edit_follow_up())
        self.add_button, self.follow_up_button, self.done_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_follow_up)
        self.follow_up_button.clicked.connect(self.edit_follow_up)
        self.done_button.clicked.connect(self.mark_done)
        self.connections_model = RowsModel((
            Column(lambda: _("Person"), lambda r: r.person_name),
            Column(lambda: _("Community asset"), lambda r: r.asset_name),
            Column(lambda: _("Outcome"), lambda r: vocab.CONNECTION_OUTCOMES.label(r.outcome))), self)
        self.connections = row_table(self.connections_model)
        self.connections.activated.connect(self._open_asset)
        self.outcome_button = QPushButton()
        self.outcome_button.clicked.connect(self.record_outcome)
        for table in (self.people, self.follow_ups, self.connections):
            table.selectionModel().currentRowChanged.connect(self._enable)
            _fit_columns(table)

        self.notes_label, self.people_label = QLabel(), QLabel()
        self.follow_ups_label, self.connections_label = QLabel(), QLabel()
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        for (row, column), label, body, buttons in (
                ((0, 0), self.notes_label, self.notes, ()), ((0, 1), self.people_label, self.people, ()),
                ((1, 0), self.follow_ups_label, self.follow_ups,
                 (self.add_button, self.follow_up_button, self.done_button)),
                ((1, 1), self.connections_label, self.connections, (self.outcome_button,))):
            grid.addWidget(self._section(label, body, buttons), row, column)
        for index in (0, 1):
            grid.setColumnStretch(index, 1)
            grid.setRowStretch(index, 1)
        actions = QWidget()
        row = FlowLayout(actions)
        for button in (self.back_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        for widget in (self.title, self.details, self.features, actions, self.message, self.undo_bar):
            layout.addWidget(widget)
        layout.addLayout(grid, 1)
        self.setTabOrder(self.delete_button, self.people)   # who was there first, then the notes
        self.setTabOrder(self.people, self.notes)
        self.setTabOrder(self.notes, self.follow_ups)
        self.retranslate()

    @staticmethod
    def _section(label: QLabel, body: QWidget, buttons) -> QWidget:
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 8, 0, 0)
        label.setObjectName("sectionHeading")
        label.setWordWrap(True)
        label.setBuddy(body)
        column.addWidget(label)
        column.addWidget(body, 1)
        if buttons:
            bar = QWidget()
            row = FlowLayout(bar)
            for button in buttons:
                row.addWidget(button)
            column.addWidget(bar)
        return section

    # lifecycle --------------------------------------------------------------------------

    def attach(self, workspace, reader) -> None:
        self.workspace, self.conn = workspace, reader.connection
        self.names = PersonQueries(reader.connection)
        self.undo.attach(workspace)

    def show_conversation(self, conversation_id: str, *, chosen: str | None = None) -> QWidget:
        """Show it, with the keyboard on who was there (or on ``chosen``, a follow-up of it); returns where."""
        self.conversation_id = conversation_id
        self.message.clear_message()
        self.load()
        focus = self.people
        if chosen is not None and select_row(self.follow_ups, chosen):
            focus = self.follow_ups
        elif self.people_model.rowCount():
            self.people.setCurrentIndex(self.people_model.index(0, 0))
        else:
            focus = self.edit_button
        focus.setFocus()
        return focus

    def load(self) -> None:
        facts = self.facts = None if self.conn is None or self.conversation_id is None else \
            conversation_page(self.conn, self.conversation_id)
        for table, rows in ((self.people, facts and facts.people), (self.follow_ups, facts and facts.follow_ups),
                            (self.connections, facts and facts.connections)):
            chosen = table.currentIndex().data(ROW_ID_ROLE)   # the same row stays chosen after a change
            table.model().set_rows(list(rows or ()))
            select_row(table, chosen)
        self.notes.setPlainText(facts.notes if facts else "")
        self._show_facts()

    def clear(self) -> None:
        """Forget every record text: labels, notes, rows, open forms, and what can be undone."""
        self.close_forms()
        self.undo.clear()
        self.conversation_id = self.facts = None
        self.workspace = self.names = self.conn = None
        for model in (self.people_model, self.follow_ups_model, self.connections_model):
            model.clear()
        self.notes.clear()
        self.message.clear_message()
        self._show_facts()

    def records_changed(self, types: frozenset) -> None:
        if self.conversation_id is not None and self.conn is not None and types & WATCHED:
            self.load()

    # what is shown ----------------------------------------------------------------------

    def _show_facts(self) -> None:
        facts = self.facts
        shown = facts is not None
        if not shown and self.isAncestorOf(QApplication.focusWidget()):
            # Before the keyboard's widget is disabled: Qt would move it on to the sidebar, which then
            # chooses its first screen and takes the page away along with the undo of what was deleted.
            self.back_button.setFocus()
        for widget in (self.edit_button, self.delete_button, self.notes, self.people, self.follow_ups,
                       self.connections, self.add_button):
            widget.setEnabled(shown)
        self._enable()
        if not shown:
            self.title.setText(_("This conversation is no longer here.") if self.conversation_id else "")
            self.details.setText("")
            self.features.setText("")
            return
        # The date isolated: its Latin "PM" must not make an Urdu title read left to right.
        when = "\u2068" + _moment(facts.occurred_at) + "\u2069"
        self.title.setText(_("Conversation on {when}").format(when=when))
        # The record's own field labels, so the page says what its form says.
        fields = {spec.name: _(spec.label) for spec in BY_NAME["conversation"].specs()}
        parts = [(fields["mode"], vocab.CONVERSATION_MODES.label(facts.mode))]
        if facts.duration_minutes:
            parts.append((fields["duration_minutes"], format_number(facts.duration_minutes)))
        for name, value in (("venue_id", facts.venue_name), ("staff_id", facts.staff_name)):
            if value:
                parts.append((fields[name], value))
        if facts.anonymous_count:
            parts.append((fields["anonymous_count"], format_number(facts.anonymous_count)))
        # TRANSLATORS: separates the facts in the line under a person's name or a conversation's date.
        self.details.setText(_(" · ").join(_pair(label, value) for label, value in parts))
        practised = ", ".join(vocab.FEATURES.label(code) for code in facts.features) or _("Not set")
        self.features.setText(_pair(fields["features"], practised))

    def _enable(self, *_args) -> None:
        follow_up = self._chosen(self.follow_ups, self.follow_ups_model)
        self.follow_up_button.setEnabled(follow_up is not None)
        self.done_button.setEnabled(follow_up is not None and follow_up.state != "done")
        self.outcome_button.setEnabled(self._chosen(self.connections, self.connections_model) is not None)

    @staticmethod
    def _chosen(table: QTableView, model: RowsModel):
        index = table.currentIndex()
        return model.row_at(index.row()) if index.isValid() and table.isEnabled() else None

    # actions (forms open through RecordFormHost) ------------------------------------------

    def add_follow_up(self) -> None:
        fixed = {"conversation_id": self.conversation_id, "state": "open"}
        if self.facts is not None and len(self.facts.people) == 1:   # about the one person there
            fixed["person_id"] = self.facts.people[0].id
        self.open_form("follow_up", fixed=fixed)

    def edit_follow_up(self) -> None:
        follow_up = self._chosen(self.follow_ups, self.follow_ups_model)
        if follow_up is not None:
            self.open_form("follow_up", record_id=follow_up.id, fixed={"conversation_id": self.conversation_id})

    def mark_done(self) -> None:
        from ui.operations.records import save_record
        follow_up = self._chosen(self.follow_ups, self.follow_ups_model)
        if follow_up is not None and follow_up.state != "done" and self.workspace is not None:
            save_record(self.workspace, "follow_up", follow_up.id, {"state": "done"}).run(
                self.runner, on_failure=lambda exc: self.message.show_message(failure_message(exc)))

    def record_outcome(self) -> None:
        connection = self._chosen(self.connections, self.connections_model)
        if connection is not None:
            self.open_form("connection", record_id=connection.id, fixed={"person_id": connection.person_id},
                           only=("outcome", "notes"))

    def _open_asset(self, index) -> None:
        connection = self.connections_model.row_at(index.row())
        self.open_record.emit("asset", connection.asset_id)

    def retranslate(self) -> None:
        follow_up = BY_NAME["follow_up"].label
        follow_up = _(follow_up)
        for button, text, name in (
                (self.back_button, _("Back"), _("Back")),
                (self.edit_button, _("Edit…"), _("Correct: {record}").format(record=_("Conversation"))),
                (self.delete_button, _("Delete this conversation"), _("Delete this conversation")),
                (self.add_button, _("Add…"), _("Add: {record}").format(record=follow_up)),
                (self.follow_up_button, _("Edit…"), _("Edit the chosen: {record}").format(record=follow_up)),
                (self.done_button, _("Mark done"), _("Mark the chosen follow-up done")),
                (self.outcome_button, _("Record the outcome…"), _("Record the outcome"))):
            button.setText(text)
            button.setAccessibleName(name)
        self.back_button.setAccessibleDescription(
            _("Returns to where you opened this conversation from (Esc or Alt+Left)."))
        self.delete_button.setAccessibleDescription(_("For a conversation recorded in error; Ctrl+Z brings it back."))
        for label, body, text in ((self.notes_label, self.notes, _("Notes")), (self.people_label, self.people,
                                  _("People")), (self.follow_ups_label, self.follow_ups, _("Follow-ups")),
                                  (self.connections_label, self.connections, _("Connections"))):
            label.setText(text)
            body.setAccessibleName(text)
        self.people.setAccessibleDescription(_("Enter opens the person."))
        self.follow_ups.setAccessibleDescription(_("Enter opens the chosen follow-up to correct it."))
        self.connections.setAccessibleDescription(_("Enter opens the community asset."))
        for model in (self.people_model, self.follow_ups_model, self.connections_model):
            model.retranslate()
        self.undo.retranslate()
        self.undo_bar.retranslate()
        self._show_facts()


def _fit_columns(table: QTableView) -> None:
    """The first column (a name, what to do) takes the room the others leave; they are as wide as their words."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.Stretch)


def register(view) -> ConversationPage:
    """Put the page into the workspace view: routed by ``route``, refreshed by the "records changed"
    signal, its people and assets opened through the view. The view attaches, clears and retranslates it."""
    page = ConversationPage(view.runner, view)
    view.stack.addWidget(page)
    view.records.changed.connect(page.records_changed)
    page.open_record.connect(view.open_record)
    page.back.connect(lambda: view.trail.back() or view.show_screen("conversations"))
    return page


def route(view, type_name: str, record_id: str) -> bool:
    """Show a conversation here (and a follow-up about no one, in the conversation it came from)."""
    chosen = None
    if type_name == "follow_up" and view.reader.person_of(type_name, record_id) is None:
        chosen = record_id
        type_name, record_id = "conversation", conversation_of(view.reader.connection, "follow_up", record_id)
    if type_name != "conversation" or record_id is None:
        return False
    show_in_view(view, record_id, chosen=chosen)
    return True


def show_in_view(view, conversation_id: str, *, chosen: str | None = None) -> None:
    page = view.conversation_page
    show_page(view, page, page.show_conversation(conversation_id, chosen=chosen))
