"""Forgotten passphrase: the recovery code opens the workspace and a new passphrase is set.

A code that has opened the workspace is spent: a new one is made at once and
shown (``unlocked`` carries it) before the records.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from connector_app.i18n import _, ngettext
from connector_app.store.keyslots import RECOVERY_GROUP_LEN, RECOVERY_GROUPS
from connector_app.store.workspace import Workspace
from ui.passphrase_fields import NewPassphraseFields
from ui.tasks import TaskRunner, failure_message
from ui.widgets import BusyBar, CardPage, MessageLabel, button_row, heading, monospace_font, paragraph, primary_button

CODE_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LEN


def _code_characters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


class RecoveryPage(CardPage):
    """Type the recovery code and choose a new passphrase; the workspace opens with it."""

    back = Signal()
    unlocked = Signal(str)  # the new recovery code, to be shown before the records

    def __init__(self, workspace_of: Callable[[], Workspace], runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_of = workspace_of
        self.runner = runner
        self._busy = False

        self.title = heading()
        self.intro = paragraph()
        self.code_label = QLabel()
        self.code_edit = QLineEdit(objectName="recoveryCodeEdit")
        self.code_edit.setFont(monospace_font(14))
        self.code_edit.setLayoutDirection(Qt.LeftToRight)  # the code reads left to right in every language
        self.code_edit.setMaxLength(CODE_LENGTH * 2)
        self.code_edit.setInputMethodHints(Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData)
        self.code_label.setBuddy(self.code_edit)
        self.fields = NewPassphraseFields()
        self.error = MessageLabel("error")
        self.busy = BusyBar()
        self.back_button = QPushButton()
        self.reset_button = primary_button()
        self.reset_button.setEnabled(False)

        for widget in (self.title, self.intro, self.code_label, self.code_edit, self.fields, self.error, self.busy):
            self.body.addWidget(widget)
        self.body.addLayout(button_row(self.back_button, self.reset_button))

        self.code_edit.textChanged.connect(self._update_button)
        self.code_edit.returnPressed.connect(self.fields.new_edit.setFocus)
        self.fields.readiness_changed.connect(self._update_button)
        self.fields.new_edit.returnPressed.connect(self.fields.confirm_edit.setFocus)
        self.fields.confirm_edit.returnPressed.connect(self.submit)
        self.reset_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self._go_back)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Use your recovery code"))
        self.intro.setText(_(
            "Type the recovery code you wrote down when this workspace was made, then choose a new passphrase. "
            "The old passphrase will stop working."))
        self.code_label.setText(_("Recovery code"))
        self.code_edit.setAccessibleName(_("Recovery code"))
        self.code_edit.setPlaceholderText("-".join(["XXXXX"] * RECOVERY_GROUPS))
        self.back_button.setText(_("Back"))
        self.reset_button.setText(_("Setting the new passphrase…") if self._busy
                                  else _("Set new passphrase and unlock"))
        self.fields.retranslate()

    def focus_first_field(self) -> None:
        self.code_edit.setFocus()

    def wipe(self) -> None:
        self.code_edit.setText("")
        self.fields.wipe()
        self.error.clear_message()

    def _update_button(self) -> None:
        ready = _code_characters(self.code_edit.text()) == CODE_LENGTH and self.fields.is_ready()
        self.reset_button.setEnabled(ready and not self._busy)

    def submit(self) -> None:
        if self._busy:
            return
        if _code_characters(self.code_edit.text()) != CODE_LENGTH:
            self.error.show_message(ngettext(
                "A recovery code has {count} letter or digit.", "A recovery code has {count} letters and digits.",
                CODE_LENGTH).format(count=CODE_LENGTH))
            self.code_edit.setFocus()
            return
        if not self.fields.is_ready():
            return
        code = self.code_edit.text()
        self.code_edit.setText("")
        new_passphrase = self.fields.take_passphrase()
        workspace = self.workspace_of()

        def recover(control) -> str:
            # Open with the code first: a wrong code then fails before anything on disk changes.
            workspace.unlock_with_recovery_code(code)
            try:
                workspace.reset_passphrase_with_recovery_code(code, new_passphrase)
                return workspace.new_recovery_code()  # the typed code is spent: it may have been seen
            except BaseException:
                workspace.lock()
                raise

        self.error.clear_message()
        self._set_busy(True)
        self.runner.run(recover, label=_("Setting the new passphrase…"),
                        on_success=self._recovered, on_failure=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.code_edit, self.fields, self.back_button):
            widget.setEnabled(not busy)
        self.retranslate()
        self._update_button()

    def _recovered(self, new_code: str) -> None:
        self._set_busy(False)
        self.unlocked.emit(new_code)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message(failure_message(exc))
        self.code_edit.setFocus()

    def _go_back(self) -> None:
        self.wipe()
        self.back.emit()
