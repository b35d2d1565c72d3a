"""The recovery code, shown once: copied, printed or saved as a one-page PDF, and ticked as written down.

Shown after a workspace is made, after the code has been used (it is then
replaced at once), and from Workspace > New recovery code.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QDialog, QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from connector_app.i18n import _, current_translator, ngettext
from ui.clipboard import CLIPBOARD_CLEAR_MS
from ui.tasks import TaskRunner, failure_message
from ui.widgets import CardPage, MessageLabel, button_row, heading, monospace_font, paragraph, primary_button

# Asks password managers and clipboard histories (KDE Klipper, Windows) not to keep a copy.
_SECRET_CLIPBOARD_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
}


class RecoveryCodePage(CardPage):
    """Show the recovery code once; going on needs a tick saying it is written down."""

    confirmed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *,
                 clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS):
        super().__init__(parent)
        self.runner = runner
        self._code = ""
        self._folder = Path()
        self._replacing = False
        self.print_dialog = None  # QPrintDialog while open
        self._clipboard_timer = QTimer(self, singleShot=True, interval=clipboard_clear_ms)
        self._clipboard_timer.timeout.connect(self.clear_clipboard)

        self.title = heading()
        self.intro = paragraph()
        self.code_box = QFrame(objectName="recoveryCode")
        # The code reads left to right in every language, like a phone number.
        self.code_box.setLayoutDirection(Qt.LeftToRight)
        self.code_layout = QHBoxLayout(self.code_box)
        self.code_layout.setContentsMargins(12, 14, 12, 14)
        self.code_layout.setSpacing(8)
        self.advice = paragraph()
        self.copy_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.copy_note = MessageLabel("notice")
        self.written_check = QCheckBox()
        self.continue_button = primary_button()
        self.continue_button.setEnabled(False)

        for widget in (self.title, self.intro, self.code_box, self.advice):
            self.body.addWidget(widget)
        copy_row = QHBoxLayout()
        for button in (self.copy_button, self.print_button, self.save_button):
            copy_row.addWidget(button)
        copy_row.addStretch(1)
        self.body.addLayout(copy_row)
        self.body.addWidget(self.copy_note)
        self.body.addWidget(self.written_check, 0, Qt.AlignLeading)
        self.body.addLayout(button_row(self.continue_button))

        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.print_button.clicked.connect(self.print_code)
        self.save_button.clicked.connect(self.save_code)
        self.written_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Write down your new recovery code") if self._replacing
                           else _("Write down your recovery code"))
        self.intro.setText(_(
            "The old recovery code no longer works. If you ever forget your passphrase, this new code opens your "
            "workspace. It is shown only this once.") if self._replacing else _(
            "If you ever forget your passphrase, this code opens your workspace. It is shown only this once."))
        self.advice.setText(_(
            "Write it on paper and keep it somewhere safe, away from this laptop. "
            "Anyone who has the code can open your records."))
        self.copy_button.setText(_("Copy"))
        self.print_button.setText(_("Print…"))
        self.print_button.setAccessibleDescription(_("Print the code on a page that says what it is for."))
        self.save_button.setText(_("Save as PDF…"))
        self.save_button.setAccessibleDescription(_(
            "Save the code as a one-page PDF, for example on a USB stick you keep away from this laptop."))
        self.written_check.setText(_("I have written down the recovery code"))
        self.continue_button.setText(_("Continue"))
        self.code_box.setAccessibleName(_("Recovery code: {code}").format(code=self._code) if self._code else "")
        if self.copy_note.isVisible():
            self._show_copy_state()

    def focus_first_field(self) -> None:
        self.copy_button.setFocus()

    def show_code(self, code: str, *, folder: Path | str = "", replacing: bool = False) -> None:
        """Show ``code`` (for the workspace in ``folder``); ``replacing`` says an old code has just stopped working."""
        self._code = code
        self._folder = Path(folder)
        self._replacing = replacing
        self._clear_groups()
        for group in code.split("-"):
            label = QLabel(group, objectName="recoveryGroup")
            label.setFont(monospace_font(17, bold=True))
            label.setAlignment(Qt.AlignCenter)
            self.code_layout.addWidget(label)
        self.written_check.setChecked(False)
        self.copy_note.clear_message()
        self.retranslate()

    def shown_code(self) -> str:
        """The groups as displayed, joined: what a person would copy down."""
        return "-".join(self.code_layout.itemAt(i).widget().text() for i in range(self.code_layout.count()))

    def forget_code(self) -> None:
        """Remove the code from the screen (and the clipboard, if it is still there)."""
        self.clear_clipboard()
        self._clipboard_timer.stop()
        self._code = ""
        self._replacing = False
        if self.print_dialog is not None:
            self.print_dialog.reject()
        self._clear_groups()
        self.written_check.setChecked(False)
        self.copy_note.clear_message()
        self.retranslate()

    def copy_to_clipboard(self) -> None:
        if not self._code:
            return
        data = QMimeData()
        data.setText(self._code)
        for kind, value in _SECRET_CLIPBOARD_HINTS.items():
            data.setData(kind, value)
        QApplication.clipboard().setMimeData(data)
        self._clipboard_timer.start()
        self._show_copy_state()

    def clear_clipboard(self) -> None:
        """Empty the clipboard, but only if it still holds the code: never wipe what the person copied since."""
        clipboard = QApplication.clipboard()
        if self._code and clipboard.text() == self._code:
            clipboard.clear()
        if self.copy_note.isVisible():
            self._show_copy_state()

    def _show_copy_state(self) -> None:
        if self._clipboard_timer.isActive():
            seconds = round(self._clipboard_timer.interval() / 1000)
            self.copy_note.show_message(ngettext(
                "Copied. The clipboard will be emptied in {seconds} second.",
                "Copied. The clipboard will be emptied in {seconds} seconds.", seconds).format(seconds=seconds))
        else:
            self.copy_note.show_message(_("The clipboard has been emptied."))

    def _clear_groups(self) -> None:
        while self.code_layout.count():
            self.code_layout.takeAt(0).widget().deleteLater()

    def _continue(self) -> None:
        if self.written_check.isChecked():
            self.forget_code()
            self.confirmed.emit()

    # on paper -------------------------------------------------------------------------

    def _page_job(self, then) -> None:
        """Lay the code out on a page (ReportLab, off the GUI thread), then ``then(pdf_bytes)``."""
        code, folder, translator = self._code, self._folder, current_translator()
        if not code:
            return

        def make(control) -> bytes:
            from connector_app.reports.recovery_sheet import recovery_sheet_pdf
            return recovery_sheet_pdf(code, folder, translator)

        self.runner.run(make, label=_("Preparing the page…"), on_success=then, on_failure=self._paper_failed)

    def print_code(self) -> None:
        """Qt's print dialog; the page is printed as the saved PDF shows it."""
        def rendered(images) -> None:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter

            from ui.printing import paint_pages, prepare_printer
            if not self._code:
                return  # locked meanwhile
            printer = QPrinter(QPrinter.HighResolution)
            prepare_printer(printer, _("Recovery code"))
            dialog = QPrintDialog(printer, self)
            dialog.printer_kept = printer  # the dialog only borrows it
            dialog.setAccessibleName(_("Print the recovery code"))
            dialog.accepted.connect(lambda: paint_pages(printer, images))
            dialog.finished.connect(self._print_dialog_closed)
            self.print_dialog = dialog
            QDialog.open(dialog)  # QPrintDialog.open() itself wants a receiver: the plain window-modal open

        def render(pdf: bytes) -> None:
            from ui.printing import render_pages
            self.runner.run(lambda control: render_pages(pdf), label=_("Preparing the page…"),
                            on_success=rendered, on_failure=self._paper_failed)

        self._page_job(render)

    def _print_dialog_closed(self, _result: int = 0) -> None:
        dialog, self.print_dialog = self.print_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def save_code(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the recovery code"), "recovery-code.pdf",
                                                    _("PDF files (*.pdf)"))
        if not path:
            return

        def write(pdf: bytes) -> None:
            from connector_app.reports.pdf import write as write_pdf
            self.runner.run(lambda control: write_pdf(path, pdf, force=True), label=_("Saving…"),
                            on_success=lambda _none: self.copy_note.show_message(
                                _("Saved. Keep the file away from this laptop.")),
                            on_failure=self._paper_failed)

        self._page_job(write)

    def _paper_failed(self, exc: BaseException) -> None:
        self.copy_note.show_message(failure_message(exc))


