"""Workspace > Settings… (Ctrl+,): the menu item and its shortcut, which open ui/settings_dialog.py.

The dialog is imported when first opened, not before the unlock window shows
(tests/ui/test_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from connector_app.i18n import _
from ui.language import language_signals

if TYPE_CHECKING:
    from ui.settings_dialog import SettingsDialog


class SettingsAction(QObject):
    """The menu item and its shortcut; one dialog at a time, following lock and unlock while open."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: SettingsDialog | None = None
        self.action = QAction(window, menuRole=QAction.PreferencesRole)
        keys = QKeySequence.keyBindings(QKeySequence.Preferences)
        if QKeySequence("Ctrl+,") not in keys:  # some desktops define no Preferences key
            keys.append(QKeySequence("Ctrl+,"))
        self.action.setShortcuts(keys)
        self.action.setShortcutContext(Qt.ApplicationShortcut)
        self.action.triggered.connect(self.open)
        language_signals().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _code: str = "") -> None:
        self.action.setText(_("&Settings…"))

    def open(self) -> SettingsDialog:
        if self.dialog is None:
            from ui.settings_dialog import SettingsDialog
            self.dialog = SettingsDialog(self.window)
            self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _closed(self, _result: int = 0) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def follow_workspace(self) -> None:
        """Call after locking, unlocking and choosing who uses the laptop (ui/main_window.py)."""
        if self.dialog is not None:
            self.dialog.follow_workspace()
