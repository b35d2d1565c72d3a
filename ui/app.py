"""Starting the desktop app: ``connector-app`` with no command, or ``connector-app --workspace DIR``.

Only what the unlock screen needs is imported before the window shows: the
store, the reports and the screens load while the passphrase is typed (see
``MainWindow.warm_up``), so starting takes little longer than a bare Qt window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from connector_app import __version__
from connector_app.i18n import set_language
from connector_app.locations import ENV_WORKSPACE, add_workspace_option, workspace_path
from connector_app.logs import APP_NAME, hold_records, log_unexpected, setup_logging
from ui.language import language_signals, startup_language
from ui.main_window import MainWindow
from ui.settings import LANGUAGE, THEME, WORKSPACE_FOLDER, Settings
from ui.theme import apply_theme, load_bundled_fonts

# The log file opens once the first frame is painted (the logging module's file handlers cost 13 ms of
# CPU); what is logged before that is held and written then.
LOG_FILE_AFTER_MS = 100


def parse_arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and whatever is left for Qt (-style, -platform ...)."""
    parser = argparse.ArgumentParser(prog=APP_NAME, add_help=False)
    add_workspace_option(parser)
    return parser.parse_known_args(argv)


def _log_unexpected_error(kind, exc, traceback) -> None:
    # An error escaping a Qt slot: record where, never what (its message could quote record text).
    setup_logging()  # now, if the window has not shown yet
    log_unexpected(exc.with_traceback(traceback))


def prepare_application(argv: list[str]) -> tuple[QApplication, MainWindow]:
    """Everything up to showing the window; split from ``run`` so it can be tested without an event loop."""
    options, qt_args = parse_arguments(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME, *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    load_bundled_fonts()
    settings = Settings()
    apply_theme(app, settings.get(THEME))
    # "system" follows the system's light or dark while the app runs.
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, settings.get(THEME)))
    language_signals()  # before set_language, so Qt's layout direction follows it
    set_language(startup_language(settings.get(LANGUAGE)))
    chosen = settings.get(WORKSPACE_FOLDER)  # from Settings; --workspace and CONNECTOR_WORKSPACE still win
    given = options.workspace or os.environ.get(ENV_WORKSPACE)
    folder = Path(chosen) if chosen and not given else workspace_path(options)
    window = MainWindow(folder, settings=settings)  # idle minutes: read at each unlock
    return app, window


def run(argv: list[str]) -> int:
    hold_records()
    sys.excepthook = _log_unexpected_error
    app, window = prepare_application(argv)
    window.show()
    QTimer.singleShot(LOG_FILE_AFTER_MS, setup_logging)
    return app.exec()
