"""What the list screens share: a heading, filters that wrap, a count, and a table fed page by page.

A screen subclasses ``ListPage``, adds its filters with ``add_filter`` and says
how to read (``reload``). Reading goes through the lists' read-only connection
(``attach``), so a long job on the task runner never holds a list up.
``clear()`` (on lock) drops every row, every choice drawn from records (areas,
venues, staff names) and every typed search.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from ui.list_models import ROW_ID_ROLE, KeysetModel
from ui.widgets import heading

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


class ListPage(QWidget):
    opened = Signal(str)  # a row's record id, on Enter or double-click

    def __init__(self, model: KeysetModel, parent: QWidget | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.queries = None
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
        self.table.activated.connect(lambda index: self.opened.emit(index.data(ROW_ID_ROLE)))

        self.filters = QGridLayout()
        self.filters.setHorizontalSpacing(16)
        self.filters.setVerticalSpacing(6)
        self._filter_count = 0
        self.top = QHBoxLayout()  # the search box, where a screen has one
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(self.top)
        layout.addLayout(self.filters)
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

    def attach(self, queries) -> None:
        self.queries = queries
        self.fill_choices()
        self.reload()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their title and the first rows need, within reason (never a scan of the list)."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        rows = min(self.model.rowCount(), FIT_ROWS)
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, Qt.Horizontal) or "")]
            texts += [str(self.model.index(row, column).data() or "") for row in range(rows)]
            width = max(metrics.horizontalAdvance(text) for text in texts) + COLUMN_PADDING
            header.resizeSection(column, min(max(width, MIN_COLUMN), MAX_COLUMN))

    def clear(self) -> None:
        self._reload_timer.stop()
        self.queries = None
        self.model.clear()
        self.count_label.clear()
        self.clear_filters()

    def records_changed(self, types: frozenset) -> None:
        if self.queries is None or not (types & self.watched_types()):
            return
        self.fill_choices()
        self.model.refresh()
        self.show_count()

    def reload(self) -> None:
        if self.queries is None:
            return
        self.load()
        self.show_count()

    # what a screen provides ------------------------------------------------------------------
    # Each screen (ui/people.py, ui/conversations.py) defines watched_types() (the record
    # types whose changes refresh it), clear_filters(), load() (its filter into the model)
    # and show_count(); fill_choices() below is optional.

    def fill_choices(self) -> None:
        """Refill choices drawn from records (venues, areas...)."""

    def retranslate(self) -> None:
        self.model.retranslate()
        if self.queries is not None:
            self.show_count()
