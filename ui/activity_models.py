"""Models of the activity screens: connecting time, strengths, assets, venues, connections.

The lists are keyset models over connector_app/store/activity_queries.py (see
ui/list_models.py); the month's time per staff member is a small table (one row
per staff member) drawn with a bar against the 2-hour target, its figures also
given as text for screen readers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from connector_app.domain import vocab
from connector_app.i18n import _, format_number, ngettext
from connector_app.store.activity_queries import AssetFilter, StrengthFilter
from connector_app.store.month_figures import CONNECTING_TARGET_MINUTES, StaffTime
from ui.list_models import ROW_ID_ROLE, Column, KeysetModel, _day, _languages

PROGRESS_ROLE = Qt.UserRole + 2   # the share of the target done, 0.0 to 1.0 (more is drawn as full)


def select_row(view, record_id: str | None) -> bool:
    """Make the row of this record current again (after a refresh), if it is among the rows loaded."""
    model = view.model()
    for row in range(model.rowCount() if record_id else 0):
        if model.row_at(row).id == record_id:
            view.selectionModel().setCurrentIndex(
                model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            return True
    return False


def duration_text(minutes: int) -> str:
    """Minutes as a connector says them: "45 minutes", "2 hours", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    hours_text = ngettext("{count} hour", "{count} hours", hours).format(count=format_number(hours))
    rest_text = ngettext("{count} minute", "{count} minutes", rest).format(count=format_number(rest))
    if not hours:
        return rest_text
    if not rest:
        return hours_text
    # TRANSLATORS: a length of time, e.g. "1 hour" and "30 minutes" -> "1 hour 30 minutes".
    return _("{hours} {minutes}").format(hours=hours_text, minutes=rest_text)


def against_target(minutes: int) -> str:
    """The month's time against the target, in words (what the bar shows, for everyone)."""
    target = duration_text(CONNECTING_TARGET_MINUTES)
    if minutes >= CONNECTING_TARGET_MINUTES:
        return _("{done} of {target}: target met").format(done=duration_text(minutes), target=target)
    return _("{done} of {target}: {left} to go").format(
        done=duration_text(minutes), target=target, left=duration_text(CONNECTING_TARGET_MINUTES - minutes))


class StaffTimeModel(QAbstractTableModel):
    """One row per staff member: name, the time as text, the bar, the number of sessions."""

    NAME, BAR, TIME, SESSIONS = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[StaffTime] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> StaffTime:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def _text(self, row: StaffTime, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.SESSIONS:
            return ngettext("{count} session", "{count} sessions", row.sessions).format(
                count=format_number(row.sessions))
        return against_target(row.minutes)  # the bar's text is the same words, for screen readers

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.DisplayRole:  # each cell in its own direction, as in ui/list_models.py
            return None if index.column() == self.BAR else f"\u2068{self._text(row, index.column())}\u2069"
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            return self._text(row, index.column())
        if role == PROGRESS_ROLE:
            return min(row.minutes / CONNECTING_TARGET_MINUTES, 1.0)
        if role == ROW_ID_ROLE:
            return row.staff_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole or not 0 <= section < 4:
            return None
        return (_("Staff member"), _("Against the 2-hour target"), _("This month"), _("Sessions"))[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, 3)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))


class TargetBarDelegate(QStyledItemDelegate):
    """A bar filled from the leading edge (right in Arabic and Urdu) in the palette's own colours,
    so it reads in the dark and high-contrast palettes: highlight on a mid-tone track, outlined in text colour."""

    MARGIN = 6

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PE_PanelItemViewItem, option, painter, option.widget)
        share = index.data(PROGRESS_ROLE) or 0.0
        track = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        width = round(track.width() * share)
        if option.direction == Qt.RightToLeft:
            filled = QRect(track.right() - width + 1, track.top(), width, track.height())
        else:
            filled = QRect(track.left(), track.top(), width, track.height())
        palette = option.palette
        # On a chosen row the cell is already in the highlight colour: the bar takes the text's colour there.
        selected = bool(option.state & QStyle.State_Selected)
        fill = palette.color(QPalette.HighlightedText if selected else QPalette.Highlight)
        edge = palette.color(QPalette.HighlightedText if selected else QPalette.Text)
        painter.save()
        if not selected:
            painter.fillRect(track, palette.color(QPalette.Midlight))
        if width:
            painter.fillRect(filled, fill)
        painter.setPen(QPen(edge, 1))
        painter.drawRect(track.adjusted(0, 0, -1, -1))
        painter.restore()


