"""The main window: locking by hand and when idle, switching language, right to left, closing."""

from __future__ import annotations

import gettext

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu

from connector_app import i18n
from connector_app.i18n import set_language
from tests.ui.conftest import unlock, wait_idle
from ui import main_window as main_window_module
from ui.settings import LANGUAGE, Settings

MARK = "⟦"


class MarkedCatalogue(gettext.NullTranslations):
    """A stand-in translation that marks every message, so an untranslated string stands out."""

    def gettext(self, message):
        return MARK + message + "⟧"

    def ngettext(self, singular, plural, n):
        return MARK + (singular if n == 1 else plural) + "⟧"


@pytest.fixture
def marked_welsh(monkeypatch):
    """Pretend a Welsh catalogue exists: every string shown through _() comes back marked."""
    real = i18n.translations_for
    monkeypatch.setattr(i18n, "translations_for", lambda code: MarkedCatalogue() if code == "cy" else real(code))
    monkeypatch.setattr(main_window_module, "available_languages", lambda: ["cy", "en_GB"])


def _locked(window) -> bool:
    return not window.is_unlocked and window.pages.currentWidget() is window.flow


def test_ctrl_l_locks_clears_the_figures_and_closes_the_database(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    workspace = window.workspace
    assert window.lock_action.isEnabled()

    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert _locked(window)
    assert window.flow.currentWidget() is window.flow.unlock_page
    assert set(window.home.shown_counts().values()) == {""}  # cleared at once, not after the job
    assert not window.lock_action.isEnabled()
    wait_idle(qtbot, window)
    assert workspace.store is None  # the database is closed

    unlock(qtbot, window)  # and it opens again
    assert window.home.shown_counts()["conversations"] == "0"


def test_the_lock_button_locks_too(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    qtbot.mouseClick(window.home.lock_button, Qt.LeftButton)
    assert _locked(window)


def test_idle_time_locks_the_workspace(qtbot, make_window, workspace_path):
    window = make_window(workspace_path, idle_timeout_ms=150)
    window.idle._timer.setInterval(60_000)  # long enough to see the figures after unlocking...
    unlock(qtbot, window)
    window.idle._timer.setInterval(150)     # ...then a short wait with no input locks
    window.idle.start()
    qtbot.waitUntil(lambda: _locked(window), timeout=5000)
    assert set(window.home.shown_counts().values()) == {""}
    assert not window.idle.is_active()  # nothing left watching once locked


def test_input_restarts_the_idle_countdown(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    assert window.idle.is_active()
    window.idle._timer.stop()  # freeze the countdown, to see input start it again
    qtbot.keyClick(window.home, Qt.Key_Shift)
    assert window.idle.is_active()


def test_locking_forgets_work_queued_for_the_cleared_view(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    window.refresh_home()  # a count queued, then the workspace locked before it reports
    window.lock()
    wait_idle(qtbot, window)
    assert set(window.home.shown_counts().values()) == {""}


def test_arabic_turns_the_window_right_to_left_and_english_back(qtbot, make_window, workspace_path, qapp):
    window = make_window(workspace_path)
    set_language("ar")
    assert qapp.layoutDirection() == Qt.RightToLeft
    assert window.layoutDirection() == Qt.RightToLeft
    assert window.flow.recovery_page.code_edit.layoutDirection() == Qt.LeftToRight  # codes stay left to right
    set_language("en_GB")
    assert qapp.layoutDirection() == Qt.LeftToRight
    assert window.layoutDirection() == Qt.LeftToRight


def test_the_language_menu_switches_retranslates_and_remembers(qtbot, make_window, workspace_path, tmp_path,
                                                               marked_welsh):
    settings = Settings(tmp_path / "chosen.ini")
    window = make_window(workspace_path, settings=settings)
    assert window.windowTitle() == "Connector app"
    welsh = window.language_actions["cy"]
    assert welsh.text() == "Cymraeg"  # each language named in itself
    welsh.trigger()
    assert window.windowTitle() == MARK + "Connector app⟧"
    assert window.flow.unlock_page.unlock_button.text() == MARK + "Unlock⟧"
    assert welsh.isChecked()
    assert Settings(tmp_path / "chosen.ini").get(LANGUAGE) == "cy"


def _visible_words(window) -> list[tuple[str, str]]:
    """Every text a person could read in the window, on every page and menu, shown or not."""
    found = [("title", window.windowTitle())]
    for label in window.findChildren(QLabel):
        if label.objectName() in ("recoveryGroup", "figureNumber"):  # the code and the figures are not words
            continue
        found.append((label.objectName() or type(label).__name__, label.text()))
    found += [(type(b).__name__, b.text()) for b in window.findChildren(QAbstractButton)]
    for menu in window.findChildren(QMenu):
        found.append(("menu", menu.title()))
        found += [("action", a.text()) for a in menu.actions()
                  if not a.isSeparator() and a not in window.language_actions.values()]
    return [(kind, text) for kind, text in found if text]


def test_every_word_on_screen_goes_through_the_catalogue(qtbot, make_window, workspace_path, marked_welsh):
    window = make_window(workspace_path)
    window.flow.create_page.fields.new_edit.setText("password1")  # advice lines showing too
    unlock(qtbot, window)
    set_language("cy")
    untranslated = [(kind, text) for kind, text in _visible_words(window) if MARK not in text]
    assert untranslated == []


def test_closing_the_window_locks_the_workspace(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    workspace = window.workspace
    window.close()
    assert workspace.store is None


def test_closing_on_the_recovery_code_page_locks_the_new_workspace(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "new-workspace")
    page = window.flow.create_page
    qtbot.keyClicks(page.fields.new_edit, "violet tractor remembers seven puddles")
    qtbot.keyClicks(page.fields.confirm_edit, "violet tractor remembers seven puddles")
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.flow.currentWidget() is window.flow.code_page, timeout=10_000)
    QApplication.clipboard().clear()
    qtbot.mouseClick(window.flow.code_page.copy_button, Qt.LeftButton)
    workspace = window.flow.workspace
    assert workspace.is_unlocked
    window.close()
    assert not workspace.is_unlocked
    assert QApplication.clipboard().text() == ""  # the copied code went with it


def test_unlocking_opens_no_stray_window_and_keeps_the_keyboard(qtbot, make_window, workspace_path):
    """Screens are built at the first unlock: none of their parts may show as a window of its own."""
    from PySide6.QtWidgets import QApplication
    window = make_window(workspace_path)
    unlock(qtbot, window)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert QApplication.activeWindow() is window
