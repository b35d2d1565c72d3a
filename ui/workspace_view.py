"""What an unlocked workspace shows: a navigation sidebar beside the screens, and the routes between them.

Screens are declared once in ``SCREENS`` (name, how to make it, its title); adding
one is one entry. ``show_screen(name, **filters)`` opens a screen, filtered through
its ``apply_filters``; ``open_record(type_name, record_id)`` takes any screen's
``open_record`` signal where that record is shown (``RECORD_ROUTES``; a type with no
route opens the person it is about).

Keyboard: Ctrl+1, Ctrl+2... open the screens in sidebar order; the sidebar takes
focus with Tab and moves with the arrow keys; Ctrl+N adds a conversation from any
screen. The lists read through a read-only connection of their own (opened on
unlock, closed on lock) and refresh from the one "records changed" signal; Home's
figures and the lists' counts are worked out on the task runner, off the GUI thread.
Above the screens: the offer of any unsaved form kept as a draft (ui/drafts.py), made
once it is known who is using the laptop (drafts are each staff member's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget

from connector_app.i18n import _
from connector_app.store.month_figures import at_a_glance
from ui.assets import AssetsPage, DialogHolder
from ui.connecting_time import ConnectingTimePage
from ui.conversations import ConversationsPage
from ui import conversation_page, data_protection, draft_kinds, person_page
from ui.drafts import DraftOffer, draft_writes, take_all
from ui.due import DuePage
from ui.home import HomePage
from ui.navigation import Trail
from ui.people import PeoplePage
from ui.quick_add import QuickAddDialog
from ui.records import RecordsWatcher
from ui.retention import RetentionPage
from ui.search_page import SEARCH, SearchPage
from ui.strengths import StrengthsPage
from ui.sync_page import SYNC, SyncPage

HOME, PEOPLE, CONVERSATIONS, DUE, RETENTION = "home", "people", "conversations", "due", "retention"


@dataclass(frozen=True)
class Screen:
    name: str
    make: Callable[["WorkspaceView"], QWidget]
    title: Callable[[], str]   # translated when shown
    # A screen that writes takes the workspace: attach(workspace, reader); a list takes attach(reader, counter).
    writes: bool = False


SCREENS = (
    Screen(HOME, lambda view: HomePage(view.workspace_path), lambda: _("Home")),
    Screen(PEOPLE, lambda view: PeoplePage(today=view.today), lambda: _("People")),
    Screen(CONVERSATIONS, lambda view: ConversationsPage(today=view.today), lambda: _("Conversations")),
    Screen(DUE, lambda view: DuePage(today=view.today), lambda: _("To do")),
    Screen("connecting_time", lambda view: ConnectingTimePage(view.runner), lambda: _("Connecting time"), True),
    Screen("strengths", lambda view: StrengthsPage(view.runner), lambda: _("Strengths"), True),
    Screen("assets", lambda view: AssetsPage(view.runner), lambda: _("Community assets"), True),
    Screen(SYNC, lambda view: SyncPage(view.runner), lambda: _("Sync"), True),
    Screen(RETENTION, lambda view: RetentionPage(view.runner, today=view.today), lambda: _("Retention review")),
    Screen(SEARCH, lambda view: SearchPage(), lambda: _("Search")),  # Ctrl+F from any screen; Esc returns
)
WRITING_SCREENS = frozenset(screen.name for screen in SCREENS if screen.writes)
# Where a record opens: its type -> (screen, that screen's method taking the record id).
# A person opens on their own page (ui/person_page.py), which has no place in the sidebar: open_record.
RECORD_ROUTES = {
    "person": (PEOPLE, "select_person"),
    "asset": ("assets", "select_asset"),
}


class WorkspaceView(QWidget):
    conversation_saved = Signal()

    def __init__(self, workspace_path: Path | str, runner, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.workspace_path = workspace_path
        self.runner = runner
        self.today = today
        self.workspace = None
        self.reader = None
        self.quick_add: QuickAddDialog | None = None
        self.records = RecordsWatcher(self)
        self.pending_drafts = []  # taken from open forms when locking; saved by the lock job (main_window)
        self.draft_offer = DraftOffer(runner, draft_kinds.title)
        self.draft_offer.carry_on.connect(lambda draft: draft_kinds.reopen(self, draft))
        self.draft_offer.changed.connect(lambda: self.records.note_own_write())
        draft_writes().written.connect(self.records.note_own_write)
        self.screens: dict[str, QWidget] = {screen.name: screen.make(self) for screen in SCREENS}
        self.home: HomePage = self.screens[HOME]
        self.people: PeoplePage = self.screens[PEOPLE]
        self.conversations: ConversationsPage = self.screens[CONVERSATIONS]
        self.screens[DUE].me = self._me
        self.search: SearchPage = self.screens[SEARCH]
        self.retention: RetentionPage = self.screens[RETENTION]
        self.sync: SyncPage = self.screens[SYNC]

        self.sidebar = QListWidget(objectName="sidebar")
        self.stack = QStackedWidget()
        for name, page in self.screens.items():
            item = QListWidgetItem()
            item.setData(Qt.UserRole, name)
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
            if hasattr(page, "open_record"):
                page.open_record.connect(self.open_record)
            if hasattr(page, "records_changed"):
                self.records.changed.connect(page.records_changed)
        self.home.show_list.connect(lambda name, filters: self.show_screen(name, **filters))
        self.records.changed.connect(lambda _types: self.refresh_home())
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        self.sidebar.setSizeAdjustPolicy(QListWidget.AdjustToContents)
        self.sidebar.setMaximumWidth(260)
        outer = QVBoxLayout(self)  # the offer of a kept draft above the screens (ui/drafts.py)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.draft_offer)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)

        self.screen_actions = []
        for index, screen in enumerate(SCREENS[:9]):
            action = QAction(self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, name=screen.name: self.show_screen(name))
            self.addAction(action)
            self.screen_actions.append(action)
        self.new_conversation_action = QAction(self, shortcut=QKeySequence.New)
        self.new_conversation_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.new_conversation_action.triggered.connect(self.open_quick_add)
        self.addAction(self.new_conversation_action)
        self.person_page = person_page.register(self)
        self.person_page.connect_requested.connect(self.connect_person)
        self.person_page.export_requested.connect(
            lambda person_id: self.workspace and data_protection.export_person(
                self.window(), self.workspace, self.runner, person_id))
        self.person_page.erase_requested.connect(
            lambda person_id: self.workspace and data_protection.erase_person(
                self.window(), self.workspace, self.runner, person_id))
        self.conversation_page = conversation_page.register(self)  # "conversation" opens there
        self.trail = Trail(self)  # Esc / Alt+Left: back to where a record was opened from
        self.connect_dialog = DialogHolder()  # "Connect to a community asset…" from a person's page
        self.find_action = self.search.bind(self)
        self.retranslate()

    @property
    def lists(self) -> tuple[QWidget, ...]:
        """The screens that read records through the lists' connection (``attach(queries, counter)``)."""
        return tuple(page for name, page in self.screens.items() if name != HOME and name not in WRITING_SCREENS)

    # screens ------------------------------------------------------------------------------

    def show_screen(self, name: str, **filters) -> QWidget:
        """Bring a screen forward, filtered as asked (its ``apply_filters``), with the keyboard in it."""
        page = self.screens[name]
        self.sidebar.setCurrentRow(list(self.screens).index(name))
        self.stack.setCurrentWidget(page)  # also when the sidebar already had it (a person's page was showing)
        if filters:
            page.apply_filters(**filters)
        focus = getattr(page, "search_edit", None) or getattr(page, "table", None) or self.sidebar
        if filters and hasattr(page, "table"):
            focus = page.table  # a list opened for its rows: straight to them
            if page.model.rowCount() and not page.table.currentIndex().isValid():
                page.table.setCurrentIndex(page.model.index(0, 0))
        focus.setFocus()
        return page

    def current_screen(self) -> str:
        """The sidebar's screen; a person's page (no sidebar row) counts as People, where it was opened from."""
        row = self.sidebar.currentRow()
        return list(self.screens)[row] if row >= 0 else PEOPLE

    def open_record(self, type_name: str, record_id: str) -> None:
        """Show one record where it lives: its own route, else the person it is about."""
        if self.reader is None:
            return
        with self.trail.going():
            self._open_record(type_name, record_id)

    def _open_record(self, type_name: str, record_id: str) -> None:
        if conversation_page.route(self, type_name, record_id):
            return
        if type_name not in RECORD_ROUTES:
            person_id = self.reader.person_of(type_name, record_id)
            if person_id is None:
                return
            type_name, record_id = "person", person_id
        if type_name == "person":
            person_page.open_in_view(self, record_id)
            return
        screen, method = RECORD_ROUTES[type_name]
        page = self.show_screen(screen)
        getattr(page, method)(record_id)

    # unlocked and locked --------------------------------------------------------------------

    def attach(self, workspace) -> None:
        self.workspace = workspace
        self.reader = workspace.open_reader()
        self.records.attach(workspace.store, self.reader)
        self.retention.workspace = workspace  # its Erase and Keep buttons write
        for page in self.lists:
            page.attach(self.reader, self._count)
        for name in WRITING_SCREENS:
            self.screens[name].attach(workspace, self.reader)
        self.person_page.attach(workspace, self.reader)
        self.conversation_page.attach(workspace, self.reader)
        if not self.staff(active_only=True):   # no one to choose: drafts typed with no staff member chosen
            self.draft_offer.look(workspace, None, draft_kinds.KINDS)

    def _me(self) -> str | None:
        return None if self.workspace is None else self.workspace.store.actor_id

    def _count(self, work, done) -> None:
        """Run a list's count on the task runner (the store's connection), off the GUI thread."""
        workspace = self.workspace
        if workspace is None:
            return
        self.runner.run(lambda control: work(workspace.store.queries), label=_("Counting…"), on_success=done,
                        on_failure=lambda _exc: done(None))  # the runner logs the cause

    def staff(self, *, active_only: bool = False) -> list[tuple[str, str]]:
        """Staff (id, name) by name, read on the GUI thread's own connection, never the runner's."""
        return [] if self.reader is None else self.reader.staff(active_only=active_only)

    def refresh_home(self) -> None:
        """Work out Home's figures again for whoever is using the laptop (after unlocking, a change, a switch)."""
        workspace = self.workspace
        if workspace is None:
            return
        staff_id = workspace.store.actor_id
        today = self.today()
        staff_name = dict(self.staff()).get(staff_id, "") if staff_id else ""

        def shown(glance) -> None:
            if self.workspace is workspace:
                self.home.show_glance(glance, staff_name)
        self.runner.run(lambda control: at_a_glance(workspace.store, today, staff_id),
                        label=_("Adding up this month…"), on_success=shown, on_failure=self._home_failed)

    def _home_failed(self, _exc) -> None:
        if self.workspace is not None:  # the runner logged why; the figures stay as they were
            self.home.whose.setText(_("This month's figures could not be worked out just now. "
                                      "They are tried again after your next change."))

    def clear(self) -> None:
        """Forget every record shown or typed, close the lists' connection (locking)."""
        self.pending_drafts += take_all(self.window())  # every open form's latest state, kept as a draft
        if self.quick_add is not None:
            dialog, self.quick_add = self.quick_add, None
            dialog.forget()
            dialog.reject()  # finished: deleted later
        data_protection.close_all()
        self.records.detach()
        self.draft_offer.clear()
        self.home.clear()
        self.person_page.clear()
        self.conversation_page.clear()
        self.trail.clear()
        self.connect_dialog.forget_dialog()
        for name, page in self.screens.items():
            if name != HOME:
                page.clear()
        if self.reader is not None:
            self.reader.close()
            self.reader = None
        self.workspace = None
        self.sidebar.setCurrentRow(0)

    def staff_changed(self, staff_id: str) -> None:
        """Forms that start from "me" follow the staff member chosen after unlocking (or switched to)."""
        for page in self.screens.values():
            if hasattr(page, "staff_changed"):
                page.staff_changed(staff_id)
        if self.workspace is not None:   # now the drafts of whoever this is can be offered
            self.draft_offer.look(self.workspace, staff_id, draft_kinds.KINDS)

    def connect_person(self, person_id: str) -> None:
        """Connect a person to a community asset, from their page (the assets screen connects from the asset)."""
        if self.workspace is not None and self.reader is not None:
            from ui.connect_dialog import ConnectDialog
            self.connect_dialog.hold(ConnectDialog(self.workspace, self.reader, self.runner, person_id=person_id,
                                                   parent=self))

    def take_pending_drafts(self) -> list:
        pending, self.pending_drafts = self.pending_drafts, []
        return pending

    def open_quick_add(self) -> QuickAddDialog | None:
        if self.workspace is None or self.reader is None:
            return None
        if self.quick_add is not None:
            self.quick_add.raise_()
            self.quick_add.activateWindow()
            return self.quick_add
        dialog = QuickAddDialog(self.workspace, self.reader, self.runner, self)
        dialog.saved.connect(lambda _conversation: self.conversation_saved.emit())
        dialog.finished.connect(lambda _result: self._quick_add_closed(dialog))
        self.quick_add = dialog
        dialog.show()  # not open(): that would make it window-modal
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _quick_add_closed(self, dialog) -> None:
        if self.quick_add is dialog:
            self.quick_add = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        for index, screen in enumerate(SCREENS):
            self.sidebar.item(index).setText(screen.title())
            if index < len(self.screen_actions):
                self.screen_actions[index].setText(screen.title())
        # Never squeezed by a wide screen beside it: every screen's name stays readable.
        self.sidebar.setMinimumWidth(min(260, self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 4))
        self.sidebar.setAccessibleName(_("Screens"))
        self.sidebar.setAccessibleDescription(_("Use the arrow keys to choose a screen."))
        self.new_conversation_action.setText(_("&New conversation…"))
        self.person_page.retranslate()
        self.conversation_page.retranslate()
        for page in self.screens.values():
            page.retranslate()
        if self.quick_add is not None:
            self.quick_add.retranslate()
        self.draft_offer.retranslate()