class SessionsModel(KeysetModel):
    columns = (
        Column(lambda: _("Date"), lambda r: _day(r.on_date)),
        Column(lambda: _("Staff member"), lambda r: r.staff_name or ""),
        Column(lambda: _("How long"), lambda r: duration_text(r.minutes)),
        Column(lambda: _("Venue"), lambda r: r.venue_name or ""),
        Column(lambda: _("With whom"), lambda r: r.with_whom or ""),
    )

    def show(self, activity, month, staff_id: str | None = None) -> None:
        self.set_source(lambda after, limit: activity.sessions_page(month, staff_id, after=after, limit=limit))


class StrengthsModel(KeysetModel):
    columns = (
        Column(lambda: _("Person"), lambda r: r.person_name),
        Column(lambda: _("Strength"), lambda r: r.description),
        Column(lambda: _("Kind"), lambda r: vocab.STRENGTH_KINDS.label(r.kind)),
        Column(lambda: _("Readiness"), lambda r: vocab.READINESS.label(r.readiness)),
        Column(lambda: _("At this stage since"), lambda r: _day(r.readiness_on)),
        Column(lambda: _("Next step"), lambda r: ", ".join(vocab.NEXT_STEPS.label(s) for s in r.next_steps)),
    )

    def show(self, activity, wanted: StrengthFilter) -> None:
        self.set_source(lambda after, limit: activity.strengths_page(wanted, after=after, limit=limit))


class AssetsModel(KeysetModel):
    columns = (
        Column(lambda: _("Name"), lambda r: r.name),
        Column(lambda: _("Kind"), lambda r: vocab.ASSET_KINDS.label(r.kind)),
        Column(lambda: _("Where"), lambda r: r.where),
        Column(lambda: _("When"), lambda r: r.times),
        Column(lambda: _("Languages"), lambda r: _languages(r.languages)),
        Column(lambda: _("Accessibility"), lambda r: " ".join(r.accessibility.split())),
        Column(lambda: _("People connected"), lambda r: format_number(r.connections)),
    )

    def show(self, activity, wanted: AssetFilter) -> None:
        self.set_source(lambda after, limit: activity.assets_page(wanted, after=after, limit=limit))


class VenuesModel(KeysetModel):
    columns = (
        Column(lambda: _("Name"), lambda r: r.name),
        Column(lambda: _("Kind of place"), lambda r: vocab.VENUE_KINDS.label(r.kind) if r.kind else ""),
        Column(lambda: _("Address"), lambda r: r.address),
        Column(lambda: _("Accessibility"), lambda r: " ".join(r.accessibility.split())),
    )

    def show(self, activity, search: str) -> None:
        self.set_source(lambda after, limit: activity.venues_page(search, after=after, limit=limit))


class ConnectionsModel(KeysetModel):
    columns = (
        Column(lambda: _("Person"), lambda r: r.person_name),
        Column(lambda: _("Community asset"), lambda r: r.asset_name),
        Column(lambda: _("Connected on"), lambda r: _day(r.made_on)),
        Column(lambda: _("Outcome"), lambda r: vocab.CONNECTION_OUTCOMES.label(r.outcome)),
        Column(lambda: _("Outcome changed on"), lambda r: _day(r.outcome_on)),
    )

    def show(self, activity, *, asset_id: str | None = None, person_id: str | None = None) -> None:
        self.set_source(lambda after, limit: activity.connections_page(
            asset_id=asset_id, person_id=person_id, after=after, limit=limit))
