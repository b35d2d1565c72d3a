"""To do: follow-ups whose day has come and what-matters reviews due, the most overdue first.

What Home's "follow-ups due" and "reviews due" open. "Mine" is the staff member
using the laptop (``me()``) and what no one was named for; a row opens the person
it is about (``open_record`` with the row's own record type).
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtWidgets import QLabel, QWidget

from connector_app.i18n import _, format_number, ngettext
from connector_app.store.queries import DUE_FOLLOW_UP, DUE_REVIEW, DueFilter
from ui.list_models import DueModel
from ui.list_page import ChoiceBox, ListPage

MINE, EVERYONE = "mine", "everyone"


class DuePage(ListPage):
    def __init__(self, parent: QWidget | None = None, *, today=date.today):
        super().__init__(DueModel(), parent)
        self._today = today
        self.me: Callable[[], str | None] = lambda: None  # who is using the laptop (WorkspaceView sets it)
        self.kind_box, self.kind_label = ChoiceBox(), QLabel()
        self.whose_box, self.whose_label = ChoiceBox(), QLabel()
        for label, box in ((self.kind_label, self.kind_box), (self.whose_label, self.whose_box)):
            self.add_filter(label, box)
            box.currentIndexChanged.connect(self.reload)
        self.retranslate()

    def watched_types(self) -> frozenset:
        return frozenset({"follow_up", "what_matters", "small_step", "person"})

    def current_filter(self) -> DueFilter:
        mine = self.whose_box.currentData() != EVERYONE
        return DueFilter(by=self._today(), staff_id=self.me() if mine else None, kind=self.kind_box.currentData())

    def apply_filters(self, *, kind: str | None = None, mine: bool = True) -> None:
        """``kind``: DUE_FOLLOW_UP, DUE_REVIEW or None for both; ``mine``: only mine (and nobody's)."""
        for box, value in ((self.kind_box, kind), (self.whose_box, MINE if mine else EVERYONE)):
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(value), 0))
            box.blockSignals(False)
        self.reload()

    def staff_changed(self, _staff_id: str) -> None:
        """"Mine" means whoever uses the laptop now: chosen after unlocking (the list was read before), or switched."""
        if self.queries is not None:
            self.reload()

    def clear_filters(self) -> None:
        """Nothing typed or drawn from records to forget: the choices are fixed."""

    def load(self) -> None:
        self.model.show(self.queries, self.current_filter())

    def count_work(self):
        wanted = self.current_filter()
        return lambda queries: sum(queries.count_due(wanted)[:2])

    def count_text(self, count: int) -> str:
        return ngettext("{count} thing to do", "{count} things to do", count).format(count=format_number(count))

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("To do"))
        self.kind_label.setText(_("&Show"))
        self.whose_label.setText(_("&Whose"))
        for box, label in ((self.kind_box, self.kind_label), (self.whose_box, self.whose_label)):
            box.setAccessibleName(label.text().replace("&", ""))
        self.table.setAccessibleName(_("Follow-ups and reviews due"))
        self.kind_box.fill(_("Follow-ups and reviews"), [
            (DUE_FOLLOW_UP, _("Follow-ups due")), (DUE_REVIEW, _("Reviews of what matters due"))])
        # TRANSLATORS: "Mine" in a filter of things to do; "no one named" means no staff member was chosen.
        self.whose_box.fill(_("Mine, and those with no one named"), [(EVERYONE, _("Everyone's"))])
