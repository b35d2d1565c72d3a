"""The main window: the unlock flow while locked, the home page while unlocked.

Locking (Ctrl+L, the Lock button, or five idle minutes) clears every view at
once, forgets queued work, and closes the database as soon as any running job
has stopped.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from connector_app import __version__
from connector_app.i18n import _, available_languages, current_translator, native_language_name, set_language
from connector_app.passphrase import UnlockThrottle
from ui.clipboard import CLIPBOARD_CLEAR_MS, ClipboardWatch
from ui.demo_mode import DemoBanner, demo_status, demo_title
from ui.idle import IDLE_LOCK_MS, IdleCheckpoint, IdleWatcher, checkpoint
from ui.language import apply_to_qt, language_signals
from ui.reports_menu import ReportsMenu
from ui.settings import IDLE_LOCK_MINUTES, LANGUAGE, LAST_SCREEN, STAFF_MEMBER, WINDOW_GEOMETRY, Settings
from ui.settings_action import SettingsAction
from ui.staff_choice import StaffChoiceDialog
from ui.tasks import TaskRunner, failure_message
from ui.unlock import UnlockFlow

if TYPE_CHECKING:  # the store loads while the passphrase is typed, not before the window shows
    from connector_app.store.keyslots import KdfParams
    from connector_app.store.workspace import Workspace
    from ui.workspace_view import WorkspaceView

STATUS_MESSAGE_MS = 8000
# Loaded in the background once the window shows, while the passphrase is typed: unlocking then waits for none.
WARM_UP_MODULES = ("connector_app.store.workspace", "connector_app.store.queries", "connector_app.domain.records",
                   "connector_app.reports.monthly")


WARM_UP_AFTER_MS = 300


def warm_up() -> None:
    for name in WARM_UP_MODULES:
        importlib.import_module(name)


class MainWindow(QMainWindow):
    def __init__(self, workspace_path: Path | str, *, settings: Settings | None = None,
                 kdf: KdfParams | None = None, idle_timeout_ms: int | None = None,
                 throttle: UnlockThrottle | None = None, clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
                 demo_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.workspace: Workspace | None = None  # set while unlocked
        self.is_demo = False  # the demo workspace is open: marked in the title, a banner and the status bar
        self.runner = TaskRunner(self)
        self._idle_timeout_ms = idle_timeout_ms  # None: the IDLE_LOCK_MINUTES setting, read at each unlock
        self.idle = IdleWatcher(idle_timeout_ms or IDLE_LOCK_MS, self)
        self.idle.timed_out.connect(self.lock)
        self.checkpointer = IdleCheckpoint(self.runner, parent=self)
        self.recovery_dialog = None  # Workspace > New recovery code, while open
        self.clipboard = ClipboardWatch(self)

        self.flow = UnlockFlow(workspace_path, self.runner, kdf=kdf, throttle=throttle,
                               clipboard_clear_ms=clipboard_clear_ms, demo_path=demo_path)
        self.shell: WorkspaceView | None = None  # sidebar, home and the lists: built at the first unlock
        self.pages = QStackedWidget()
        self.pages.addWidget(self.flow)
        self.demo_banner = DemoBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)  # sync bundles dropped on the window
        self.flow.unlocked.connect(self._unlocked)
        self.flow.language_chosen.connect(self.choose_language)  # first run

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.resize(1000, 760)
        self.setMinimumSize(560, 480)
        self._restore_geometry()

        apply_to_qt()
        language_signals().changed.connect(self.retranslate)
        self.retranslate()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not getattr(self, "_warming", False):
            self._warming = True
            # After the first frame, not during it: the import holds Python's lock for much of its time.
            QTimer.singleShot(WARM_UP_AFTER_MS, lambda: threading.Thread(target=warm_up, name="warm-up",
                                                                         daemon=True).start())

    # building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.recovery_code_action = QAction(self, enabled=False)
        self.recovery_code_action.triggered.connect(self.new_recovery_code)
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
        self._language_actions: dict[str, QAction] | None = None  # made when the Language menu first opens

    @property
    def language_actions(self) -> dict[str, QAction]:
        """One checkable action per language. Naming each loads its CLDR data (a tenth of a second apiece),
        so they are made when the menu is first opened, not before the window shows."""
        if self._language_actions is None:
            self._language_actions = {}
            for code in available_languages():
                # Each language is named in itself, so a person can find theirs whatever is showing.
                action = QAction(native_language_name(code), self, checkable=True)
                action.triggered.connect(lambda _checked=False, chosen=code: self.choose_language(chosen))
                self.language_group.addAction(action)
                self._language_actions[code] = action
            self.language_menu.addActions(list(self._language_actions.values()))
            self._check_language()
        return self._language_actions

    def _check_language(self) -> None:
        current = current_translator().locale_name
        for code, action in (self._language_actions or {}).items():
            action.setChecked(code == current)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.workspace_menu = bar.addMenu("")
        self.workspace_menu.addAction(self.switch_staff_action)
        self.workspace_menu.addAction(self.recovery_code_action)
        self.preferences = SettingsAction(self)  # Settings… (Ctrl+,): ui/settings_action.py
        self.workspace_menu.addAction(self.preferences.action)
        self.workspace_menu.addAction(self.lock_action)
        self.workspace_menu.addSeparator()
        self.workspace_menu.addAction(self.quit_action)
        self.reports = ReportsMenu(self, self.runner, lambda: self.workspace.store if self.workspace else None)
        bar.addMenu(self.reports.menu)
        self.language_menu = bar.addMenu("")
        self.language_menu.aboutToShow.connect(lambda: self.language_actions)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.demo_label = QLabel(objectName="demoStatus")
        self.demo_label.hide()
        status.addPermanentWidget(self.demo_label)
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
        self.setWindowTitle(demo_title() if self.is_demo else _("Connector app"))
        self.demo_banner.retranslate()
        self.demo_label.setText(demo_status())
        self.workspace_menu.setTitle(_("&Workspace"))
        self.recovery_code_action.setText(_("New &recovery code…"))
        if self.recovery_dialog is not None:
            self.recovery_dialog.retranslate()
        self.lock_action.setText(_("&Lock"))
        self.switch_staff_action.setText(_("&Switch staff member…"))
        if self.staff_dialog is not None:
            self.staff_dialog.retranslate()
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Connector app"))
        self.job_cancel.setText(_("Cancel"))
        self._check_language()
        self.reports.retranslate()
        self.flow.retranslate()
        if self.shell is not None:
            self.shell.retranslate()

    # unlocked and locked ---------------------------------------------------------------

    @property
    def home(self):
        return self.shell.home if self.shell is not None else None

    def _build_shell(self) -> WorkspaceView:
        """The screens, made once at the first unlock: importing them loads the store and the reports."""
        from ui.workspace_view import WorkspaceView

        shell = WorkspaceView(self.flow.workspace.path, self.runner)
        shell.records.changed.connect(self.checkpointer.wrote)
        shell.sidebar.currentRowChanged.connect(lambda _row: self._remember_screen())
        shell.home.lock_requested.connect(self.lock)
        if self.settings is not None:
            shell.retention.use_settings(self.settings)  # the retention period (ui/retention.py RETENTION_MONTHS)
        self.workspace_menu.insertAction(self.switch_staff_action, shell.new_conversation_action)
        self.workspace_menu.insertAction(self.switch_staff_action, shell.find_action)
        self.pages.addWidget(shell)
        return shell

    def _unlocked(self, workspace: Workspace, notice: str) -> None:
        from connector_app.demo import is_demo, shown_passphrase

        self.workspace = workspace
        if self.shell is None:
            self.shell = self._build_shell()
        self._show_demo(is_demo(workspace.store), shown_passphrase(workspace.store))
        home = self.shell.home
        if getattr(home, "workspace_path", None) not in (None, workspace.path):  # the demo's folder, or back
            home.workspace_path = workspace.path
            home.retranslate()
        self.pages.setCurrentWidget(self.shell)
        self.shell.attach(workspace)
        self._show_last_screen()
        self.lock_action.setEnabled(True)
        self.switch_staff_action.setEnabled(True)
        self.recovery_code_action.setEnabled(not self.is_demo)  # the demo has no recovery code to replace
        self.reports.set_unlocked(True)
        self.choose_staff()
        self.preferences.follow_workspace()   # an open Settings shows the staff list and backups
        if self._idle_timeout_ms is None and self.settings is not None:  # as Settings says now
            self.idle.set_timeout_ms(max(1, self.settings.get(IDLE_LOCK_MINUTES)) * 60_000)
        self.idle.start()
        self.checkpointer.start(workspace)
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
        staff = self.shell.staff(active_only=True)
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
        name = dict(self.shell.staff()).get(staff_id, "")
        self.staff_label.setText(_("Working as {name}").format(name=name))
        self.refresh_home()  # Home shows this staff member's month
        self.shell.staff_changed(staff_id)
        self.preferences.follow_workspace()

    def refresh_home(self) -> None:
        self.shell.refresh_home()

    def lock(self) -> None:
        """Clear every view now; close the database once any running job has stopped."""
        workspace, self.workspace = self.workspace, None
        self.idle.stop()
        self.checkpointer.stop()
        self._close_recovery_dialog()
        if self.shell is not None:
            self.shell.clear()
        self.reports.set_unlocked(False)
        self.switch_staff_action.setEnabled(False)
        self.staff_label.clear()
        dialog, self.staff_dialog = self.staff_dialog, None
        if dialog is not None:  # it lists staff names: gone with the lock (closing it reports back first)
            dialog.close()
            dialog.deleteLater()
        self.flow.forget_secrets()
        self.runner.forget_all()
        self.clipboard.forget()
        self.lock_action.setEnabled(False)
        self.recovery_code_action.setEnabled(False)
        self.preferences.follow_workspace()   # an open Settings forgets staff names and backups
        self.statusBar().clearMessage()
        self._show_demo(False)
        self.flow.show_start()
        self.pages.setCurrentWidget(self.flow)
        if workspace is not None:
            drafts = self.shell.take_pending_drafts() if self.shell is not None else []
            from connector_app.sync.watch import write_on_leaving
            self.runner.run(lambda control: write_on_leaving(workspace.store), label=_("Writing the sync bundle…"),
                            on_failure=self._show_failure)  # into the shared sync folder, if one is set
            self.runner.run(lambda control: _checkpoint_and_lock(workspace, drafts), label=_("Locking…"),
                            on_failure=self._show_failure)

    # demo, recovery code, window memory -------------------------------------------------

    def _show_demo(self, demo: bool, passphrase: str = "") -> None:
        self.is_demo = demo
        if demo:
            self.demo_banner.show_demo(passphrase)
        else:
            self.demo_banner.hide()
        self.demo_label.setVisible(demo)
        self.setWindowTitle(demo_title() if demo else _("Connector app"))

    def new_recovery_code(self):
        """Workspace > New recovery code: the old code stops working; the new one is shown once."""
        from ui.recovery_code import NewRecoveryCodeDialog

        if self.workspace is None or self.is_demo:
            return None
        if self.recovery_dialog is None:
            self.recovery_dialog = NewRecoveryCodeDialog(self.workspace, self.runner, self)
            self.recovery_dialog.finished.connect(lambda _result: self._close_recovery_dialog())
            self.recovery_dialog.show()  # not modal: Ctrl+L still locks from inside it
        self.recovery_dialog.raise_()
        self.recovery_dialog.activateWindow()
        return self.recovery_dialog

    def _close_recovery_dialog(self) -> None:
        dialog, self.recovery_dialog = self.recovery_dialog, None
        if dialog is not None:
            dialog.forget()
            dialog.done(0)  # not reject(): locking closes it even before the new code is ticked as written
            dialog.deleteLater()

    def _restore_geometry(self) -> None:
        saved = self.settings.get(WINDOW_GEOMETRY) if self.settings is not None else ""
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))

    def _remember_screen(self) -> None:
        if self.settings is not None and self.workspace is not None and self.shell is not None:  # not the lock's reset
            self.settings.set(LAST_SCREEN, self.shell.current_screen())

    def _show_last_screen(self) -> None:
        last = self.settings.get(LAST_SCREEN) if self.settings is not None else ""
        if last in self.shell.screens:
            self.shell.show_screen(last)

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
        self.preferences.follow_workspace()  # an open Settings lists today's backup
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
        import html
        text = "".join((
            "<p><b>", html.escape(_("Connector app")), "</b><br>",
            html.escape(_("Version {version}").format(version=__version__)), "</p>",
            "<p>", html.escape(_("Encrypted, offline-first records for community connectors.")), "</p>",
            "<p>", html.escape(_("Free software under the GNU General Public Licence, version 3 or later.")), "</p>",
        ))
        QMessageBox.about(self, _("About Connector app"), text)

    # sync bundles dropped anywhere on the window are imported on the Sync screen ------------

    def _dropped_bundles(self, event) -> list:
        if self.shell is None or self.workspace is None:
            return []
        from ui.sync_page import bundle_paths
        return bundle_paths(event.mimeData())

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_bundles(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        paths = self._dropped_bundles(event)
        if paths:
            event.acceptProposedAction()
            self.shell.show_screen("sync")
            self.shell.sync.import_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.settings is not None:
            self.settings.set(WINDOW_GEOMETRY, self.saveGeometry().toBase64().data().decode("ascii"))
        workspace, self.workspace = self.workspace, None  # first: clearing the screens is not a choice to remember
        self.idle.stop()
        self.checkpointer.stop()
        self._close_recovery_dialog()
        if self.shell is not None:
            self.shell.clear()
        self.reports.close_all()
        self.flow.forget_secrets()
        self.clipboard.forget()
        self.runner.forget_all()
        self.runner.wait_for_worker()
        if workspace is not None:  # the real workspace or the demo
            from ui.sync_page import leave_bundle
            leave_bundle(workspace.store)
            _checkpoint_and_lock(workspace, self.shell.take_pending_drafts() if self.shell is not None else [])
        self.flow.lock_workspace()  # also covers a workspace just created, still on its recovery-code page
        super().closeEvent(event)


def _checkpoint_and_lock(workspace, drafts=()) -> None:
    """Locking, on the task runner: what open forms held kept as drafts (ui/drafts.py), the log folded
    into records.db, then the database closed."""
    try:
        if drafts:
            from ui.drafts import save_pending
            save_pending(workspace.store, drafts)
        checkpoint(workspace)
    finally:
        workspace.lock()

