"""Search: Ctrl+F from any screen, every record type at once, grouped, with the matches in bold.

Typing waits a moment after the last key, then asks the query layer (one keyset
page per record type) on a thread and read-only connection of its own
(ui/search_worker.py), so even a one-letter search never stills the window. The keyboard stays
in the box: Up and Down move through the results, Enter opens one (or shows
more of a group), Esc goes back to the screen the search was opened from.
Opening a record is a request (``open_record``); the workspace view routes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from connector_app.i18n import _, format_number, ngettext
from connector_app.store.search_results import search_groups, search_page
from ui.search_model import KIND_ROLE, MORE, RECORD_ROLE, RESULT, RichTextDelegate, SearchResultsModel
from ui.search_worker import SearchWorker
from ui.widgets import heading

SEARCH = "search"
SEARCH_DELAY_MS = 250   # as the lists: after typing pauses, not on every key
_MOVES = {Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_PageDown: 5, Qt.Key_PageUp: -5}


class SearchPage(QWidget):
    open_record = Signal(str, str)   # (record type, record id)
    back = Signal()                  # Esc: return to where the search was opened from

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.queries = None
        self.title = heading()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_edit)
        self.status = QLabel(objectName="muted")
        self.status.setTextFormat(Qt.PlainText)  # it may repeat what was typed: never read as markup
        self.status.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results.setResizeMode(QListView.Adjust)   # rows re-wrap when the window changes width
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.results.setWordWrap(True)
        for widget in (self.search_edit, self.results):
            widget.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self.activate(index.row()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.find_action = QAction(self, shortcut=QKeySequence.Find)
        self._previous: str | None = None
        self._found = 0
        self._view = None
        self._asked: tuple[int, str, int] | None = None   # (request, "search" or "more", row)
        self.worker = SearchWorker(self)
        self.worker.answered.connect(self._answered)
        self.worker.failed.connect(self._failed)
        self.retranslate()

    def bind(self, view) -> QAction:
        """Make Ctrl+F on every screen of ``view`` (a WorkspaceView) open this one; Esc goes back.

        Returns the action, for the menu.
        """
        self._view = view
        self.find_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(lambda: self.open_from(view))
        view.addAction(self.find_action)
        view.sidebar.currentRowChanged.connect(lambda _row: self._remember(view.current_screen()))
        self.back.connect(lambda: view.show_screen(self._previous or view.current_screen()))
        return self.find_action

    def _remember(self, screen: str) -> None:
        """The last screen that was not this one: where Esc goes back to."""
        if screen != SEARCH:
            self._previous = screen

    def open_from(self, view) -> None:
        self._remember(view.current_screen())
        view.show_screen(SEARCH)
        self.search_edit.setFocus(Qt.ShortcutFocusReason)
        self.search_edit.selectAll()  # typing replaces the last search; arrows keep it

    # the screen contract ---------------------------------------------------------------------------

    def attach(self, queries, _counter=None) -> None:  # searches count their own groups
        """Unlocked: ``queries`` marks it; searching opens a reader of its own on its own thread."""
        self.queries = queries
        workspace = self._view.workspace if self._view is not None else None
        if workspace is not None:
            self.worker.start(workspace.open_reader)
        self.run_search()

    def clear(self) -> None:
        """Forget every result and the typed words (locking)."""
        self._timer.stop()
        self.worker.stop()  # no answer still on its way is shown; its connection is closed
        self._asked = None
        self.queries = None
        self.model.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._show_status(0)

    def records_changed(self, _types: frozenset) -> None:
        if self.queries is not None and self.search_edit.text().strip():
            self.run_search()

    def retranslate(self) -> None:
        # TRANSLATORS: title of the screen that searches every record.
        self.title.setText(_("Search"))
        self.search_label.setText(_("&Find in every record"))
        self.search_edit.setPlaceholderText(_("A name, a place, a word from a note"))
        self.search_edit.setAccessibleName(_("Search every record"))
        self.search_edit.setAccessibleDescription(_(
            "Results appear as you type. Up and Down move through them, Enter opens one, Esc goes back."))
        self.results.setAccessibleName(_("Search results"))
        self.results.setAccessibleDescription(_("Grouped by kind of record. Enter opens the chosen one."))
        self.find_action.setText(_("&Find…"))
        self.model.retranslate()
        self._show_status(self._found)

    # searching ---------------------------------------------------------------------------------------

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search_edit.text()
        if self.queries is None or not text.strip():
            self._asked = None
            self._found = self.model.show([])
            self._show_status(self._found)
            return
        number = self.worker.ask(lambda conn: search_groups(conn, text))
        self._asked = (number, "search", -1)
        self.status.setText(_("Searching…"))

    def _answered(self, number: int, answer) -> None:
        if self._asked is None or self._asked[0] != number:
            return  # an older question, or asked before a lock
        _number, kind, row = self._asked
        self._asked = None
        if kind == "more":
            self.model.add_more(row, answer)
            self._select(row)
            return
        self._found = self.model.show(answer)
        self._show_status(self._found)
        self._move(1, from_row=-1)

    def _failed(self, number: int, message: str) -> None:
        if self._asked is not None and self._asked[0] == number:
            self._asked = None
            self.status.setText(message)

    def _show_status(self, found: int) -> None:
        text = self.search_edit.text().strip()
        if not text:
            message = _("Type a name, a place or a few words from a note. Every word must match; "
                        "the start of a word is enough: \u201csew tues\u201d finds \u201csewing on Tuesday\u201d.")
        elif not found:
            message = _("Nothing found for \u201c{text}\u201d. Check the spelling, or type fewer words, "
                        "or only the start of a word.").format(text=text)
        else:
            message = ngettext("{count} record found.", "{count} records found.", found).format(
                count=format_number(found))
        self.status.setText(message)

    # the keyboard ---------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.KeyPress:
            return False
        key = event.key()
        if key in _MOVES and not event.modifiers() & ~Qt.KeypadModifier:
            self._move(_MOVES[key])
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter):
            if self._timer.isActive():  # Enter before the pause: search now; the best match is then chosen
                self.run_search()
                return True
            current = self.results.currentIndex()
            if current.isValid():
                self.activate(current.row())
            return True
        if key == Qt.Key_Escape:
            self.back.emit()
            return True
        return False

    def _move(self, step: int, *, from_row: int | None = None) -> None:
        """The next result or "show more" row ``step`` rows on, passing over the headings."""
        rows = [r for r in range(self.model.rowCount()) if self.model.index(r).data(KIND_ROLE) in (RESULT, MORE)]
        if not rows:
            return
        current = self.results.currentIndex().row() if from_row is None else from_row
        if current in rows:
            position = rows.index(current) + step
        else:
            position = next((i for i, r in enumerate(rows) if r > current), len(rows)) + (step - 1 if step > 0 else step)
        self._select(rows[min(max(position, 0), len(rows) - 1)])

    def _select(self, row: int) -> None:
        index = self.model.index(row)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def activate(self, row: int) -> None:
        index = self.model.index(row)
        kind = index.data(KIND_ROLE)
        if kind == RESULT:
            self.open_record.emit(*index.data(RECORD_ROLE))
        elif kind == MORE and self._asked is None:
            record_type, after = self.model.more_wanted(row)
            text = self.search_edit.text()
            number = self.worker.ask(lambda conn: search_page(conn, text, record_type, after=after))
            self._asked = (number, "more", row)
