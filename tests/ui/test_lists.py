"""People and Conversations: real lists over a real workspace, driven by keys; models checked by Qt's tester."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit, QWidget

from connector_app.domain.records import Conversation, Person, Staff, Strength, Venue
from connector_app.store.queries import ConversationFilter, PeopleFilter
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import add_records, unlock, wait_idle
from ui.list_models import ConversationsModel, PeopleModel

MARKER = "Zyxwvutsmarker"   # in a name, an area, a venue and a note: none may outlive a lock
PEOPLE = 45


def _fill(store) -> None:
    sam = store.staff.add(Staff(name=f"Sam {MARKER}staff", role="community_connector"))
    hall = store.venues.add(Venue(name=f"Hall {MARKER}venue"))
    library = store.venues.add(Venue(name="Central Library"))
    people = []
    for i in range(PEOPLE):
        people.append(store.people.add(Person(
            display_name=f"Person {i:02d}" if i != 7 else f"Amira {MARKER}", consent_scope="share_team",
            consent_on="2026-01-05", area=f"{MARKER}area" if i == 3 else ("Riverside" if i % 2 else "Hillside"),
            languages=("en", "pl") if i % 3 == 0 else ("en",))))
    for i in range(60):
        store.conversations.add(Conversation(
            occurred_at=f"2026-0{1 + i % 9}-1{i % 10}T10:{i % 60:02d}", mode="phone" if i % 4 == 0 else "in_person",
            venue_id=hall.id if i % 2 else library.id, staff_id=sam.id, person_ids=(people[i % PEOPLE].id,),
            notes=f"Talked about {MARKER}note", features=("listening",)))
    store.strengths.add(Strength(person_id=people[5].id, kind="skill", description="Sewing",
                                 spotted_on="2026-02-01", readiness="ready"))


@pytest.fixture
def filled(workspace_path):
    add_records(workspace_path, _fill)
    return workspace_path


@pytest.fixture
def reader(filled):
    workspace = Workspace(filled, kdf=FAST_KDF)
    workspace.unlock(PASSPHRASE)
    queries = workspace.open_reader()
    yield queries
    queries.close()
    workspace.lock()


# the models -----------------------------------------------------------------------------

@pytest.mark.parametrize("make, show", [
    (PeopleModel, lambda m, q: m.show(q, PeopleFilter())),
    (PeopleModel, lambda m, q: m.show(q, PeopleFilter(sort="last_activity"))),
    (ConversationsModel, lambda m, q: m.show(q, ConversationFilter())),
    (ConversationsModel, lambda m, q: m.show(q, ConversationFilter(mode="phone"))),
])
def test_models_pass_qts_model_tester_while_fetching_page_by_page(qtmodeltester, qtlog, reader, make, show):
    model = make(page_size=7)
    show(model, reader)
    qtmodeltester.check(model, force_py=False)
    assert model.rowCount() >= 7  # the tester fetched a page or more itself
    while model.canFetchMore():
        model.fetchMore()
    ids = [model.row_at(i).id for i in range(model.rowCount())]
    assert len(ids) == len(set(ids)) > 7
    model.refresh()  # reads again as many rows as were loaded
    assert [model.row_at(i).id for i in range(model.rowCount())] == ids
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()
    assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []  # Qt's tester found nothing


def test_a_view_fetches_more_as_it_scrolls(qtbot, reader):
    from PySide6.QtWidgets import QTableView
    model = ConversationsModel(page_size=10)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    model.show(reader, ConversationFilter())
    assert model.rowCount() == 10
    for _ in range(10):
        view.scrollToBottom()
        QApplication.processEvents()
    assert model.rowCount() == 60 and not model.canFetchMore()


# the screens in the window ----------------------------------------------------------------

def _people_shown(window) -> list[str]:
    model = window.shell.people.model
    return [model.row_at(i).name for i in range(model.rowCount())]


def test_people_search_filter_and_sort_by_keyboard(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    page = window.shell.people
    assert window.shell.current_screen() == "people"
    assert page.search_edit.hasFocus()
    qtbot.waitUntil(lambda: page.count_label.text() == f"{PEOPLE} people")  # counted off the GUI thread
    qtbot.keyClicks(page.search_edit, "amira")
    qtbot.waitUntil(lambda: _people_shown(window) == [f"Amira {MARKER}"])
    qtbot.waitUntil(lambda: page.count_label.text() == "1 person")  # counted off the GUI thread
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() > 1)

    page.ready_box.setFocus()
    qtbot.keyClick(page.ready_box, Qt.Key_Space)
    assert _people_shown(window) == ["Person 05"]
    qtbot.keyClick(page.ready_box, Qt.Key_Space)

    page.area_box.setFocus()
    page.area_box.setCurrentIndex(page.area_box.findText("Riverside"))
    # Odd ones, but number 3 lives elsewhere.
    qtbot.waitUntil(lambda: page.count_label.text() == f"{PEOPLE // 2 - 1} people")
    assert all(page.model.row_at(i).area == "Riverside" for i in range(page.model.rowCount()))
    page.area_box.setCurrentIndex(0)

    page.sort_box.setFocus()
    qtbot.keyClick(page.sort_box, Qt.Key_Down)
    shown = [page.model.row_at(i).last_activity or "" for i in range(page.model.rowCount())]
    assert shown == sorted(shown, reverse=True)


def test_conversations_filter_by_mode_and_venue(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    page = window.shell.conversations
    qtbot.waitUntil(lambda: page.count_label.text() == "60 conversations")  # counted off the GUI thread
    page.mode_box.setCurrentIndex(page.mode_box.findData("phone"))
    qtbot.waitUntil(lambda: page.count_label.text() == "15 conversations")  # counted off the GUI thread
    page.venue_box.setCurrentIndex(page.venue_box.findText("Central Library"))
    qtbot.waitUntil(lambda: page.count_label.text() == "15 conversations")  # the phone ones are all at the library
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert {r.venue_name for r in rows} == {"Central Library"} and {r.mode for r in rows} == {"phone"}


def test_another_programs_write_refreshes_the_lists(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    other = Workspace(filled, kdf=FAST_KDF)   # as the command line would: its own connection
    other.unlock(PASSPHRASE)
    try:
        other.store.people.add(Person(display_name="Aaron First", consent_scope="share_team",
                                      consent_on="2026-02-02"))
    finally:
        other.lock()
    window.shell.records.poll()  # what the idle timer does
    assert _people_shown(window)[0] == "Aaron First"
    window.shell.show_screen("people")  # a hidden list counts when it is shown
    qtbot.waitUntil(lambda: window.shell.people.count_label.text() == f"{PEOPLE + 1} people")  # counted off the GUI thread


def test_a_list_keeps_reading_while_a_job_holds_the_database(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    holding, release = threading.Event(), threading.Event()

    def long_job(control):
        with window.workspace.store.atomic():  # a write transaction held open, as a long import would
            holding.set()
            release.wait(30)

    window.runner.run(long_job)
    assert holding.wait(30)
    try:
        page = window.shell.people
        qtbot.keyClicks(page.search_edit, "person 1")
        page.reload()  # not held up by the job's transaction
        assert page.model.rowCount() == 10
    finally:
        release.set()
    wait_idle(qtbot, window)


# lock, accessibility ------------------------------------------------------------------------

def _texts(obj: QObject) -> list[str]:
    texts = []
    for name in ("text", "toPlainText", "placeholderText", "toolTip", "accessibleName", "windowTitle",
                 "currentText"):
        method = getattr(obj, name, None)
        if callable(method):
            try:
                value = method()
            except TypeError:
                continue
            if isinstance(value, str):
                texts.append(value)
    if isinstance(obj, QComboBox):
        texts.extend(obj.itemText(i) for i in range(obj.count()))
    from PySide6.QtCore import QAbstractItemModel, QModelIndex
    models = [obj] if isinstance(obj, QAbstractItemModel) else []
    model = getattr(obj, "model", None)
    if callable(model):
        try:
            models.append(model())
        except TypeError:
            pass
    for m in models:
        if not isinstance(m, QAbstractItemModel):
            continue
        try:
            columns = m.columnCount(QModelIndex())
        except (TypeError, AttributeError):
            columns = 1
        for row in range(m.rowCount(QModelIndex())):
            for column in range(max(columns, 1)):
                texts.append(str(m.index(row, column).data() or ""))
    return texts


def test_lock_leaves_no_record_text_in_any_widget_model_or_view(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    window.shell.show_screen("people")
    window.shell.show_screen("conversations")
    dialog = window.shell.open_quick_add()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClicks(dialog.people_field.edit, "amir")
    objects = [window, *window.findChildren(QObject), *QApplication.allWidgets()]
    assert any(MARKER in t for o in objects for t in _texts(o)), "the test must see the text before locking"

    qtbot.keyClick(dialog.people_field.edit, Qt.Key_L, Qt.ControlModifier)  # pressed where the typing was
    QApplication.processEvents()
    assert not window.is_unlocked
    objects = [window, *window.findChildren(QObject), *QApplication.allWidgets()]
    left = [(type(o).__name__, t) for o in objects for t in _texts(o) if MARKER in t]
    assert left == []
    assert window.shell.reader is None and window.shell.quick_add is None
    wait_idle(qtbot, window)


def _focusable(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.focusPolicy() & Qt.TabFocus and w.isVisibleTo(root)
            and not isinstance(w.parent(), (QComboBox, QAbstractItemView)) and w.objectName() != "qt_scrollarea_viewport"
            and not type(w).__name__.startswith("QCalendar")]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in _focusable(root):
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox,)) or \
                type(widget.parent()).__name__ in ("QDateEdit", "QDateTimeEdit", "QSpinBox"):
            continue
        if not (widget.accessibleName() or (hasattr(widget, "text") and callable(widget.text) and widget.text())):
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_every_focusable_widget_on_the_lists_and_quick_add_has_an_accessible_name(qtbot, make_window, filled):
    window = make_window(filled)
    unlock(qtbot, window)
    assert _unnamed(window.shell.sidebar.parentWidget()) == []
    for screen in ("people", "conversations"):
        window.shell.show_screen(screen)
        assert _unnamed(window.shell.screens[screen]) == [], screen
    dialog = window.shell.open_quick_add()
    qtbot.keyClicks(dialog.people_field.edit, "Nia")
    qtbot.keyClick(dialog.people_field.edit, Qt.Key_Return)
    assert _unnamed(dialog) == []


def test_lists_survive_twice_as_long_words_and_right_to_left(qtbot, make_window, filled, qapp):
    window = make_window(filled)
    unlock(qtbot, window)
    qapp.setLayoutDirection(Qt.RightToLeft)
    window.shell.show_screen("conversations")
    page = window.shell.conversations
    for label in page.findChildren(QLabel):
        label.setText(label.text() * 2)
    window.resize(900, 700)
    QApplication.processEvents()
    # Filters sit in a layout: every one is on screen and none overlaps another.
    boxes = [b for b in page.findChildren(QComboBox) if b.isVisible()]
    rects = [b.geometry().translated(b.parentWidget().mapTo(page, b.pos()) - b.pos()) for b in boxes]
    assert all(page.rect().contains(r) for r in rects)
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    first = page.period_box.mapTo(page, page.period_box.rect().topRight()).x()
    assert first > page.width() // 2  # right to left: the first filter is on the right
