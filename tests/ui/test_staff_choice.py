"""Who is using the laptop is chosen after unlocking, remembered, and named in every change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from connector_app.domain.records import Person, Staff
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import add_records, unlock


def _type_passphrase(qtbot, window) -> None:
    page = window.flow.unlock_page
    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(page.passphrase_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10_000)


def _staff(path) -> dict:
    made = {}

    def make(store):
        made["ceri"] = store.staff.add(Staff(name="Ceri Jones", role="community_connector")).id
        made["sam"] = store.staff.add(Staff(name="Sam Okafor", role="link_worker")).id
    add_records(path, make)
    return made


def test_the_staff_member_is_asked_once_remembered_and_named_in_changes(qtbot, make_window, workspace_path):
    staff = _staff(workspace_path)
    window = make_window(workspace_path)
    _type_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.staff_dialog is not None and window.staff_dialog.isVisible(), timeout=5000)
    dialog = window.staff_dialog
    assert dialog.staff_box.currentText() == "Ceri Jones"  # in name order
    qtbot.keyClick(dialog.staff_box, Qt.Key_Down)
    qtbot.keyClick(dialog.staff_box, Qt.Key_Return)
    assert window.workspace.store.actor_id == staff["sam"]
    assert "Sam Okafor" in window.staff_label.text()
    person = window.workspace.store.people.add(Person(display_name="Amira", consent_scope="share_team",
                                                      consent_on="2026-01-05"))
    assert window.workspace.store.history.changes(person.id)[0].actor == staff["sam"]
    window.lock()
    assert window.staff_label.text() == "" and window.staff_dialog is None
    unlock(qtbot, window)  # remembered on this laptop: not asked again
    assert window.staff_dialog is None and window.workspace.store.actor_id == staff["sam"]
    # Forms that start from "me" know it too, though the screens were attached before it was chosen.
    assert window.shell.screens["connecting_time"].staff_box.currentData() == staff["sam"]
    settings_text = window.settings.path.read_text(encoding="utf-8")
    assert staff["sam"] in settings_text and "Sam Okafor" not in settings_text  # an id, never a name


def test_no_staff_yet_means_no_question(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    assert window.staff_dialog is None and window.workspace.store.actor_id is None
