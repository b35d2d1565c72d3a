"""Backups in Settings: the workspace's backups listed, "Back up now", and restoring one into a new folder.

A backup is made and a restore done on the task runner (never on the GUI
thread). Restoring never touches the open workspace or any other: the folder
must be new or empty and outside every workspace (fileio.require_new_folder,
checked again by the restore itself), and the backup must open with the
passphrase it was made under before anything is said to be restored.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from connector_app.errors import UserError
from connector_app.fileio import require_new_folder
from connector_app.i18n import _, current_translator, format_datetime
from connector_app.store.backup import BackupFile, list_backups, manual_backup_path
from connector_app.store.workspace import Workspace
from ui.tasks import TaskRunner, failure_message
from ui.widgets import BusyBar, MessageLabel, left_to_right

PATH_ROLE = Qt.UserRole + 1


def size_text(size: int) -> str:
    t = current_translator()
    if size < 1024 ** 2:
        # TRANSLATORS: a file's size in kilobytes, e.g. "313 KB".
        return _("{size} KB").format(size=t.format_number(max(1, round(size / 1024))))
    # TRANSLATORS: a file's size in megabytes, e.g. "12.5 MB".
    return _("{size} MB").format(size=t.format_decimal(size / 1024 ** 2, 1))


class BackupsModel(QAbstractTableModel):
    """The backups folder's files, newest first. Holds file names and dates only, never record text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BackupFile] = []

    def show_folder(self, folder: Path | None) -> None:
        self.beginResetModel()
        self._rows = list_backups(folder) if folder is not None else []
        self.endResetModel()

    def backup_at(self, row: int) -> BackupFile | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole or not 0 <= section < 3:
            return None
        # TRANSLATORS: column titles of the list of backups: when it was made, what kind, how big.
        return (_("Made"), _("Kind"), _("Size"))[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        backup = self._rows[index.row()]
        if role == PATH_ROLE:
            return str(backup.path)
        if role == Qt.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignTrailing | Qt.AlignVCenter)
        if role != Qt.DisplayRole:
            return None
        if index.column() == 0:
            return format_datetime(backup.made, "medium")
        if index.column() == 1:
            return {"daily": _("Daily, automatic"), "before_upgrade": _("Before an update"),
                    "manual": _("Made by hand")}.get(backup.kind, backup.kind)
        return size_text(backup.size)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, 2)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 2))


