"""People: the list with search, sort and filters (area, language, consent, ready for a next step, no activity since).

Other screens open it filtered with ``apply_filters`` (PeopleFilter's fields); "people
met" between two days, by a staff member, has no control of its own: the banner names it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _, format_date, format_number, language_name, ngettext
from connector_app.store.queries import SORT_LAST_ACTIVITY, SORT_NAME, PeopleFilter
from ui.list_models import PeopleModel
from ui.list_page import ChoiceBox, ListPage

# "No conversation since": months back from today.
QUIET_MONTHS = (3, 6, 12, 24)


class PeoplePage(ListPage):
    def __init__(self, parent: QWidget | None = None, *, today=date.today):
        super().__init__(PeopleModel(), parent)
        self._today = today
        self._met = PeopleFilter()  # only its met_* fields: set by apply_filters, shown in the banner
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.reload_soon)
        self.search_edit.returnPressed.connect(self.reload)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_edit)
        self.top.addWidget(self.search_label)
        self.top.addWidget(self.search_edit, 1)

        self.area_box, self.area_label = ChoiceBox(), QLabel()
        self.language_box, self.language_label = ChoiceBox(), QLabel()
        self.consent_box, self.consent_label = ChoiceBox(), QLabel()
        self.quiet_box, self.quiet_label = ChoiceBox(), QLabel()
        self.sort_box, self.sort_label = ChoiceBox(), QLabel()
        self.ready_box = QCheckBox()
        for label, box in ((self.area_label, self.area_box), (self.language_label, self.language_box),
                           (self.consent_label, self.consent_box), (self.quiet_label, self.quiet_box),
                           (self.sort_label, self.sort_box)):
            self.add_filter(label, box)
            box.currentIndexChanged.connect(self.reload)
        self.add_filter(None, self.ready_box)
        self.ready_box.toggled.connect(self.reload)
        self.setTabOrder(self.search_edit, self.area_box)
        self.retranslate()

    def watched_types(self) -> frozenset:
        return frozenset({"person", "conversation", "strength"})

    def current_filter(self) -> PeopleFilter:
        months = self.quiet_box.currentData()
        since = None if months is None else self._today() - timedelta(days=round(months * 30.44))
        return PeopleFilter(
            search=self.search_edit.text(), area=self.area_box.currentData(),
            language=self.language_box.currentData(), consent_scope=self.consent_box.currentData(),
            ready=self.ready_box.isChecked(), no_activity_since=since,
            met_since=self._met.met_since, met_until=self._met.met_until, met_by=self._met.met_by,
            connected=self._met.connected,
            sort=self.sort_box.currentData() or SORT_NAME)

    def apply_filters(self, **filters) -> None:
        """Show the list filtered as asked (PeopleFilter's field names); every other filter is reset."""
        wanted = PeopleFilter(**filters)  # an unknown name is a TypeError, not silently ignored
        controls = (self.search_edit, self.area_box, self.language_box, self.consent_box, self.quiet_box,
                    self.sort_box, self.ready_box)
        for control in controls:
            control.blockSignals(True)
        try:
            self.search_edit.setText(wanted.search)
            for box, value in ((self.area_box, wanted.area), (self.language_box, wanted.language),
                               (self.consent_box, wanted.consent_scope), (self.sort_box, wanted.sort)):
                box.setCurrentIndex(max(box.findData(value), 0) if value not in (None, SORT_NAME) else 0)
            self.quiet_box.setCurrentIndex(0)
            self.ready_box.setChecked(wanted.ready)
        finally:
            for control in controls:
                control.blockSignals(False)
        self._met = PeopleFilter(met_since=wanted.met_since, met_until=wanted.met_until, met_by=wanted.met_by,
                                 connected=wanted.connected)
        self._show_met()
        self.reload()

    def select_person(self, person_id: str) -> None:
        """Show one person: the list searched for their name, their row chosen (until a person page exists)."""
        name = self.queries.person_name(person_id) if self.queries is not None else None
        if name is None:
            return
        self.apply_filters(search=name)
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == person_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.setFocus()
                return

    def clear_banner_filter(self) -> None:
        self._met = PeopleFilter()
        self._show_met()
        self.reload()

    def _show_met(self) -> None:
        met = self._met
        if not met.meets:
            self.set_banner("")
            return
        start = format_date(met.met_since) if met.met_since else "…"
        end = format_date(met.met_until) if met.met_until else "…"
        staff = dict(self.queries.staff()).get(met.met_by, "") if self.queries is not None and met.met_by else ""
        if met.connected and staff:
            self.set_banner(_("Only people {staff} connected to a community asset from {start} to {end}").format(
                staff=staff, start=start, end=end))
        elif met.connected:
            self.set_banner(_("Only people connected to a community asset from {start} to {end}").format(
                start=start, end=end))
        elif staff:
            self.set_banner(_("Only people {staff} met in a conversation from {start} to {end}").format(
                staff=staff, start=start, end=end))
        else:
            self.set_banner(_("Only people met in a conversation from {start} to {end}").format(start=start, end=end))

    def fill_choices(self) -> None:
        if self.queries is None:
            return
        self.area_box.fill(_("Any area"), [(a, a) for a in self.queries.areas()])
        self.language_box.fill(_("Any language"), sorted(
            ((code, language_name(code)) for code in self.queries.languages_spoken()), key=lambda i: i[1].casefold()))

    def clear_filters(self) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.area_box.fill(_("Any area"), [])
        self.language_box.fill(_("Any language"), [])
        self._met = PeopleFilter()

    def load(self) -> None:
        self.model.show(self.queries, self.current_filter())

    def count_work(self):
        wanted = self.current_filter()
        return lambda queries: queries.count_people(wanted)

    def count_text(self, count: int) -> str:
        return ngettext("{count} person", "{count} people", count).format(count=format_number(count))

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("People"))
        self.search_label.setText(_("&Search"))
        self.search_edit.setPlaceholderText(_("Name or area"))
        self.search_edit.setAccessibleName(_("Search people by name or area"))
        self.area_label.setText(_("&Area"))
        self.language_label.setText(_("Lan&guage"))
        self.consent_label.setText(_("Co&nsent"))
        self.quiet_label.setText(_("No conversation &since"))
        self.sort_label.setText(_("S&ort by"))
        self.ready_box.setText(_("&Ready for a next step"))
        for box, label in ((self.area_box, self.area_label), (self.language_box, self.language_label),
                           (self.consent_box, self.consent_label), (self.quiet_box, self.quiet_label),
                           (self.sort_box, self.sort_label)):
            box.setAccessibleName(label.text().replace("&", ""))
        self.ready_box.setAccessibleName(_("Only people ready for a next step"))
        self.table.setAccessibleName(_("People"))
        self.consent_box.fill(_("Any consent"), [(code, vocab.CONSENT_SCOPES.label(code))
                                                 for code in vocab.CONSENT_SCOPES.codes])
        self.quiet_box.fill(_("Any time"), [(m, ngettext("{count} month ago", "{count} months ago", m).format(
            count=format_number(m))) for m in QUIET_MONTHS])
        self.sort_box.fill(_("Name"), [(SORT_LAST_ACTIVITY, _("Last conversation, newest first"))])
        if self.queries is not None:
            self.fill_choices()
        self._show_met()
