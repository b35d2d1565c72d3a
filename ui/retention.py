"""Retention review: people with no activity for a while, each to erase or to keep with a note.

Nothing is kept longer than needed (UK GDPR): the list shows, oldest first,
everyone whose newest activity is older than the retention period (default
24 months; the setting ``RETENTION_MONTHS``). For each, "Erase…" opens the
erase dialog (ui/data_protection.py) and "Keep and note…" records a short
reason and today's date on the person (store/retention.py ``keep``), so they
leave the list until the period has passed again. The query is in
connector_app/store/retention.py; this screen only shows its pages.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from connector_app.i18n import _, format_number, ngettext
from connector_app.store.retention import DEFAULT_MONTHS, count_inactive, cutoff, inactive_page, keep
from ui.data_protection import erase_person
from ui.list_models import Column, KeysetModel, _day
from ui.list_page import ListPage
from ui.settings import Setting
from ui.tasks import failure_message
from ui.widgets import MessageLabel, button_row, heading, paragraph, primary_button

RETENTION_MONTHS = Setting("data_protection/retention_months", int, DEFAULT_MONTHS,
                           lambda: _("Retention review: months without activity"))
NOTE_MAX = 300  # Person.kept_note


def _kept(row) -> str:
    if not row.kept_on:
        return ""
    return _("{date}: {note}").format(date=_day(row.kept_on), note=row.kept_note or "")


class RetentionModel(KeysetModel):
    record_type = "person"  # Enter on a row opens the person
    columns = (
        Column(lambda: _("Name or pseudonym"), lambda r: r.name),
        Column(lambda: _("Last activity"), lambda r: _day(r.last_active)),
        Column(lambda: _("Area or neighbourhood"), lambda r: r.area),
        Column(lambda: _("Kept at the last review"), _kept),
    )

    def show(self, queries, before: date) -> None:
        self.set_source(lambda after, limit: inactive_page(queries.connection, before, after=after, limit=limit))


class KeepDialog(QDialog):
    """A short reason to keep someone's records; today is the date recorded."""

    def __init__(self, name: str, months: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Keep and note"))
        title = heading()
        title.setText(_("Keep {name}").format(name=name))
        explanation = paragraph()
        explanation.setText(ngettext(
            "Say briefly why their records are still needed, for example \"still comes to the sewing group\". "
            "They leave the review list and come back if there is no activity for another {count} month.",
            "Say briefly why their records are still needed, for example \"still comes to the sewing group\". "
            "They leave the review list and come back if there is no activity for another {count} months.",
            months).format(count=format_number(months)))
        label = QLabel(_("&Why they are kept"))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setAccessibleName(_("Why they are kept"))
        label.setBuddy(self.note_edit)
        self.keep_button = primary_button()
        self.keep_button.setText(_("&Keep"))
        self.keep_button.setAccessibleName(_("Keep their records"))
        self.keep_button.setDefault(True)
        self.keep_button.setEnabled(False)
        self.keep_button.clicked.connect(self.accept)
        cancel = QPushButton(_("Cancel"))
        cancel.setAccessibleName(_("Cancel, keeping no note"))
        cancel.clicked.connect(self.reject)
        self.note_edit.textChanged.connect(lambda text: self.keep_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (title, explanation, label, self.note_edit):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(button_row(cancel, self.keep_button))
        self.resize(520, 260)

    def note(self) -> str:
        return self.note_edit.text().strip()


class RetentionPage(ListPage):
    def __init__(self, runner, parent: QWidget | None = None, *, today=date.today):
        super().__init__(RetentionModel(), parent)
        self.runner, self.settings = runner, None
        self.workspace = None  # set by the workspace view on unlock, with attach(reader)
        self._today = today
        self.keep_dialog: KeepDialog | None = None
        self.explanation = paragraph()
        self.layout().insertWidget(1, self.explanation)
        self.months_label, self.months_spin = QLabel(), QSpinBox(minimum=1, maximum=240, value=DEFAULT_MONTHS)
        self.months_label.setBuddy(self.months_spin)
        self.months_spin.valueChanged.connect(self._months_changed)
        self.top.addWidget(self.months_label)
        self.top.addWidget(self.months_spin)
        self.top.addStretch(1)
        self.message = MessageLabel()
        self.erase_button, self.keep_button, self.open_button = QPushButton(), QPushButton(), QPushButton()
        self.erase_button.clicked.connect(self.erase_selected)
        self.keep_button.clicked.connect(self.keep_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.layout().addWidget(self.message)
        self.layout().addLayout(button_row(self.open_button, self.keep_button, self.erase_button))
        self.model.modelReset.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate()
        self._selection_changed()

    # the period ---------------------------------------------------------------------------

    def use_settings(self, settings) -> None:
        """Read the period from the app's settings and remember changes there."""
        self.settings = settings
        self.months_spin.setValue(settings.get(RETENTION_MONTHS))

    def _months_changed(self, months: int) -> None:
        if self.settings is not None:
            self.settings.set(RETENTION_MONTHS, months)
        self.reload_soon()

    def before(self) -> date:
        return cutoff(self._today(), self.months_spin.value())

    # the list (ListPage's hooks) --------------------------------------------------------------
    # Read only while on screen: finding the inactive looks at everyone (about 0.4 s on the
    # 20,000-person demo), which unlocking and every save must not wait for.

    def attach(self, queries, counter=None) -> None:
        self.queries, self.counter, self._stale = queries, counter, True
        if self.isVisible():
            self._read_now()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.queries is not None and getattr(self, "_stale", False):
            self._read_now()

    def _read_now(self) -> None:
        self._stale = False
        super().attach(self.queries, self.counter)

    def records_changed(self, types: frozenset) -> None:
        if not self.isVisible():
            self._stale = self.queries is not None
            return
        super().records_changed(types)

    def watched_types(self) -> frozenset:
        return frozenset({"person", "conversation", "what_matters", "checkin", "strength", "connection"})

    def clear_filters(self) -> None:
        """Nothing typed to forget: the period is not record text."""

    def load(self) -> None:
        self.model.show(self.queries, self.before())

    def count_work(self):
        before = self.before()
        return lambda queries: count_inactive(queries.connection, before)

    def count_text(self, count: int) -> str:
        return ngettext(
            "{count} person with no activity since {date}", "{count} people with no activity since {date}",
            count).format(count=format_number(count), date=_day(self.before().isoformat()))

    def clear(self) -> None:
        if self.keep_dialog is not None:
            self.keep_dialog.reject()
        self.message.clear_message()
        self.workspace = None
        super().clear()

    # actions -------------------------------------------------------------------------------

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected() is not None
        for button in (self.erase_button, self.keep_button, self.open_button):
            button.setEnabled(chosen)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_record.emit("person", row.id)

    def erase_selected(self):
        row = self.selected()
        if row is None or self.workspace is None:
            return None
        return erase_person(self.window(), self.workspace, self.runner, row.id)

    def keep_selected(self) -> KeepDialog | None:
        row = self.selected()
        if row is None or self.workspace is None:
            return None
        self.keep_dialog = KeepDialog(row.name, self.months_spin.value(), self)
        self.keep_dialog.accepted.connect(lambda person_id=row.id: self._keep(person_id))
        self.keep_dialog.finished.connect(self._keep_closed)
        self.keep_dialog.open()
        return self.keep_dialog

    def _keep(self, person_id: str) -> None:
        store, note, today = self.workspace.store, self.keep_dialog.note(), self._today()
        self.runner.run(lambda control: keep(store, person_id, note, today), label=_("Saving…"),
                        on_failure=lambda exc: self.message.show_message(failure_message(exc)))

    def _keep_closed(self, _result: int) -> None:
        dialog, self.keep_dialog = self.keep_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("Retention review"))
        self.explanation.setText(_(
            "People with no activity for a while: no conversation, what-matters note, check-in, strength or "
            "connection. Keep records no longer than needed: erase those you no longer need, or keep them with a "
            "short note, and they leave this list until the period has passed again."))
        self.months_label.setText(_("No activity for (&months)"))
        self.months_spin.setAccessibleName(_("Months without activity"))
        self.table.setAccessibleName(_("People with no recent activity"))
        self.open_button.setText(_("&Open"))
        self.open_button.setAccessibleName(_("Open the person's page"))
        self.keep_button.setText(_("&Keep and note…"))
        self.keep_button.setAccessibleName(_("Keep this person, with a note"))
        self.erase_button.setText(_("&Erase…"))
        self.erase_button.setAccessibleName(_("Erase this person…"))
