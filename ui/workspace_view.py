"""What an unlocked workspace shows: a navigation sidebar (Home, People, Conversations) beside the screens.

Keyboard: Ctrl+1, Ctrl+2, Ctrl+3 open the screens; the sidebar takes focus with
Tab and moves with the arrow keys; Ctrl+N adds a conversation from any screen.
The lists read through a read-only connection of their own (opened on unlock,
closed on lock) and refresh from the one "records changed" signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from connector_app.i18n import _
from ui.conversations import ConversationsPage
from ui.home import HomePage
from ui.people import PeoplePage
from ui.quick_add import QuickAddDialog
from ui.records import RecordsWatcher
from ui.sync_page import SyncPage

HOME, PEOPLE, CONVERSATIONS, SYNC = "home", "people", "conversations", "sync"
SCREENS = (HOME, PEOPLE, CONVERSATIONS, SYNC)


class WorkspaceView(QWidget):
    conversation_saved = Signal()

    def __init__(self, workspace_path: Path | str, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.workspace = None
        self.reader = None
        self.quick_add: QuickAddDialog | None = None
        self.records = RecordsWatcher(self)
        self.home = HomePage(workspace_path)
        self.people = PeoplePage()
        self.conversations = ConversationsPage()
        self.lists = (self.people, self.conversations)
        self.sync = SyncPage(runner)  # attach/clear/records_changed/retranslate: the screen contract
        self.screens = {HOME: self.home, PEOPLE: self.people, CONVERSATIONS: self.conversations, SYNC: self.sync}

        self.sidebar = QListWidget(objectName="sidebar")
        self.stack = QStackedWidget()
        for name, page in self.screens.items():
            item = QListWidgetItem()
            item.setData(Qt.UserRole, name)
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        self.sidebar.setSizeAdjustPolicy(QListWidget.AdjustToContents)
        self.sidebar.setMaximumWidth(260)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)

        self.screen_actions = []
        for index, name in enumerate(SCREENS):
            action = QAction(self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, screen=name: self.show_screen(screen))
            self.addAction(action)
            self.screen_actions.append(action)
        self.new_conversation_action = QAction(self, shortcut=QKeySequence.New)
        self.new_conversation_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.new_conversation_action.triggered.connect(self.open_quick_add)
        self.addAction(self.new_conversation_action)

        for page in (*self.lists, self.sync):
            self.records.changed.connect(page.records_changed)
        self.retranslate()

    # screens ------------------------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        self.sidebar.setCurrentRow(SCREENS.index(name))
        page = self.screens[name]
        focus = getattr(page, "search_edit", None) or getattr(page, "table", None) or self.sidebar
        focus.setFocus()

    def current_screen(self) -> str:
        return SCREENS[self.sidebar.currentRow()]

    # unlocked and locked --------------------------------------------------------------------

    def attach(self, workspace) -> None:
        self.workspace = workspace
        self.reader = workspace.open_reader()
        self.records.attach(workspace.store, self.reader)
        for page in self.lists:
            page.attach(self.reader)
        self.sync.attach(workspace)

    def clear(self) -> None:
        """Forget every record shown or typed, close the lists' connection (locking)."""
        if self.quick_add is not None:
            dialog, self.quick_add = self.quick_add, None
            dialog.forget()
            dialog.reject()  # finished: deleted later
        self.records.detach()
        self.home.clear()
        self.sync.clear()
        for page in self.lists:
            page.clear()
        if self.reader is not None:
            self.reader.close()
            self.reader = None
        self.workspace = None
        self.sidebar.setCurrentRow(0)

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
        names = {HOME: _("Home"), PEOPLE: _("People"), CONVERSATIONS: _("Conversations"), SYNC: _("Sync")}
        for index, name in enumerate(SCREENS):
            self.sidebar.item(index).setText(names[name])
            self.screen_actions[index].setText(names[name])
        self.sidebar.setAccessibleName(_("Screens"))
        self.sidebar.setAccessibleDescription(_("Use the arrow keys to choose a screen."))
        self.new_conversation_action.setText(_("&New conversation…"))
        self.home.retranslate()
        self.sync.retranslate()
        for page in self.lists:
            page.retranslate()
        if self.quick_add is not None:
            self.quick_add.retranslate()
