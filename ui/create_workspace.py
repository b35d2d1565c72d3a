"""First run: choose a passphrase (the recovery code comes next, ui/recovery_code.py), or try the demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from connector_app.i18n import _, ngettext
from ui.language import LanguageBox
from ui.passphrase_fields import NewPassphraseFields
from ui.tasks import JobCancelled, TaskRunner, failure_message
from ui.widgets import (
    BusyBar, CardPage, ElidedLabel, MessageLabel, button_row, heading, link_button, paragraph, primary_button,
    workspace_folder_text,
)

if TYPE_CHECKING:
    from connector_app.store.keyslots import KdfParams
    from connector_app.store.workspace import Workspace


class CreateWorkspacePage(CardPage):
    """Make a new encrypted workspace in the chosen folder."""

    created = Signal(object, object)  # the unlocked Workspace, the recovery code (str or None)
    demo_opened = Signal(object)  # the demo Workspace, unlocked

    def __init__(self, workspace_path: Path, runner: TaskRunner, *, kdf: KdfParams | None = None,
                 demo_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.demo_path = demo_path  # None: the demo's own folder in the user data folder
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
        self.demo_note = paragraph()
        self.demo_button = link_button()
        self._making_demo = False  # its progress and Cancel also show in the window's status bar

        self.body.addWidget(self.language_box, 0, Qt.AlignTrailing)
        for widget in (self.title, self.intro, self.no_way_back, self.folder_label, self.fields, self.error,
                       self.busy):
            self.body.addWidget(widget)
        self.body.addLayout(button_row(self.create_button))
        self.body.addWidget(self.demo_note)
        self.body.addWidget(self.demo_button, 0, Qt.AlignLeading)
        self.demo_button.clicked.connect(self.open_demo)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.cancel_demo, context=Qt.WidgetWithChildrenShortcut)

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
        self.create_button.setText(_("Creating…") if self._busy and not self._making_demo else _("Create workspace"))
        self.demo_note.setText(_(
            "Not ready yet? The demo is a separate workspace full of made-up people, to try everything safely."))
        self.demo_button.setText(_("Try the demo"))
        self.demo_button.setAccessibleDescription(_("Opens a demo workspace of made-up people, kept apart from "
                                                    "your own records."))
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

        def create(control):
            from connector_app.store.workspace import Workspace
            return Workspace.create(path, passphrase, kdf=kdf)

        self.runner.run(create, label=_("Creating…"), on_success=self._created, on_failure=self._failed)

    def open_demo(self) -> None:
        """Make (the first time) and open the demo workspace: made-up people, a passphrase shown on screen."""
        if self._busy:
            return
        path, kdf = self.demo_path, self.kdf
        self.error.clear_message()
        self._making_demo = True
        self._set_busy(True)

        def work(control):
            from connector_app.demo import Cancelled, open_demo
            try:  # built aside and renamed into place at the end: a cancel leaves no demo folder
                return open_demo(path, kdf=kdf, progress=control.progress, should_cancel=control.should_cancel)
            except Cancelled:
                raise JobCancelled() from None

        def opened(workspace) -> None:
            self._set_busy(False)
            self.demo_opened.emit(workspace)

        def cancelled() -> None:
            self._set_busy(False)
            self.demo_button.setFocus()

        self.runner.run(work, label=_("Making the demo workspace…"), on_success=opened, on_failure=self._failed,
                        on_progress=self._demo_progress, on_cancelled=cancelled)

    def _demo_progress(self, done: int, total: int) -> None:
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)

    def cancel_demo(self) -> None:
        """Esc (or the status bar's Cancel) while the demo is being made: it stops, and nothing of it is kept."""
        if self._making_demo:
            self.runner.cancel_current()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        if not busy:
            self.busy.setRange(0, 0)  # moving again for the next job, until it reports progress
            self._making_demo = False
        self.fields.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)
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
