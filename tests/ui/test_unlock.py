"""Unlocking: the right passphrase, a wrong one, backing off, a damaged workspace, the recovery code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from connector_app.errors import WrongRecoveryCode
from connector_app.passphrase import UnlockThrottle
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import fingerprint, flip_byte
from tests.samples import add_everything
from tests.ui.conftest import NEW_PASSPHRASE, FakeClock, add_records, unlock, wait_idle
from ui.widgets import BusyBar


def _try_passphrase(qtbot, window, passphrase: str) -> None:
    page = window.flow.unlock_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    wait_idle(qtbot, window)


def test_an_existing_workspace_opens_on_the_unlock_page(make_window, workspace_path):
    window = make_window(workspace_path)
    assert window.flow.currentWidget() is window.flow.unlock_page
    assert window.focusWidget() is window.flow.unlock_page.passphrase_edit
    assert not window.lock_action.isEnabled()


def test_right_passphrase_shows_home(qtbot, make_window, workspace_path):
    add_records(workspace_path, add_everything)  # in March 2026: what is due by now, and who is ready
    window = make_window(workspace_path)
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.shell
    shown = window.home.shown_counts()
    assert (shown["follow_ups"], shown["reviews"], shown["ready"]) == ("1", "1", "1")
    assert window.flow.unlock_page.passphrase_edit.text() == ""
    assert not window.home.empty_note.isVisibleTo(window.home)
    assert window.home.ready.accessibleName() == "1 person ready for a next step"


def test_unlocking_makes_the_daily_backup(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: any((workspace_path / "backups").glob("daily-*.cbackup")), timeout=10_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Today's backup is saved.", timeout=10_000)


def test_wrong_passphrase_says_so_and_changes_nothing(qtbot, make_window, workspace_path):
    before = fingerprint(workspace_path)
    window = make_window(workspace_path)
    page = window.flow.unlock_page
    _try_passphrase(qtbot, window, "violet tractor forgets")
    assert page.error.isVisibleTo(page)
    assert page.error.text() == "That passphrase does not open this workspace."
    assert page.passphrase_edit.text() == ""  # never left lying in the field
    assert window.flow.currentWidget() is page and not window.is_unlocked
    assert fingerprint(workspace_path) == before


def test_repeated_wrong_passphrases_make_the_next_try_wait(qtbot, make_window, workspace_path):
    clock = FakeClock()
    window = make_window(workspace_path, throttle=UnlockThrottle(clock=clock))
    page = window.flow.unlock_page
    for _ in range(UnlockThrottle.FREE_TRIES):
        _try_passphrase(qtbot, window, "not the passphrase")
    assert not page.unlock_button.isEnabled()
    assert page.wait_note.text() == "Too many wrong tries. You can try again in 2 seconds."

    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(page.passphrase_edit, Qt.Key_Return)
    assert not window.runner.is_busy  # Enter does not get round the wait either

    clock.advance(2)
    qtbot.waitUntil(page.unlock_button.isEnabled, timeout=3000)  # the page's one-second tick notices
    assert not page.wait_note.isVisibleTo(page)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10_000)
    assert window.flow.unlock_page.throttle.failures == 0


def test_a_damaged_workspace_is_reported_and_left_alone(qtbot, make_window, workspace_path):
    flip_byte(workspace_path / "keys.json", 40)
    before = fingerprint(workspace_path)
    window = make_window(workspace_path)
    page = window.flow.unlock_page
    _try_passphrase(qtbot, window, PASSPHRASE)
    assert "damaged" in page.error.text() and "restore from a backup" in page.error.text()
    assert fingerprint(workspace_path) == before
    buttons = [b.text().lower() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert not any("delete" in text or "remove" in text or "reset" in text for text in buttons)


def test_the_recovery_code_sets_a_new_passphrase_and_is_replaced_at_once(qtbot, make_window, workspace_path,
                                                                          recovery_code):
    window = make_window(workspace_path)
    qtbot.mouseClick(window.flow.unlock_page.forgot_button, Qt.LeftButton)
    page = window.flow.recovery_page
    assert window.flow.currentWidget() is page and window.focusWidget() is page.code_edit

    qtbot.keyClicks(page.code_edit, recovery_code.lower().replace("-", " "))  # typed however it comes
    qtbot.keyClicks(page.fields.new_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(page.fields.confirm_edit, NEW_PASSPHRASE)
    assert page.reset_button.isEnabled()
    qtbot.mouseClick(page.reset_button, Qt.LeftButton)
    # The used code is spent: the new one is shown before any record.
    code_page = window.flow.code_page
    qtbot.waitUntil(lambda: window.flow.currentWidget() is code_page, timeout=10_000)
    new_code = code_page.shown_code()
    assert len(new_code) == len(recovery_code) and new_code != recovery_code
    assert "new recovery code" in code_page.title.text()
    assert not window.is_unlocked and not code_page.continue_button.isEnabled()
    assert page.code_edit.text() == "" and page.fields.new_edit.text() == ""
    qtbot.keyClick(code_page.written_check, Qt.Key_Space)
    qtbot.mouseClick(code_page.continue_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked and window.home.shown_counts()["conversations"] != "", timeout=10_000)
    assert "new passphrase is set" in window.statusBar().currentMessage()
    assert code_page.shown_code() == ""

    window.lock()
    wait_idle(qtbot, window)
    workspace = Workspace(workspace_path, kdf=FAST_KDF)
    workspace.unlock(NEW_PASSPHRASE)
    workspace.lock()
    workspace.unlock_with_recovery_code(new_code)
    workspace.lock()
    with pytest.raises(WrongRecoveryCode):
        workspace.unlock_with_recovery_code(recovery_code)
    _try_passphrase(qtbot, window, PASSPHRASE)
    assert window.flow.unlock_page.error.text() == "That passphrase does not open this workspace."


def test_a_wrong_recovery_code_changes_nothing(qtbot, make_window, workspace_path):
    before = fingerprint(workspace_path)
    window = make_window(workspace_path)
    qtbot.mouseClick(window.flow.unlock_page.forgot_button, Qt.LeftButton)
    page = window.flow.recovery_page
    qtbot.keyClicks(page.code_edit, "ABCDE-FGHJK-MNPQR-STVWX-YZ012")
    qtbot.keyClicks(page.fields.new_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(page.fields.confirm_edit, NEW_PASSPHRASE)
    qtbot.keyClick(page.fields.confirm_edit, Qt.Key_Return)
    wait_idle(qtbot, window)
    assert page.error.text() == "That recovery code does not open this workspace."
    assert not window.is_unlocked
    assert fingerprint(workspace_path) == before

    qtbot.mouseClick(page.back_button, Qt.LeftButton)
    assert window.flow.currentWidget() is window.flow.unlock_page
    assert page.error.text() == "" and page.code_edit.text() == ""


def test_a_short_recovery_code_cannot_be_sent(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    qtbot.mouseClick(window.flow.unlock_page.forgot_button, Qt.LeftButton)
    page = window.flow.recovery_page
    qtbot.keyClicks(page.code_edit, "ABCDE-FGHJK")
    qtbot.keyClicks(page.fields.new_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(page.fields.confirm_edit, NEW_PASSPHRASE)
    assert not page.reset_button.isEnabled()
    qtbot.keyClick(page.fields.confirm_edit, Qt.Key_Return)
    assert page.error.text() == "A recovery code has 25 letters and digits."
    assert not window.runner.is_busy


def test_the_busy_bar_shows_while_unlocking(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    page = window.flow.unlock_page
    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(page.passphrase_edit, Qt.Key_Return)
    bar = page.findChild(BusyBar)
    assert bar.isVisibleTo(page) and page.unlock_button.text() == "Unlocking…"
    assert not page.passphrase_edit.isEnabled()
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10_000)
    assert not bar.isVisibleTo(page) and page.unlock_button.text() == "Unlock"
