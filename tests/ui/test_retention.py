"""The retention review screen: only the inactive, keep-and-note hides one until the period passes, erase works."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from connector_app.domain.records import Conversation, Person
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import add_records, unlocked_window, wait_idle
from tests.ui.test_lists import _unnamed
from ui.data_protection import EraseDialog
from ui.retention import RetentionModel

TODAY = date(2026, 11, 24)
QUIET = 9


def _fill(store) -> None:
    for i in range(QUIET):
        store.people.add(Person(display_name=f"Quiet {i}", consent_scope="record_only", consent_on=f"2020-0{i + 1}-01"))
    active = store.people.add(Person(display_name="Seen Lately", consent_scope="share_team", consent_on="2020-01-01"))
    store.conversations.add(Conversation(occurred_at="2026-10-01T10:00", mode="phone", person_ids=(active.id,)))
    store.people.add(Person(display_name="Just Met", consent_scope="share_team", consent_on="2026-11-01"))


@pytest.fixture
def window(qtbot, make_window, workspace_path):
    return unlocked_window(qtbot, make_window, workspace_path, _fill)


def _names(page) -> list[str]:
    while page.model.canFetchMore():
        page.model.fetchMore()
    return [page.model.row_at(i).name for i in range(page.model.rowCount())]


def _choose(qtbot, page, name: str) -> None:
    row = _names(page).index(name)
    page.table.setFocus()
    page.table.selectRow(row)
    assert page.selected().name == name


def test_the_list_keeps_and_erases(qtbot, window):
    page = window.shell.retention
    page._today = lambda: TODAY
    assert page.model.rowCount() == 0               # not read until shown: unlocking never waits for it
    from ui.workspace_view import SCREENS
    position = [screen.name for screen in SCREENS].index("retention") + 1   # the sidebar's own shortcut
    qtbot.keyClick(window.shell.sidebar, getattr(Qt, f"Key_{position}"), Qt.ControlModifier)
    assert window.shell.current_screen() == "retention"
    assert _names(page) == [f"Quiet {i}" for i in range(QUIET)]   # oldest activity first
    # Counted off the GUI thread, a moment later.
    qtbot.waitUntil(lambda: page.count_label.text().startswith("9 people with no activity since"))

    _choose(qtbot, page, "Quiet 2")
    assert _unnamed(page) == []
    qtbot.mouseClick(page.keep_button, Qt.LeftButton)
    dialog = page.keep_dialog
    assert _unnamed(dialog) == []
    assert not dialog.keep_button.isEnabled()                    # a reason is asked for
    qtbot.keyClicks(dialog.note_edit, "Still comes to the sewing group")
    qtbot.keyClick(dialog.note_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "Quiet 2" not in _names(page))
    wait_idle(qtbot, window)
    assert window.workspace.store.people.where("display_name", "Quiet 2")[0].kept_note == \
        "Still comes to the sewing group"

    page._today = lambda: date(2029, 1, 1)                       # the period has passed again
    page.reload()
    row = _names(page).index("Quiet 2")
    assert "Still comes to the sewing group" in page.model.index(row, 3).data()
    page._today = lambda: TODAY
    page.reload()

    _choose(qtbot, page, "Quiet 5")
    qtbot.mouseClick(page.erase_button, Qt.LeftButton)
    (erase,) = [d for d in window.findChildren(EraseDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: erase.name == "Quiet 5")
    qtbot.keyClicks(erase.confirm_edit, "Quiet 5")
    qtbot.mouseClick(erase.erase_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Quiet 5" not in _names(page), timeout=20_000)
    wait_idle(qtbot, window)
    assert window.workspace.store.people.where("display_name", "Quiet 5") == []
    assert len(_names(page)) == QUIET - 2


def test_the_model_passes_qts_tester_page_by_page(qtmodeltester, qtlog, workspace_path):
    add_records(workspace_path, _fill)
    workspace = Workspace(workspace_path, kdf=FAST_KDF)
    workspace.unlock(PASSPHRASE)
    reader = workspace.open_reader()
    try:
        model = RetentionModel(page_size=2)
        model.show(reader, date(2024, 11, 24))
        qtmodeltester.check(model, force_py=False)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == QUIET
        model.clear()
        assert model.rowCount() == 0
        assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []
    finally:
        reader.close()
        workspace.lock()
