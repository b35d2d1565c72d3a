"""Quick-add a conversation with the keyboard alone, counting every key press against a fixed budget."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from connector_app.domain.records import Conversation, Person, Staff, Venue
from connector_app.store.queries import ConversationFilter
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import add_records, unlock, wait_idle

# Ctrl+N, "amir", Enter, "Nia Evans", Enter, consent (2), notes (1 + 12), two features (4), Ctrl+S = 37.
KEY_BUDGET = 40


class Keys:
    """Presses keys as a person would, and counts them (each typed character is one press)."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def press(self, key, modifier=Qt.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard"
        self.qtbot.keyClick(widget, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        widget = QApplication.focusWidget()
        self.qtbot.keyClicks(widget, text)
        self.count += len(text)


def _fill(store) -> None:
    sam = store.staff.add(Staff(name="Sam Okafor", role="community_connector"))
    store.staff.add(Staff(name="Jo Price", role="link_worker"))
    store.venues.add(Venue(name="Central Library"))
    hall = store.venues.add(Venue(name="St Mary's Hall"))
    people = [store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-05"))
              for name in ("Amina Hassan", "Amira Khan", "Bogdan Nowak", "Żaneta Wiśniewska")]
    store.conversations.add(Conversation(occurred_at="2026-01-10T10:00", mode="phone", venue_id=hall.id,
                                         staff_id=sam.id, person_ids=(people[2].id,)))


@pytest.fixture
def window(qtbot, make_window, workspace_path):
    add_records(workspace_path, _fill)
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    store = window.workspace.store
    store.actor_id = store.queries.staff()[1][0]  # Sam Okafor uses this laptop (chosen at unlock, later)
    return window


def _open(qtbot, window, keys):
    keys.press(Qt.Key_N, Qt.ControlModifier)
    dialog = window.shell.quick_add
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.people_field.edit.hasFocus())
    return dialog


def test_quick_add_with_a_new_person_by_keyboard_alone_within_the_budget(qtbot, window):
    keys = Keys(qtbot)
    window.activateWindow()
    dialog = _open(qtbot, window, keys)
    assert dialog.staff_box.currentText() == "Sam Okafor"          # me
    assert dialog.venue_box.currentText() == "St Mary's Hall"      # my last venue
    assert dialog.when_edit.dateTime().toPython().date() == date.today()  # now

    keys.type("amir")
    assert dialog.people_field.suggestions.currentItem().text() == "Amira Khan"
    keys.press(Qt.Key_Return)
    keys.type("Nia Evans")
    assert dialog.people_field.suggestions.currentItem().text() == "New person: Nia Evans"
    keys.press(Qt.Key_Return)
    assert dialog.consent_box.isVisible()
    keys.press(Qt.Key_C, Qt.AltModifier)   # consent of the new person
    keys.press(Qt.Key_Down)
    keys.press(Qt.Key_N, Qt.AltModifier)   # notes
    keys.type("Garden group")
    keys.press(Qt.Key_Tab)                 # Listening and responding
    keys.press(Qt.Key_Space)
    keys.press(Qt.Key_Tab)
    keys.press(Qt.Key_Tab)                 # Strengths-focus
    keys.press(Qt.Key_Space)
    keys.press(Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.shell.quick_add is None, timeout=10_000)
    wait_idle(qtbot, window)

    assert keys.count <= KEY_BUDGET, keys.count
    store = window.workspace.store
    newest = store.queries.conversations_page(ConversationFilter(), limit=1).rows[0]
    assert sorted(newest.people) == ["Amira Khan", "Nia Evans"]
    assert newest.venue_name == "St Mary's Hall" and newest.staff_name == "Sam Okafor"
    assert newest.mode == "in_person" and newest.features == ("listening", "strengths_focus")
    assert newest.occurred_at[:10] == date.today().isoformat()
    talk = store.conversations.get(newest.id)
    assert talk.notes == "Garden group"
    nia = next(store.people.get(pid) for pid in talk.person_ids if store.people.get(pid).display_name == "Nia Evans")
    assert nia.consent_scope == "share_team" and nia.consent_on == date.today().isoformat()
    # The conversations list heard the commit and shows it, without anyone refreshing it by hand.
    model = window.shell.conversations.model
    qtbot.waitUntil(lambda: model.rowCount() and model.row_at(0).id == newest.id, timeout=10_000)


def test_type_ahead_finds_names_in_any_script_without_their_marks(qtbot, window):
    keys = Keys(qtbot)
    window.activateWindow()
    dialog = _open(qtbot, window, keys)
    keys.type("zaneta")
    assert dialog.people_field.suggestions.item(0).text() == "Żaneta Wiśniewska"
    keys.press(Qt.Key_Down)
    assert dialog.people_field.suggestions.currentItem().text() == "New person: zaneta"
    keys.press(Qt.Key_Up)
    keys.press(Qt.Key_Return)
    assert dialog.people_field.people() == ([window.workspace.store.queries.people_named("Żaneta")[0].id], [])


def test_escape_cancels_and_saves_nothing(qtbot, window, workspace_path):
    keys = Keys(qtbot)
    window.activateWindow()
    before = window.workspace.store.counts()
    dialog = _open(qtbot, window, keys)
    keys.type("amir")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_Escape)
    assert window.shell.quick_add is None and not dialog.isVisible()
    assert dialog.people_field.chosen.count() == 0  # what was typed is forgotten
    wait_idle(qtbot, window)
    assert window.workspace.store.counts() == before


def test_saving_with_no_one_says_what_to_do(qtbot, window):
    keys = Keys(qtbot)
    window.activateWindow()
    dialog = _open(qtbot, window, keys)
    keys.press(Qt.Key_S, Qt.ControlModifier)
    assert window.shell.quick_add is dialog and dialog.message.isVisible()
    assert "Add at least one person" in dialog.message.text()
    assert dialog.people_field.edit.hasFocus()
