"""Desktop settings, each declared once with its type, default and label.

Settings hold choices about the app (language, idle lock, which workspace to
open), never records, passphrases or keys; the staff member is kept as an id,
never a name. They live in an INI file in the user's config folder. The
Settings dialog (ui/settings_dialog.py) edits them.
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
    minimum: int | None = None  # for a number: the range offered and accepted
    maximum: int | None = None


LANGUAGE = Setting("ui/language", str, "", lambda: _("Language"))
IDLE_LOCK_MINUTES = Setting("security/idle_lock_minutes", int, 5, lambda: _("Lock after this many idle minutes"),
                            minimum=1, maximum=120)
STAFF_MEMBER = Setting("workspace/staff_member", str, "", lambda: _("Staff member using this laptop"))
# The report dialog's starting choice; DESIGN.md: counts below 5 print as "<5" unless turned off.
SUPPRESS_SMALL_NUMBERS = Setting("reports/suppress_small_numbers", bool, True,
                                 lambda: _("In summaries, show counts of fewer than 5 people as \u201c<5\u201d"))
# Empty: the default folder (or --workspace / CONNECTOR_WORKSPACE, which win).
WORKSPACE_FOLDER = Setting("workspace/folder", str, "", lambda: _("Workspace to open when the app starts"))
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
            if setting.type is bool and isinstance(value, str):  # an INI file holds "true" / "false"
                if value.strip().lower() not in ("true", "false"):
                    return setting.default
                return value.strip().lower() == "true"
            value = setting.type(value)
        except (TypeError, ValueError):  # a hand-edited file must not stop the app starting
            return setting.default
        if setting.minimum is not None and value < setting.minimum:
            return setting.minimum
        if setting.maximum is not None and value > setting.maximum:
            return setting.maximum
        return value

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, setting.type(value))
        self._store.sync()
