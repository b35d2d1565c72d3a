"""Search, driven by keys in a real window over a real workspace: Ctrl+F anywhere, grouped results, Enter opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from connector_app.domain.records import Asset, Person
from connector_app.store.search_results import search_groups, search_page
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.samples import add_everything
from tests.ui.conftest import add_records, unlock, wait_idle
from ui.search_model import HEADING, HTML_ROLE, KIND_ROLE, MORE, RECORD_ROLE, RESULT, SearchResultsModel
from ui.search_page import SEARCH

made: dict = {}


def _fill(store) -> None:
    made.clear()
    made.update(add_everything(store, text="Loves the allotment"))
    store.assets.add(Asset(name="<b>Bold</b> allotment society", kind="grassroots_group",
                           offer="Plots & <script>tools</script> shared"))
    store.people.add_many(Person(display_name=f"Allotment friend {i:02d}", consent_scope="share_team",
                                 consent_on="2026-01-05") for i in range(12))


@pytest.fixture
def window(make_window, qtbot, workspace_path):
    add_records(workspace_path, _fill)
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    return window


def _search(qtbot, window, text: str):
    page = window.shell.search
    qtbot.keyClicks(page.search_edit, text)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 or "Nothing found" in page.status.text())
    assert page.status.text() != "Searching…"
    return page


def _rows(page):
    return [(page.model.index(r).data(KIND_ROLE), page.model.index(r).data()) for r in range(page.model.rowCount())]


@pytest.mark.parametrize("screen_key", [Qt.Key_1, Qt.Key_2, Qt.Key_3])
def test_ctrl_f_from_every_screen_opens_search_with_the_focus_in_the_box_and_esc_goes_back(
        qtbot, window, screen_key):
    qtbot.keyClick(window, screen_key, Qt.ControlModifier)
    before = window.shell.current_screen()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F, Qt.ControlModifier)
    assert window.shell.current_screen() == SEARCH
    assert QApplication.focusWidget() is window.shell.search.search_edit
    assert "Type a name" in window.shell.search.status.text()  # the empty state says what to do
    qtbot.keyClick(window.shell.search.search_edit, Qt.Key_Escape)
    assert window.shell.current_screen() == before


def test_typing_finds_records_of_every_kind_grouped_and_counted_people_first(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "allot")
    rows = _rows(page)
    headings = [text for kind, text in rows if kind == HEADING]
    assert headings[0] == "People: 13 found"
    assert {"Conversations: 1 found", "Community assets: 2 found", "Strengths: 1 found",
            "Small steps: 1 found"} <= set(headings)
    # More people than one group shows: the rest are one Enter away.
    assert any(kind == MORE and text == "Show 5 more" for kind, text in rows)
    conversation = next(page.model.index(r).data() for r in range(page.model.rowCount())
                        if page.model.index(r).data(RECORD_ROLE) == ("conversation", made["conversation"].id))
    assert conversation == "2 Mar 2026 — about Amira Hassan — Loves the allotment"
    assert page.status.text().endswith("records found.")


def test_snippets_are_escaped_then_highlighted(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "tools")
    html = [page.model.index(r).data(HTML_ROLE) for r in range(page.model.rowCount())
            if page.model.index(r).data(KIND_ROLE) == RESULT]
    assert len(html) == 1
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html[0]       # a name that looks like markup is shown as typed
    assert "&lt;script&gt;<b>tools</b>&lt;/script&gt;" in html[0]
    assert "Plots &amp;" in html[0]


def test_up_down_and_enter_open_the_chosen_record(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "allotment")
    edit = page.search_edit
    first = page.results.currentIndex()
    assert first.data(KIND_ROLE) == RESULT  # the best match is chosen at once
    # Down to the first result past the people (passing "show more" and the next heading), then back up one.
    while page.results.currentIndex().data(RECORD_ROLE) is None or \
            page.results.currentIndex().data(RECORD_ROLE)[0] == "person":
        qtbot.keyClick(edit, Qt.Key_Down)
    chosen = page.results.currentIndex().data(RECORD_ROLE)
    qtbot.keyClick(edit, Qt.Key_Up)
    assert page.results.currentIndex().data(KIND_ROLE) == MORE
    qtbot.keyClick(edit, Qt.Key_Down)
    assert QApplication.focusWidget() is edit  # the keyboard never left the box
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(edit, Qt.Key_Return)
    assert tuple(opened.args) == chosen


def test_enter_on_show_more_adds_the_rest_of_the_group(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "allotment friend")
    assert _rows(page)[0] == (HEADING, "People: 12 found")
    while page.results.currentIndex().data(KIND_ROLE) != MORE:
        qtbot.keyClick(page.search_edit, Qt.Key_Down)
    qtbot.keyClick(page.search_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: not any(kind == MORE for kind, _text in _rows(page)))
    results = [text for kind, text in _rows(page) if kind == RESULT]
    assert len(results) == 12 and len(set(results)) == 12
    assert not any(kind == MORE for kind, _text in _rows(page))


def test_nothing_found_says_what_to_try(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "qwertyuiop")
    assert page.model.rowCount() == 0
    assert "Nothing found for \u201cqwertyuiop\u201d" in page.status.text()


def test_lock_forgets_the_results_and_the_words_typed(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    page = _search(qtbot, window, "allotment")
    window.lock()
    assert page.model.rowCount() == 0 and page.search_edit.text() == ""


def test_model_passes_qt_model_tester(qtbot, workspace_path):
    add_records(workspace_path, _fill)
    workspace = Workspace(workspace_path, kdf=FAST_KDF)
    workspace.unlock(PASSPHRASE)
    reader = workspace.open_reader()
    try:
        model = SearchResultsModel()
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model.show(search_groups(reader.connection, "allotment"))
        more = next(r for r in range(model.rowCount()) if model.index(r).data(KIND_ROLE) == MORE)
        record_type, after = model.more_wanted(more)
        model.add_more(more, search_page(reader.connection, "allotment", record_type, after=after, limit=2))
        model.retranslate()
        model.show([])
        model.show(search_groups(reader.connection, "allotment"))
        model.clear()
        assert model.rowCount() == 0
    finally:
        reader.close()
        workspace.lock()


def test_esc_goes_back_to_the_screen_left_by_the_sidebar_too(qtbot, window):
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)   # people
    from ui.workspace_view import SCREENS
    window.shell.sidebar.setFocus()
    window.shell.sidebar.setCurrentRow([screen.name for screen in SCREENS].index(SEARCH))   # chosen in the sidebar
    assert window.shell.current_screen() == SEARCH
    qtbot.keyClick(window.shell.search.search_edit, Qt.Key_Escape)
    assert window.shell.current_screen() == "people"


def test_only_the_newest_question_is_answered_and_none_after_a_stop(qtbot, workspace_path):
    import threading

    from ui.search_worker import SearchWorker
    add_records(workspace_path, _fill)
    workspace = Workspace(workspace_path, kdf=FAST_KDF)
    workspace.unlock(PASSPHRASE)
    worker = SearchWorker()
    answers = []
    worker.answered.connect(lambda _number, answer: answers.append(answer))
    try:
        worker.start(workspace.open_reader)
        gate = threading.Event()
        worker.ask(lambda conn: gate.wait(10) and "older")
        worker.ask(lambda conn: conn.execute("SELECT count(*) FROM person").fetchone()[0])
        gate.set()
        qtbot.waitUntil(lambda: bool(answers))
        assert answers == [14]  # the older question's answer was dropped

        session = worker._session
        gate.clear()
        worker.ask(lambda conn: gate.wait(10) and "asked before the lock")
        worker.stop()
        gate.set()
        session.executor.shutdown(wait=True)
        QApplication.processEvents()
        assert answers == [14] and session.queries is None  # nothing more told; its connection closed
    finally:
        worker.stop()
        workspace.lock()
