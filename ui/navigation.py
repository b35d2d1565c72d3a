"""The way back: Alt+Left (and Esc on a conversation's page) returns to where a record was opened from.

    trail = Trail(view)                  # view: the WorkspaceView
    with trail.going():                  # around opening a record (WorkspaceView.open_record)
        ...                              # the place left behind is remembered, if another is shown
    trail.back()                         # to the place before, as it was left

A place is a screen of the sidebar, a person's page or a conversation's page,
named by a screen name or a record id (never record text). Choosing a screen in
the sidebar starts afresh: the trail is of records opened one from another
(a list, a conversation in it, a person in that, and back). Lock clears it.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

MAX_PLACES = 30


def show_page(view, page, focus) -> None:
    """Show a record's page (a person's, a conversation's) in the view's stack, the keyboard on ``focus``.

    The keyboard goes in before the stack turns: the screen left behind would otherwise pass it on to the
    sidebar, which then chooses its first screen and shows Home beneath the page. No screen is chosen in
    the sidebar (quietly: the stack must not be asked for index -1), so choosing any leaves the page.
    """
    focus.setFocus()
    view.stack.setCurrentWidget(page)
    blocked = view.sidebar.blockSignals(True)
    view.sidebar.setCurrentRow(-1)
    view.sidebar.blockSignals(blocked)
    focus.setFocus()


class Trail:
    def __init__(self, view):
        self.view = view
        self.places: list[tuple[str, str]] = []
        self._moving = False
        self.back_action = QAction(view, shortcut=QKeySequence.Back)
        self.back_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.back_action.triggered.connect(self.back)
        view.addAction(self.back_action)
        view.sidebar.currentRowChanged.connect(self._screen_chosen)

    def here(self) -> tuple[str, str]:
        view = self.view
        shown = view.stack.currentWidget()
        if shown is view.person_page and view.person_page.person_id:
            return "person", view.person_page.person_id
        conversation = getattr(view, "conversation_page", None)
        if shown is conversation and conversation.conversation_id:
            return "conversation", conversation.conversation_id
        return "screen", view.current_screen()

    @contextmanager
    def going(self):
        """Remember where the keyboard was, if what runs inside shows another place."""
        before = self.here()
        self._moving = True
        try:
            yield
        finally:
            self._moving = False
        if self.here() != before:
            self.places = [*self.places, before][-MAX_PLACES:]

    def back(self) -> bool:
        """Show the place before this one; False when there is none."""
        if not self.places or self.view.reader is None:
            return False
        kind, key = self.places.pop()
        self._moving = True
        try:
            if kind == "screen":
                self.view.show_screen(key)
            elif kind == "person":
                self._person(key)
            else:
                from ui import conversation_page
                conversation_page.show_in_view(self.view, key)
        finally:
            self._moving = False
        return True

    def _person(self, person_id: str) -> None:
        """Their page as it was left (the same tab), unless it has shown someone else since."""
        from ui import person_page
        page = self.view.person_page
        if page.person_id != person_id:
            person_page.open_in_view(self.view, person_id)
            return
        table = getattr(page.tabs.currentWidget(), "table", None)
        show_page(self.view, page, table if isinstance(table, QAbstractItemView) else page.tabs)  # on the row opened

    def _screen_chosen(self, row: int) -> None:
        if row >= 0 and not self._moving:
            self.places = []

    def clear(self) -> None:
        self.places = []
