"""3Cs check-ins: Contact, Confidence and Control over time, as a chart and as a table of the same figures."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from connector_app.i18n import _, format_number
from ui.list_models import Column, _day
from ui.person.chart import CheckInChart
from ui.person.records_table import RecordsTable


class CheckInsTab(QWidget):
    types = frozenset({"checkin"})

    def __init__(self, page, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = CheckInChart()
        # The table lists newest first, the chart draws oldest first: one query, read in two orders.
        self.table = RecordsTable(page, "checkin", (
            Column(lambda: _("Date"), lambda r: _day(r.on_date)),
            Column(lambda: _("Contact"), lambda r: format_number(r.contact)),
            Column(lambda: _("Confidence"), lambda r: format_number(r.confidence)),
            Column(lambda: _("Control"), lambda r: format_number(r.control)),
        ), lambda person_id: list(reversed(page.names.checkins(person_id))))
        self.table.model.modelReset.connect(self._draw)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)

    def _draw(self) -> None:
        model = self.table.model
        self.chart.set_points([model.row_at(i) for i in reversed(range(model.rowCount()))])

    def load(self, person_id: str) -> None:
        self.table.load(person_id)

    def refresh(self) -> None:
        self.table.refresh()

    def clear(self) -> None:
        self.table.clear()
        self.chart.set_points([])

    def retranslate(self) -> None:
        self.table.retranslate()
        self.chart.retranslate()
