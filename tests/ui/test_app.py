"""Starting the app: the workspace folder from --workspace or CONNECTOR_WORKSPACE, the theme, the language."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from connector_app import __version__
from connector_app.locations import default_workspace
from ui.app import parse_arguments, prepare_application
from ui.language import startup_language


def _window_for(qtbot, argv):
    app, window = prepare_application(argv)
    qtbot.addWidget(window)
    return app, window


def test_workspace_option_is_honoured(qtbot, tmp_path):
    app, window = _window_for(qtbot, ["--workspace", str(tmp_path / "hub")])
    assert window.flow.workspace.path == tmp_path / "hub"
    assert window.flow.currentWidget() is window.flow.create_page  # nothing there yet
    assert app.applicationName() == "connector-app"
    assert "QFrame#card" in app.styleSheet()


def test_workspace_from_the_environment(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CONNECTOR_WORKSPACE", str(tmp_path / "from-env"))
    _app, window = _window_for(qtbot, [])
    assert window.flow.workspace.path == tmp_path / "from-env"


def test_default_workspace_without_either(qtbot):
    _app, window = _window_for(qtbot, [])
    assert window.flow.workspace.path == default_workspace()


def test_qt_options_pass_through():
    options, rest = parse_arguments(["--workspace=/tmp/w", "-style", "fusion"])
    assert options.workspace == "/tmp/w" and rest == ["-style", "fusion"]


def test_start_language_falls_back_to_english_without_a_catalogue(monkeypatch):
    monkeypatch.setenv("CONNECTOR_LANG", "xx_NOPE")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert startup_language("zz") == "en_GB"


def test_about_names_the_version(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.about_action.trigger()
    assert QApplication.activeModalWidget() is None
    assert __version__ in seen[0]


def test_the_workspace_chosen_in_settings_opens_unless_one_is_given(qtbot, tmp_path, monkeypatch):
    from ui.settings import WORKSPACE_FOLDER, Settings
    Settings().set(WORKSPACE_FOLDER, str(tmp_path / "chosen"))
    _app, window = _window_for(qtbot, [])
    assert window.flow.workspace.path == tmp_path / "chosen"
    _app, window = _window_for(qtbot, ["--workspace", str(tmp_path / "given")])
    assert window.flow.workspace.path == tmp_path / "given"
    monkeypatch.setenv("CONNECTOR_WORKSPACE", str(tmp_path / "from-env"))
    _app, window = _window_for(qtbot, [])
    assert window.flow.workspace.path == tmp_path / "from-env"
