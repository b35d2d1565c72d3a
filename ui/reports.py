"""The Reports menu's dialogs: the monthly summary and talent-spotting sheets, printed or saved.

Each document is computed and rendered by the core in a background job (with
progress and cancel), then printed through a preview or written where the
connector chooses. Dialogs close when the app locks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox,
    QVBoxLayout, QWidget,
)

from connector_app.i18n import _, current_translator, document_translator
from ui.tasks import JobCancelled, TaskRunner, failure_message
from ui.widgets import document_language_box

MONTHS_OFFERED = 24


def _cancellable(control) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if control.should_cancel():
            raise JobCancelled()
        control.progress(done, total)
    return progress


class _DocumentDialog(QDialog):
    """What both dialogs share: a form, a language choice, Print / Save buttons and a status line."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.form = QFormLayout()
        self.language = document_language_box()
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons)

    def add_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def translator(self):
        return document_translator(self.language.currentData() or "en_GB")

    def busy(self, message: str) -> None:
        self.status.setText(message)
        for button in self.findChildren(QPushButton):
            button.setEnabled(False)

    def idle(self, message: str = "") -> None:
        self.status.setText(message)
        for button in self.findChildren(QPushButton):
            button.setEnabled(True)

    def failed(self, exc: BaseException) -> None:
        self.idle(failure_message(exc))

    def cancelled(self) -> None:
        self.idle(_("Stopped."))

    def print_document(self, make: Callable, title: str) -> None:
        """Make the PDF and render its pages in the background, then show the print preview."""
        self.busy(_("Preparing the pages…"))

        def work(control):
            from ui.printing import render_pages
            data = make(control)
            return render_pages(data, progress=control.progress, should_cancel=control.should_cancel)

        def done(images) -> None:
            from ui.printing import print_with_preview  # loaded at first use: not before the window shows
            self.idle()
            self.preview = print_with_preview(self, images, title)

        self.runner.run(work, label=_("Preparing the pages…"), on_success=done, on_failure=self.failed,
                        on_cancelled=self.cancelled)

    def save_document(self, make: Callable, suggested: str, file_filter: str) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save as"), str(Path.home() / suggested), file_filter)
        if not path:
            return
        self.busy(_("Saving…"))

        def work(control):
            from connector_app.reports.pdf import write
            data = make(control)
            # check_output_path(path, force=True) from fileio (branch safety) is wired in by write() when merged.
            write(path, data, force=True)  # the save dialog has already asked before replacing a file
            return path

        self.runner.run(work, label=_("Saving…"), on_success=lambda saved: self.idle(
            _("Saved to {path}.").format(path=saved)), on_failure=self.failed, on_cancelled=self.cancelled)


class MonthlySummaryDialog(_DocumentDialog):
    def __init__(self, runner: TaskRunner, store_of: Callable, parent: QWidget | None = None,
                 today: date | None = None, suppress: bool = True):
        from connector_app.store.month_figures import add_months

        super().__init__(runner, parent)
        self.store_of = store_of
        self.setWindowTitle(_("Monthly activity summary"))
        t = current_translator()
        self.month = QComboBox()
        first = add_months((today or date.today()).replace(day=1), -1)  # last month is the one usually sent
        for back in range(-1, MONTHS_OFFERED):
            month = add_months(first, -back)
            self.month.addItem(t.format_month(month), month.isoformat())
        self.month.setCurrentIndex(1)
        self.staff = QComboBox()
        self.staff.addItem(_("The whole team"), None)
        self.internal = QCheckBox(_("Internal copy: show small numbers and staff names (do not share it)"))
        self.internal.setChecked(not suppress)  # the starting choice is a setting (ui/settings.py)
        self.form.addRow(_("Month"), self.month)
        self.form.addRow(_("Whose work"), self.staff)
        self.form.addRow(_("Language"), self.language)
        self.form.addRow("", self.internal)
        self.print_button = self.add_button(_("Print…"), self.print_summary)
        self.pdf_button = self.add_button(_("Save as PDF…"), lambda: self.save("pdf"))
        self.csv_button = self.add_button(_("Save as CSV…"), lambda: self.save("csv"))
        self.add_button(_("Close"), self.close)
        self._load_staff()

    def _load_staff(self) -> None:
        store = self.store_of()
        if store is None:
            return
        self.runner.run(lambda control: [(s.id, s.name) for s in store.staff.iter_all()],
                        on_success=self._show_staff, on_failure=self.failed)

    def _show_staff(self, staff: list[tuple[str, str]]) -> None:
        for staff_id, name in sorted(staff, key=lambda item: item[1].casefold()):
            self.staff.addItem(name, staff_id)

    def _maker(self, fmt: str) -> Callable:
        store, staff_id = self.store_of(), self.staff.currentData()
        month = date.fromisoformat(self.month.currentData())
        translator, suppress = self.translator(), not self.internal.isChecked()

        def make(control):
            from connector_app.reports.monthly import monthly_report
            if store is None or not store.is_open:
                raise JobCancelled()
            return monthly_report(store, month, staff_id=staff_id, fmt=fmt, translator=translator,
                                  suppress=suppress, progress=_cancellable(control))
        return make

    def print_summary(self) -> None:
        self.print_document(self._maker("pdf"), _("Monthly activity summary"))

    def save(self, fmt: str) -> None:
        name = f"summary-{self.month.currentData()[:7]}.{fmt}"
        file_filter = _("PDF files (*.pdf)") if fmt == "pdf" else _("CSV files (*.csv)")
        self.save_document(self._maker(fmt), name, file_filter)


