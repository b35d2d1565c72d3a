"""Protected connecting time: log a session in seconds, and see each staff member's month against 2 hours.

The form starts at today, an hour, the staff member using the laptop and their
last venue, so logging a session is: type who it was with, Ctrl+S. Above it,
one bar per staff member for the month shown (previous and next month with the
buttons beside the month's name), and the month's sessions below. A session
half typed when the app locks comes back after unlocking (ui/form_base.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from connector_app.domain.records import ConnectingTime
from connector_app.i18n import _, format_date
from connector_app.store.activity_queries import ActivityQueries
from connector_app.store.month_figures import add_months, month_start
from ui.activity_models import SessionsModel, StaffTimeModel, TargetBarDelegate
from ui.form_base import SavingForm
from ui.list_page import ChoiceBox
from ui.operations.activity import log_connecting_time
from ui.widgets import heading, paragraph, row_table

DEFAULT_MINUTES = 60
BAR_WIDTH = 180
WATCHED = frozenset({"connecting_time", "staff", "venue"})


class ConnectingTimePage(SavingForm, QWidget):
    open_record = Signal(str, str)
    draft_kind = "connecting_time"

    def __init__(self, runner, parent: QWidget | None = None, *, today=date.today):
        QWidget.__init__(self, parent, objectName="pageBackground")
        self._today = today
        self.make_form_parts(None, runner)
        self.queries = self.activity = None
        self._defaulted: str | None = None  # the "who" the form chose itself (not the user): it may follow
        self.month = month_start(today())

        self.title = heading()
        self.intro = paragraph()
        self.previous_button, self.next_button, self.this_month_button = QPushButton(), QPushButton(), QPushButton()
        self.month_label = QLabel(objectName="subheading")
        self.month_label.setAlignment(Qt.AlignCenter)
        self.previous_button.clicked.connect(lambda: self.show_month(add_months(self.month, -1)))
        self.next_button.clicked.connect(lambda: self.show_month(add_months(self.month, 1)))
        self.this_month_button.clicked.connect(lambda: self.show_month(self._today()))
        months = QHBoxLayout()
        months.addWidget(self.previous_button)
        months.addWidget(self.month_label, 1)
        months.addWidget(self.next_button)
        months.addWidget(self.this_month_button)

        self.staff_model = StaffTimeModel(self)
        self.staff_table = row_table(self.staff_model)
        self.staff_table.setItemDelegateForColumn(StaffTimeModel.BAR, TargetBarDelegate(self.staff_table))
        self.staff_table.horizontalHeader().resizeSection(StaffTimeModel.BAR, BAR_WIDTH)
        self.sessions_label = QLabel(objectName="subheading")
        self.sessions_model = SessionsModel(self)
        self.sessions_table = row_table(self.sessions_model)
        self.sessions_label.setBuddy(self.sessions_table)

        self.form_box = QGroupBox()
        self.date_edit = QDateEdit(calendarPopup=True)
        self.minutes_spin = QSpinBox(minimum=5, maximum=720, singleStep=15, value=DEFAULT_MINUTES)
        self.staff_box, self.venue_box = ChoiceBox(), ChoiceBox()
        self.with_edit = QLineEdit()
        self.heard_edit, self.will_do_edit = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.heard_edit, self.will_do_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.setMaximumHeight(130)
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)  # labels above: the form is a narrow column
        self.form_labels = [QLabel() for _ in range(7)]
        fields = (self.date_edit, self.minutes_spin, self.staff_box, self.venue_box, self.with_edit,
                  self.heard_edit, self.will_do_edit)
        for label, field in zip(self.form_labels, fields):
            label.setBuddy(field)
            label.setWordWrap(True)
            form.addRow(label, field)
        form.addRow(self.message)
        form.addRow(self.save_button)

        left = QVBoxLayout()
        left.addLayout(months)
        left.addWidget(self.staff_table, 1)
        left.addWidget(self.sessions_label)
        left.addWidget(self.sessions_table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        # The form scrolls when the window is short (a long language, 200%), rather than its rows overlapping.
        form_scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        form_scroll.setFocusPolicy(Qt.NoFocus)   # Tab goes through its fields, not the frame around them
        form_scroll.setWidget(self.form_box)
        form_scroll.setMinimumWidth(self.form_box.minimumSizeHint().width())
        body.addWidget(form_scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        order = (self.previous_button, self.next_button, self.this_month_button, self.staff_table,
                 self.sessions_table, *fields, self.save_button)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.retranslate()

    # lifecycle ---------------------------------------------------------------------------

    def attach(self, workspace, reader) -> None:
        self.workspace, self.queries = workspace, reader
        self.activity = ActivityQueries(reader.connection)
        self.reset_form()
        self.show_month(self._today())
        self.keeper.start(workspace)

    def staff_changed(self, staff_id: str) -> None:
        """Who is using the laptop became known (after unlocking) or changed: the form's "who" follows,
        unless someone else was already chosen in it."""
        if self.queries is None or self.staff_box.currentData() not in (None, self._defaulted):
            return
        untouched = self.keeper.untouched()
        self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(staff_id)))
        self.venue_box.setCurrentIndex(max(0, self.venue_box.findData(self.queries.last_venue(staff_id))))
        self._defaulted = staff_id
        if untouched:
            self.keeper.rebase()   # the new defaults are not typing worth keeping

    def clear(self) -> None:
        self.keeper.stop()   # a lock has taken its draft first (ui/drafts.py take_all)
        self._defaulted = None
        self.workspace = self.queries = self.activity = None
        self.staff_model.clear()
        self.sessions_model.clear()
        for box in (self.staff_box, self.venue_box):
            box.clear()
        for edit in (self.with_edit, self.heard_edit, self.will_do_edit):
            edit.clear()
        self.message.clear_message()

    def records_changed(self, types: frozenset) -> None:
        if self.activity is None or not types & WATCHED:
            return
        if types & {"staff", "venue"}:
            self._fill_choices()
        self.show_month(self.month)

    # the month ------------------------------------------------------------------------------

    def show_month(self, day: date) -> None:
        self.month = month_start(day)
        # TRANSLATORS: {month} is a month and year, e.g. "November 2026".
        self.month_label.setText(_("Time in {month}").format(month=format_date(self.month, "LLLL y")))
        self.next_button.setEnabled(self.month < month_start(self._today()))
        if self.activity is None:
            return
        self.staff_model.set_rows(self.activity.staff_month(self.month))
        for column in (StaffTimeModel.NAME, StaffTimeModel.TIME):
            self.staff_table.resizeColumnToContents(column)
        self.sessions_model.show(self.activity, self.month)

    # the form ---------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        self.staff_box.fill(_("Choose a staff member"), self.queries.staff(active_only=True))
        self.venue_box.fill(_("No venue"), self.queries.venues())

    def reset_form(self) -> None:
        """Today, an hour, the staff member using the laptop and their last venue; nothing typed."""
        self._fill_choices()
        me = self.workspace.store.actor_id if self.workspace.store is not None else None
        self._defaulted = me
        if me is not None:
            self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(me)))
            self.venue_box.setCurrentIndex(max(0, self.venue_box.findData(self.queries.last_venue(me))))
        self.date_edit.setDate(QDate(self._today()))
        self.minutes_spin.setValue(DEFAULT_MINUTES)
        for edit in (self.with_edit, self.heard_edit, self.will_do_edit):
            edit.clear()

    def session(self) -> ConnectingTime:
        def typed(text: str) -> str | None:
            return text.strip() or None
        return ConnectingTime(
            staff_id=self.staff_box.currentData(), on_date=self.date_edit.date().toPython().isoformat(),
            minutes=self.minutes_spin.value(), venue_id=self.venue_box.currentData(),
            with_whom=typed(self.with_edit.text()), heard=typed(self.heard_edit.toPlainText()),
            will_do=typed(self.will_do_edit.toPlainText()))

    def operation(self):
        if self.staff_box.currentData() is None:
            self.message.show_message(_("Choose whose connecting time this was."))
            self.staff_box.setFocus()
            return None
        return log_connecting_time(self.workspace, self.session())

    def finish_save(self, session: ConnectingTime) -> None:
        if self.workspace is None:
            return  # locked meanwhile
        self.reset_form()
        self.show_month(date.fromisoformat(session.on_date))
        self.keeper.start(self.workspace)   # a fresh form, with a draft of its own

    # drafts (ui/form_base.py) -----------------------------------------------------------------

    def draft_fields(self) -> dict[str, QWidget]:
        return {"date": self.date_edit, "minutes": self.minutes_spin, "staff": self.staff_box,
                "venue": self.venue_box, "with": self.with_edit, "heard": self.heard_edit,
                "will_do": self.will_do_edit}

    def retranslate(self) -> None:
        self.title.setText(_("Protected connecting time"))
        self.intro.setText(_("Two hours a month for everyone in the team to talk with people in the community "
                             "and find out what matters to them."))
        self.previous_button.setText(_("&Previous month"))
        self.next_button.setText(_("Ne&xt month"))
        self.this_month_button.setText(_("This &month"))
        self.staff_table.setAccessibleName(_("Connecting time this month, by staff member"))
        self.staff_table.setAccessibleDescription(_("Each row gives the time logged against the 2-hour target."))
        self.sessions_label.setText(_("&Sessions logged this month"))
        self.sessions_table.setAccessibleName(_("Sessions logged this month"))
        self.form_box.setTitle(_("Log a session"))
        texts = (_("&Date"), _("How &long (minutes)"), _("Staff membe&r"), _("&Venue"), _("&With whom"),
                 _("What I &heard"), _("What I will &do"))
        fields = (self.date_edit, self.minutes_spin, self.staff_box, self.venue_box, self.with_edit,
                  self.heard_edit, self.will_do_edit)
        for label, field, text in zip(self.form_labels, fields, texts):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.with_edit.setPlaceholderText(_("For example: parents at the school gate"))
        self.save_button.setText(_("Save session (Ctrl+S)"))
        self.save_button.setAccessibleName(_("Save the session"))
        self.staff_model.retranslate()
        self.sessions_model.retranslate()
        self.show_month(self.month)
        if self.queries is not None:
            self._fill_choices()
