"""Conversations: the list, newest first, with filters by date range, venue, staff member, feature and mode.

Other screens open it filtered with ``apply_filters(period=..., since=..., until=...,
venue_id=..., staff_id=..., feature=..., mode=...)``; each shows in its own control.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _, format_number, ngettext
from connector_app.store.month_figures import add_months
from connector_app.store.queries import ConversationFilter
from ui.list_models import ConversationsModel
from ui.list_page import ChoiceBox, DateBox, ListPage

THIS_MONTH, LAST_MONTH, LAST_3_MONTHS, LAST_12_MONTHS, BETWEEN = "this_month", "last_month", "3m", "12m", "between"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def period_range(period: str | None, today: date, start: date, end: date) -> tuple[date | None, date | None]:
    if period == THIS_MONTH:
        return _month_start(today), add_months(today, 1) - timedelta(days=1)
    if period == LAST_MONTH:
        last_end = _month_start(today) - timedelta(days=1)
        return _month_start(last_end), last_end
    if period == LAST_3_MONTHS:
        return today - timedelta(days=91), None
    if period == LAST_12_MONTHS:
        return today - timedelta(days=365), None
    if period == BETWEEN:
        return start, end
    return None, None


class ConversationsPage(ListPage):
    def __init__(self, parent: QWidget | None = None, *, today=date.today):
        super().__init__(ConversationsModel(), parent)
        self._today = today
        self.period_box, self.period_label = ChoiceBox(), QLabel()
        self.venue_box, self.venue_label = ChoiceBox(), QLabel()
        self.staff_box, self.staff_label = ChoiceBox(), QLabel()
        self.feature_box, self.feature_label = ChoiceBox(), QLabel()
        self.mode_box, self.mode_label = ChoiceBox(), QLabel()
        self.from_edit, self.from_label = DateBox(), QLabel()
        self.to_edit, self.to_label = DateBox(), QLabel()
        now = QDate(self._today())
        self.from_edit.setDate(now.addMonths(-1))
        self.to_edit.setDate(now)
        for label, box in ((self.period_label, self.period_box), (self.from_label, self.from_edit),
                           (self.to_label, self.to_edit), (self.venue_label, self.venue_box),
                           (self.staff_label, self.staff_box), (self.feature_label, self.feature_box),
                           (self.mode_label, self.mode_box)):
            self.add_filter(label, box)
        for box in (self.period_box, self.venue_box, self.staff_box, self.feature_box, self.mode_box):
            box.currentIndexChanged.connect(self.reload)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.reload_soon)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self.retranslate()
        self._period_changed()

    def watched_types(self) -> frozenset:
        return frozenset({"conversation", "person", "venue", "staff"})

    def _period_changed(self) -> None:
        between = self.period_box.currentData() == BETWEEN
        for widget in (self.from_edit, self.to_edit, self.from_label, self.to_label):
            widget.setEnabled(between)

    def current_filter(self) -> ConversationFilter:
        since, until = period_range(self.period_box.currentData(), self._today(),
                                    self.from_edit.date().toPython(), self.to_edit.date().toPython())
        return ConversationFilter(since=since, until=until, venue_id=self.venue_box.currentData(),
                                  staff_id=self.staff_box.currentData(), feature=self.feature_box.currentData(),
                                  mode=self.mode_box.currentData())

    def apply_filters(self, *, period: str | None = None, since: date | None = None, until: date | None = None,
                      venue_id: str | None = None, staff_id: str | None = None, feature: str | None = None,
                      mode: str | None = None) -> None:
        """Show the list filtered as asked (a period code, or days from and to); every other filter is reset."""
        if since is not None or until is not None:
            period = BETWEEN
            for edit, day in ((self.from_edit, since or date(2000, 1, 1)), (self.to_edit, until or self._today())):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
        boxes = ((self.period_box, period), (self.venue_box, venue_id), (self.staff_box, staff_id),
                 (self.feature_box, feature), (self.mode_box, mode))
        for box, value in boxes:
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
            box.blockSignals(False)
        self._period_changed()
        self.reload()

    def fill_choices(self) -> None:
        if self.queries is None:
            return
        self.venue_box.fill(_("Any venue"), self.queries.venues())
        self.staff_box.fill(_("Anyone"), self.queries.staff())

    def clear_filters(self) -> None:
        self.venue_box.fill(_("Any venue"), [])
        self.staff_box.fill(_("Anyone"), [])

    def load(self) -> None:
        self.model.show(self.queries, self.current_filter())

    def count_work(self):
        wanted = self.current_filter()
        return lambda queries: queries.count_conversations(wanted)

    def count_text(self, count: int) -> str:
        return ngettext("{count} conversation", "{count} conversations", count).format(count=format_number(count))

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("Conversations"))
        self.period_label.setText(_("&When"))
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&To"))
        self.venue_label.setText(_("&Venue"))
        self.staff_label.setText(_("Staff &member"))
        self.feature_label.setText(_("F&eature of practice"))
        self.mode_label.setText(_("&How"))
        for box, label in ((self.period_box, self.period_label), (self.from_edit, self.from_label),
                           (self.to_edit, self.to_label), (self.venue_box, self.venue_label),
                           (self.staff_box, self.staff_label), (self.feature_box, self.feature_label),
                           (self.mode_box, self.mode_label)):
            box.setAccessibleName(label.text().replace("&", ""))
        self.table.setAccessibleName(_("Conversations"))
        for edit in (self.from_edit, self.to_edit):
            edit.retranslate()
        self.period_box.fill(_("Any time"), [
            (THIS_MONTH, _("This month")), (LAST_MONTH, _("Last month")), (LAST_3_MONTHS, _("Last 3 months")),
            (LAST_12_MONTHS, _("Last 12 months")), (BETWEEN, _("Between two dates"))])
        self.feature_box.fill(_("Any feature"), [(c, vocab.FEATURES.label(c)) for c in vocab.FEATURES.codes])
        self.mode_box.fill(_("Any way"), [(c, vocab.CONVERSATION_MODES.label(c))
                                          for c in vocab.CONVERSATION_MODES.codes])
        if self.queries is not None:
            self.fill_choices()
        else:
            self.clear_filters()
