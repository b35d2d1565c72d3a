"""Typing in a paper talent-spotting sheet, by keyboard, from the Reports menu."""

from __future__ import annotations

from PySide6.QtCore import Qt

from connector_app.i18n import translator_for
from connector_app.reports.sheets import blank_sheets_pdf
from connector_app.store.paper_sheets import people_with_sheet
from connector_app.store.workspace import Workspace
from tests.reports.pdfcheck import render_pages
from tests.ui.conftest import PASSPHRASE, unlock, wait_idle


def _open(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    assert not window.reports.paper_sheet_action.isEnabled()
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    dialog = window.reports.open_paper_sheet()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.id_field.edit.hasFocus)  # the sheet's ID first, and shortcuts reach the dialog
    return window, dialog


def _records(workspace_path, sheet_id):
    workspace = Workspace(workspace_path)
    workspace.unlock(PASSPHRASE)
    try:
        store = workspace.store
        found = people_with_sheet(store.connection, sheet_id)
        person_id = found[0][0] if found else None
        strengths = sorted((s.kind, s.description, s.sheet_id) for s in store.strengths.where("person_id", person_id))
        notes = [(w.own_words, w.themes) for w in store.what_matters.where("person_id", person_id)]
        person = store.people.get(person_id) if person_id else None
        return found, strengths, notes, person
    finally:
        workspace.lock()


def test_a_paper_sheet_typed_in_by_keyboard_alone(qtbot, make_window, workspace_path):
    _data, (sheet_id,) = blank_sheets_pdf(translator_for("en_GB"))
    window, dialog = _open(qtbot, make_window, workspace_path)
    qtbot.keyClicks(dialog.id_field.edit, sheet_id.lower().replace("-", " "))   # as a person might type it
    assert dialog.id_field.sheet_id() == sheet_id
    qtbot.keyClick(dialog.id_field.edit, Qt.Key_Tab)
    qtbot.keyClick(dialog.id_field.scan_button, Qt.Key_Tab)
    assert dialog.people_field.edit.hasFocus()
    qtbot.keyClicks(dialog.people_field.edit, "Gwenllian Wyn")
    qtbot.keyClick(dialog.people_field.edit, Qt.Key_Return)      # nobody has that name: a new person
    assert dialog.people_field.people() == ([], ["Gwenllian Wyn"])
    qtbot.keyClicks(dialog.box_edits["loves"], "Singing")
    qtbot.keyClick(dialog.box_edits["loves"], Qt.Key_Return)
    qtbot.keyClicks(dialog.box_edits["loves"], "Gardening")
    qtbot.keyClicks(dialog.box_edits["learn"], "Knitting")
    qtbot.keyClick(dialog.keep_check, Qt.Key_Space)
    qtbot.keyClick(dialog.share_check, Qt.Key_Space)
    assert "Share with my team" in dialog.consent_says.text()
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    assert "2 strengths" in window.statusBar().currentMessage()
    window.close()

    found, strengths, notes, person = _records(workspace_path, sheet_id)
    assert [name for _id, name in found] == ["Gwenllian Wyn"]
    assert strengths == [("passion", "Gardening", sheet_id), ("passion", "Singing", sheet_id)]
    assert notes == [("Knitting", ("learning",))]
    assert person.consent_scope == "share_team"


def test_a_sheet_typed_in_twice_or_taken_home_is_refused_with_reasons(qtbot, make_window, workspace_path):
    _data, (sheet_id,) = blank_sheets_pdf(translator_for("en_GB"))
    window, dialog = _open(qtbot, make_window, workspace_path)
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    assert "Type the sheet's ID" in dialog.message.text() and dialog.id_field.edit.hasFocus()
    qtbot.keyClicks(dialog.id_field.edit, sheet_id)
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    assert "Say who the sheet is about" in dialog.message.text()
    qtbot.keyClicks(dialog.people_field.edit, "Ola")
    qtbot.keyClick(dialog.people_field.edit, Qt.Key_Return)
    qtbot.keyClicks(dialog.box_edits["skills"], "Fixing bikes")
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    assert "did not agree" in dialog.message.text()            # no consent box ticked: nothing kept
    dialog.keep_check.setChecked(True)
    dialog.take_home_check.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    assert "did not agree" in dialog.message.text()
    dialog.take_home_check.setChecked(False)
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)

    again = window.reports.open_paper_sheet()
    qtbot.waitUntil(again.id_field.edit.hasFocus)
    qtbot.keyClicks(again.id_field.edit, sheet_id)
    assert "already been typed in, for Ola" in again.already.text()
    qtbot.keyClick(again, Qt.Key_S, Qt.ControlModifier)
    assert "already been typed in" in again.message.text()
    window.lock()
    assert not again.isVisible() and again.people_field.people() == ([], [])


def test_the_sheet_id_is_read_from_a_photo_of_the_sheet(qtbot, make_window, workspace_path, tmp_path):
    data, (sheet_id,) = blank_sheets_pdf(translator_for("en_GB"))
    window, dialog = _open(qtbot, make_window, workspace_path)
    field = dialog.id_field
    qtbot.keyClicks(field.edit, "7KQ3")
    assert field.sheet_id() == "" and field.message.text() == ""     # still being typed: no complaint yet
    qtbot.keyClicks(field.edit, "-M9XR-4")
    assert field.sheet_id() == "" and "not a sheet ID" in field.message.text()   # a wrong check character
    field.edit.clear()
    photo = tmp_path / "photo.jpg"
    render_pages(data, scale=1.5)[0].rotate(3, expand=True, fillcolor="white").convert("RGB").save(photo, quality=80)
    field.read_image(str(photo))
    qtbot.waitUntil(lambda: field.sheet_id() == sheet_id, timeout=10_000)
    blank = tmp_path / "blank.png"
    render_pages(data, scale=0.2)[0].crop((0, 120, 100, 160)).save(blank)
    field.read_image(str(blank))
    qtbot.waitUntil(lambda: "No sheet QR code" in field.message.text(), timeout=10_000)
    window.close()
