"""Subject access and erasure through the real dialogs: files written and read back, mentions chosen one by one."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from connector_app.domain.records import Conversation, WhatMatters
from tests.samples import add_everything
from tests.ui.conftest import unlocked_window, wait_idle
from tests.ui.test_lists import _texts, _unnamed
from ui import data_protection
from ui.data_protection import erase_person, export_person

NAME = "Gwenllian Zyxwvut"


def _fill(store) -> None:
    records = add_everything(store, name=NAME)
    other = records["other"]
    store.conversations.add(Conversation(occurred_at="2026-03-05T09:00", mode="phone", person_ids=(other.id,),
                                         notes="Jan says Gwenllian Zyxwvut helped him at the food bank"))
    store.what_matters.add(WhatMatters(person_id=other.id, recorded_on="2026-03-06",
                                       own_words="Wants to cook with Gwenllian Zyxwvut again"))


@pytest.fixture
def window(qtbot, make_window, workspace_path):
    return unlocked_window(qtbot, make_window, workspace_path, _fill)


def _person_id(window, name=NAME) -> str:
    (hit,) = [p for p in window.workspace.store.people.iter_all() if p.display_name == name]
    return hit.id


def test_export_writes_the_json_and_a_readable_pdf_where_chosen(qtbot, window, tmp_path):
    person_id = _person_id(window)
    dialog = export_person(window, window.workspace, window.runner, person_id)
    qtbot.waitUntil(lambda: NAME in dialog.title.text())
    folder = tmp_path / "usb stick"
    folder.mkdir()
    dialog.folder_edit.clear()
    qtbot.keyClicks(dialog.folder_edit, str(folder))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(dialog.done_note.isVisible, timeout=20_000)
    (json_path,) = folder.glob("*.json")
    (pdf_path,) = folder.glob("*.pdf")
    assert str(pdf_path) in dialog.done_note.text() and str(json_path) in dialog.done_note.text()
    data = json.loads(json_path.read_text("utf-8"))
    types = {record["type"] for record in data["records"]}
    assert {"person", "conversation", "what_matters", "small_step", "strength", "checkin", "connection",
            "follow_up"} <= types
    assert all(record["id"] in data["history"] for record in data["records"])
    text = "".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Gwenllian" in text

    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)           # again the same day: a second pair
    qtbot.waitUntil(lambda: len(list(folder.glob("*.json"))) == 2, timeout=20_000)
    assert len(list(folder.glob("*-2.pdf"))) == 1


def test_export_refuses_a_folder_inside_the_workspace(qtbot, window, workspace_path):
    dialog = export_person(window, window.workspace, window.runner, _person_id(window))
    dialog.folder_edit.setText(str(workspace_path))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible)
    assert "inside the workspace" in dialog.message.text()
    assert not list(workspace_path.glob("subject-access-*"))


def test_erase_with_one_mention_redacted_and_one_kept(qtbot, window):
    store = window.workspace.store
    person_id = _person_id(window)
    dialog = erase_person(window, window.workspace, window.runner, person_id)
    qtbot.waitUntil(lambda: dialog.mentions_list.count() == 2)
    assert dialog.cancel_button.isDefault() and not dialog.erase_button.isEnabled()
    kept = dialog.mentions[[i for i, m in enumerate(dialog.mentions) if m.record_type == "what_matters"][0]]
    row = dialog.mentions.index(kept)
    dialog.mentions_list.setFocus()
    dialog.mentions_list.setCurrentRow(row)
    qtbot.keyClick(dialog.mentions_list, Qt.Key_Space)              # untick: leave this one as it is
    assert dialog.mentions_list.item(row).checkState() == Qt.Unchecked
    qtbot.keyClicks(dialog.confirm_edit, "gwenllian")
    assert not dialog.erase_button.isEnabled()                       # the whole name, not a part
    qtbot.keyClicks(dialog.confirm_edit, " zyxwvut")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: store.people.find(person_id) is None, timeout=20_000)
    wait_idle(qtbot, window)

    (redacted,) = [m for m in dialog_mentions_after(store) if m[0] == "conversation"]
    assert redacted[1] == "Jan says [name removed] helped him at the food bank"
    assert store.what_matters.get(kept.record_id).own_words == "Wants to cook with Gwenllian Zyxwvut again"
    logged = [row[0] for row in store.connection.execute(
        "SELECT value FROM change WHERE record_id = ? AND value IS NOT NULL", (redacted[2],))]
    assert not any("Gwenllian" in value or "Zyxwvut" in value for value in logged)
    assert not any(person_id in value for value in logged)


def dialog_mentions_after(store):
    return [("conversation", c.notes, c.id) for c in store.conversations.iter_all()
            if c.notes and c.notes.startswith("Jan says")]


def test_enter_in_the_erase_dialog_cancels(qtbot, window):
    person_id = _person_id(window)
    dialog = erase_person(window, window.workspace, window.runner, person_id)
    qtbot.waitUntil(lambda: dialog.mentions_list.count() == 2 and dialog.confirm_edit.hasFocus())
    qtbot.keyClicks(dialog.confirm_edit, NAME)
    qtbot.keyClick(dialog.confirm_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, window)
    assert window.workspace.store.people.find(person_id) is not None


def test_every_control_is_named_and_locking_closes_the_dialogs_with_their_text(qtbot, window):
    person_id = _person_id(window)
    export = export_person(window, window.workspace, window.runner, person_id)
    erase = erase_person(window, window.workspace, window.runner, person_id)
    qtbot.waitUntil(lambda: erase.mentions_list.count() == 2 and NAME in export.title.text())
    assert _unnamed(export) == [] and _unnamed(erase) == []
    objects = [window, *window.findChildren(QObject), *QApplication.allWidgets()]
    assert any("Zyxwvut" in t for o in objects for t in _texts(o)), "the test must see the text before locking"
    window.lock()
    QApplication.processEvents()
    objects = [window, *window.findChildren(QObject), *QApplication.allWidgets()]
    assert [(type(o).__name__, t) for o in objects for t in _texts(o) if "Zyxwvut" in t] == []
    wait_idle(qtbot, window)


def test_locking_again_after_the_dialogs_were_deleted_touches_none_of_them(qtbot, window):
    """Lock, then close the window (a second lock): the closed dialogs are deleted by then.

    This crashed the whole test run once, when the garbage collector had not yet
    collected the deleted dialogs' Python side.
    """
    person_id = _person_id(window)
    export = export_person(window, window.workspace, window.runner, person_id)
    erase = erase_person(window, window.workspace, window.runner, person_id)
    qtbot.waitUntil(lambda: erase.mentions_list.count() == 2 and NAME in export.title.text())
    window.lock()
    wait_idle(qtbot, window)
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # what the next turn of the event loop does
    assert not shiboken6.isValid(export) and not shiboken6.isValid(erase)
    data_protection.close_all()  # as closing the window does
    assert list(data_protection._open_dialogs) == []