class NewRecoveryCodeDialog(QDialog):
    """Workspace > New recovery code: asks first, then shows the new code (the old one stops working)."""

    def __init__(self, workspace, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.setMinimumWidth(560)
        self.question = paragraph()
        self.error = MessageLabel("error")
        self.cancel_button = QPushButton()
        self.make_button = primary_button()
        self.code_page = RecoveryCodePage(runner)
        self.code_page.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.cancel_button, self.make_button))
        layout.addWidget(self.code_page)
        self.cancel_button.clicked.connect(self.reject)
        self.make_button.clicked.connect(self.make_code)
        self.code_page.confirmed.connect(self.accept)
        self.finished.connect(lambda _result: self.forget())
        self.retranslate()
        self.make_button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New recovery code"))
        self.question.setText(_(
            "Make a new recovery code? The one you have now will stop working at once, so do this if it may "
            "have been seen or lost. You will be shown the new code to write down, print or save."))
        self.cancel_button.setText(_("Cancel"))
        self.make_button.setText(_("Make a new code"))
        self.code_page.retranslate()

    def make_code(self) -> None:
        workspace = self.workspace
        self.make_button.setEnabled(False)
        self.runner.run(lambda control: workspace.new_recovery_code(), label=_("Making a new recovery code…"),
                        on_success=self._made, on_failure=self._failed)

    def _made(self, code: str) -> None:
        for widget in (self.question, self.error, self.cancel_button, self.make_button):
            widget.hide()
        self.code_page.show_code(code, folder=self.workspace.path, replacing=True)
        self.code_page.show()
        self.code_page.focus_first_field()

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.error.show_message(failure_message(exc))

    def forget(self) -> None:
        """Off the screen and out of the clipboard (closing, locking)."""
        self.code_page.forget_code()

    def reject(self) -> None:
        if self.code_page.isVisible() and not self.code_page.written_check.isChecked():
            return  # the old code is gone: the new one must be written down before the dialog goes
        super().reject()