class RestoreDialog(QDialog):
    """Choose a new folder and give the backup's passphrase; then restore, and offer the copy for next time."""

    restored = Signal(str)          # the new workspace folder
    open_next_time = Signal(str)    # the person chose to open it when the app next starts

    def __init__(self, backup: BackupFile, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.backup, self.runner = backup, runner
        self.setWindowModality(Qt.WindowModal)
        self.intro = QLabel(wordWrap=True)
        self.folder_edit = QLineEdit()
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        self.passphrase_edit = QLineEdit(echoMode=QLineEdit.Password)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.folder_label, self.passphrase_label = QLabel(), QLabel()
        self.folder_label.setBuddy(self.folder_edit)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.message = MessageLabel("error")
        self.done_label = MessageLabel("notice")
        self.busy = BusyBar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.open_button.clicked.connect(self._open_next_time)
        self.open_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.done_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self._restored: str | None = None
        self.retranslate()
        self.resize(560, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore a backup"))
        self.intro.setText(_("The backup from {made} is copied into a new folder as a workspace of its own. "
                             "The workspace open now is not changed.").format(
            made=format_datetime(self.backup.made, "medium")))
        self.folder_label.setText(_("New &folder"))
        self.folder_edit.setAccessibleName(_("Folder to restore into"))
        self.folder_edit.setAccessibleDescription(_("A new or empty folder, outside any workspace."))
        self.choose_button.setText(_("&Choose…"))
        self.choose_button.setAccessibleName(_("Choose the folder to restore into"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.passphrase_edit.setAccessibleName(_("Passphrase of the backup"))
        self.passphrase_edit.setAccessibleDescription(_("The passphrase the workspace had when the backup was made."))
        self.buttons.button(QDialogButtonBox.Ok).setText(_("&Restore"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Close"))
        self.open_button.setText(_("&Open it next time the app starts"))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a new, empty folder"), str(Path.home()))
        if folder:
            self.folder_edit.setText(folder)

    def restore(self) -> None:
        self.message.clear_message()
        folder = self.folder_edit.text().strip()
        if not folder:
            self.message.show_message(_("Choose the folder to restore into."))
            self.folder_edit.setFocus()
            return
        target = Path(folder).expanduser()
        try:
            require_new_folder(target)  # refused now, before the passphrase is worked on
        except UserError as exc:
            self.message.show_message(exc.message())
            self.folder_edit.setFocus()
            return
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()
        if not passphrase:
            self.message.show_message(_("Type the passphrase the backup was made with."))
            self.passphrase_edit.setFocus()
            return
        self._busy(True)
        backup = self.backup.path
        self.runner.run(lambda control: str(Workspace.restore(backup, target, passphrase=passphrase).path),
                        label=_("Restoring the backup…"), on_success=self._done, on_failure=self._failed)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.folder_edit, self.choose_button, self.passphrase_edit,
                       self.buttons.button(QDialogButtonBox.Ok)):
            widget.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.show_message(failure_message(exc))
        self.passphrase_edit.setFocus()

    def _done(self, folder: str) -> None:
        self._busy(False)
        self._restored = folder
        self.buttons.button(QDialogButtonBox.Ok).hide()
        self.done_label.show_message(_("Restored into {folder}. It opens with the passphrase the backup was "
                                       "made with.").format(folder=left_to_right(folder)))
        self.open_button.show()
        self.open_button.setFocus()
        self.restored.emit(folder)

    def _open_next_time(self) -> None:
        if self._restored is not None:
            self.open_next_time.emit(self._restored)
        self.accept()


class BackupsPanel(QWidget):
    """The list, "Back up now" and "Restore into a new folder…"; empty and disabled while locked."""

    open_next_time = Signal(str)    # a restored workspace chosen for the next start

    def __init__(self, runner: TaskRunner, workspace_of: Callable[[], Workspace | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.workspace_of = runner, workspace_of
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.restore_chosen())
        self.about = QLabel(wordWrap=True)
        self.status = MessageLabel("notice")
        self.busy = BusyBar()
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_chosen)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        self.restore_dialog: RestoreDialog | None = None
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        workspace = self.workspace_of()
        unlocked = workspace is not None and workspace.is_unlocked
        self.model.show_folder(workspace.backup_dir if unlocked else None)
        self.backup_button.setEnabled(unlocked and not self.busy.isVisible())
        self.restore_button.setEnabled(unlocked and self.model.rowCount() > 0)
        self.table.setEnabled(unlocked)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        if not unlocked:
            self.status.show_message(_("Unlock the workspace to see and make its backups."))

    def back_up_now(self) -> None:
        workspace = self.workspace_of()
        if workspace is None or not workspace.is_unlocked:
            return
        out = manual_backup_path(workspace.backup_dir, datetime.now())
        self.busy.show()
        self.backup_button.setEnabled(False)
        self.status.show_message(_("Making a backup…"))
        self.runner.run(lambda control: workspace.backup(out), label=_("Making a backup…"),
                        on_success=self._backed_up, on_failure=self._failed)

    def _backed_up(self, _path) -> None:
        self.busy.hide()
        self.reload()
        self.status.show_message(_("Backup made and checked."))

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        self.reload()
        self.status.show_message(failure_message(exc))

    def restore_chosen(self) -> RestoreDialog | None:
        chosen = self.table.currentIndex()
        backup = self.model.backup_at(chosen.row() if chosen.isValid() else 0)  # none chosen: the newest
        if backup is None:
            return None
        dialog = RestoreDialog(backup, self.runner, self)
        dialog.open_next_time.connect(self.open_next_time)
        dialog.finished.connect(lambda _result: self._restore_closed(dialog))
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _restore_closed(self, dialog: RestoreDialog) -> None:
        if self.restore_dialog is dialog:
            self.restore_dialog = None
        dialog.deleteLater()

    def clear(self) -> None:
        """Locking: the list goes, and a restore dialog with it (its passphrase field is emptied)."""
        if self.restore_dialog is not None:
            self.restore_dialog.passphrase_edit.clear()
            self.restore_dialog.reject()
        self.model.show_folder(None)
        self.reload()

    def retranslate(self) -> None:
        self.about.setText(_("A backup is made every day you unlock, and kept for a week. Each holds every "
                             "record, encrypted; it opens with the passphrase of the day it was made."))
        self.table.setAccessibleName(_("Backups of this workspace"))
        self.table.setAccessibleDescription(_("Newest first. Enter restores the chosen backup into a new folder."))
        self.backup_button.setText(_("&Back up now"))
        self.backup_button.setAccessibleName(_("Back up now"))
        self.restore_button.setText(_("&Restore into a new folder…"))
        self.restore_button.setAccessibleName(_("Restore the chosen backup into a new folder"))
        self.model.retranslate()
        if self.restore_dialog is not None:
            self.restore_dialog.retranslate()
