"""What the list screens share: a heading, filters that wrap, a count, and a table fed page by page.

A screen subclasses ``ListPage``, adds its filters with ``add_filter`` and says
how to read (``reload``). Reading goes through the lists' read-only connection
(``attach``), so a long job on the task runner never holds a list up. Counting a
filtered list reads every matching row, so it runs off the GUI thread (``counter``)
and only the newest answer is shown. Enter or a double-click on a row emits
``open_record(type_name, record_id)``; ``apply_filters(**filters)`` lets another
screen open the list already filtered.
``clear()`` (on lock) drops every row, every choice drawn from records (areas,
venues, staff names) and every typed search.
"""

from __future__ import annotations

from typing import Callable

from babel.dates import get_date_format
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QTableView,
    QVBoxLayout, QWidget,
)

from connector_app.i18n import _, current_locale
from ui.list_models import ROW_ID_ROLE, ROW_TYPE_ROLE, KeysetModel
from ui.widgets import heading, link_button

# Runs ``work(queries)`` off the GUI thread, then ``done(result)`` on it, ``done(None)`` if it failed
# (WorkspaceView gives the task runner's).
Counter = Callable[[Callable, Callable], None]

FILTER_COLUMNS = 3
SEARCH_DELAY_MS = 250
MIN_COLUMN, MAX_COLUMN = 90, 280
FIT_ROWS, COLUMN_PADDING = 30, 28


class ChoiceBox(QComboBox):
    """A filter's choices: "any" first (data None), then (data, text) pairs; keeps the choice across refills."""

    def fill(self, any_text: str, items: list[tuple[object, str]]) -> None:
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(any_text, None)
        for data, text in items:
            self.addItem(text, data)
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        if self.currentData() != chosen:
            self.currentIndexChanged.emit(self.currentIndex())


def qt_date_format(cldr_pattern: str) -> str:
    """A CLDR date pattern (Babel's) as a Qt display format: the same letters, but years spelled out
    ("y" means the whole year in CLDR, two digits in Qt) and stand-alone months as months."""
    out, i = [], 0
    while i < len(cldr_pattern):
        letter = cldr_pattern[i]
        rest = cldr_pattern[i:]
        run = len(rest) - len(rest.lstrip(letter)) if letter.isalpha() else 1
        if letter == "'":  # a quoted literal passes through whole
            end = cldr_pattern.find("'", i + 1)
            end = len(cldr_pattern) - 1 if end < 0 else end
            out.append(cldr_pattern[i:end + 1])
            i = end + 1
            continue
        if letter in "yu":
            out.append("yy" if run == 2 else "yyyy")
        elif letter in "ML":
            out.append("M" * min(run, 4))
        elif letter == "d":
            out.append("d" * min(run, 2))
        elif letter in "Ec":
            out.append("dddd" if run >= 4 else "ddd")
        elif letter.isalpha():
            out.append("")  # eras and the like: not shown in a date box
        else:
            out.append(letter)
        i += run
    return "".join(out).strip()


