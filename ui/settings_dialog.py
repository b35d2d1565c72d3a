"""The Settings dialog: language, auto-lock, who uses this laptop, reports, workspace and backups.

Opened from Workspace > Settings… (Ctrl+,; ui/settings_action.py).

Every change takes effect at once and is saved at once (no OK button to
forget): the language retranslates every open screen, the idle lock counts with
its new length, the staff member names every later change. Each setting is
declared once in ui/settings.py; none holds record text. The dialog follows the
workspace while it is open: locking empties the staff list and the backups
(names and file dates are not for a locked laptop), unlocking fills them again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton,
    QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from connector_app.fileio import WORKSPACE_MARKERS
from connector_app.i18n import _, available_languages, current_locale, native_language_name
from ui.language import language_signals
from ui.settings import IDLE_LOCK_MINUTES, STAFF_MEMBER, SUPPRESS_SMALL_NUMBERS, THEME, WORKSPACE_FOLDER
from ui.theme import DARK, HIGH_CONTRAST, LIGHT, SYSTEM, apply_theme
from ui.widgets import MessageLabel, left_to_right


def _label(setting) -> QLabel:
    label = QLabel(setting.label())
    label.setWordWrap(True)
    return label


class SettingsDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window = window  # the MainWindow: its settings, idle watcher, workspace and runner
        self.settings = window.settings
        self.tabs = QTabWidget()

        general = QWidget()
        form = QFormLayout(general)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.language_box = QComboBox()
        for code in available_languages():
            # Each language named in itself, so a person can find theirs whatever is showing.
            self.language_box.addItem(native_language_name(code), code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(str(current_locale()))))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.minutes_box = QSpinBox(minimum=IDLE_LOCK_MINUTES.minimum, maximum=IDLE_LOCK_MINUTES.maximum)
        self.minutes_box.setValue(self._get(IDLE_LOCK_MINUTES))
        self.minutes_box.valueChanged.connect(self._minutes_chosen)
        self.staff_box = QComboBox()
        self.staff_box.currentIndexChanged.connect(self._staff_chosen)
        self.staff_note = QLabel(objectName="muted", wordWrap=True)
        self.theme_box = QComboBox()  # filled in retranslate: the names are translated
        self.theme_box.currentIndexChanged.connect(self._theme_chosen)
        self.suppress_box = QCheckBox()
        self.suppress_box.setChecked(self._get(SUPPRESS_SMALL_NUMBERS))
        self.suppress_box.toggled.connect(lambda on: self._set(SUPPRESS_SMALL_NUMBERS, on))
        self.language_label, self.minutes_label = QLabel(), _label(IDLE_LOCK_MINUTES)
        self.theme_label = _label(THEME)
        self.staff_label, self.reports_label = _label(STAFF_MEMBER), QLabel()
        for label, field in ((self.language_label, self.language_box), (self.minutes_label, self.minutes_box),
                             (self.staff_label, self.staff_box), (None, self.staff_note),
                             (self.theme_label, self.theme_box),
                             (self.reports_label, self.suppress_box)):
            if label is None:
                form.addRow("", field)
                continue
            label.setBuddy(field)
            form.addRow(label, field)

        place = QWidget()
        place_layout = QVBoxLayout(place)
        self.folder_now = QLabel(wordWrap=True)
        self.folder_now.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.folder_next = QLabel(objectName="muted", wordWrap=True)
        self.choose_folder_button = QPushButton()
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.default_folder_button = QPushButton()
        self.default_folder_button.clicked.connect(lambda: self.set_next_folder(""))
        self.folder_message = MessageLabel("error")
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.choose_folder_button)
        folder_buttons.addWidget(self.default_folder_button)
        folder_buttons.addStretch(1)
        self.backups_title = QLabel(objectName="sectionTitle")
        bold = self.backups_title.font()
        bold.setBold(True)
        self.backups_title.setFont(bold)
        from ui.backups import BackupsPanel  # the store's backup code: loaded when Settings first opens, not at start

        self.backups = BackupsPanel(window.runner, lambda: window.workspace, self)
        self.backups.open_next_time.connect(self.set_next_folder)
        for widget in (self.folder_now, self.folder_next):
            place_layout.addWidget(widget)
        place_layout.addLayout(folder_buttons)
        place_layout.addWidget(self.folder_message)
        place_layout.addSpacing(12)
        place_layout.addWidget(self.backups_title)
        place_layout.addWidget(self.backups, 1)

        self.tabs.addTab(general, "")
        self.tabs.addTab(place, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._fill_staff()
        language_signals().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(720, 560)

    # reading and writing settings -------------------------------------------------------------

    def _get(self, setting):
        return self.settings.get(setting) if self.settings is not None else setting.default

    def _set(self, setting, value) -> None:
        if self.settings is not None:
            self.settings.set(setting, value)

    def _language_chosen(self, _index: int) -> None:
        code = self.language_box.currentData()
        if code and code != str(current_locale()):
            self.window.choose_language(code)  # every open screen retranslates, and it is remembered

    def _minutes_chosen(self, minutes: int) -> None:
        self._set(IDLE_LOCK_MINUTES, minutes)
        self.window.idle.set_timeout_ms(minutes * 60_000)

    def _fill_staff(self) -> None:
        """The staff list as the workspace has it now (none while locked), the one using the laptop chosen."""
        workspace = self.window.workspace
        shell = self.window.shell
        staff = shell.staff(active_only=True) if workspace is not None and shell is not None else []
        current = workspace.store.actor_id if workspace is not None else None
        self.staff_box.blockSignals(True)
        shown = [(self.staff_box.itemData(i), self.staff_box.itemText(i)) for i in range(self.staff_box.count())]
        if shown != list(staff):
            self.staff_box.clear()
            for staff_id, name in staff:
                self.staff_box.addItem(name, staff_id)
        self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(current)) if staff else -1)
        self.staff_box.blockSignals(False)
        self.staff_box.setEnabled(bool(staff))

    def follow_workspace(self) -> None:
        """Locked, unlocked or another staff member chosen while the dialog is open: show it at once."""
        self._fill_staff()
        if self.window.workspace is None:
            self.backups.clear()
        else:
            self.backups.status.clear_message()
            self.backups.reload()
        self.retranslate()

    def _staff_chosen(self, _index: int) -> None:
        staff_id = self.staff_box.currentData()
        if staff_id and self.window.workspace is not None:
            self.window._set_staff(staff_id)  # names them in the status bar and remembers them (main_window.py)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a workspace folder"), str(Path.home()))
        if folder:
            self.set_next_folder(folder)

    def set_next_folder(self, folder: str) -> bool:
        """Open ``folder`` at the next start ("" for the usual one): a workspace, or an empty folder for a new one."""
        self.folder_message.clear_message()
        if folder:
            path = Path(folder)
            is_workspace = all((path / marker).exists() for marker in WORKSPACE_MARKERS)
            if not path.is_dir() or not (is_workspace or not any(path.iterdir())):
                self.folder_message.show_message(_(
                    "{folder} is not a workspace. Choose a workspace folder, or an empty folder to start a new "
                    "workspace in.").format(folder=left_to_right(folder)))
                return False
        self._set(WORKSPACE_FOLDER, folder)
        self._show_folders()
        return True

    def _show_folders(self) -> None:
        now = self.window.flow.workspace.path
        self.folder_now.setText(_("This workspace: {folder}").format(folder=left_to_right(str(now))))
        chosen = self._get(WORKSPACE_FOLDER)
        if chosen and Path(chosen) != Path(now):
            self.folder_next.setText(_("Next time the app starts it opens {folder}.").format(
                folder=left_to_right(chosen)))
        else:
            self.folder_next.setText(_("Next time the app starts it opens this workspace again."))
        self.default_folder_button.setEnabled(bool(chosen))

    # the screen contract -----------------------------------------------------------------------

    def _theme_chosen(self, _index: int) -> None:
        """Colours change at once, everywhere; remembered for the next start."""
        choice = self.theme_box.currentData()
        if choice:
            self._set(THEME, choice)
            apply_theme(QApplication.instance(), choice)

    def retranslate(self, _code: str = "") -> None:
        self.setWindowTitle(_("Settings"))
        self.language_box.blockSignals(True)  # the language may have been chosen from the menu
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(str(current_locale()))))
        self.language_box.blockSignals(False)
        self.tabs.setAccessibleName(_("Settings"))
        self.tabs.tabBar().setAccessibleName(_("Kinds of settings"))
        self.tabs.tabBar().setAccessibleDescription(_("Ctrl+Tab moves to the next one."))
        # TRANSLATORS: a tab of the Settings dialog.
        self.tabs.setTabText(0, _("&General"))
        self.tabs.setTabText(1, _("&Workspace and backups"))
        self.language_label.setText(_("&Language"))
        self.language_box.setAccessibleName(_("Language"))
        self.minutes_label.setText(IDLE_LOCK_MINUTES.label())
        self.minutes_box.setAccessibleName(IDLE_LOCK_MINUTES.label())
        self.minutes_box.setAccessibleDescription(_("With no typing or clicking for this long, the workspace locks "
                                                    "and every screen is cleared."))
        self.staff_label.setText(STAFF_MEMBER.label())
        self.staff_box.setAccessibleName(STAFF_MEMBER.label())
        self.staff_note.setText(_("Everything recorded from now on says it was them.") if self.staff_box.count()
                                else _("Unlock the workspace to choose who is using this laptop."))
        self.theme_label.setText(THEME.label())
        self.theme_box.setAccessibleName(THEME.label())
        self.theme_box.blockSignals(True)
        self.theme_box.clear()
        # TRANSLATORS: the app's colours in Settings: the same as the computer's light or dark setting.
        for value, name in ((SYSTEM, _("Like the system")), (LIGHT, _("Light")), (DARK, _("Dark")),
                            (HIGH_CONTRAST, _("High contrast"))):
            self.theme_box.addItem(name, value)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(self._get(THEME))))
        self.theme_box.blockSignals(False)
        # TRANSLATORS: in Settings, the label beside the monthly summary's small-number choice.
        self.reports_label.setText(_("Reports"))
        self.suppress_box.setText(SUPPRESS_SMALL_NUMBERS.label())
        self.suppress_box.setAccessibleName(SUPPRESS_SMALL_NUMBERS.label())
        self.suppress_box.setAccessibleDescription(_(
            "Protects people in small groups from being recognised. The monthly summary starts with this choice."))
        self.choose_folder_button.setText(_("&Open another workspace next time…"))
        self.choose_folder_button.setAccessibleName(_("Choose a workspace folder to open next time"))
        self.default_folder_button.setText(_("Use the &usual folder"))
        self.default_folder_button.setAccessibleName(_("Open the usual workspace folder next time"))
        self.backups_title.setText(_("Backups"))
        self.buttons.button(QDialogButtonBox.Close).setText(_("Close"))
        self._show_folders()
        self.backups.retranslate()
