"""The recovery code on paper (printed, saved as a one-page PDF) and Workspace > New recovery code."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from pypdf import PdfReader

from connector_app.errors import WrongRecoveryCode
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.reports.pdfcheck import check_pdf, ink, render_pages, text_of
from tests.ui.conftest import unlock, wait_idle
from ui import recovery_code as recovery_code_module


def _created(qtbot, make_window, path):
    window = make_window(path)
    page = window.flow.create_page
    qtbot.keyClicks(page.fields.new_edit, PASSPHRASE)
    qtbot.keyClicks(page.fields.confirm_edit, PASSPHRASE)
    qtbot.keyClick(page.fields.confirm_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.flow.currentWidget() is window.flow.code_page, timeout=10_000)
    return window, window.flow.code_page


def test_the_code_is_saved_as_a_one_page_pdf_that_says_what_it_is(qtbot, make_window, tmp_path, monkeypatch):
    window, page = _created(qtbot, make_window, tmp_path / "hub")
    target = tmp_path / "kept-elsewhere" / "code.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(recovery_code_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    wait_idle(qtbot, window)
    reader = check_pdf(target.read_bytes())
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert all(group in text for group in page.shown_code().split("-"))
    assert "Recovery code" in text and "hub" in text and "Where to keep it" in text
    assert page.copy_note.text().startswith("Saved.")


def test_the_code_is_printed_through_the_print_dialog(qtbot, make_window, tmp_path):
    window, page = _created(qtbot, make_window, tmp_path / "hub")
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.print_dialog is not None, timeout=20_000)
    dialog = page.print_dialog
    out = tmp_path / "printed.pdf"
    # No printer here: Qt's own dialog offers "Print to File (PDF)"; its file name is typed as a person would.
    file_field = dialog.findChild(QLineEdit, "filename")
    file_field.setText(str(out))
    dialog.accept()
    assert page.print_dialog is None
    printed = out.read_bytes()
    assert len(PdfReader(io.BytesIO(printed)).pages) == 1
    assert ink(render_pages(printed)[0]) > 0.005  # the page carries the rendered code, not a blank sheet


def test_a_new_code_from_the_workspace_menu_replaces_the_old_one(qtbot, make_window, workspace_path, recovery_code):
    window = make_window(workspace_path)
    assert not window.recovery_code_action.isEnabled()  # locked: nothing to replace
    unlock(qtbot, window)
    window.recovery_code_action.trigger()
    dialog = window.recovery_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.make_button.accessibleName() or dialog.make_button.text()
    qtbot.mouseClick(dialog.make_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.code_page.isVisible(), timeout=10_000)
    new_code = dialog.code_page.shown_code()
    assert new_code and new_code != recovery_code
    qtbot.keyClick(dialog, Qt.Key_Escape)  # not before it is written down
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.code_page.written_check, Qt.LeftButton)
    qtbot.mouseClick(dialog.code_page.continue_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.recovery_dialog is None)

    window.lock()
    wait_idle(qtbot, window)
    workspace = Workspace(workspace_path, kdf=FAST_KDF)
    with pytest.raises(WrongRecoveryCode):
        workspace.unlock_with_recovery_code(recovery_code)
    workspace.unlock_with_recovery_code(new_code)
    workspace.lock()


def test_locking_takes_a_new_code_off_the_screen(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    dialog = window.new_recovery_code()
    qtbot.mouseClick(dialog.make_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.code_page.isVisible(), timeout=10_000)
    code = dialog.code_page.shown_code()
    qtbot.mouseClick(dialog.code_page.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == code
    qtbot.keyClick(dialog, Qt.Key_L, Qt.ControlModifier)
    assert window.recovery_dialog is None and not dialog.isVisible()
    assert dialog.code_page.shown_code() == "" and QApplication.clipboard().text() != code
    wait_idle(qtbot, window)