class DateBox(QDateEdit):
    """A day, shown as the language writes it ("24 Oct 2026", "24.10.2026"), with a calendar to pick from."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, calendarPopup=True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setLocale(QLocale(str(current_locale())))
        self.setDisplayFormat(qt_date_format(get_date_format("medium", locale=current_locale()).pattern))


class ListPage(QWidget):
    open_record = Signal(str, str)  # (type name, record id) of a row, on Enter or double-click

    def __init__(self, model: KeysetModel, parent: QWidget | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.queries = None
        self.counter: Counter | None = None
        self._count_asked = 0  # which count is the newest asked for: older answers are dropped
        self._count_stale = False  # asked for while hidden: counted when shown
        self._wanted: list[int] = []  # each column's fitted width, before sharing out the table's
        self.model = model
        self.title = heading()
        self.count_label = QLabel(objectName="muted")
        self.count_label.setTextFormat(Qt.PlainText)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(180)
        self.table.activated.connect(self._activated)
        self.table.viewport().installEventFilter(self)

        self.filters = QGridLayout()
        self.filters.setHorizontalSpacing(16)
        self.filters.setVerticalSpacing(6)
        self._filter_count = 0
        self.top = QHBoxLayout()  # the search box, where a screen has one
        # A filter set from elsewhere (e.g. Home's "people met this month") that has no control of its own.
        self.banner = QLabel(objectName="muted")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.PlainText)
        self.banner_clear = link_button()
        self.banner_clear.clicked.connect(self.clear_banner_filter)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_clear)
        self.banner.hide()
        self.banner_clear.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(self.top)
        layout.addLayout(self.filters)
        layout.addLayout(banner_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self._reload_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)

    def add_filter(self, label: QLabel | None, widget: QWidget) -> None:
        """A labelled filter, placed in rows of FILTER_COLUMNS that follow the layout direction."""
        pair = QVBoxLayout()
        pair.setSpacing(2)
        if label is not None:
            label.setBuddy(widget)
            pair.addWidget(label)
        else:
            pair.addStretch(1)
        pair.addWidget(widget)
        row, column = divmod(self._filter_count, FILTER_COLUMNS)
        self.filters.addLayout(pair, row, column)
        self.filters.setColumnStretch(column, 1)
        self._filter_count += 1

    def reload_soon(self) -> None:
        """After typing stops for a moment, not on every key."""
        self._reload_timer.start()

    # lifecycle --------------------------------------------------------------------------

    def attach(self, queries, counter: Counter | None = None) -> None:
        self.queries = queries
        self.counter = counter
        self.fill_choices()
        self.reload()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their title and the first rows need, within reason (never a scan of the list)."""
        metrics = self.table.fontMetrics()
        rows = min(self.model.rowCount(), FIT_ROWS)
        self._wanted = []
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, Qt.Horizontal) or "")]
            texts += [str(self.model.index(row, column).data() or "") for row in range(rows)]
            width = max(metrics.horizontalAdvance(text) for text in texts) + COLUMN_PADDING
            self._wanted.append(min(max(width, MIN_COLUMN), MAX_COLUMN))
        self._fit_to_view()

    def _fit_to_view(self) -> None:
        """Every column in view: where they want more than the table has, each gives up a share of its
        width beyond the minimum (long cells elide; their whole text is the tooltip)."""
        wanted = self._wanted
        room = self.table.viewport().width()
        excess = sum(wanted) - room
        spare = sum(width - MIN_COLUMN for width in wanted)
        keep = 1.0 if excess <= 0 or room <= 0 or spare <= 0 else max(0.0, 1 - excess / spare)
        header = self.table.horizontalHeader()
        for column, width in enumerate(wanted):
            header.resizeSection(column, int(MIN_COLUMN + (width - MIN_COLUMN) * keep))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Resize:
            self._fit_to_view()  # the table's own size, once its layout has settled
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self._reload_timer.stop()
        self.queries = None
        self.counter = None
        self._count_asked += 1  # a count still running belongs to the locked workspace
        self.model.clear()
        self.count_label.clear()
        self.clear_filters()
        self.set_banner("")

    def records_changed(self, types: frozenset) -> None:
        if self.queries is None or not (types & self.watched_types()):
            return
        self.fill_choices()
        self.model.refresh()
        self.update_count()

    def reload(self) -> None:
        if self.queries is None:
            return
        self.load()
        self.update_count()

    def update_count(self) -> None:
        """Count the filtered list off the GUI thread; say so meanwhile. A hidden list counts when shown."""
        if self.queries is None:
            return
        self._count_asked += 1
        if self.counter is not None and not self.isVisible():
            self._count_stale = True
            self.count_label.clear()
            return
        self._count_stale = False
        asked = self._count_asked
        work = self.count_work()
        self.count_label.setText(_("Counting…"))

        def done(count) -> None:  # None: the count failed (the runner logged why)
            if asked == self._count_asked and self.queries is not None:
                self.count_label.setText(_("This list could not be counted just now.") if count is None
                                         else self.count_text(count))
        if self.counter is None:
            done(work(self.queries))
        else:
            self.counter(work, done)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._count_stale:
            self.update_count()

    def _activated(self, index) -> None:
        record_id, type_name = index.data(ROW_ID_ROLE), index.data(ROW_TYPE_ROLE)
        if record_id and type_name:  # a list whose rows open something else says so itself (strengths: the person)
            self.open_record.emit(type_name, record_id)

    def set_banner(self, text: str) -> None:
        """Name a filter that came from elsewhere, with a way to drop it ("" hides it)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        self.banner_clear.setVisible(bool(text))
        self.banner_clear.setText(_("Show all"))
        self.banner_clear.setAccessibleName(_("Remove this filter: {filter}").format(filter=text))

    # what a screen provides ------------------------------------------------------------------
    # Each screen (ui/people.py, ui/conversations.py, ui/due.py) defines watched_types() (the
    # record types whose changes refresh it), clear_filters(), load() (its filter into the model),
    # count_work() (a function of the queries counting what load() shows, run off the GUI thread),
    # count_text(count) and apply_filters(**filters); fill_choices() and clear_banner_filter() are optional.

    def fill_choices(self) -> None:
        """Refill choices drawn from records (venues, areas...)."""

    def clear_banner_filter(self) -> None:
        """Drop the filter the banner names, and show the list without it."""

    def retranslate(self) -> None:
        self.model.retranslate()
        if self.queries is not None:
            self.update_count()
