"""Desktop settings, each declared once with its type, default and label.

Settings hold choices about the app (language, idle lock), never records,
passphrases or keys. They live in an INI file in the user's config folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import platformdirs
from PySide6.QtCore import QSettings

from connector_app.i18n import _
from connector_app.logs import APP_NAME


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: Callable[[], str]  # lazy, so it is translated in the language current when shown


LANGUAGE = Setting("ui/language", str, "", lambda: _("Language"))
IDLE_LOCK_MINUTES = Setting("security/idle_lock_minutes", int, 5, lambda: _("Lock after this many idle minutes"))
# Window memory: where the window was and which screen was open; never anything about a record.
WINDOW_GEOMETRY = Setting("window/geometry", str, "", lambda: _("Window size and place"))
LAST_SCREEN = Setting("window/last_screen", str, "", lambda: _("Screen shown after unlocking"))
THEME = Setting("ui/theme", str, "system", lambda: _("Colours"))  # system, light, dark, high-contrast


def default_settings_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini"


class Settings:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_settings_file()
        self._store = QSettings(str(self.path), QSettings.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._store.value(setting.key, setting.default)
        try:
            return setting.type(value)
        except (TypeError, ValueError):  # a hand-edited file must not stop the app starting
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, setting.type(value))
        self._store.sync()
