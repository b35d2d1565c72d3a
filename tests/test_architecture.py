"""The core is a library without Qt: every module imports with PySide6 nowhere in sight."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import connector_app
for module in pkgutil.walk_packages(connector_app.__path__, "connector_app."):
    if module.name != "connector_app.__main__":
        importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(",".join(loaded))
"""


def test_core_modules_import_without_qt_or_the_desktop_layer():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_headless_commands_do_not_load_qt():
    code = "import sys; from ui.launcher import main; main(['--version'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "connector-app" in result.stdout
    code = ("import sys\nfrom connector_app.cli import build_parser\nbuild_parser()\n"
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False"


def test_launcher_sends_commands_to_the_cli_and_nothing_else_to_the_desktop():
    from ui.launcher import _only_desktop_options
    assert _only_desktop_options([])
    assert _only_desktop_options(["--workspace", "/tmp/w"])
    assert _only_desktop_options(["--workspace=/tmp/w"])
    assert not _only_desktop_options(["--workspace", "/tmp/w", "check"])
    assert not _only_desktop_options(["check"])
    assert not _only_desktop_options(["--version"])
