"""Start-up stays light: the unlock screen loads no store, reports or command line (they load after it shows).

Nor what only a later moment needs: Babel's locale data (formatting loads it), OpenSSL and json (the
throttle's file, the clipboard), the dialogs behind the menus, and the first-run and recovery-code pages
(built when shown). Each kept out is a few milliseconds of a start that must stay within twice a bare Qt
window (README, issue 8); which modules load is checked here, the time itself only by measuring.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("connector_app.store", "connector_app.reports", "connector_app.cli", "connector_app.sync",
         "connector_app.demo", "sqlcipher3", "reportlab", "pypdfium2", "zxcvbn")
# Loaded at first use, after the unlock page is painted (each costs milliseconds of start-up).
LATER = ("babel", "hashlib", "json", "connector_app.fileio", "ui.reports", "ui.settings_dialog",
         "ui.create_workspace", "ui.recovery_code", "ui.recovery", "ui.workspace_view")


def _modules(code: str, tmp_path, *args: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONNECTOR_WORKSPACE=str(tmp_path / "none-yet"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    env.pop("CONNECTOR_LANG", None)
    command = [sys.executable, "-c", code] if code else [sys.executable, *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()


def _heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(HEAVY)]


def test_importing_the_app_and_the_unlock_screen_loads_no_store_reports_or_cli(tmp_path):
    modules = _modules("import sys, ui.app, ui.unlock, ui.main_window; print(*sys.modules)", tmp_path)
    assert "ui.unlock" in modules and "PySide6.QtWidgets" in modules  # the probe did import them
    assert _heavy(modules) == []


def test_showing_the_unlock_screen_loads_none_of_them_either(tmp_path):
    modules = _modules(
        "import sys\n"
        "from ui.app import prepare_application\n"
        "app, window = prepare_application([])\n"
        "window.flow.show_start()\n"
        "print(*sys.modules)\n", tmp_path)
    assert "ui.main_window" in modules
    assert _heavy(modules) == []
    assert [name for name in modules if name.split(".")[0] == "babel"] == []  # the languages named from our table


def _later(modules: list[str]) -> list[str]:
    packages = tuple(later + "." for later in LATER)
    return [name for name in modules if name in LATER or name.startswith(packages)]


def _made_workspace(path: Path) -> Path:
    workspace, _code = Workspace.create(path, PASSPHRASE, kdf=FAST_KDF)
    workspace.lock()
    return path


def test_painting_the_unlock_page_of_a_workspace_loads_only_what_it_shows(tmp_path):
    """The probe leaves only once the window's first frame is painted (it would time out otherwise)."""
    folder = _made_workspace(tmp_path / "workspace")
    modules = _modules("", tmp_path, "-m", "tests.ui.startup_probe", "--workspace", str(folder), "--modules")
    assert "ui.unlock" in modules and "ui.main_window" in modules
    assert _heavy(modules) == []
    assert _later(modules) == []


def test_the_later_pages_and_dialogs_still_come_when_asked_for(tmp_path):
    folder = _made_workspace(tmp_path / "workspace")
    modules = _modules(
        "import sys\n"
        "from ui.app import prepare_application\n"
        f"app, window = prepare_application(['--workspace', {str(folder)!r}])\n"
        "assert window.flow.currentWidget() is window.flow.unlock_page\n"
        "window.flow.code_page.show_code('7QK3M-XR2VD-9HC4T-WNB6P-JF8ZA', folder=window.flow.path)\n"
        "assert window.flow.create_page.language_box.count() >= 1\n"
        "window.preferences.open()\n"
        "print(*sys.modules)\n", tmp_path)
    assert {"ui.recovery_code", "ui.create_workspace", "ui.settings_dialog", "babel"} <= set(modules)

