"""Nothing typed is lost: a quick-add form survives an auto-lock and a crash as an encrypted draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from connector_app.domain.records import Person
from connector_app.store.drafts import drafts
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import add_records, unlock, unlocked_window, wait_idle
from ui.idle import IDLE_LOCK_MS

TYPED = "Wants to join the Tuesday sewing group"


def _fill(store) -> None:
    store.people.add(Person(display_name="Amira Khan", consent_scope="share_team", consent_on="2026-01-05"))


def _stored_drafts(path):
    workspace = Workspace(path, kdf=FAST_KDF)
    store = workspace.unlock(PASSPHRASE)
    try:
        return drafts(store)
    finally:
        workspace.lock()


def _type_a_conversation(qtbot, window):
    qtbot.keyClick(window.shell.sidebar, Qt.Key_N, Qt.ControlModifier)
    dialog = window.shell.quick_add
    qtbot.waitUntil(lambda: dialog.people_field.edit.hasFocus())
    qtbot.keyClicks(dialog.people_field.edit, "amir")
    qtbot.keyClick(dialog.people_field.edit, Qt.Key_Return)
    dialog.notes_edit.setFocus()
    qtbot.keyClicks(dialog.notes_edit, TYPED)
    qtbot.keyClick(dialog.feature_checks["reciprocity"], Qt.Key_Space)
    return dialog


@pytest.fixture
def workspace_with_people(workspace_path):
    add_records(workspace_path, _fill)
    return workspace_path


def test_an_auto_lock_keeps_the_form_and_unlocking_offers_it_back(qtbot, make_window, workspace_with_people):
    window = make_window(workspace_with_people)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    _type_a_conversation(qtbot, window)
    window.idle._timer.start(50)  # the five idle minutes, shortened once the typing is done
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=10_000)   # the idle timer locks
    wait_idle(qtbot, window)
    window.idle._timer.setInterval(IDLE_LOCK_MS)
    assert window.shell.quick_add is None
    (kept,) = _stored_drafts(workspace_with_people)
    assert kept.body["notes"] == TYPED and len(kept.person_ids) == 1

    unlock(qtbot, window)
    offer = window.shell.draft_offer
    qtbot.waitUntil(offer.isVisible)
    assert offer.message.text() == "You were adding a conversation when the app locked. Carry on?"
    qtbot.mouseClick(offer.carry_on_button, Qt.LeftButton)
    dialog = window.shell.quick_add
    assert dialog is not None and not offer.isVisible()
    assert dialog.notes_edit.toPlainText() == TYPED
    assert [name for _id, name in dialog.people_field.chips()] == ["Amira Khan"]
    assert dialog.feature_checks["reciprocity"].isChecked()

    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)   # saved: the draft goes
    qtbot.waitUntil(lambda: window.shell.quick_add is None)
    wait_idle(qtbot, window)
    assert window.workspace.store.conversations.count() == 1
    assert drafts(window.workspace.store) == []


def _typed_and_autosaved(qtbot, make_window, path):
    window = unlocked_window(qtbot, make_window, path)
    dialog = _type_a_conversation(qtbot, window)
    dialog.keeper.tick()                      # what the autosave timer does every few seconds
    wait_idle(qtbot, window)
    return window, dialog


def test_a_crash_keeps_the_last_autosave(qtbot, make_window, workspace_with_people):
    window, dialog = _typed_and_autosaved(qtbot, make_window, workspace_with_people)
    qtbot.keyClicks(dialog.notes_edit, " and more typed after the last autosave")
    # The process dies here: no lock, no close. What is on disk is the last autosave.
    (kept,) = _stored_drafts(workspace_with_people)
    assert kept.body["notes"] == TYPED

    after_crash = make_window(workspace_with_people)
    unlock(qtbot, after_crash)
    offer = after_crash.shell.draft_offer
    qtbot.waitUntil(offer.isVisible)
    qtbot.mouseClick(offer.discard_button, Qt.LeftButton)
    assert not offer.isVisible()
    wait_idle(qtbot, after_crash)
    assert drafts(after_crash.workspace.store) == []


def test_cancelling_the_form_discards_its_draft(qtbot, make_window, workspace_with_people):
    window, dialog = _typed_and_autosaved(qtbot, make_window, workspace_with_people)
    assert len(drafts(window.workspace.store)) == 1
    qtbot.keyClick(dialog.notes_edit, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.shell.quick_add is None)
    wait_idle(qtbot, window)
    assert drafts(window.workspace.store) == []


def test_a_form_emptied_again_leaves_no_draft(qtbot, make_window, workspace_with_people):
    window, dialog = _typed_and_autosaved(qtbot, make_window, workspace_with_people)
    dialog.notes_edit.clear()
    dialog.people_field.chosen.clear()
    dialog.feature_checks["reciprocity"].setChecked(False)
    dialog.keeper.tick()
    wait_idle(qtbot, window)
    assert drafts(window.workspace.store) == []
