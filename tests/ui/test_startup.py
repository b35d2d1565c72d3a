"""Start-up stays light: the unlock screen loads no store, reports or command line (they load after it shows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("connector_app.store", "connector_app.reports", "connector_app.cli", "connector_app.sync",
         "connector_app.demo", "sqlcipher3", "reportlab", "pypdfium2", "zxcvbn")


def _modules(code: str, tmp_path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONNECTOR_WORKSPACE=str(tmp_path / "none-yet"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
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
