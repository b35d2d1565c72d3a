"""Desktop tests: a real main window, offscreen, driven by clicks and keys, on real workspaces."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from connector_app.i18n import DEFAULT_LANGUAGE, set_language  # noqa: E402
from connector_app.store.workspace import Workspace  # noqa: E402
from tests.conftest import FAST_KDF, PASSPHRASE  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402
from ui.theme import apply_theme  # noqa: E402

NEW_PASSPHRASE = "orange kettle dances under moonlight"


class FakeClock:
    """A monotonic clock the test moves by hand, for the unlock back-off."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _themed_and_left_to_right(qapp):
    """Tests see the real look, and each ends in English, left to right, whatever it switched to."""
    apply_theme(qapp)
    yield
    set_language(DEFAULT_LANGUAGE)
    qapp.setLayoutDirection(Qt.LeftToRight)
    QApplication.clipboard().clear()


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Build and show a main window on a workspace folder; closed (and locked) after the test."""

    def make(path, **options) -> MainWindow:
        options.setdefault("kdf", FAST_KDF)
        options.setdefault("settings", Settings(tmp_path / "settings.ini"))
        window = MainWindow(path, **options)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        return window

    return make


def unlock(qtbot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase and press Enter, as a person would; wait for the figures."""
    page = window.flow.unlock_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClick(page.passphrase_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked and all(window.home.shown_counts().values()), timeout=10_000)
    dialog = window.staff_dialog
    if dialog is not None and dialog.isVisible():  # "who is working?": answered as a person would, with Enter
        qtbot.keyClick(dialog.staff_box, Qt.Key_Return)
        qtbot.waitUntil(lambda: window.staff_dialog is None and QApplication.activeWindow() is window)


def unlocked_window(qtbot, make_window, path, fill=None) -> MainWindow:
    """A window on ``path`` (first given records by ``fill(store)``), unlocked, its jobs done."""
    if fill is not None:
        add_records(path, fill)
    window = make_window(path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    return window


def wait_idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy, timeout=10_000)


def add_records(path, make) -> dict[str, int]:
    """Open the workspace with the core, let ``make(store)`` add records, lock it; returns the counts."""
    workspace = Workspace(path, kdf=FAST_KDF)
    store = workspace.unlock(PASSPHRASE)
    try:
        make(store)
        return store.counts()
    finally:
        workspace.lock()
