"""Home: this month at a glance for whoever is using the laptop, and what is due today.

Each figure is a button that opens the list behind it, already filtered
(``show_list(screen, filters)``); the figures come from
``connector_app.store.month_figures.at_a_glance`` (computed off the GUI thread by
WorkspaceView), the same definitions as the monthly summary, counting every person.
Protected connecting time is a bar against the two-hour target.
"""

from __future__ import annotations

import calendar
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from connector_app.i18n import _, current_translator, format_number, ngettext
from connector_app.store.month_figures import Glance
from connector_app.store.queries import DUE_FOLLOW_UP, DUE_REVIEW, SORT_NAME
from ui.widgets import ElidedLabel, heading, paragraph, workspace_folder_text

PAGE_MARGIN = 32
CONTENT_WIDTH = 980
FIGURE_MIN_WIDTH = 220
COLUMNS = 3

# Screen names (WorkspaceView's): where each figure leads.
PEOPLE, CONVERSATIONS, DUE = "people", "conversations", "due"


def duration_text(minutes: int) -> str:
    """ "1 h 20 min", "2 h", "45 min": how long, in hours and minutes."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours and rest:
        # TRANSLATORS: a length of time, e.g. "1 h 20 min"; h = hours, min = minutes.
        return _("{hours} h {minutes} min").format(hours=format_number(hours), minutes=format_number(rest))
    if hours:
        # TRANSLATORS: a length of time in whole hours, e.g. "2 h".
        return _("{hours} h").format(hours=format_number(hours))
    # TRANSLATORS: a length of time in minutes, e.g. "45 min".
    return _("{minutes} min").format(minutes=format_number(rest))


class FigureButton(QPushButton):
    """One figure: a big number, what it counts, and a line of detail; Enter, Space or a click opens its list."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="figure")
        self.number = QLabel(objectName="figureNumber")
        self.caption = QLabel(objectName="figureCaption")
        self.detail = QLabel(objectName="muted")
        for label in (self.number, self.caption, self.detail):
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)
            label.setAlignment(Qt.AlignLeading | Qt.AlignTop)
            label.setAttribute(Qt.WA_TransparentForMouseEvents)  # the click belongs to the button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.setMinimumWidth(FIGURE_MIN_WIDTH)
        self.setCursor(Qt.PointingHandCursor)

    def show_figure(self, number: str, caption: str, detail: str = "", hint: str = "") -> None:
        self.number.setText(number)
        self.caption.setText(caption)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(" ".join(part for part in (number, caption) if part))
        self.setAccessibleDescription(" ".join(part for part in (detail, hint) if part))
        self.updateGeometry()

    def sizeHint(self):  # noqa: N802 (Qt's name): the labels' layout decides, not the (empty) button text
        return self.layout().sizeHint()

    def minimumSizeHint(self):  # noqa: N802
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802: wrapped captions grow the button, never clip
        return self.layout().totalHeightForWidth(width)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class ConnectingTimeBar(QFrame):
    """My protected connecting time this month against the two-hour target."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="figurePanel")
        self.title = QLabel(objectName="figureCaption")
        self.title.setWordWrap(True)
        self.bar = QProgressBar(objectName="connecting")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(14)
        self.amount = QLabel(objectName="figureAmount")
        self.amount.setWordWrap(True)
        self.note = paragraph(name="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.amount)
        layout.addWidget(self.bar)
        layout.addWidget(self.note)
        self.setFocusPolicy(Qt.TabFocus)  # reachable by keyboard, read out by screen readers
        self._minutes: int | None = None
        self._target = 120

    def show_time(self, minutes: int | None, target: int) -> None:
        self._minutes, self._target = minutes, target
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("My protected connecting time"))
        if self._minutes is None:
            self.amount.clear()
            self.note.clear()
            self.bar.setValue(0)
            self.setAccessibleName(self.title.text())
            return
        self.bar.setRange(0, self._target)
        self.bar.setValue(min(self._minutes, self._target))
        self.bar.setProperty("met", self._minutes >= self._target)
        self.bar.style().unpolish(self.bar)
        self.bar.style().polish(self.bar)
        # TRANSLATORS: protected connecting time against its target, e.g. "1 h 20 min of 2 h".
        self.amount.setText(_("{done} of {target}").format(done=duration_text(self._minutes),
                                                          target=duration_text(self._target)))
        if self._minutes >= self._target:
            self.note.setText(_("Target met for this month. Thank you for the time you gave."))
        else:
            self.note.setText(_("{left} to go to the monthly target.").format(
                left=duration_text(self._target - self._minutes)))
        self.setAccessibleName(_("{title}: {amount}").format(title=self.title.text(), amount=self.amount.text()))
        self.setAccessibleDescription(self.note.text())


class HomePage(QWidget):
    lock_requested = Signal()
    show_list = Signal(str, object)  # screen name, filters (a dict for its apply_filters)

    def __init__(self, workspace_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.glance: Glance | None = None
        self.staff_name = ""

        self.title = heading()
        self.lock_button = QPushButton(objectName="lockButton")
        self.lock_button.clicked.connect(self.lock_requested)
        self.folder_label = ElidedLabel()
        self.whose = paragraph(name="muted")
        self.empty_note = paragraph(name="muted")
        self.month_heading = QLabel(objectName="sectionHeading")
        self.due_heading = QLabel(objectName="sectionHeading")
        self.conversations = FigureButton()
        self.people_met = FigureButton()
        self.connections = FigureButton()
        self.follow_ups = FigureButton()
        self.reviews = FigureButton()
        self.ready = FigureButton()
        self.connecting = ConnectingTimeBar()
        self.figures = (self.conversations, self.people_met, self.connections, self.follow_ups, self.reviews,
                        self.ready)
        self.conversations.clicked.connect(lambda: self._open(CONVERSATIONS, self._my_conversations()))
        self.people_met.clicked.connect(lambda: self._open(PEOPLE, self._people_met()))
        self.connections.clicked.connect(lambda: self._open(PEOPLE, {**self._people_met(), "connected": True}))
        self.follow_ups.clicked.connect(lambda: self._open(DUE, {"kind": DUE_FOLLOW_UP, "mine": True}))
        self.reviews.clicked.connect(lambda: self._open(DUE, {"kind": DUE_REVIEW, "mine": True}))
        self.ready.clicked.connect(lambda: self._open(PEOPLE, {"ready": True, "sort": SORT_NAME}))

        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.lock_button, 0, Qt.AlignTop)
        month_grid, due_grid = QGridLayout(), QGridLayout()
        for grid, row in ((month_grid, (self.conversations, self.people_met, self.connections)),
                          (due_grid, (self.follow_ups, self.reviews, self.ready))):
            grid.setSpacing(14)
            for column, figure in enumerate(row):
                grid.addWidget(figure, 0, column)
                grid.setColumnStretch(column, 1)
        self._grids = (month_grid, due_grid)
        self._columns = COLUMNS

        content = QWidget(objectName="pageBackground")
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(PAGE_MARGIN, 28, PAGE_MARGIN, 28)
        column.setSpacing(10)
        column.addLayout(title_row)
        column.addWidget(self.folder_label)
        column.addWidget(self.whose)
        column.addWidget(self.empty_note)
        column.addSpacing(8)
        column.addWidget(self.month_heading)
        column.addLayout(month_grid)
        column.addWidget(self.connecting)
        column.addSpacing(8)
        column.addWidget(self.due_heading)
        column.addLayout(due_grid)
        column.addStretch(1)

        centring = QWidget(objectName="pageBackground")
        row = QHBoxLayout(centring)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(content, 1)
        scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the figures themselves, not to an unnamed frame
        scroll.setWidget(centring)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for first, second in zip((self.lock_button, *self.figures[:3], self.connecting, *self.figures[3:-1]),
                                 (*self.figures[:3], self.connecting, *self.figures[3:])):
            self.setTabOrder(first, second)
        self.retranslate()

    # what is shown ------------------------------------------------------------------------

    def show_glance(self, glance: Glance, staff_name: str = "") -> None:
        self.glance, self.staff_name = glance, staff_name
        self.retranslate()

    def clear(self) -> None:
        """Forget everything shown (locking): no figure or name stays on screen."""
        self.glance, self.staff_name = None, ""
        self.retranslate()

    def shown_counts(self) -> dict[str, str]:
        """The numbers on screen, by figure ("" where none is shown)."""
        names = ("conversations", "people_met", "connections", "follow_ups", "reviews", "ready")
        return {name: figure.number.text() for name, figure in zip(names, self.figures)}

    def _open(self, screen: str, filters: dict) -> None:
        if self.glance is not None:
            self.show_list.emit(screen, filters)

    def _month_range(self) -> tuple:
        month = self.glance.month.month
        return month, month.replace(day=calendar.monthrange(month.year, month.month)[1])

    def _my_conversations(self) -> dict:
        start, end = self._month_range()
        return {"since": start, "until": end, "staff_id": self.glance.staff_id}

    def _people_met(self) -> dict:
        start, end = self._month_range()
        return {"met_since": start, "met_until": end, "met_by": self.glance.staff_id}

    # words ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Home"))
        self.lock_button.setText(_("Lock"))
        self.lock_button.setAccessibleName(_("Lock the workspace"))
        self.folder_label.set_full_text(workspace_folder_text(self.workspace_path))
        self.due_heading.setText(_("To do today"))
        self.empty_note.setText(_("Nothing is recorded for this month yet. Press Ctrl+N to record a conversation."))
        glance = self.glance
        self.empty_note.setVisible(glance is not None and not any((
            glance.month.conversations, glance.month.connections, glance.month.connecting_minutes,
            glance.follow_ups_due, glance.reviews_due, glance.people_ready)))
        if glance is None:
            self.month_heading.setText(_("This month"))
            self.whose.setText("")
            for figure in self.figures:
                figure.show_figure("", "")
            self.connecting.show_time(None, 120)
            return
        month = glance.month
        self.month_heading.setText(_("This month, {month}").format(month=current_translator().format_month(month.month)))
        self.whose.setText(_("Figures for {name}, who is using this laptop.").format(name=self.staff_name)
                           if self.staff_name else
                           _("No one is chosen as using this laptop, so these are the whole team's figures."))
        n = format_number
        hint = _("Press Enter to see the list.")
        self.conversations.show_figure(n(month.conversations), ngettext(
            "conversation", "conversations", month.conversations), hint=hint)
        self.people_met.show_figure(n(month.people_met), ngettext("person met", "people met", month.people_met), (
            _("{new} new, {returning} returning").format(new=n(month.people_new), returning=n(month.people_returning))),
            hint=hint)
        self.connections.show_figure(n(month.connections), ngettext(
            "connection made", "connections made", month.connections), ngettext(
            "for {count} person, to community groups and places", "for {count} people, to community groups and places",
            month.people_connected).format(count=n(month.people_connected)),
            hint=_("Press Enter to see the people connected."))
        self.follow_ups.show_figure(n(glance.follow_ups_due), ngettext(
            "follow-up due", "follow-ups due", glance.follow_ups_due), hint=hint)
        self.reviews.show_figure(n(glance.reviews_due), ngettext(
            "what-matters review due", "what-matters reviews due", glance.reviews_due), ngettext(
            "{count} small step to do on them", "{count} small steps to do on them", glance.small_steps_open).format(
            count=n(glance.small_steps_open)), hint=hint)
        self.ready.show_figure(n(glance.people_ready), ngettext(
            "person ready for a next step", "people ready for a next step", glance.people_ready), hint=hint)
        self.connecting.show_time(month.connecting_minutes, month.connecting_target)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # One column in a narrow window (or a long language), so the figures never need a sideways scroll.
        columns = COLUMNS if self.width() - 2 * PAGE_MARGIN >= COLUMNS * (FIGURE_MIN_WIDTH + 14) else 1
        if columns == self._columns:
            return
        self._columns = columns
        for grid in self._grids:
            widgets = [grid.itemAt(i).widget() for i in range(grid.count())]
            for widget in widgets:
                grid.removeWidget(widget)
            for index, widget in enumerate(widgets):
                grid.addWidget(widget, index // columns, index % columns)
            for column in range(COLUMNS):
                grid.setColumnStretch(column, 1 if column < columns else 0)
