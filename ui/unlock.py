"""Getting into the workspace: create it, write down its recovery code, unlock it, or recover it.

``UnlockFlow`` is a stack of those pages; it emits ``unlocked`` once the
workspace is open. Key derivation (Argon2id, about 0.4 s) runs on the task
runner, never on the GUI thread. The store is imported only when a workspace
is first needed (``UnlockFlow.workspace``), and the pages a start does not show
(first run, recovery code, recovery) are built when first shown, so this screen
shows quickly.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from connector_app.errors import WrongPassphrase
from connector_app.i18n import _, ngettext
from connector_app.locations import workspace_exists
from connector_app.passphrase import UnlockThrottle
from ui.clipboard import CLIPBOARD_CLEAR_MS
from ui.passphrase_fields import PassphraseEdit, show_text_toggle
from ui.tasks import TaskRunner, failure_message
from ui.widgets import (
    BusyBar, CardPage, ElidedLabel, MessageLabel, button_row, heading, link_button, paragraph, primary_button,
    workspace_folder_text,
)

if TYPE_CHECKING:
    from connector_app.store.keyslots import KdfParams
    from connector_app.store.workspace import Workspace
    from ui.create_workspace import CreateWorkspacePage
    from ui.recovery import RecoveryPage
    from ui.recovery_code import RecoveryCodePage


class UnlockPage(CardPage):
    """Type the passphrase; repeated wrong tries make the next one wait a little longer."""

    unlocked = Signal()
    forgot_passphrase = Signal()

    def __init__(self, workspace_of: Callable[[], Workspace], path: Path, runner: TaskRunner, *,
                 throttle: UnlockThrottle | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_of = workspace_of  # the Workspace, made (and the store imported) when first asked for
        self.path = path
        self.runner = runner
        self.throttle = throttle or UnlockThrottle()
        self._busy = False
        self._wait_timer = QTimer(self, interval=1000)
        self._wait_timer.timeout.connect(self.update_wait)

        self.title = heading()
        self.intro = paragraph()
        self.folder_label = ElidedLabel()
        self.passphrase_label = QLabel()
        self.passphrase_edit = PassphraseEdit()
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.show_check = show_text_toggle([self.passphrase_edit])
        self.error = MessageLabel("error")
        self.wait_note = MessageLabel("notice")
        self.busy = BusyBar()
        self.forgot_button = link_button()
        self.unlock_button = primary_button()

        for widget in (self.title, self.intro, self.folder_label, self.passphrase_label, self.passphrase_edit):
            self.body.addWidget(widget)
        self.body.addWidget(self.show_check, 0, Qt.AlignLeading)  # its focus band as wide as its words
        for widget in (self.error, self.wait_note, self.busy):
            self.body.addWidget(widget)
        self.body.addLayout(button_row(self.unlock_button))
        self.body.addWidget(self.forgot_button, 0, Qt.AlignLeading)

        self.passphrase_edit.returnPressed.connect(self.submit)
        self.unlock_button.clicked.connect(self.submit)
        self.forgot_button.clicked.connect(self._forgot)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Unlock your workspace"))
        self.intro.setText(_("Your records are encrypted. Type your passphrase to open them."))
        self.folder_label.set_full_text(workspace_folder_text(self.path))
        self.passphrase_label.setText(_("Passphrase"))
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.show_check.setText(_("Show what I type"))
        self.forgot_button.setText(_("Forgot your passphrase? Use your recovery code"))
        self.unlock_button.setText(_("Unlocking…") if self._busy else _("Unlock"))
        if self.wait_note.isVisibleTo(self):
            self.update_wait()

    def focus_first_field(self) -> None:
        self.passphrase_edit.setFocus()

    def reset(self) -> None:
        """Back to a clean page, as after locking."""
        self.passphrase_edit.wipe()
        self.show_check.setChecked(False)
        self.error.clear_message()
        self.update_wait()

    # unlocking ---------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy or self.throttle.wait_seconds() > 0:
            return
        if not self.passphrase_edit.text():
            self.error.show_message(_("Type your passphrase first."))
            self.passphrase_edit.setFocus()
            return
        passphrase = self.passphrase_edit.take()
        workspace = self.workspace_of()
        self.error.clear_message()
        self._set_busy(True)
        self.runner.run(lambda control: workspace.unlock(passphrase), label=_("Unlocking…"),
                        on_success=self._unlocked, on_failure=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.passphrase_edit.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)
        self.retranslate()
        self._update_button()

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(not self._busy and self.throttle.wait_seconds() <= 0)

    def _unlocked(self, _store) -> None:
        self.throttle.succeeded()
        self._set_busy(False)
        self.reset()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        # Damage, a too-new workspace or a missing folder get their own words; none offers to delete.
        self.error.show_message(failure_message(exc))
        if isinstance(exc, WrongPassphrase):
            self.throttle.failed()
            self.update_wait()
        self.passphrase_edit.setFocus()

    # backing off -------------------------------------------------------------------

    def update_wait(self) -> None:
        """Show how long until the next try, or end the wait (runs every second while waiting)."""
        seconds = math.ceil(self.throttle.wait_seconds())
        if seconds > 0:
            self.wait_note.show_message(ngettext(
                "Too many wrong tries. You can try again in {seconds} second.",
                "Too many wrong tries. You can try again in {seconds} seconds.", seconds).format(seconds=seconds))
            if not self._wait_timer.isActive():
                self._wait_timer.start()
        else:
            self._wait_timer.stop()
            self.wait_note.clear_message()
            if self.passphrase_edit.isEnabled():
                self.passphrase_edit.setFocus()
        self._update_button()

    def _forgot(self) -> None:
        self.passphrase_edit.wipe()
        self.error.clear_message()
        self.forgot_passphrase.emit()


class UnlockFlow(QStackedWidget):
    """The pages before the records: which one shows depends on whether the workspace exists."""

    unlocked = Signal(object, str)  # the open Workspace, and a sentence for the status bar ("" for none)
    language_chosen = Signal(str)  # on the first-run page, before anything else is read

    def __init__(self, workspace_path: Path | str, runner: TaskRunner, *, kdf: KdfParams | None = None,
                 throttle: UnlockThrottle | None = None, clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
                 demo_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(workspace_path)
        self.kdf = kdf
        self.runner = runner
        self._workspace: Workspace | None = None
        self._demo_path = demo_path
        self._clipboard_clear_ms = clipboard_clear_ms
        # Built when first shown (most starts show only the unlock page): see the properties below.
        self._create_page: CreateWorkspacePage | None = None
        self._code_page: RecoveryCodePage | None = None
        self._recovery_page: RecoveryPage | None = None
        self._notice = ""  # said in the status bar once the recovery-code page is left
        self.unlock_page = UnlockPage(lambda: self.workspace, self.path, runner, throttle=throttle)
        self.addWidget(self.unlock_page)

        self.unlock_page.unlocked.connect(lambda: self.unlocked.emit(self.workspace, ""))
        self.unlock_page.forgot_passphrase.connect(lambda: self._show(self.recovery_page))
        self.show_start()

    @property
    def workspace(self) -> Workspace:
        """The workspace at ``path``; the first call loads the store (after the window has shown)."""
        if self._workspace is None:
            from connector_app.store.workspace import Workspace
            self._workspace = Workspace(self.path, kdf=self.kdf)
        return self._workspace

    @property
    def create_page(self) -> CreateWorkspacePage:
        """First run: choose a passphrase, or try the demo."""
        if self._create_page is None:
            from ui.create_workspace import CreateWorkspacePage
            page = CreateWorkspacePage(self.path, self.runner, kdf=self.kdf, demo_path=self._demo_path)
            page.created.connect(self._created)
            page.demo_opened.connect(lambda demo: self.unlocked.emit(demo, ""))
            page.language_box.chosen.connect(self.language_chosen)
            self.addWidget(page)
            self._create_page = page
        return self._create_page

    @property
    def code_page(self) -> RecoveryCodePage:
        """The recovery code, shown once: after a workspace is made, or after the code has been used."""
        if self._code_page is None:
            from ui.recovery_code import RecoveryCodePage
            self._code_page = RecoveryCodePage(self.runner, clipboard_clear_ms=self._clipboard_clear_ms)
            self._code_page.confirmed.connect(self._code_written)
            self.addWidget(self._code_page)
        return self._code_page

    @property
    def recovery_page(self) -> RecoveryPage:
        """Made the first time a passphrase is forgotten: it needs the store's code format."""
        if self._recovery_page is None:
            from ui.recovery import RecoveryPage
            self._recovery_page = RecoveryPage(lambda: self.workspace, self.runner)
            self._recovery_page.back.connect(lambda: self._show(self.unlock_page))
            self._recovery_page.unlocked.connect(self._recovered)
            self.addWidget(self._recovery_page)
        return self._recovery_page

    def _pages(self) -> list[QWidget]:
        return [self.widget(index) for index in range(self.count())]

    def show_start(self) -> None:
        """The unlock page, or the create page when there is no workspace yet."""
        self.unlock_page.reset()
        if self._recovery_page is not None:
            self._recovery_page.wipe()
        self._show(self.unlock_page if workspace_exists(self.path) else self.create_page)

    def retranslate(self) -> None:
        for page in self._pages():
            page.retranslate()

    def forget_secrets(self) -> None:
        """Take every secret off the screen and out of the clipboard (locking, closing)."""
        if self._code_page is not None:
            self._code_page.forget_code()
        self.unlock_page.reset()
        if self._recovery_page is not None:
            self._recovery_page.wipe()
        if self._create_page is not None:
            self._create_page.fields.wipe()
        self._notice = ""

    def lock_workspace(self) -> None:
        """Close the database if one was ever opened (closing the window)."""
        if self._workspace is not None:
            self._workspace.lock()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Focus asked for before the window was first shown is lost: ask again, so typing goes to the field.
        super().showEvent(event)
        self.currentWidget().focus_first_field()

    def _show(self, page: QWidget) -> None:
        self.setCurrentWidget(page)
        page.focus_first_field()

    def _created(self, workspace: Workspace, code: str | None) -> None:
        # Workspace.create hands back its own, unlocked, object: every page now works on that one.
        self._workspace = workspace
        if code:
            self.code_page.show_code(code, folder=self.path)
            self._show(self.code_page)
        else:
            self.unlocked.emit(workspace, "")

    def _recovered(self, new_code: str) -> None:
        """The code just used is spent: the new one is shown before the records."""
        self._notice = _("Your new passphrase is set, and so is your new recovery code. "
                         "The code you typed no longer works.")
        self.code_page.show_code(new_code, folder=self.path, replacing=True)
        self._show(self.code_page)

    def _code_written(self) -> None:
        notice, self._notice = self._notice, ""
        self.unlocked.emit(self.workspace, notice)
