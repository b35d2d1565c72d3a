"""Home and navigation: real widgets over a real hand-built workspace, driven by keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from connector_app.store.queries import DueFilter
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.store.test_home_figures import TODAY, build_hub
from tests.ui.conftest import add_records
from ui.list_models import ROW_TYPE_ROLE, DueModel
from ui.tasks import TaskRunner
from ui.workspace_view import WorkspaceView


@pytest.fixture
def hub_path(workspace_path):
    ids = {}
    add_records(workspace_path, lambda store: ids.update(build_hub(store)))
    return workspace_path, ids


@pytest.fixture
def view(qtbot, hub_path):
    """The unlocked workspace view on 18 March 2026, Sam using the laptop."""
    path, ids = hub_path
    workspace = Workspace(path, kdf=FAST_KDF)
    workspace.unlock(PASSPHRASE)
    workspace.store.actor_id = ids["sam"]
    runner = TaskRunner()
    shown = WorkspaceView(path, runner, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    shown.attach(workspace)
    shown.refresh_home()
    qtbot.waitUntil(lambda: shown.home.glance is not None and not runner.is_busy, timeout=10_000)
    shown.ids = ids
    yield shown
    runner.forget_all()
    runner.wait_for_worker()
    shown.clear()
    workspace.lock()


def _idle(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.runner.is_busy, timeout=10_000)


def _names(page) -> set[str]:
    return {page.model.row_at(row).name for row in range(page.model.rowCount())}


def test_home_shows_my_month_and_what_is_due(view):
    assert view.home.shown_counts() == {"conversations": "2", "people_met": "2", "connections": "2",
                                        "follow_ups": "3", "reviews": "1", "ready": "2"}
    assert view.home.people_met.detail.text() == "1 new, 1 returning"
    assert view.home.reviews.detail.text() == "2 small steps to do on them"
    assert view.home.connecting.amount.text() == "1 h 20 min of 2 h"
    assert view.home.connecting.bar.value() == 80 and view.home.connecting.bar.maximum() == 120
    assert view.home.month_heading.text() == "This month, March 2026"
    assert "Sam" in view.home.whose.text()
    assert view.home.conversations.accessibleName() == "2 conversations"


@pytest.mark.parametrize("figure, screen, expected", [
    ("people_met", "people", {"Amira", "Bilal"}),
    ("connections", "people", {"Amira"}),
    ("ready", "people", {"Amira", "Chen"}),
])
def test_enter_on_a_people_figure_opens_people_filtered_to_exactly_those(qtbot, view, figure, screen, expected):
    button = getattr(view.home, figure)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Return)
    assert view.current_screen() == screen
    page = view.screens[screen]
    assert _names(page) == expected
    _idle(qtbot, view)
    assert page.count_label.text().startswith(f"{len(expected)} pe")  # counted off the GUI thread
    assert QApplication.focusWidget() is page.table  # straight to the rows


def test_conversations_figure_opens_my_conversations_this_month(qtbot, view):
    qtbot.mouseClick(view.home.conversations, Qt.LeftButton)
    page = view.conversations
    assert view.current_screen() == "conversations"
    assert page.model.rowCount() == 2
    assert {page.model.row_at(r).staff_name for r in range(2)} == {"Sam"}
    assert page.staff_box.currentText() == "Sam"
    assert (page.from_edit.date().toPython(), page.to_edit.date().toPython()) == (TODAY.replace(day=1),
                                                                                TODAY.replace(day=31))
    assert page.from_edit.text() == "1 Mar 2026"  # the language's own way of writing a day


@pytest.mark.parametrize("figure, types, rows", [("follow_ups", {"follow_up"}, 3), ("reviews", {"what_matters"}, 1)])
def test_due_figures_open_the_to_do_list_of_exactly_those(qtbot, view, figure, types, rows):
    button = getattr(view.home, figure)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)
    page = view.screens["due"]
    assert view.current_screen() == "due"
    assert page.model.rowCount() == rows
    assert {page.model.row_at(r).type_name for r in range(rows)} == types
    _idle(qtbot, view)
    assert page.count_label.text().startswith(str(rows))


def test_tab_reaches_every_figure_in_reading_order(qtbot, view):
    view.home.lock_button.setFocus()
    seen = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        seen.append(QApplication.focusWidget())
    home = view.home
    assert seen == [home.conversations, home.people_met, home.connections, home.connecting, home.follow_ups,
                    home.reviews, home.ready]


def test_enter_on_a_row_opens_its_record(qtbot, view):
    view.show_screen("people")
    table = view.people.table
    table.setCurrentIndex(view.people.model.index(0, 0))
    first = view.people.model.row_at(0)
    with qtbot.waitSignal(view.people.open_record) as opened:
        qtbot.keyClick(table, Qt.Key_Return)
    assert opened.args == ["person", first.id]

    view.show_screen("conversations")
    table = view.conversations.table
    table.setCurrentIndex(view.conversations.model.index(0, 0))
    with qtbot.waitSignal(view.conversations.open_record) as opened:
        qtbot.keyClick(table, Qt.Key_Return)
    assert opened.args == ["conversation", view.conversations.model.row_at(0).id]


def test_a_record_opens_on_the_person_it_is_about(qtbot, view):
    qtbot.mouseClick(view.home.reviews, Qt.LeftButton)
    due = view.screens["due"]
    due.table.setCurrentIndex(due.model.index(0, 0))
    qtbot.keyClick(due.table, Qt.Key_Return)  # Amira's what-matters review: routed to Amira's page
    assert view.stack.currentWidget() is view.person_page
    assert view.person_page.name_label.text() == "Amira"


def test_show_all_drops_a_filter_set_from_home(qtbot, view):
    qtbot.mouseClick(view.home.people_met, Qt.LeftButton)
    page = view.people
    assert page.banner.isVisible() and "Sam" in page.banner.text()
    qtbot.mouseClick(page.banner_clear, Qt.LeftButton)
    assert not page.banner.isVisible()
    assert _names(page) == {"Amira", "Bilal", "Chen", "Dee", "Eve"}


def test_conversation_filters_narrow_the_list(qtbot, view):
    page = view.show_screen("conversations")
    assert page.model.rowCount() == 5
    page.apply_filters(staff_id=view.ids["ola"])
    assert page.model.rowCount() == 1
    page.apply_filters(since=TODAY.replace(month=2, day=1), until=TODAY.replace(month=2, day=28))
    assert page.model.rowCount() == 1
    page.apply_filters(period="this_month")
    assert page.model.rowCount() == 3  # March up to the 31st at 23:59; not 1 April
    page.staff_box.setFocus()
    qtbot.keyClick(page.staff_box, Qt.Key_Down)  # the first staff member by name: Ola
    assert page.staff_box.currentText() == "Ola" and page.model.rowCount() == 1


def test_locking_clears_every_figure(qtbot, view):
    view.clear()
    assert set(view.home.shown_counts().values()) == {""}
    assert view.home.whose.text() == "" and view.home.connecting.amount.text() == ""


def test_home_survives_twice_as_long_words_and_right_to_left(qtbot, view, qapp):
    qapp.setLayoutDirection(Qt.RightToLeft)
    for label in view.home.findChildren(QLabel):
        label.setText(label.text() * 2)
    view.resize(900, 700)
    QApplication.processEvents()
    home = view.home
    for figure in (*home.figures, home.connecting):
        for label in figure.findChildren(QLabel):
            if label.isVisibleTo(home) and label.text():
                assert label.height() >= label.heightForWidth(label.width()), label.text()  # wrapped, not cut
    first = home.conversations.mapTo(home, home.conversations.rect().topRight()).x()
    assert first > home.width() // 2  # right to left: the first figure is on the right


def test_the_to_do_model_passes_qts_model_tester_while_fetching_page_by_page(qtmodeltester, qtlog, view):
    model = DueModel(page_size=2)
    model.show(view.reader, DueFilter(by=TODAY))  # everyone's: 4 follow-ups and 2 reviews due
    qtmodeltester.check(model, force_py=False)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 6
    assert {model.index(r, 0).data(ROW_TYPE_ROLE) for r in range(6)} == {"follow_up", "what_matters"}
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()
    assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []


def test_the_to_do_list_follows_whoever_is_chosen_after_it_was_read(qtbot, view):
    """Unlocking reads the lists before anyone is chosen: "Mine" must then mean the one chosen, rows and count."""
    page = view.screens["due"]
    view.show_screen("due")
    _idle(qtbot, view)
    sams = page.model.rowCount()
    view.workspace.store.actor_id = view.ids["ola"]
    view.staff_changed(view.ids["ola"])
    _idle(qtbot, view)
    olas = page.model.rowCount()
    assert olas != sams
    assert page.count_label.text().startswith(str(olas))
