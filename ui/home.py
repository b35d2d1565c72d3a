"""The home page after unlocking: the workspace at a glance, one tile per kind of record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from connector_app.domain.records import BY_NAME, RECORD_TYPES
from connector_app.i18n import _, format_number
from ui.widgets import ElidedLabel, heading, leading_alignment, paragraph, workspace_folder_text

# The order a connector thinks in: people and what happened with them first, the lists they set up once last.
_PREFERRED_ORDER = ("person", "conversation", "connection", "what_matters", "small_step", "strength", "checkin",
                    "follow_up", "connecting_time", "asset", "venue", "staff")
DISPLAY_ORDER = tuple(name for name in _PREFERRED_ORDER if name in BY_NAME) + tuple(
    cls.type_name for cls in RECORD_TYPES if cls.type_name not in _PREFERRED_ORDER)
MAX_COLUMNS = 4
TILE_MIN_WIDTH = 170
TILE_SPACING = 14
PAGE_MARGIN = 32
CONTENT_WIDTH = 980


class CountTile(QFrame):
    """How many records of one kind: a big number over its name."""

    def __init__(self, type_name: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="tile")
        self.type_name = type_name
        self._count: int | None = None
        self.number = QLabel(objectName="tileNumber")
        self.name = QLabel(objectName="tileLabel")
        self.name.setWordWrap(True)
        self.name.setAlignment(Qt.AlignLeading | Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.name, 1)
        # Every tile the same size: room for a two-line name, so one long name does not make its row uneven.
        self.name.setMinimumHeight(self.name.fontMetrics().lineSpacing() * 2)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(TILE_MIN_WIDTH)
        self.setFocusPolicy(Qt.TabFocus)  # keyboard and screen-reader users can step through the figures
        self.retranslate()

    def show_count(self, count: int | None) -> None:
        self._count = count
        self.retranslate()

    def shown_number(self) -> str:
        return self.number.text()

    def retranslate(self) -> None:
        label = _(BY_NAME[self.type_name].plural_label)
        self.name.setText(label)
        self.number.setAlignment(leading_alignment())
        self.number.setText("" if self._count is None else format_number(self._count))
        self.setAccessibleName(label if self._count is None else _("{label}: {count}").format(
            label=label, count=format_number(self._count)))


class HomePage(QWidget):
    lock_requested = Signal()

    def __init__(self, workspace_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self._counts: dict[str, int] | None = None

        self.title = heading()
        self.lock_button = QPushButton(objectName="lockButton")
        self.lock_button.clicked.connect(self.lock_requested)
        self.folder_label = ElidedLabel()
        self.empty_note = paragraph(name="muted")
        self.tiles = {name: CountTile(name) for name in DISPLAY_ORDER}

        self.grid = QGridLayout()
        self.grid.setSpacing(TILE_SPACING)
        self._columns = 0
        self._arrange_tiles(MAX_COLUMNS)

        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.lock_button, 0, Qt.AlignTop)

        content = QWidget(objectName="pageBackground")
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(PAGE_MARGIN, 28, PAGE_MARGIN, 28)
        column.setSpacing(10)
        column.addLayout(title_row)
        column.addWidget(self.folder_label)
        column.addSpacing(12)
        column.addLayout(self.grid)
        column.addSpacing(8)
        column.addWidget(self.empty_note)
        column.addStretch(1)

        centring = QWidget(objectName="pageBackground")
        row = QHBoxLayout(centring)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(content, 0, Qt.AlignHCenter)
        scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the figures themselves, not to an unnamed frame
        scroll.setWidget(centring)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def show_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        for name, tile in self.tiles.items():
            tile.show_count(self._counts.get(name, 0))
        self._update_empty_note()

    def clear(self) -> None:
        """Forget everything shown (locking): no figure stays on screen."""
        self._counts = None
        for tile in self.tiles.values():
            tile.show_count(None)
        self._update_empty_note()

    def shown_counts(self) -> dict[str, str]:
        """The figures on screen, by record type ("" where none is shown)."""
        return {name: tile.shown_number() for name, tile in self.tiles.items()}

    def retranslate(self) -> None:
        self.title.setText(_("Your workspace at a glance"))
        self.lock_button.setText(_("Lock"))
        self.folder_label.set_full_text(workspace_folder_text(self.workspace_path))
        self.empty_note.setText(_("Nothing is recorded yet. Everything you record will be counted here."))
        for tile in self.tiles.values():
            tile.retranslate()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Fewer columns in a narrow window, so the tiles never need a sideways scroll.
        usable = self.width() - 2 * PAGE_MARGIN
        self._arrange_tiles(max(1, min(MAX_COLUMNS, (usable + TILE_SPACING) // (TILE_MIN_WIDTH + TILE_SPACING))))

    def _arrange_tiles(self, columns: int) -> None:
        if columns == self._columns:
            return
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, index // columns, index % columns)
        for column_index in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column_index, 1 if column_index < columns else 0)
        self._columns = columns

    def _update_empty_note(self) -> None:
        self.empty_note.setVisible(self._counts is not None and not any(self._counts.values()))
