"""The main window: the unlock flow while locked, the home page while unlocked.

Locking (Ctrl+L, the Lock button, or five idle minutes) clears every view at
once, forgets queued work, and closes the database as soon as any running job
has stopped.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QStackedWidget, QWidget

from connector_app import __version__
from connector_app.i18n import _, available_languages, current_locale, language_name, parse_locale, set_language
from connector_app.passphrase import UnlockThrottle
from connector_app.store.keyslots import KdfParams
from connector_app.store.workspace import Workspace
from ui.create_workspace import CLIPBOARD_CLEAR_MS
from ui.idle import IDLE_LOCK_MS, IdleWatcher
from ui.language import apply_to_qt, language_signals
from ui.reports import ReportsMenu
from ui.settings import LANGUAGE, Settings
from ui.staff_choice import STAFF_MEMBER, StaffChoiceDialog
from connector_app.sync.watch import write_on_leaving
from ui.sync_page import leave_bundle
from ui.tasks import TaskRunner, failure_message
from ui.unlock import UnlockFlow
from ui.workspace_view import WorkspaceView

STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    def __init__(self, workspace_path: Path | str, *, settings: Settings | None = None,
                 kdf: KdfParams | None = None, idle_timeout_ms: int = IDLE_LOCK_MS,
                 throttle: UnlockThrottle | None = None, clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.workspace: Workspace | None = None  # set while unlocked
        self.runner = TaskRunner(self)
        self.idle = IdleWatcher(idle_timeout_ms, self)
        self.idle.timed_out.connect(self.lock)

        self.flow = UnlockFlow(workspace_path, self.runner, kdf=kdf, throttle=throttle,
                               clipboard_clear_ms=clipboard_clear_ms)
        self.shell = WorkspaceView(self.flow.workspace.path, self.runner)  # sidebar, home and the lists
        self.home = self.shell.home
        self.shell.records.changed.connect(lambda _types: self.refresh_home())
        self.pages = QStackedWidget()
        self.pages.addWidget(self.flow)
        self.pages.addWidget(self.shell)
        self.setCentralWidget(self.pages)
        self.flow.unlocked.connect(self._unlocked)
        self.home.lock_requested.connect(self.lock)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.resize(1000, 760)
        self.setMinimumSize(560, 480)

        apply_to_qt()
        language_signals().changed.connect(self.retranslate)
        self.retranslate()

    # building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.switch_staff_action = QAction(self, enabled=False)
        self.switch_staff_action.triggered.connect(lambda: self.choose_staff(ask=True))
        self.staff_dialog: StaffChoiceDialog | None = None
        self.lock_action = QAction(self, shortcut=QKeySequence("Ctrl+L"), enabled=False)
        self.lock_action.setShortcutContext(Qt.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self, shortcut=QKeySequence.Quit, menuRole=QAction.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self, menuRole=QAction.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.language_group = QActionGroup(self, exclusive=True)
        self.language_actions: dict[str, QAction] = {}
        for code in available_languages():
            # Each language is named in itself, so a person can find theirs whatever is showing.
            action = QAction(language_name(code, parse_locale(code)), self, checkable=True)
            action.triggered.connect(lambda _checked=False, chosen=code: self.choose_language(chosen))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.workspace_menu = bar.addMenu("")
        self.workspace_menu.addAction(self.shell.new_conversation_action)
        self.workspace_menu.addAction(self.switch_staff_action)
        self.workspace_menu.addAction(self.lock_action)
        self.workspace_menu.addSeparator()
        self.workspace_menu.addAction(self.quit_action)
        self.reports = ReportsMenu(self, self.runner, lambda: self.workspace.store if self.workspace else None)
        bar.addMenu(self.reports.menu)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.staff_label = QLabel(objectName="muted")
        status.addPermanentWidget(self.staff_label)
        self.job_label = QLabel()
        self.job_progress = QProgressBar(objectName="busy")
        self.job_progress.setTextVisible(False)
        self.job_progress.setFixedSize(160, 6)
        self.job_cancel = QPushButton()
        self.job_cancel.clicked.connect(self.runner.cancel_current)
        for widget in (self.job_label, self.job_progress, self.job_cancel):
            status.addPermanentWidget(widget)
            widget.hide()
        self.runner.slow_job_started.connect(self._show_job)
        self.runner.progress.connect(self._show_job_progress)
        self.runner.busy_changed.connect(self._busy_changed)

    def retranslate(self, _code: str = "") -> None:
        self.setWindowTitle(_("Connector app"))
        self.workspace_menu.setTitle(_("&Workspace"))
        self.lock_action.setText(_("&Lock"))
        self.switch_staff_action.setText(_("&Switch staff member…"))
        if self.staff_dialog is not None:
            self.staff_dialog.retranslate()
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Connector app"))
        self.job_cancel.setText(_("Cancel"))
        current = str(current_locale())
        for code, action in self.language_actions.items():
            action.setChecked(code == current)
        self.reports.retranslate()
        self.flow.retranslate()
        self.shell.retranslate()

    # unlocked and locked ---------------------------------------------------------------

    def _unlocked(self, workspace: Workspace, notice: str) -> None:
        self.workspace = workspace
        self.pages.setCurrentWidget(self.shell)
        self.shell.attach(workspace)
        self.lock_action.setEnabled(True)
        self.switch_staff_action.setEnabled(True)
        self.reports.set_unlocked(True)
        self.choose_staff()
        self.idle.start()
        if notice:
            self.statusBar().showMessage(notice, STATUS_MESSAGE_MS * 2)
        self.refresh_home()
        self.runner.run(lambda control: workspace.daily_backup(), label=_("Saving today's backup…"),
                        on_success=self._backup_done, on_failure=self._backup_failed)

    def choose_staff(self, *, ask: bool = False) -> None:
        """Who is using the app: the one remembered on this laptop, or asked (see ui/staff_choice.py)."""
        workspace = self.workspace
        if workspace is None:
            return
        staff = workspace.store.queries.staff(active_only=True)
        remembered = self.settings.get(STAFF_MEMBER) if self.settings is not None else ""
        if not ask and remembered in {staff_id for staff_id, _name in staff}:
            self._set_staff(remembered)
            return
        if not staff:
            return
        self.staff_dialog = StaffChoiceDialog(staff, remembered, self)
        self.staff_dialog.chosen.connect(self._set_staff)
        self.staff_dialog.finished.connect(self._staff_chosen)
        self.staff_dialog.open()

    def _staff_chosen(self, _result: int = 0) -> None:
        """Back to work: the keyboard returns to the window, where it was."""
        dialog, self.staff_dialog = self.staff_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.activateWindow()
        self.shell.setFocus()

    def _set_staff(self, staff_id: str) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        workspace.store.actor_id = staff_id
        if self.settings is not None:
            self.settings.set(STAFF_MEMBER, staff_id)
        name = dict(workspace.store.queries.staff()).get(staff_id, "")
        self.staff_label.setText(_("Working as {name}").format(name=name))

    def refresh_home(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self.runner.run(lambda control: workspace.store.counts(), label=_("Counting records…"),
                        on_success=self.home.show_counts, on_failure=self._show_failure)

    def lock(self) -> None:
        """Clear every view now; close the database once any running job has stopped."""
        workspace, self.workspace = self.workspace, None
        self.idle.stop()
        self.shell.clear()
        self.reports.set_unlocked(False)
        self.switch_staff_action.setEnabled(False)
        self.staff_label.clear()
        if self.staff_dialog is not None:  # it lists staff names: gone with the lock
            self.staff_dialog.close()
            self.staff_dialog.deleteLater()
            self.staff_dialog = None
        self.flow.forget_secrets()
        self.runner.forget_all()
        self.lock_action.setEnabled(False)
        self.statusBar().clearMessage()
        self.flow.show_start()
        self.pages.setCurrentWidget(self.flow)
        if workspace is not None:
            self.runner.run(lambda control: write_on_leaving(workspace.store), label=_("Writing the sync bundle…"),
                            on_failure=self._show_failure)  # into the shared sync folder, if one is set
            self.runner.run(lambda control: workspace.lock(), label=_("Locking…"), on_failure=self._show_failure)

    @property
    def is_unlocked(self) -> bool:
        return self.workspace is not None

    # background job display -------------------------------------------------------------

    def _show_job(self, label: str) -> None:
        self.job_label.setText(label)
        self.job_progress.setRange(0, 0)  # moving until the job reports how far it is
        for widget in (self.job_label, self.job_progress, self.job_cancel):
            widget.show()

    def _show_job_progress(self, done: int, total: int) -> None:
        self.job_progress.setRange(0, max(total, 1))
        self.job_progress.setValue(done)

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            for widget in (self.job_label, self.job_progress, self.job_cancel):
                widget.hide()

    def _backup_done(self, made: Path | None) -> None:
        if made is not None and not self.statusBar().currentMessage():  # a recovery notice matters more
            self.statusBar().showMessage(_("Today's backup is saved."), STATUS_MESSAGE_MS)

    def _backup_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(_("Today's backup could not be saved: {reason}").format(
            reason=failure_message(exc)), STATUS_MESSAGE_MS * 2)

    def _show_failure(self, exc: BaseException) -> None:
        self.statusBar().showMessage(failure_message(exc), STATUS_MESSAGE_MS * 2)

    # language, about, closing -------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        set_language(code)  # every screen retranslates through language_signals()
        if self.settings is not None:
            self.settings.set(LANGUAGE, code)

    def show_about(self) -> None:
        text = "".join((
            "<p><b>", html.escape(_("Connector app")), "</b><br>",
            html.escape(_("Version {version}").format(version=__version__)), "</p>",
            "<p>", html.escape(_("Encrypted, offline-first records for community connectors.")), "</p>",
            "<p>", html.escape(_("Free software under the GNU General Public Licence, version 3 or later.")), "</p>",
        ))
        QMessageBox.about(self, _("About Connector app"), text)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.idle.stop()
        self.shell.clear()
        self.reports.close_all()
        self.flow.forget_secrets()
        self.runner.forget_all()
        self.runner.wait_for_worker()
        if self.workspace is not None:
            leave_bundle(self.workspace.store)
        self.flow.workspace.lock()  # also covers a workspace just created, still on its recovery-code page
        self.workspace = None
        super().closeEvent(event)