class BlankSheetsDialog(_DocumentDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.setWindowTitle(_("Blank talent-spotting sheets"))
        self.copies = QSpinBox(minimum=1, maximum=500, value=10)
        self.form.addRow(_("How many"), self.copies)
        self.form.addRow(_("Language"), self.language)
        self.form.addRow("", QLabel(_("Each sheet gets its own sheet ID and QR code, so a filled-in sheet can be "
                                      "matched to what is typed in.")))
        self.add_button(_("Print…"), lambda: self.print_document(self._maker(), _("Talent-spotting sheet")))
        self.add_button(_("Save as PDF…"), lambda: self.save_document(self._maker(), "talent-sheets.pdf",
                                                                      _("PDF files (*.pdf)")))
        self.add_button(_("Close"), self.close)

    def _maker(self) -> Callable:
        translator, copies = self.translator(), self.copies.value()

        def make(control):
            from connector_app.reports.sheets import blank_sheets_pdf
            data, _ids = blank_sheets_pdf(translator, copies=copies)
            return data
        return make


class PersonSheetDialog(_DocumentDialog):
    """A person's own talent-spotting sheet: find them by name, choose what to include, print or save."""

    def __init__(self, runner: TaskRunner, store_of: Callable, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.store_of = store_of
        self.setWindowTitle(_("A person's talent-spotting sheet"))
        self.search = QLineEdit(placeholderText=_("Type part of their name"))
        self.search.returnPressed.connect(self.find)
        self.people = QComboBox()
        self.what_matters = QCheckBox(_("Include what matters to them (only if they are happy for it to be "
                                        "printed here)"))
        self.form.addRow(_("Find"), self.search)
        self.form.addRow(_("Person"), self.people)
        self.language.insertItem(0, _("Their language, if there is a translation"), "")
        self.language.setCurrentIndex(0)
        self.form.addRow(_("Language"), self.language)
        self.form.addRow("", self.what_matters)
        self.add_button(_("Find"), self.find)
        self.print_button = self.add_button(_("Print…"), lambda: self.print_document(
            self._maker(), _("Your talent-spotting sheet")))
        self.pdf_button = self.add_button(_("Save as PDF…"), lambda: self.save_document(
            self._maker(), "talent-sheet.pdf", _("PDF files (*.pdf)")))
        self.add_button(_("Close"), self.close)

    def find(self) -> None:
        store, text = self.store_of(), self.search.text().strip()
        if store is None or not text:
            return

        def work(control):
            hits = store.search(text, record_types=("person",), limit=50)
            return [(hit.record_id, store.people.get(hit.record_id).display_name) for hit in hits]

        self.runner.run(work, on_success=self._show_people, on_failure=self.failed)

    def _show_people(self, people: list[tuple[str, str]]) -> None:
        self.people.clear()
        for person_id, name in people:
            self.people.addItem(name, person_id)
        self.status.setText("" if people else _("Nobody by that name."))

    def _maker(self) -> Callable:
        store, person_id = self.store_of(), self.people.currentData()
        chosen, include = self.language.currentData(), self.what_matters.isChecked()
        fallback = str(current_translator().locale)

        def make(control):
            from connector_app.reports.sheets import person_sheet, person_sheet_pdf, sheet_language
            if store is None or not store.is_open or not person_id:
                raise JobCancelled()
            sheet = person_sheet(store, person_id, include_what_matters=include)
            return person_sheet_pdf(sheet, document_translator(sheet_language(sheet, chosen or None, fallback)))
        return make
