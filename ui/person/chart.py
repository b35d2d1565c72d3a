"""A small chart of a person's 3Cs check-ins over time, drawn with QPainter (no chart add-on).

Contact, Confidence and Control, 0 to 10, one point per check-in, oldest first
(from the leading edge: the right in Arabic and Urdu). Each line has its own
colour, dash and marker shape, so it reads without colour too; the same
figures are in the table under the chart, and the chart's accessible
description says the latest ones in words.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from connector_app.i18n import _, format_date, format_number, ngettext

SCALE_TOP = 10
MARGIN = 12
MARKER = 4.0


def series():
    """(field, label, colour, dash, marker) for each line, in the order the practice names them."""
    return (
        ("contact", _("Contact"), QColor("#1f77b4"), Qt.SolidLine, "circle"),
        ("confidence", _("Confidence"), QColor("#d95f02"), Qt.DashLine, "square"),
        ("control", _("Control"), QColor("#1b9e77"), Qt.DotLine, "diamond"),
    )


def describe(points) -> str:
    """The chart in words, for screen readers and the tooltip."""
    if not points:
        return _("No 3Cs check-ins yet.")
    last = points[-1]
    count = ngettext("{count} check-in.", "{count} check-ins.", len(points)).format(count=format_number(len(points)))
    latest = _("Latest, on {date}: Contact {contact}, Confidence {confidence}, Control {control}, out of 10.").format(
        date=format_date(date.fromisoformat(last.on_date)), contact=format_number(last.contact),
        confidence=format_number(last.confidence), control=format_number(last.control))
    return count + " " + latest


class CheckInChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list = []
        self.setFocusPolicy(Qt.StrongFocus)   # so a screen reader user can land on it and hear the description
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setMinimumHeight(160)
        self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(480, 220)

    def set_points(self, points: list) -> None:
        """Check-in rows (on_date, contact, confidence, control), oldest first."""
        self.points = list(points)
        self.retranslate()
        self.update()

    def retranslate(self) -> None:
        self.setAccessibleName(_("3Cs over time"))
        self.setAccessibleDescription(describe(self.points))
        self.setToolTip(describe(self.points))

    # drawing ---------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.Base))
        metrics = self.fontMetrics()
        legend_height = metrics.height() + 8
        axis_width = metrics.horizontalAdvance(format_number(SCALE_TOP)) + 8
        plot = QRectF(MARGIN + axis_width, MARGIN + legend_height, self.width() - 2 * MARGIN - axis_width,
                      self.height() - 2 * MARGIN - legend_height)
        mirrored = self.layoutDirection() == Qt.RightToLeft
        if mirrored:
            plot.moveLeft(MARGIN)
        self._draw_grid(painter, plot, palette, mirrored, axis_width)
        self._draw_legend(painter, palette, mirrored)
        if not self.points:
            painter.setPen(palette.color(QPalette.PlaceholderText))
            painter.drawText(plot, Qt.AlignCenter | Qt.TextWordWrap, _("No 3Cs check-ins yet."))
            return
        for line, (field, _label, colour, dash, marker) in enumerate(series()):
            # Each line a little apart, so equal figures (all three at 5) still show three markers.
            nudge = (line - 1) * MARKER
            positions = [self._position(plot, index, getattr(point, field), mirrored) + QPointF(nudge, 0)
                         for index, point in enumerate(self.points)]
            pen = QPen(colour, 2.0, dash)
            painter.setPen(pen)
            path = QPainterPath(positions[0])
            for position in positions[1:]:
                path.lineTo(position)
            painter.drawPath(path)
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(colour)
            for position in positions:
                self._draw_marker(painter, position, marker)
            painter.setBrush(Qt.NoBrush)

    def _position(self, plot: QRectF, index: int, value: int, mirrored: bool) -> QPointF:
        count = len(self.points)
        share = 0.5 if count == 1 else index / (count - 1)
        if mirrored:
            share = 1 - share
        return QPointF(plot.left() + share * plot.width(), plot.bottom() - value / SCALE_TOP * plot.height())

    def _draw_grid(self, painter: QPainter, plot: QRectF, palette: QPalette, mirrored: bool,
                   axis_width: float) -> None:
        grid = palette.color(QPalette.Mid)
        text = palette.color(QPalette.Text)
        for value in (0, 5, SCALE_TOP):
            y = plot.bottom() - value / SCALE_TOP * plot.height()
            painter.setPen(QPen(grid, 1, Qt.SolidLine if value == 0 else Qt.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label_box = QRectF(plot.right() + 4 if mirrored else MARGIN, y - 10, axis_width - 4, 20)
            painter.drawText(label_box, (Qt.AlignLeft if mirrored else Qt.AlignRight) | Qt.AlignVCenter,
                             format_number(value))

    def _draw_legend(self, painter: QPainter, palette: QPalette, mirrored: bool) -> None:
        metrics = self.fontMetrics()
        x = self.width() - MARGIN if mirrored else MARGIN
        y = MARGIN + metrics.ascent()
        for _field, label, colour, dash, marker in series():
            width = metrics.horizontalAdvance(label)
            start = x - 22 if mirrored else x
            painter.setPen(QPen(colour, 2.0, dash))
            painter.drawLine(QPointF(start, y - 4), QPointF(start + 18, y - 4))
            painter.setBrush(colour)
            self._draw_marker(painter, QPointF(start + 9, y - 4), marker)
            painter.setBrush(Qt.NoBrush)
            painter.setPen(palette.color(QPalette.Text))
            if mirrored:
                painter.drawText(QPointF(start - 4 - width, y), label)
                x = start - 4 - width - 16
            else:
                painter.drawText(QPointF(start + 22, y), label)
                x = start + 22 + width + 16

    @staticmethod
    def _draw_marker(painter: QPainter, at: QPointF, shape: str) -> None:
        if shape == "circle":
            painter.drawEllipse(at, MARKER, MARKER)
        elif shape == "square":
            painter.drawRect(QRectF(at.x() - MARKER, at.y() - MARKER, 2 * MARKER, 2 * MARKER))
        else:
            path = QPainterPath(QPointF(at.x(), at.y() - MARKER - 1))
            path.lineTo(at.x() + MARKER + 1, at.y())
            path.lineTo(at.x(), at.y() + MARKER + 1)
            path.lineTo(at.x() - MARKER - 1, at.y())
            path.closeSubpath()
            painter.drawPath(path)
