"""Small building blocks every screen uses, so the screens look and behave alike.

The look comes from the style sheet (resources/styles/app.qss); widgets here only
set object names that the style sheet knows ("heading", "primary", "error", ...).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
    QScrollArea, QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from connector_app.i18n import _, available_languages, current_translator, is_right_to_left, native_language_name

CARD_WIDTH = 600   # wide enough for the recovery code and two buttons side by side, narrow enough to read


class CardPage(QWidget):
    """A page showing one centred card; it scrolls when the window is smaller than the card."""

    def __init__(self, parent: QWidget | None = None, *, width: int = CARD_WIDTH):
        super().__init__(parent)
        self.card = QFrame(objectName="card")
        self.card.setMaximumWidth(width)
        self.card.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(36, 32, 36, 32)
        self.body.setSpacing(14)

        centring = QWidget(objectName="pageBackground")
        column = QVBoxLayout(centring)
        # A fixed gap above, not a centring stretch: the card must not jump about
        # while advice lines come and go under the passphrase field.
        column.setContentsMargins(24, 48, 24, 24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 100)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

        scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the card's fields, not to an unnamed frame around them
        scroll.setWidget(centring)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)


def heading(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent, objectName="heading")
    label.setWordWrap(True)
    return label


def paragraph(parent: QWidget | None = None, *, name: str = "paragraph") -> QLabel:
    label = QLabel(parent, objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    return label


def primary_button(parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(parent, objectName="primary")
    button.setAutoDefault(True)
    return button


def link_button(parent: QWidget | None = None) -> QPushButton:
    """A button that looks like a link: keyboard users reach it with Tab like any button."""
    button = QPushButton(parent, objectName="link")
    button.setCursor(Qt.PointingHandCursor)
    button.setFlat(True)
    return button


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons at the trailing edge (right in English, left in Arabic), the main one last."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def document_language_box() -> QComboBox:
    """The languages a document can be printed in, each named in itself; the app's own chosen."""
    box = QComboBox()
    current = str(current_translator().locale)
    for code in available_languages():
        box.addItem(native_language_name(code), code)
        if code == current:
            box.setCurrentIndex(box.count() - 1)
    return box


def left_to_right(text: str) -> str:
    """Keep a path or code in its own left-to-right run inside a sentence in any language.

    Without the isolate, "/home/amira/workspace" inside an Arabic sentence shows its
    leading slash at the wrong end.
    """
    return "\u2066" + text + "\u2069"  # LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE


def workspace_folder_text(path) -> str:
    return _("Workspace folder: {path}").format(path=left_to_right(str(path)))


def leading_alignment() -> Qt.AlignmentFlag:
    """The start of a line in the current language, for text with no direction of its own (figures).

    QLabel aligns by its text's direction, and digits have none, so they would sit on the left in Arabic.
    """
    return Qt.AlignAbsolute | (Qt.AlignRight if is_right_to_left() else Qt.AlignLeft) | Qt.AlignVCenter


def monospace_font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setStyleHint(QFont.TypeWriter)
    return font


class MessageLabel(QLabel):
    """A message box inside a page (error, warning, notice); hidden while it has nothing to say."""

    def __init__(self, kind: str = "error", parent: QWidget | None = None):
        super().__init__(parent, objectName=kind)
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)  # so a message can be quoted to a helper
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self.setAccessibleName(text)  # screen readers announce the change

    def clear_message(self) -> None:
        self.show_message("")


class BusyBar(QProgressBar):
    """A thin bar that moves while a background job runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="busy")
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setFixedHeight(6)
        self.hide()


class ElidedLabel(QLabel):
    """One line of text (a folder path) shortened in the middle when too long; the tooltip has it whole."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "muted"):
        super().__init__(parent, objectName=name)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.ElideMiddle, max(self.width(), 50)))


def row_table(model) -> QTableView:
    """A read-only table of whole rows, Tab leaving it (arrows move inside)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    view.horizontalHeader().setDefaultSectionSize(170)
    return view
