"""The Sync screen: the team, bundles in and out, the watched folder, and whether laptops match.

Every store call runs on the TaskRunner (off the GUI thread, one job at a time), so
the screen never freezes and never touches the database from two threads. Import
and export show progress and can be cancelled: a cancelled import keeps nothing
(one transaction), a cancelled export leaves no file. Bundle files dropped on the
screen (or on the window: MainWindow forwards drops to ``import_files``) are imported.
The watched folder is scanned when it changes (QFileSystemWatcher) and every
POLL_MS as well, since network drives do not always report changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from connector_app.domain.records import BY_NAME
from connector_app.i18n import _, format_number, is_right_to_left, ngettext
from connector_app.sync import watch
from connector_app.sync.duplicates import found_after_import
from connector_app.sync.exchange import ImportResult, export_bundle, import_bundle
from connector_app.sync.watch import write_on_leaving
from connector_app.sync.status import age_text, grouped_digest, sync_status
from connector_app.sync.membership import switch_summary
from connector_app.sync.team import BadJoinCode, create_team, join_team, leave_team, team_of_code
from ui.tasks import JobCancelled, failure_message
from ui.widgets import ElidedLabel, MessageLabel, heading, left_to_right, monospace_font, paragraph

POLL_MS = 60_000


def bundle_paths(mime) -> list[Path]:
    """The bundle files in a drop (QMimeData): what MainWindow's dropEvent passes to ``import_files``."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()
            and url.toLocalFile().lower().endswith(watch.SUFFIX)] if mime.hasUrls() else []



SYNC = "sync"  # its name in the workspace view's screen table


def join_question(switch) -> str:
    """What joining means for the records here, in the connector's words (sync/membership.py)."""
    parts = []
    if switch.other_teams:
        parts.append(ngettext(
            "{count} record from another team stays on this laptop and will not be shared with this team.",
            "{count} records from another team stay on this laptop and will not be shared with this team.",
            switch.other_teams).format(count=format_number(switch.other_teams)))
    if switch.earlier:
        parts.append(ngettext("{count} record here was made while this laptop was in no team.",
                              "{count} records here were made while this laptop was in no team.",
                              switch.earlier).format(count=format_number(switch.earlier)))
        parts.append(_("Share them with this team, or keep them on this laptop only?"))
    return "\n\n".join(parts)

