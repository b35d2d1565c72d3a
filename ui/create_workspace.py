"""First run: choose a passphrase, then write down the recovery code shown once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from connector_app.i18n import _, ngettext
from connector_app.store.keyslots import KdfParams
from connector_app.store.workspace import Workspace
from ui.language import LanguageBox
from ui.passphrase_fields import NewPassphraseFields
from ui.tasks import TaskRunner, failure_message
from ui.widgets import (
    BusyBar, CardPage, ElidedLabel, MessageLabel, button_row, heading, monospace_font, paragraph, primary_button,
    workspace_folder_text,
)

CLIPBOARD_CLEAR_MS = 10_000  # DESIGN.md: anything sensitive copied is cleared after 10 s
# Asks password managers and clipboard histories (KDE Klipper, Windows) not to keep a copy.
_SECRET_CLIPBOARD_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
}


class CreateWorkspacePage(CardPage):
    """Make a new encrypted workspace in the chosen folder."""

    created = Signal(object, object)  # the unlocked Workspace, the recovery code (str or None)

    def __init__(self, workspace_path: Path, runner: TaskRunner, *, kdf: KdfParams | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.runner = runner
        self.kdf = kdf  # None: the shipped Argon2id cost; tests pass a cheap one
        self._busy = False

        self.language_box = LanguageBox()  # first run: the language, before anything else is read
        self.title = heading()
        self.intro = paragraph()
        self.no_way_back = MessageLabel("warning")
        self.folder_label = ElidedLabel()
        self.fields = NewPassphraseFields()
        self.error = MessageLabel("error")
        self.busy = BusyBar()
        self.create_button = primary_button()
        self.create_button.setEnabled(False)

        self.body.addWidget(self.language_box, 0, Qt.AlignTrailing)
        for widget in (self.title, self.intro, self.no_way_back, self.folder_label, self.fields, self.error,
                       self.busy):
            self.body.addWidget(widget)
        self.body.addLayout(button_row(self.create_button))

        self.fields.readiness_changed.connect(self._update_button)
        self.fields.new_edit.returnPressed.connect(self.fields.confirm_edit.setFocus)
        self.fields.confirm_edit.returnPressed.connect(self.submit)
        self.create_button.clicked.connect(self.submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Create your workspace"))
        self.intro.setText(_(
            "Your records are kept encrypted on this laptop. Choose a passphrase to lock and unlock them: "
            "a few unrelated words are long and easy to remember."))
        self.no_way_back.show_message(_(
            "There is no way back without it. If you forget the passphrase and also lose the recovery code "
            "you will be shown next, nobody can open these records again, not even the people who made this app."))
        self.folder_label.set_full_text(workspace_folder_text(self.workspace_path))
        self.create_button.setText(_("Creating…") if self._busy else _("Create workspace"))
        self.fields.retranslate()

    def focus_first_field(self) -> None:
        self.fields.new_edit.setFocus()

    def _update_button(self) -> None:
        self.create_button.setEnabled(self.fields.is_ready() and not self._busy)

    def submit(self) -> None:
        if not self.fields.is_ready() or self._busy:
            return
        passphrase = self.fields.take_passphrase()
        path, kdf = self.workspace_path, self.kdf
        self.error.clear_message()
        self._set_busy(True)
        self.runner.run(lambda control: Workspace.create(path, passphrase, kdf=kdf), label=_("Creating…"),
                        on_success=self._created, on_failure=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.fields.setEnabled(not busy)
        self.retranslate()
        self._update_button()

    def _created(self, result: tuple[Workspace, str | None]) -> None:
        self._set_busy(False)
        workspace, code = result
        self.created.emit(workspace, code)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message(failure_message(exc))
        self.focus_first_field()


class RecoveryCodePage(CardPage):
    """Show the recovery code once; going on needs a tick saying it is written down."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS):
        super().__init__(parent)
        self._code = ""
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
        self.copy_note = MessageLabel("notice")
        self.written_check = QCheckBox()
        self.continue_button = primary_button()
        self.continue_button.setEnabled(False)

        for widget in (self.title, self.intro, self.code_box, self.advice):
            self.body.addWidget(widget)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        self.body.addLayout(copy_row)
        self.body.addWidget(self.copy_note)
        self.body.addWidget(self.written_check, 0, Qt.AlignLeading)
        self.body.addLayout(button_row(self.continue_button))

        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.written_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Write down your recovery code"))
        self.intro.setText(_(
            "If you ever forget your passphrase, this code opens your workspace. It is shown only this once."))
        self.advice.setText(_(
            "Write it on paper and keep it somewhere safe, away from this laptop. "
            "Anyone who has the code can open your records."))
        self.copy_button.setText(_("Copy"))
        self.written_check.setText(_("I have written down the recovery code"))
        self.continue_button.setText(_("Continue"))
        self.code_box.setAccessibleName(_("Recovery code: {code}").format(code=self._code) if self._code else "")
        if self.copy_note.isVisible():
            self._show_copy_state()

    def focus_first_field(self) -> None:
        self.copy_button.setFocus()

    def show_code(self, code: str) -> None:
        self._code = code
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
