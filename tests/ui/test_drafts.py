"""Nothing typed is lost: every kind of form survives a lock (and a crash) as an encrypted draft.

For each form: type, lock with Ctrl+L (MainWindow's real lock path), unlock with the
passphrase, accept the offer, see the same values where they were, save. Drafts are
each staff member's own: a colleague unlocking the same laptop is not offered them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest
from PySide6.QtCore import Qt

from connector_app.i18n import format_date
from connector_app.reports.sheet_ids import new_sheet_id
from connector_app.domain.records import Staff
from connector_app.store.drafts import drafts
from connector_app.store.paper_sheets import people_with_sheet
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.samples import add_everything
from tests.ui.conftest import add_records, unlock, wait_idle
from ui import conversation_page, person_page
from ui.idle import IDLE_LOCK_MS
from ui.settings import STAFF_MEMBER

TYPED = "Wants to join the Tuesday sewing group"
SHEET_ID = new_sheet_id()


def _stored_drafts(path):
    workspace = Workspace(path, kdf=FAST_KDF)
    store = workspace.unlock(PASSPHRASE)
    try:
        return drafts(store)
    finally:
        workspace.lock()


@pytest.fixture
def sample(workspace_path):
    made = {}

    def fill(store):
        made.update(add_everything(store))
        made["jan_staff"] = store.staff.add(Staff(name="Jan Nowak", role="community_connector"))
    add_records(workspace_path, fill)
    return workspace_path, made


def _window(qtbot, make_window, path, staff=None):
    window = make_window(path)
    if staff is not None:
        window.settings.set(STAFF_MEMBER, staff.id)   # the staff member remembered on this laptop
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    return window


# the forms: how to open one, type in it, find it again after unlocking, and what saving it writes

@dataclass(frozen=True)
class Form:
    kind: str
    start: Callable      # (qtbot, window, made): open the form
    find: Callable       # (window, made) -> the open form, or None
    type: Callable       # (qtbot, form, made) -> the field typed in last
    shows: Callable      # (window, form, made) -> the values typed, where they were
    saved: Callable      # (store, made) -> what saving wrote


def _keys(qtbot, widget, text: str, *, replace: bool = False) -> None:
    widget.setFocus()
    if replace:
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def _conversation_type(qtbot, form, made):
    _keys(qtbot, form.people_field.edit, "jan k")
    qtbot.keyClick(form.people_field.edit, Qt.Key_Return)
    _keys(qtbot, form.notes_edit, TYPED)
    qtbot.keyClick(form.feature_checks["reciprocity"], Qt.Key_Space)
    return form.notes_edit


def _open_person(window, made, type_name, **options):
    person_page.open_in_view(window.shell, made["person"].id)
    window.shell.person_page.open_form(type_name, **options)


def _person_form(window, made):
    page = window.shell.person_page
    return page.forms[-1] if page.forms else None


def _on_the_persons_page(window, made) -> bool:
    page = window.shell.person_page
    return window.shell.stack.currentWidget() is page and page.person_id == made["person"].id


def _edit_conversation(qtbot, window, made):
    conversation_page.show_in_view(window.shell, made["conversation"].id)
    qtbot.mouseClick(window.shell.conversation_page.edit_button, Qt.LeftButton)


def _connecting_time_type(qtbot, page, made):
    _keys(qtbot, page.with_edit, "Parents at the bus stop")
    _keys(qtbot, page.heard_edit, TYPED)
    return page.heard_edit


def _assets(window):
    return window.shell.screens["assets"]


def _venue_start(qtbot, window, made):
    venues = _assets(window).venues
    window.shell.show_screen("assets").tabs.setCurrentIndex(1)
    venues.edit_record("venues", made["venue"].id, venues.make_venue_dialog)


def _connection_type(qtbot, form, made):
    _keys(qtbot, form.chooser.edit, "sewing")
    qtbot.keyClick(form.chooser.edit, Qt.Key_Return)
    _keys(qtbot, form.notes_edit, TYPED)
    return form.notes_edit


def _sheet_type(qtbot, form, made):
    _keys(qtbot, form.id_field.edit, SHEET_ID)
    _keys(qtbot, form.people_field.edit, "Gwenllian Wyn")
    qtbot.keyClick(form.people_field.edit, Qt.Key_Return)
    _keys(qtbot, form.box_edits["loves"], "Singing")
    qtbot.keyClick(form.keep_check, Qt.Key_Space)
    return form.box_edits["loves"]


FORMS = [
    Form("conversation",
         lambda qtbot, window, made: qtbot.keyClick(window.shell.sidebar, Qt.Key_N, Qt.ControlModifier),
         lambda window, made: window.shell.quick_add,
         _conversation_type,
         lambda window, form, made: (form.notes_edit.toPlainText(), form.people_field.chips(),
                                     form.feature_checks["reciprocity"].isChecked())
         == (TYPED, [(made["other"].id, "Jan Kowalski")], True),
         lambda store, made: [c.person_ids for c in store.conversations.where("notes", TYPED)]
         == [(made["other"].id,)]),
    Form("record",   # a new "what matters" note, on the person's page
         lambda qtbot, window, made: _open_person(window, made, "what_matters",
                                                  fixed={"person_id": made["person"].id}),
         _person_form,
         lambda qtbot, form, made: _keys(qtbot, form.editors["own_words"].editor, TYPED)
         or form.editors["own_words"].editor,
         lambda window, form, made: _on_the_persons_page(window, made) and form.record_id is None
         and form.editors["own_words"].value() == TYPED,
         lambda store, made: [w.person_id for w in store.what_matters.where("own_words", TYPED)]
         == [made["person"].id]),
    Form("record",   # correcting a strength: back on the same record
         lambda qtbot, window, made: _open_person(window, made, "strength", record_id=made["strength"].id,
                                                  fixed={"person_id": made["person"].id}),
         _person_form,
         lambda qtbot, form, made: _keys(qtbot, form.editors["description"].editor, TYPED, replace=True)
         or form.editors["description"].editor,
         lambda window, form, made: _on_the_persons_page(window, made) and form.record_id == made["strength"].id
         and form.editors["description"].value() == TYPED,
         lambda store, made: store.strengths.get(made["strength"].id).description == TYPED),
    Form("record",   # correcting a conversation on its own page: back on that page
         lambda qtbot, window, made: _edit_conversation(qtbot, window, made),
         lambda window, made: window.shell.conversation_page.forms[-1] if window.shell.conversation_page.forms
         else None,
         lambda qtbot, form, made: _keys(qtbot, form.editors["notes"].editor, TYPED, replace=True)
         or form.editors["notes"].editor,
         lambda window, form, made: window.shell.stack.currentWidget() is window.shell.conversation_page
         and window.shell.conversation_page.conversation_id == made["conversation"].id
         and form.record_id == made["conversation"].id and form.editors["notes"].value() == TYPED,
         lambda store, made: store.conversations.get(made["conversation"].id).notes == TYPED),
    Form("connecting_time",
         lambda qtbot, window, made: window.shell.show_screen("connecting_time"),
         lambda window, made: window.shell.screens["connecting_time"],
         _connecting_time_type,
         lambda window, page, made: window.shell.stack.currentWidget() is page
         and (page.with_edit.text(), page.heard_edit.toPlainText()) == ("Parents at the bus stop", TYPED),
         lambda store, made: [s.with_whom for s in store.connecting_time.where("heard", TYPED)]
         == ["Parents at the bus stop"]),
    Form("asset",
         lambda qtbot, window, made: window.shell.show_screen("assets").directory.new_asset(),
         lambda window, made: _assets(window).directory.dialog,
         lambda qtbot, form, made: _keys(qtbot, form.name_edit, "Riverside walking group")
         or _keys(qtbot, form.offer_edit, TYPED) or form.offer_edit,
         lambda window, form, made: form.asset is None
         and (form.name_edit.text(), form.offer_edit.toPlainText()) == ("Riverside walking group", TYPED),
         lambda store, made: [a.offer for a in store.assets.where("name", "Riverside walking group")] == [TYPED]),
    Form("venue",    # correcting a venue: read first, then reopened on the same venue
         _venue_start,
         lambda window, made: _assets(window).venues.dialog,
         lambda qtbot, form, made: _keys(qtbot, form.address_edit, "2 Chapel Lane", replace=True)
         or form.address_edit,
         lambda window, form, made: form.venue.id == made["venue"].id and form.address_edit.text() == "2 Chapel Lane",
         lambda store, made: store.venues.get(made["venue"].id).address == "2 Chapel Lane"),
    Form("connection",   # from a person's page: the person stays, the asset chosen comes back
         lambda qtbot, window, made: window.shell.connect_person(made["other"].id),
         lambda window, made: window.shell.connect_dialog.dialog,
         _connection_type,
         lambda window, form, made: (form.person_id, form.chooser.chosen_id, form.notes_edit.toPlainText())
         == (made["other"].id, made["asset"].id, TYPED),
         lambda store, made: [c.notes for c in store.connections.where("person_id", made["other"].id)] == [TYPED]),
    Form("paper_sheet",
         lambda qtbot, window, made: window.reports.open_paper_sheet(),
         lambda window, made: window.reports.dialogs[-1] if window.reports.dialogs else None,
         _sheet_type,
         lambda window, form, made: (form.id_field.sheet_id(), form.people_field.people(),
                                     form.box_edits["loves"].toPlainText(), form.keep_check.isChecked())
         == (SHEET_ID, ([], ["Gwenllian Wyn"]), "Singing", True),
         lambda store, made: [name for _id, name in people_with_sheet(store.connection, SHEET_ID)]
         == ["Gwenllian Wyn"]),
]
IDS = ["conversation", "what-matters", "strength-corrected", "conversation-corrected", "connecting-time", "asset", "venue-corrected",
       "connection", "paper-sheet"]


def _type_in(qtbot, window, made, form_kind: Form):
    form_kind.start(qtbot, window, made)
    qtbot.waitUntil(lambda: form_kind.find(window, made) is not None, timeout=10_000)
    form = form_kind.find(window, made)
    return form, form_kind.type(qtbot, form, made)


@pytest.mark.parametrize("form_kind", FORMS, ids=IDS)
def test_an_unsaved_form_comes_back_after_a_lock_and_saves(qtbot, make_window, sample, form_kind):
    path, made = sample
    window = _window(qtbot, make_window, path)
    _form, last_field = _type_in(qtbot, window, made, form_kind)
    qtbot.keyClick(last_field, Qt.Key_L, Qt.ControlModifier)   # Ctrl+L, from inside the form
    assert not window.is_unlocked
    closed = form_kind.find(window, made)
    assert closed is None or not closed.isVisible()
    wait_idle(qtbot, window)
    (kept,) = _stored_drafts(path)
    assert (kept.kind, kept.staff_id) == (form_kind.kind, made["staff"].id)
    assert TYPED not in repr(kept)

    unlock(qtbot, window)
    offer = window.shell.draft_offer
    qtbot.waitUntil(offer.isVisible)
    assert format_date(kept.keep_until) in offer.message.text()   # how long it is kept, said
    qtbot.mouseClick(offer.carry_on_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: form_kind.find(window, made) is not None, timeout=10_000)
    form = form_kind.find(window, made)
    assert not offer.isVisible()
    assert form_kind.shows(window, form, made)

    qtbot.mouseClick(form.save_button, Qt.LeftButton)   # saved: the record written, the draft gone
    wait_idle(qtbot, window)
    store = window.workspace.store
    assert form_kind.saved(store, made)
    assert drafts(store) == []


def test_drafts_are_offered_only_to_the_staff_member_who_typed_them(qtbot, make_window, sample):
    path, made = sample
    ceri, jan = made["staff"], made["jan_staff"]
    window = _window(qtbot, make_window, path, staff=ceri)
    _form, last_field = _type_in(qtbot, window, made, FORMS[1])
    qtbot.keyClick(last_field, Qt.Key_L, Qt.ControlModifier)
    wait_idle(qtbot, window)

    window.settings.set(STAFF_MEMBER, jan.id)   # Jan unlocks the shared laptop next
    unlock(qtbot, window)
    wait_idle(qtbot, window)                    # the drafts have been looked for
    assert window.workspace.store.actor_id == jan.id
    assert not window.shell.draft_offer.isVisible()
    assert [d.staff_id for d in drafts(window.workspace.store)] == [ceri.id]   # kept for Ceri
    qtbot.keyClick(window.shell.sidebar, Qt.Key_L, Qt.ControlModifier)
    wait_idle(qtbot, window)

    window.settings.set(STAFF_MEMBER, ceri.id)
    unlock(qtbot, window)
    qtbot.waitUntil(window.shell.draft_offer.isVisible)


def test_locking_while_a_save_runs_keeps_no_draft_of_what_was_saved(qtbot, make_window, sample):
    path, made = sample
    window = _window(qtbot, make_window, path)
    form, last_field = _type_in(qtbot, window, made, FORMS[1])
    wait_idle(qtbot, window)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)           # the save job starts...
    qtbot.keyClick(window.shell.sidebar, Qt.Key_L, Qt.ControlModifier)   # ...and the app locks at once
    wait_idle(qtbot, window)
    assert _stored_drafts(path) == []
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    assert FORMS[1].saved(window.workspace.store, made)
    assert not window.shell.draft_offer.isVisible()


def test_an_auto_lock_keeps_the_form_too(qtbot, make_window, sample):
    path, made = sample
    window = _window(qtbot, make_window, path)
    _type_in(qtbot, window, made, FORMS[0])
    window.idle._timer.start(50)  # the five idle minutes, shortened once the typing is done
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=10_000)   # the idle timer locks
    wait_idle(qtbot, window)
    window.idle._timer.setInterval(IDLE_LOCK_MS)
    (kept,) = _stored_drafts(path)
    assert kept.body["state"]["notes"] == TYPED and kept.person_ids == (made["other"].id,)


def _typed_and_autosaved(qtbot, make_window, path, made):
    window = _window(qtbot, make_window, path)
    dialog, _field = _type_in(qtbot, window, made, FORMS[0])
    dialog.keeper.tick()                      # what the autosave timer does every few seconds
    wait_idle(qtbot, window)
    return window, dialog


def test_a_crash_keeps_the_last_autosave(qtbot, make_window, sample):
    path, made = sample
    window, dialog = _typed_and_autosaved(qtbot, make_window, path, made)
    qtbot.keyClicks(dialog.notes_edit, " and more typed after the last autosave")
    # The process dies here: no lock, no close. What is on disk is the last autosave.
    (kept,) = _stored_drafts(path)
    assert kept.body["state"]["notes"] == TYPED

    after_crash = make_window(path)
    unlock(qtbot, after_crash)
    offer = after_crash.shell.draft_offer
    qtbot.waitUntil(offer.isVisible)
    qtbot.mouseClick(offer.discard_button, Qt.LeftButton)
    assert not offer.isVisible()
    wait_idle(qtbot, after_crash)
    assert drafts(after_crash.workspace.store) == []


def test_cancelling_the_form_discards_its_draft(qtbot, make_window, sample):
    path, made = sample
    window, dialog = _typed_and_autosaved(qtbot, make_window, path, made)
    assert len(drafts(window.workspace.store)) == 1
    qtbot.keyClick(dialog.notes_edit, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.shell.quick_add is None)
    wait_idle(qtbot, window)
    assert drafts(window.workspace.store) == []


def test_a_form_emptied_again_leaves_no_draft(qtbot, make_window, sample):
    path, made = sample
    window, dialog = _typed_and_autosaved(qtbot, make_window, path, made)
    dialog.notes_edit.clear()
    dialog.people_field.chosen.clear()
    dialog.feature_checks["reciprocity"].setChecked(False)
    dialog.keeper.tick()
    wait_idle(qtbot, window)
    assert drafts(window.workspace.store) == []