class SyncPage(QWidget):
    open_record = Signal(str, str)
    imported = Signal()

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.workspace = None
        self.status = None
        self.setAcceptDrops(True)
        self.folder_watcher = QFileSystemWatcher(self)
        self.folder_watcher.directoryChanged.connect(lambda _path: self.scan_folder(automatic=True))
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(lambda: self.scan_folder(automatic=True))
        self._scan_when_shown = False
        self.join_confirm: QMessageBox | None = None  # asks before joining (what stays here, what is shared)
        self._stale = True
        self._folder_pairs = 0  # likely duplicates found after the folder last brought people

        self.title = heading()
        self.intro = paragraph()
        # Team
        self.team_box = QGroupBox()
        self.team_state = paragraph()
        self.create_button = QPushButton(clicked=self.create_team)
        self.code_button = QPushButton(clicked=self.toggle_code)
        self.code_label = QLabel(objectName="joinCode")
        self.code_label.setFont(monospace_font(15, bold=True))
        self.code_label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.code_label.setFocusPolicy(Qt.TabFocus)
        self.code_label.hide()
        self.join_edit = QLineEdit()
        self.join_edit.returnPressed.connect(self.join_team)
        self.join_button = QPushButton(clicked=self.join_team)
        self.leave_button = QPushButton(clicked=self.leave_team)
        team = QVBoxLayout(self.team_box)
        team.addWidget(self.team_state)
        team.addWidget(self.code_label)
        join_row = QHBoxLayout()
        join_row.addWidget(self.join_edit, 1)
        join_row.addWidget(self.join_button)
        team.addLayout(join_row)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.code_button, self.leave_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        team.addLayout(buttons)
        # Bundles
        self.bundle_box = QGroupBox()
        self.export_button = QPushButton(clicked=self.choose_export)
        self.everything_check = QCheckBox()
        self.import_button = QPushButton(clicked=self.choose_import)
        self.cancel_button = QPushButton(clicked=self.runner.cancel_current)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = MessageLabel("notice")
        self.import_offer = self._offer_button()
        self.error = MessageLabel("error")
        bundles = QVBoxLayout(self.bundle_box)
        row = QHBoxLayout()
        for widget in (self.export_button, self.everything_check):
            row.addWidget(widget)
        row.addStretch(1)
        bundles.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        bundles.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        bundles.addLayout(row)
        bundles.addWidget(self.message)
        bundles.addLayout(_row(self.import_offer))
        bundles.addWidget(self.error)
        self.drop_hint = paragraph(name="muted")
        bundles.addWidget(self.drop_hint)
        # Watched folder
        self.folder_box = QGroupBox()
        self.folder_label = ElidedLabel()
        self.folder_button = QPushButton(clicked=self.choose_folder)
        self.folder_off_button = QPushButton(clicked=self.stop_folder)
        self.scan_button = QPushButton(clicked=lambda: self.scan_folder())
        self.folder_report = paragraph()
        self.folder_report.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.folder_report.setFocusPolicy(Qt.TabFocus)  # a screen reader reaches every file's status
        self.folder_offer = self._offer_button()
        folder = QVBoxLayout(self.folder_box)
        folder.addWidget(self.folder_label)
        row = QHBoxLayout()
        for button in (self.folder_button, self.scan_button, self.folder_off_button):
            row.addWidget(button)
        row.addStretch(1)
        folder.addLayout(row)
        folder.addWidget(self.folder_report)
        folder.addLayout(_row(self.folder_offer))
        # What happened, and whether laptops match
        self.state_box = QGroupBox()
        self.last_import_label = paragraph()
        self.peers_label = paragraph()
        self.digest_label = QLabel()
        self.digest_label.setFont(monospace_font(13, bold=True))
        self.digest_label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.digest_label.setFocusPolicy(Qt.TabFocus)
        self.digest_hint = paragraph(name="muted")
        self.duplicates_button = QPushButton(clicked=self.review_duplicates)
        self.duplicates_dialog = None
        state = QFormLayout(self.state_box)
        state.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        state.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.last_import_title, self.peers_title, self.digest_title = QLabel(), QLabel(), QLabel()
        state.addRow(self.last_import_title, self.last_import_label)
        state.addRow(self.peers_title, self.peers_label)
        state.addRow(self.digest_title, self.digest_label)
        state.addRow(self.digest_hint)
        state.addRow(self.duplicates_button)

        column = QWidget(objectName="pageBackground")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        for widget in (self.title, self.intro, self.team_box, self.bundle_box, self.folder_box, self.state_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        scroll.setWidget(column)
        scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the screen's controls, not to an unnamed frame around them
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()
        self._show_status(None)

    # the screen contract -----------------------------------------------------------------

    def attach(self, workspace, _reader=None) -> None:  # reads through the workspace's own store
        self.workspace = workspace
        self.refresh()

    def clear(self) -> None:
        """Locking: forget the team's code, the digest and every count shown."""
        self.workspace = None
        self.status = None
        self.poll.stop()
        if self.duplicates_dialog is not None:
            dialog, self.duplicates_dialog = self.duplicates_dialog, None
            dialog.forget()
            dialog.reject()
        if self.folder_watcher.directories():
            self.folder_watcher.removePaths(self.folder_watcher.directories())
        if self.join_confirm is not None:
            dialog, self.join_confirm = self.join_confirm, None
            dialog.reject()
        self.join_edit.clear()
        self.message.clear_message()
        self.error.clear_message()
        self.folder_report.clear()
        self._duplicates_reviewed()
        self._busy(False)
        self._show_status(None)

    def records_changed(self, types: frozenset) -> None:
        """The check code sums every shared record: worked out again only when the screen is seen."""
        self._stale = True
        if self.workspace is not None and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale and self.workspace is not None:
            self.refresh()

    # jobs ----------------------------------------------------------------------------------

    def _run(self, work, label: str, on_success=None, *, then_refresh=lambda result: True) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self.error.clear_message()

        def done(result):
            if on_success is not None and self.workspace is workspace:
                on_success(result)
            if self.workspace is workspace and then_refresh(result):
                self.refresh()

        self.runner.run(lambda control: work(workspace.store, control), label=label, on_success=done,
                        on_failure=self._failed, on_progress=self._progressed, on_cancelled=self._cancelled)

    def refresh(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self._stale = False
        self.runner.run(lambda control: sync_status(workspace.store), label=_("Reading the sync status…"),
                        on_success=lambda status: self._show_status(status) if self.workspace is workspace
                        else None, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.error.show_message(failure_message(exc))

    def _cancelled(self) -> None:
        self._busy(False)
        self.message.show_message(_("Stopped. Nothing was changed."))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(busy)
        self.progress.setRange(0, 0)
        for widget in (self.export_button, self.import_button, self.team_box, self.folder_box):
            widget.setEnabled(not busy)

    # team ------------------------------------------------------------------------------------

    def create_team(self) -> None:
        self._run(lambda store, control: create_team(store), _("Creating the team…"),
                  lambda _team: self.message.show_message(
                      _("The team is ready. Show the join code to each laptop that should join.")))

    def toggle_code(self) -> None:
        showing = not self.code_label.isVisible() and self.status is not None and self.status.join_code
        self.code_label.setText(left_to_right(self.status.join_code) if showing else "")
        self.code_label.setVisible(bool(showing))
        self.code_button.setText(_("Hide the join code") if showing else _("Show the join code"))

    def join_team(self) -> None:
        code = self.join_edit.text()
        if not code.strip():
            self.error.show_message(_("Type the join code shown on the hub laptop first."))
            self.join_edit.setFocus()
            return
        try:
            team = team_of_code(code)
        except BadJoinCode as exc:
            self.error.show_message(exc.message())
            self.join_edit.setFocus()
            return
        # First count what stays here (on the runner: it owns the store), then ask, then join.
        self._run(lambda store, control: switch_summary(store.connection, team.team_id), _("Joining the team…"),
                  lambda switch: self._confirm_join(code, switch), then_refresh=lambda _result: False)

    def _confirm_join(self, code: str, switch) -> None:
        if not (switch.other_teams or switch.earlier):
            self._join(code, True)
            return
        self.join_confirm = box = QMessageBox(QMessageBox.Question, _("Join this team?"), "", parent=self)
        box.setText(join_question(switch))
        box.setTextFormat(Qt.PlainText)
        box.setAccessibleName(_("Join this team?"))
        if switch.earlier:
            share = box.addButton(_("Join and share them"), QMessageBox.AcceptRole)
            keep = box.addButton(_("Join, keep them on this laptop"), QMessageBox.AcceptRole)
        else:
            share = keep = box.addButton(_("Join"), QMessageBox.AcceptRole)
        box.addButton(QMessageBox.Cancel).setText(_("Cancel"))
        box.setDefaultButton(QMessageBox.Cancel)

        def answered(_result) -> None:
            clicked = box.clickedButton()
            if self.join_confirm is box and clicked in (share, keep):
                self._join(code, clicked is share)
        box.finished.connect(answered)
        box.open()

    def _join(self, code: str, share_earlier: bool) -> None:
        self._run(lambda store, control: join_team(store, code, share_earlier=share_earlier), _("Joining the team…"),
                  lambda _team: (
                      self.join_edit.clear(),
                      self.message.show_message(_("This laptop is in the team. Import a full bundle from the hub "
                                                  "laptop to receive the team's records."))))

    def leave_team(self) -> None:
        answer = QMessageBox.question(
            self, _("Leave the team?"),
            _("This laptop stops exchanging bundles with the team. Every record stays on this laptop. The team's "
              "records will never be sent to another team; they are shared again only if this laptop rejoins "
              "this team."),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer == QMessageBox.Yes:
            self._run(lambda store, control: leave_team(store), _("Leaving the team…"),
                      lambda _none: self.message.show_message(_("This laptop has left the team.")))

    # bundles ---------------------------------------------------------------------------------

    def choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the sync bundle"), "connector.cbundle",
                                                    _("Sync bundles (*.cbundle)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        everything = self.everything_check.isChecked()

        def work(store, control):
            return export_bundle(store, path, everything=everything, progress=_reporter(control))

        self._busy(True)
        self._run(work, _("Writing the sync bundle…"), self._exported)

    def _exported(self, result) -> None:
        self._busy(False)
        text = ngettext("Wrote {count} change to {name}. It was read back and checked: it is safe to remove.",
                        "Wrote {count} changes to {name}. It was read back and checked: it is safe to remove.",
                        result.changes).format(count=format_number(result.changes), name=result.path.name)
        if result.withheld:
            text += " " + ngettext(
                "{count} change stays on this laptop: it is about someone whose consent is \"record only\".",
                "{count} changes stay on this laptop: they are about people whose consent is \"record only\".",
                result.withheld).format(count=format_number(result.withheld))
        self.message.show_message(text)

    def choose_import(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Import sync bundles"), "",
                                                      _("Sync bundles (*.cbundle);;All files (*)"))
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        """Import bundle files (chosen, or dropped on the screen or the window), each all or nothing."""
        if not paths or self.workspace is None:
            return

        def work(store, control):
            result = ImportResult()
            for path in paths:
                import_bundle(store, path, result, _reporter(control))
            return result, found_after_import(store, result.people)

        self._busy(True)
        self._offer_review(self.import_offer, 0)
        self._run(work, _("Importing sync bundles…"), self._imported)

    def _imported(self, outcome: tuple[ImportResult, int]) -> None:
        result, pairs = outcome
        self._busy(False)
        text = import_summary(result.applied, result.already_here, result.conflicts, sum(result.revived.values()))
        self.message.show_message(" ".join([text, duplicates_text(pairs)]).strip())
        self._offer_review(self.import_offer, pairs)
        self.imported.emit()

    def _offer_button(self) -> QPushButton:
        """Offered in a result line when an import brought in people who may be registered twice: the
        review waits for the connector (a calm app does not open a window over their work)."""
        button = QPushButton(clicked=self.review_duplicates)
        button.hide()
        return button

    def _offer_review(self, button: QPushButton, pairs: int) -> None:
        button.setVisible(pairs > 0)

    def review_duplicates(self):
        """Open (or raise) the side-by-side review of people who may be registered twice."""
        if self.workspace is None:
            return None
        if self.duplicates_dialog is None:
            from ui.duplicates import DuplicatesDialog
            self.duplicates_dialog = DuplicatesDialog(self.workspace, self.runner, self)
            self.duplicates_dialog.finished.connect(self._duplicates_closed)
        self.duplicates_dialog.show()
        self.duplicates_dialog.raise_()
        return self.duplicates_dialog

    def _duplicates_closed(self, _result: int = 0) -> None:
        dialog, self.duplicates_dialog = self.duplicates_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._duplicates_reviewed()

    def _duplicates_reviewed(self) -> None:
        """The review was opened and closed (or the screen locked): the offers have done their work."""
        self._folder_pairs = 0
        self._offer_review(self.import_offer, 0)
        self._offer_review(self.folder_offer, 0)

    # drag and drop ----------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if bundle_paths(event.mimeData()) and self.workspace is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        paths = bundle_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # watched folder ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Choose the shared sync folder"))
        if path:
            self.set_folder(Path(path))

    def set_folder(self, path: Path | None) -> None:
        self._scan_when_shown = path is not None  # once the refreshed status names the folder
        self.folder_report.clear()
        self._run(lambda store, control: watch.set_folder(store, path), _("Saving the sync folder…"))

    def stop_folder(self) -> None:
        self.set_folder(None)

    def scan_folder(self, *, automatic: bool = False) -> None:
        if self.workspace is None or self.status is None or self.status.folder is None or not self.status.in_team:
            return
        if automatic and self.runner.is_busy:
            return  # the next change or poll tries again

        def work(store, control):
            report = watch.scan(store, should_stop=control.should_cancel)
            return report, found_after_import(store, report.imported.people)

        self._run(work, _("Checking the sync folder…"), self._scanned,
                  then_refresh=lambda outcome: bool(outcome[0].imported.applied))

    def _scanned(self, outcome) -> None:
        report, pairs = outcome
        if report.imported.applied:  # a scan bringing nothing keeps the last offer: it is still true
            self._folder_pairs = pairs
        self.folder_report.setText("\n".join(filter(None, [folder_summary(report),
                                                           duplicates_text(self._folder_pairs)])))
        self._offer_review(self.folder_offer, self._folder_pairs)
        if report.imported.applied:
            self.imported.emit()

    # showing ----------------------------------------------------------------------------------

    def _show_status(self, status) -> None:
        self.status = status
        in_team = bool(status and status.in_team)
        self.create_button.setVisible(status is not None and not in_team)
        self.join_edit.setVisible(status is not None and not in_team)
        self.join_button.setVisible(status is not None and not in_team)
        self.code_button.setVisible(in_team)
        self.leave_button.setVisible(in_team)
        if not in_team:
            self.code_label.hide()
        for box in (self.bundle_box, self.folder_box, self.state_box):
            box.setVisible(in_team)
        if status is None:
            self.team_state.setText("")
            self.digest_label.clear()
            self.last_import_label.clear()
            self.peers_label.clear()
            return
        self.team_state.setText(
            _("This laptop is in a team (team {team}).").format(team=status.team_id[:8].upper()) if in_team else
            _("This laptop is not in a team yet. On the hub laptop, create the team; on every other laptop, "
              "type the join code the hub laptop shows."))
        folder = status.folder
        self.folder_label.set_full_text(str(folder) if folder else _("No sync folder chosen."))
        self.folder_off_button.setVisible(folder is not None)
        self.scan_button.setVisible(folder is not None)
        self._watch(folder if in_team else None)
        if not in_team:
            return
        if self._scan_when_shown and folder is not None:
            self._scan_when_shown = False
            self.scan_folder()
        self.digest_label.setText(left_to_right(grouped_digest(status.digest)))  # codes read left to right
        last = status.last_import
        self.last_import_label.setText(last_import_text(last) if last else _("Nothing imported yet."))
        self.peers_label.setText("\n".join(
            _("Laptop {laptop}: bundle written {age}").format(laptop=p.device_id[-6:].upper(),
                                                              age=age_text(p.bundle_created))
            for p in status.peers) or _("No bundle from another laptop yet."))

    def _watch(self, folder: Path | None) -> None:
        current = self.folder_watcher.directories()
        if current and (folder is None or current != [str(folder)]):
            self.folder_watcher.removePaths(current)
        if folder is not None and folder.is_dir() and not self.folder_watcher.directories():
            self.folder_watcher.addPath(str(folder))
        if folder is not None and not self.poll.isActive():
            self.poll.start()
        elif folder is None:
            self.poll.stop()

    def retranslate(self) -> None:
        self.title.setText(_("Sync with your team"))
        self.intro.setText(_("Laptops that work offline exchange sync bundles: one encrypted file per laptop, "
                             "carried on a memory stick or left in a shared folder. Every laptop ends up with "
                             "the same records; the latest edit of each detail wins and nothing typed is lost."))
        self.team_box.setTitle(_("Team"))
        self.create_button.setText(_("Create a team"))
        self.code_button.setText(_("Hide the join code") if self.code_label.isVisible() else
                                 _("Show the join code"))
        self.join_edit.setPlaceholderText(_("Join code from the hub laptop"))
        self.join_edit.setAccessibleName(_("Join code"))
        self.join_button.setText(_("Join the team"))
        self.leave_button.setText(_("Leave the team…"))
        self.code_label.setAccessibleName(_("Join code"))
        self.bundle_box.setTitle(_("Sync bundles"))
        self.export_button.setText(_("Write a bundle…"))
        self.everything_check.setText(_("Everything (for a laptop joining the team)"))
        self.import_button.setText(_("Import bundles…"))
        self.cancel_button.setText(_("Stop"))
        self.progress.setAccessibleName(_("Progress"))
        self.drop_hint.setText(_("You can also drop bundle files onto this window."))
        self.folder_box.setTitle(_("Shared sync folder"))
        self.folder_button.setText(_("Choose folder…"))
        self.folder_button.setAccessibleDescription(_(
            "A shared drive, or a folder kept in step by Syncthing, Nextcloud or OneDrive. New bundles there are "
            "imported; this laptop's bundle is written there when it locks and when the app closes."))
        self.scan_button.setText(_("Check now"))
        self.folder_off_button.setText(_("Stop using this folder"))
        self.state_box.setTitle(_("Is every laptop up to date?"))
        # TRANSLATORS: row title on the Sync screen: what the most recent bundle import changed.
        self.last_import_title.setText(_("Last import"))
        # TRANSLATORS: row title on the Sync screen: the other laptops of the team.
        self.peers_title.setText(_("Other laptops"))
        # TRANSLATORS: row title: a short code summing up the shared records, compared between laptops.
        self.digest_title.setText(_("Check code"))
        self.digest_label.setAccessibleName(_("Check code"))
        self.digest_hint.setText(_("Two laptops that show the same check code hold the same shared records."))
        self.duplicates_button.setText(_("Review people who may be registered twice…"))
        for button in (self.import_offer, self.folder_offer):
            button.setText(self.duplicates_button.text())
        # TRANSLATORS: accessible name of the list of bundle files in the shared sync folder, each with its status.
        self.folder_report.setAccessibleName(_("Files in the sync folder"))
        if self.status is not None:
            self._show_status(self.status)


def leave_bundle(store) -> None:
    """On exit (no one left to read a message): write the bundle into the sync folder, logging a failure."""
    try:
        write_on_leaving(store)
    except Exception as exc:  # noqa: BLE001 - the window is closing; the log says why
        from connector_app.logs import log_unexpected
        log_unexpected(exc)


def _reporter(control):
    """A progress callback for the sync functions: reports, and stops the job when asked (nothing kept)."""
    def progress(done: int, total: int) -> None:
        control.progress(min(done, total), total)
        if control.should_cancel():
            raise JobCancelled()
    return progress


def _row(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def duplicates_text(pairs: int) -> str:
    return ngettext(
        "{count} pair of people may be one person registered on two laptops.",
        "{count} pairs of people may each be one person registered on two laptops.",
        pairs).format(count=format_number(pairs)) if pairs else ""


def import_summary(applied: int, already: int, conflicts: int, revived: int) -> str:
    parts = [ngettext("Imported {count} new change.", "Imported {count} new changes.", applied).format(
        count=format_number(applied))]
    if already:
        parts.append(ngettext("{count} change was already here.", "{count} changes were already here.",
                              already).format(count=format_number(already)))
    if conflicts:
        parts.append(ngettext(
            "{count} field was edited on two laptops; the later edit was kept; see the field's history.",
            "{count} fields were edited on two laptops; the later edit was kept; see each field's history.",
            conflicts).format(count=format_number(conflicts)))
    if revived:
        parts.append(ngettext(
            "{count} deleted record came back because it was edited on another laptop.",
            "{count} deleted records came back because they were edited on another laptop.",
            revived).format(count=format_number(revived)))
    return " ".join(parts)


def last_import_text(last: dict) -> str:
    lines = [import_summary(last.get("applied", 0), 0, last.get("conflicts", 0),
                            sum(last.get("revived", {}).values()))]
    for record_type, count in sorted(last.get("counts", {}).items()):
        if record_type in BY_NAME:
            lines.append(f"{_(BY_NAME[record_type].plural_label)}: {format_number(count)}")
    return "\n".join(lines)


def folder_summary(report) -> str:
    """The scan in words: what was imported, then every file of the folder with its status."""
    lines = [ngettext("Imported {count} new change from the folder.", "Imported {count} new changes from the folder.",
                      report.imported.applied).format(count=format_number(report.imported.applied))]
    # A line starting with a (left-to-right) file name would otherwise read left to right in Arabic or Urdu.
    mark = "\u200f" if is_right_to_left() else ""
    lines += [mark + watch.status_text(f, left_to_right(f.name)) for f in report.files]
    return "\n".join(lines)
