"""A conversation's own page in the real window, driven by keys: opened from the list, search, a person's
page and To do; corrected with its history read; a person opened from it and back; delete and undo;
names for screen readers; twice-as-long words and right to left; nothing left after lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPlainTextEdit, QWidget

from connector_app.domain.records import FollowUp
from connector_app.i18n import set_language
from tests.samples import add_everything
from tests.ui.conftest import unlocked_window, wait_idle
from tests.ui.test_lock_audit import _unnamed
from tests.ui.test_person_page import the_form

MARKER = "Qwzconvmarker"
NO_ONE = "Ring the allotment society back"   # a follow-up of the group conversation about no one in particular


def _fill(store) -> None:
    made = add_everything(store, text=f"Loves the allotment {MARKER}")
    store.follow_ups.add(FollowUp(conversation_id=made["group"].id, action=NO_ONE, due_on="2026-03-10",
                                  state="open"))


@pytest.fixture
def window(qtbot, make_window, workspace_path):
    return unlocked_window(qtbot, make_window, workspace_path, _fill)


def _ids(window) -> dict[str, str]:
    conn = window.shell.reader.connection
    return {
        "single": conn.execute("SELECT id FROM conversation WHERE duration_minutes = 40").fetchone()[0],
        "group": conn.execute("SELECT id FROM conversation WHERE mode = 'group'").fetchone()[0],
        "amira": conn.execute("SELECT id FROM person WHERE display_name = 'Amira Hassan'").fetchone()[0],
        "no_one": conn.execute("SELECT id FROM follow_up WHERE person_id IS NULL").fetchone()[0],
    }


def _page(window):
    return window.shell.conversation_page


def _showing(window) -> QWidget:
    return window.shell.stack.currentWidget()


def _open_from_list(qtbot, window, row: int = 0):
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    listing = window.shell.conversations
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2)
    listing.table.setFocus()
    listing.table.selectRow(row)
    qtbot.keyClick(listing.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: _showing(window) is _page(window))
    return listing


def test_opened_from_the_list_shows_all_of_it_and_esc_goes_back(qtbot, window):
    listing = _open_from_list(qtbot, window)   # newest first: the group conversation
    page = _page(window)
    assert page.title.text().startswith("Conversation on ") and "2026" in page.title.text()
    details = page.details.text()
    assert "How: Group session" in details and "Minutes: 60" in details and "Staff member: Ceri Jones" in details
    assert "People not named: 3" in details
    assert page.features.text() == "Features of practice: Reciprocity"
    assert page.notes.toPlainText() == "Group chat about the garden"
    assert [page.people_model.row_at(r).name for r in range(2)] == ["Amira Hassan", "Jan Kowalski"]
    assert {page.follow_ups_model.row_at(r).action for r in range(page.follow_ups_model.rowCount())} == {NO_ONE}
    assert page.people.hasFocus() and page.people.currentIndex().row() == 0   # Enter opens the first at once
    qtbot.keyClick(page.people, Qt.Key_Escape)
    assert _showing(window) is listing
    assert listing.table.hasFocus() and listing.table.currentIndex().row() == 0   # where the keyboard was


def test_the_single_conversation_shows_its_venue_follow_up_and_connection(qtbot, window):
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    assert "Venue: St Mary's hall" in page.details.text()
    assert page.features.text() == "Features of practice: Listening and responding, Strengths-focus"
    assert page.follow_ups_model.row_at(0).person_name == "Amira Hassan"
    connection = page.connections_model.row_at(0)
    assert (connection.person_name, connection.asset_name) == ("Amira Hassan", "Tuesday sewing group")
    page.connections.setFocus()
    page.connections.selectRow(0)
    qtbot.keyClick(page.connections, Qt.Key_Return)    # opens the community asset in the directory
    assets = window.shell.screens["assets"]
    qtbot.waitUntil(lambda: _showing(window) is assets)
    assert assets.directory.selected().name == "Tuesday sewing group"
    qtbot.keyClick(assets.directory.table, Qt.Key_Left, Qt.AltModifier)   # Alt+Left: back to the conversation
    assert _showing(window) is page and "St Mary's hall" in page.details.text()


def test_opened_from_search_and_esc_returns_to_the_results(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    search = window.shell.search
    qtbot.keyClicks(search.search_edit, "garden")
    qtbot.waitUntil(lambda: search.results.currentIndex().isValid(), timeout=10_000)
    qtbot.keyClick(search.search_edit, Qt.Key_Return)
    page = _page(window)
    qtbot.waitUntil(lambda: _showing(window) is page)
    assert page.notes.toPlainText() == "Group chat about the garden"
    qtbot.keyClick(page.people, Qt.Key_Escape)
    assert _showing(window) is search and search.search_edit.text() == "garden"


def test_edit_a_field_then_read_its_history(qtbot, window):
    ids = _ids(window)
    store = window.workspace.store
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    page.edit_button.setFocus()
    qtbot.keyClick(page.edit_button, Qt.Key_Space)
    form = the_form(qtbot, page)
    minutes = form.editors["duration_minutes"].editor
    minutes.setFocus()
    minutes.selectAll()
    qtbot.keyClicks(minutes, "45")
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not page.forms, timeout=10_000)
    assert store.conversations.get(ids["single"]).duration_minutes == 45
    qtbot.waitUntil(lambda: "Minutes: 45" in page.details.text(), timeout=10_000)   # the page follows

    qtbot.keyClick(page.edit_button, Qt.Key_Space)
    form = the_form(qtbot, page)
    form.editors["duration_minutes"].editor.setFocus()
    qtbot.mouseClick(form.history_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: form._history is not None and form._history.model.rowCount() == 2, timeout=10_000)
    first, second = form._history.model.row_at(0), form._history.model.row_at(1)
    assert (first.what, first.after) == ("Added", "40")
    assert (second.what, second.before, second.after) == ("Changed", "40", "45")
    qtbot.keyClick(form._history, Qt.Key_Escape)
    qtbot.keyClick(form, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not page.forms)


def test_open_a_person_from_it_and_come_back(qtbot, window):
    ids = _ids(window)
    listing = _open_from_list(qtbot, window)
    page = _page(window)
    qtbot.keyClick(page.people, Qt.Key_Return)             # Amira, the first
    person = window.shell.person_page
    qtbot.waitUntil(lambda: _showing(window) is person)
    assert person.person_id == ids["amira"] and person.name_label.text() == "Amira Hassan"
    qtbot.keyClick(person.tabs, Qt.Key_Left, Qt.AltModifier)   # back: the conversation, as it was
    assert _showing(window) is page and page.conversation_id == ids["group"]
    assert page.people.hasFocus()
    qtbot.keyClick(page.people, Qt.Key_Left, Qt.AltModifier)   # and back again: the list
    assert _showing(window) is listing


def test_a_persons_conversations_tab_opens_the_conversation_and_comes_back_to_the_tab(qtbot, window):
    ids = _ids(window)
    window.shell.open_record("person", ids["amira"])
    person = window.shell.person_page
    person.tabs.setCurrentWidget(person.conversations)
    table = person.conversations.table
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key_Return)
    page = _page(window)
    assert _showing(window) is page and page.conversation_id == ids["single"]
    qtbot.keyClick(page.people, Qt.Key_Escape)
    assert _showing(window) is person and person.tabs.currentWidget() is person.conversations
    assert table.hasFocus() and table.currentIndex().row() == 1


def test_a_follow_up_about_no_one_opens_in_its_conversation_from_to_do(qtbot, window):
    ids = _ids(window)
    qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    due = window.shell.screens["due"]
    rows = lambda: [due.model.row_at(r).id for r in range(due.model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: ids["no_one"] in rows())
    row = rows().index(ids["no_one"])
    due.table.setFocus()
    due.table.selectRow(row)
    qtbot.keyClick(due.table, Qt.Key_Return)
    page = _page(window)
    assert _showing(window) is page and page.conversation_id == ids["group"]
    assert page.follow_ups.hasFocus() and page.follow_ups_model.row_at(page.follow_ups.currentIndex().row()).action \
        == NO_ONE
    assert page.done_button.isEnabled()
    qtbot.mouseClick(page.done_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.store.follow_ups.get(ids["no_one"]).state == "done", timeout=10_000)
    qtbot.waitUntil(lambda: not page.done_button.isEnabled(), timeout=10_000)


def test_add_a_follow_up_from_the_page(qtbot, window):
    ids = _ids(window)
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    form = the_form(qtbot, page)
    assert "person_id" not in form.editors        # one person there: it is about them
    form.editors["action"].editor.setFocus()
    qtbot.keyClicks(form.editors["action"].editor, "Send the sewing group's times")
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.follow_ups_model.rowCount() == 2, timeout=10_000)
    added = [f for f in window.workspace.store.follow_ups.where("conversation_id", ids["single"])
             if f.action == "Send the sewing group's times"]
    assert len(added) == 1 and added[0].person_id == ids["amira"] and added[0].state == "open"


def test_delete_then_undo(qtbot, window):
    ids = _ids(window)
    store = window.workspace.store
    # Nothing may point at a conversation being deleted: its follow-up first (on the runner, the store's thread).
    window.runner.run(lambda _control: store.follow_ups.delete(ids["no_one"]), label="")
    wait_idle(qtbot, window)
    _open_from_list(qtbot, window)
    page = _page(window)
    qtbot.waitUntil(lambda: page.follow_ups_model.rowCount() == 0, timeout=10_000)
    qtbot.mouseClick(page.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: store.conversations.find(ids["group"]) is None, timeout=10_000)
    qtbot.waitUntil(lambda: page.title.text() == "This conversation is no longer here.", timeout=10_000)
    assert not page.edit_button.isEnabled() and page.people_model.rowCount() == 0
    assert page.undo_bar.text.text() == "Deleted: Conversation."
    assert page.back_button.hasFocus() and _showing(window) is page   # the keyboard stays on the page
    qtbot.keyClick(page.back_button, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: store.conversations.find(ids["group"]) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: page.people_model.rowCount() == 2, timeout=10_000)
    assert page.title.text().startswith("Conversation on ")


def test_every_focusable_widget_is_named_and_the_models_pass_qts_tester(qtbot, qtmodeltester, window):
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    page.follow_ups.selectRow(0)
    assert _unnamed(page) == []
    for model in (page.people_model, page.follow_ups_model, page.connections_model):
        assert model.rowCount() >= 1
        qtmodeltester.check(model, force_py=False)


def _clipped(page) -> list[str]:
    """Buttons narrower than their words, and wrapped labels shorter than their lines."""
    clipped = [b.text() for b in page.findChildren(QAbstractButton)
               if b.isVisible() and b.width() < b.sizeHint().width()]
    clipped += [label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.wordWrap()
                and label.text() and label.height() < label.heightForWidth(label.width())]
    return clipped


@pytest.mark.parametrize("language", ["en_XA", "ar_XB"])
def test_twice_as_long_words_and_right_to_left_fit(qtbot, window, language):
    window.resize(1200, 800)
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    set_language(language)
    QApplication.processEvents()
    assert "[" in page.back_button.text() or language == "ar_XB"
    assert page.title.text().startswith("[Çöñṽéŕšåţîöñ") or language == "ar_XB"
    assert _clipped(page) == []
    notes, people = (widget.mapTo(page, widget.rect().center()).x() for widget in (page.notes, page.people))
    back, edit = (button.mapTo(page, button.rect().center()).x() for button in (page.back_button, page.edit_button))
    if language == "ar_XB":   # mirrored: the notes and "Back" on the right, where reading starts
        assert notes > people and back > edit
    else:
        assert notes < people and back < edit
    window.shell.conversation_page.grab().save(f"/tmp/conversation-page-{language}.png")  # for a look


def test_lock_forgets_every_record_text(qtbot, window):
    _open_from_list(qtbot, window, row=1)
    page = _page(window)
    assert MARKER in page.notes.toPlainText()
    qtbot.mouseClick(page.edit_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(page.forms))
    window.lock()
    QApplication.processEvents()
    leaks = []
    for obj in [page, *page.findChildren(QObject)]:
        texts = []
        if isinstance(obj, QLabel):
            texts.append(obj.text())
        if isinstance(obj, QPlainTextEdit):
            texts.append(obj.toPlainText())
        if isinstance(obj, QWidget):
            texts += [obj.accessibleName(), obj.accessibleDescription(), obj.toolTip(), obj.windowTitle()]
        model = getattr(obj, "model", None)
        if callable(model) and model() is not None:
            m = model()
            texts += [str(m.index(r, c).data()) for r in range(m.rowCount()) for c in range(m.columnCount())]
        if any(MARKER in t for t in texts if t):
            leaks.append(type(obj).__name__)
    assert leaks == [] and not page.forms and page.conversation_id is None
    assert window.shell.trail.places == []


def test_the_page_is_the_only_screen_showing_whichever_way_it_was_opened(qtbot, window):
    ids = _ids(window)
    shell = window.shell
    shown = lambda: [shell.stack.widget(i) for i in range(shell.stack.count()) if shell.stack.widget(i).isVisible()]  # noqa: E731
    for screen in ("home", "search", "conversations"):
        shell.show_screen(screen)
        shell.open_record("person", ids["amira"])
        shell.open_record("conversation", ids["group"])
        assert shown() == [shell.conversation_page], screen
        qtbot.keyClick(shell.conversation_page.people, Qt.Key_Return)   # a person from it, by the keyboard
        assert shown() == [shell.person_page], screen
        qtbot.keyClick(shell.person_page.tabs, Qt.Key_Left, Qt.AltModifier)
        assert shown() == [shell.conversation_page], screen
        shell.show_screen(screen)                      # the sidebar's screen again leaves the page
        assert shown() == [shell.screens[screen]]
