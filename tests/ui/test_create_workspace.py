"""First run: the create page, the recovery code shown once, then the home page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import wait_idle


def _choose_passphrase(qtbot, page, first: str, second: str) -> None:
    qtbot.keyClicks(page.fields.new_edit, first)
    qtbot.keyClicks(page.fields.confirm_edit, second)


def test_create_flow_shows_the_code_once_then_the_counts(qtbot, make_window, tmp_path):
    path = tmp_path / "new-workspace"
    window = make_window(path)
    flow = window.flow
    assert flow.currentWidget() is flow.create_page
    page = flow.create_page
    assert not page.create_button.isEnabled()

    _choose_passphrase(qtbot, page, PASSPHRASE, PASSPHRASE)
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    # The key derivation runs on the worker: the click returns at once, busy, with the fields already wiped.
    assert page.busy.isVisibleTo(page) and not page.create_button.isEnabled()
    assert page.fields.new_edit.text() == "" and page.fields.confirm_edit.text() == ""

    qtbot.waitUntil(lambda: flow.currentWidget() is flow.code_page, timeout=10_000)
    code_page = flow.code_page
    shown = code_page.shown_code()
    assert len(shown.replace("-", "")) == 25
    assert not code_page.continue_button.isEnabled()  # not before saying it is written down
    qtbot.mouseClick(code_page.written_check, Qt.LeftButton)
    assert code_page.continue_button.isEnabled()
    qtbot.mouseClick(code_page.continue_button, Qt.LeftButton)

    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.shell, timeout=10_000)
    qtbot.waitUntil(lambda: window.home.shown_counts()["conversations"] == "0", timeout=10_000)
    assert window.home.empty_note.isVisibleTo(window.home)
    assert code_page.shown_code() == ""  # gone from the screen for good

    wait_idle(qtbot, window)
    window.lock()
    wait_idle(qtbot, window)
    # The code that was shown is the real one: it opens the workspace.
    again = Workspace(path, kdf=FAST_KDF)
    again.unlock_with_recovery_code(shown)
    again.lock()


def test_a_weak_passphrase_gets_advice_and_cannot_be_used(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "new-workspace")
    page = window.flow.create_page
    _choose_passphrase(qtbot, page, "password1", "password1")
    fields = page.fields
    assert fields.strength_label.text() == "Not strong enough yet"
    assert "more to go" in fields.feedback_label.text()
    assert not page.create_button.isEnabled()
    qtbot.keyClick(fields.confirm_edit, Qt.Key_Return)  # Enter does not get round the rule
    assert window.flow.currentWidget() is page and not window.runner.is_busy


def test_different_passphrases_are_pointed_out(qtbot, make_window, tmp_path):
    page = make_window(tmp_path / "new-workspace").flow.create_page
    _choose_passphrase(qtbot, page, PASSPHRASE, "violet tractor forgets")
    assert page.fields.match_label.text() == "The two passphrases are different."
    assert not page.create_button.isEnabled()


def test_create_with_the_shipped_key_derivation(qtbot, make_window, tmp_path):
    """Without a test KDF the page uses the real Argon2id cost, still off the GUI thread."""
    path = tmp_path / "real-cost"
    window = make_window(path, kdf=None)
    page = window.flow.create_page
    _choose_passphrase(qtbot, page, PASSPHRASE, PASSPHRASE)
    qtbot.keyClick(page.fields.confirm_edit, Qt.Key_Return)
    assert window.runner.is_busy and page.busy.isVisibleTo(page)
    qtbot.waitUntil(lambda: window.flow.currentWidget() is window.flow.code_page, timeout=30_000)
    assert Workspace(path).exists()


def test_copied_code_leaves_the_clipboard_after_a_while(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "new-workspace", clipboard_clear_ms=50)
    flow = window.flow
    flow.code_page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012")
    flow.setCurrentWidget(flow.code_page)
    clipboard = QApplication.clipboard()

    qtbot.mouseClick(flow.code_page.copy_button, Qt.LeftButton)
    assert clipboard.text() == "ABCDE-FGHJK-MNPQR-STVWX-YZ012"
    assert "emptied in" in flow.code_page.copy_note.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)
    assert flow.code_page.copy_note.text() == "The clipboard has been emptied."


def test_the_clipboard_is_not_cleared_if_something_else_was_copied_since(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "new-workspace", clipboard_clear_ms=50)
    code_page = window.flow.code_page
    code_page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012")
    window.flow.setCurrentWidget(code_page)
    qtbot.mouseClick(code_page.copy_button, Qt.LeftButton)
    QApplication.clipboard().setText("the hall opens at nine")
    qtbot.waitUntil(lambda: code_page.copy_note.text() == "The clipboard has been emptied.", timeout=5000)
    assert QApplication.clipboard().text() == "the hall opens at nine"


def test_the_code_reads_left_to_right_in_arabic(qtbot, make_window, tmp_path):
    from connector_app.i18n import set_language

    window = make_window(tmp_path / "new-workspace")
    code_page = window.flow.code_page
    set_language("ar")
    code_page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012")
    window.flow.setCurrentWidget(code_page)
    qtbot.waitUntil(lambda: code_page.code_box.isVisible())
    groups = [code_page.code_layout.itemAt(i).widget() for i in range(code_page.code_layout.count())]
    positions = [group.mapTo(code_page, group.rect().topLeft()).x() for group in groups]
    assert [g.text() for g in groups] == ["ABCDE", "FGHJK", "MNPQR", "STVWX", "YZ012"]
    assert positions == sorted(positions)  # first group leftmost, even though the page is mirrored
