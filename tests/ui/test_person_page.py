"""The person page on a real workspace, driven by clicks and keys: every tab, the record form, history, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from connector_app.domain.records import CheckIn
from connector_app.store.person_queries import PersonQueries
from tests.samples import add_everything
from ui.person_page import PersonPage
from ui.records import RecordsWatcher
from ui.tasks import TaskRunner

MARKER = "Qwertymarker"
TODAY = date.today().isoformat()


@pytest.fixture
def setup(qtbot, workspace):
    store = workspace.store
    made = add_everything(store, text=f"Loves the allotment {MARKER}", name=f"Amira {MARKER}")
    runner = TaskRunner()
    reader = workspace.open_reader()
    page = PersonPage(runner)
    qtbot.addWidget(page)
    watcher = RecordsWatcher(page)
    watcher.attach(store, reader)
    watcher.changed.connect(page.records_changed)
    page.attach(workspace, reader)
    page.show_person(made["person"].id)
    page.resize(1200, 800)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    yield page, made, store
    page.clear()
    watcher.detach()
    runner.wait_for_worker()
    reader.close()


def idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.runner.is_busy, timeout=10_000)


def the_form(qtbot, page):
    qtbot.waitUntil(lambda: bool(page.forms))
    form = page.forms[-1]
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key_Delete)
    qtbot.keyClicks(widget, text)


def save(qtbot, form) -> None:
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)


def test_header_says_who_they_are(setup):
    page, made, _store = setup
    assert page.name_label.text() == f"Amira {MARKER}"
    details = page.details.text()
    assert "Riverside" in details and "Arabic" in details and "Share with my team" in details
    assert "Last conversation" in details


def test_record_what_matters_and_tick_a_small_step(qtbot, setup):
    page, made, store = setup
    tab = page.what_matters
    click(qtbot, tab.notes.add_button)
    form = the_form(qtbot, page)
    assert "person_id" not in form.editors   # the page's person, not asked again
    type_into(qtbot, form.editors["own_words"].editor, "Seeing my grandchildren every week")
    qtbot.mouseClick(form.editors["themes"].boxes["family"], Qt.LeftButton)
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.notes.model.rowCount() == 2, timeout=10_000)
    words = [r.own_words for r in PersonQueries(store.connection).what_matters(made["person"].id)]
    assert "Seeing my grandchildren every week" in words

    tab.notes.select(made["what_matters"].id)
    qtbot.waitUntil(lambda: tab.steps.model.rowCount() == 1)
    tab.steps.table.selectRow(0)
    assert tab.steps.done_button.text() == "Mark done"
    click(qtbot, tab.steps.done_button)
    qtbot.waitUntil(lambda: store.small_steps.get(made["small_step"].id).done_on == TODAY, timeout=10_000)
    qtbot.waitUntil(lambda: tab.steps.model.row_at(0).done_on == TODAY)
    assert tab.steps.done_button.text() == "Not done yet"


def test_add_a_strength_and_move_it_to_ready(qtbot, setup):
    page, made, store = setup
    tab = page.strengths
    page.tabs.setCurrentWidget(tab)
    click(qtbot, tab.add_button)
    form = the_form(qtbot, page)
    type_into(qtbot, form.editors["description"].editor, "Fixes bicycles")
    form.editors["spotted_on"].set_value("2026-01-10")
    assert form.editors["readiness"].value() == "spotted"
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    new = next(r for r in store.strengths.where("person_id", made["person"].id) if r.description == "Fixes bicycles")
    assert new.readiness_on == "2026-01-10"   # at creation, the day it was spotted

    tab.select(new.id)
    assert tab.move_button.text() == "Move on to: Exploring"
    click(qtbot, tab.move_button)
    qtbot.waitUntil(lambda: store.strengths.get(new.id).readiness == "exploring", timeout=10_000)
    qtbot.waitUntil(lambda: tab.move_button.text() == "Move on to: Ready for a next step")
    click(qtbot, tab.move_button)
    qtbot.waitUntil(lambda: store.strengths.get(new.id).readiness == "ready", timeout=10_000)
    assert store.strengths.get(new.id).readiness_on == TODAY   # the day it moved
    idle(qtbot, page)
    assert tab.selected_row().readiness == "ready"


def test_edit_a_field_then_read_its_history(qtbot, setup):
    page, made, store = setup
    store.actor_id = made["staff"].id   # who is using the laptop: named in the history
    tab = page.follow_ups
    page.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key_Return)    # opens the chosen follow-up to correct it
    form = the_form(qtbot, page)
    action = form.editors["action"].editor
    type_into(qtbot, action, "Ring the food bank about Thursday")
    save(qtbot, form)
    qtbot.waitUntil(lambda: not page.forms, timeout=10_000)
    assert store.follow_ups.get(made["follow_up"].id).action == "Ring the food bank about Thursday"

    qtbot.keyClick(tab.table, Qt.Key_Return)
    form = the_form(qtbot, page)
    form.editors["action"].editor.setFocus()
    click(qtbot, form.history_button)
    qtbot.waitUntil(lambda: form._history is not None and form._history.model.rowCount() == 2, timeout=10_000)
    history = form._history.model
    first, second = history.row_at(0), history.row_at(1)
    assert first.what == "Added" and first.after == f"Loves the allotment {MARKER}"
    assert second.what == "Changed" and second.before == f"Loves the allotment {MARKER}"
    assert second.after == "Ring the food bank about Thursday"
    assert first.who == "Not recorded" and second.who == "Ceri Jones"
    qtbot.keyClick(form._history, Qt.Key_Escape)
    qtbot.keyClick(form, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not page.forms)


def test_validation_message_shows_next_to_the_field(qtbot, setup):
    page, _made, store = setup
    page.tabs.setCurrentWidget(page.follow_ups)
    click(qtbot, page.follow_ups.add_button)
    form = the_form(qtbot, page)
    before = store.follow_ups.count()
    save(qtbot, form)   # "What to do" left empty
    assert form.messages["action"].isVisible()
    assert form.messages["action"].text() == "What to do is needed."
    assert form.editors["action"].editor.hasFocus()
    assert store.follow_ups.count() == before
    qtbot.keyClick(form, Qt.Key_Escape)


def test_delete_then_undo_with_ctrl_z(qtbot, setup):
    page, made, store = setup
    tab = page.checkins
    page.tabs.setCurrentWidget(tab)
    tab.table.table.selectRow(0)
    click(qtbot, tab.table.delete_button)
    qtbot.waitUntil(lambda: store.checkins.find(made["checkin"].id) is None, timeout=10_000)
    qtbot.waitUntil(lambda: page.undo_bar.isVisible() and page.undo_bar.button.isVisible())
    assert page.undo_bar.text.text() == "Deleted: 3Cs check-in."
    assert tab.table.model.rowCount() == 0
    tab.table.table.setFocus()
    qtbot.keyClick(tab.table.table, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: store.checkins.find(made["checkin"].id) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: tab.table.model.rowCount() == 1)
    assert page.undo_bar.text.text() == "Brought back: 3Cs check-in."


def test_delete_key_then_undo_button_in_the_message(qtbot, setup):
    page, made, store = setup
    tab = page.follow_ups
    page.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key_Delete)
    qtbot.waitUntil(lambda: page.undo_bar.button.isVisible(), timeout=10_000)
    assert store.follow_ups.find(made["follow_up"].id) is None
    click(qtbot, page.undo_bar.button)
    qtbot.waitUntil(lambda: store.follow_ups.find(made["follow_up"].id) is not None, timeout=10_000)


def test_consent_change(qtbot, setup):
    page, made, store = setup
    tab = page.consent
    page.tabs.setCurrentWidget(tab)
    assert tab.scope.text() == "Consent: Share with my team"
    click(qtbot, tab.change_button)
    form = the_form(qtbot, page)
    assert set(form.editors) == {"consent_scope", "consent_on"}
    scope = form.editors["consent_scope"].editor
    scope.setFocus()
    qtbot.keyClick(scope, Qt.Key_Down)     # the next scope: include anonymously in reports
    form.editors["consent_on"].set_value("2026-05-01")
    save(qtbot, form)
    qtbot.waitUntil(lambda: store.people.get(made["person"].id).consent_scope == "anonymous_reports", timeout=10_000)
    assert store.people.get(made["person"].id).consent_on == "2026-05-01"
    qtbot.waitUntil(lambda: "include anonymously" in tab.scope.text())
    assert "1 May 2026" in tab.given_on.text() and "1 May 2026" in page.details.text()


def test_follow_up_added_then_marked_done(qtbot, setup):
    page, made, store = setup
    tab = page.follow_ups
    page.tabs.setCurrentWidget(tab)
    click(qtbot, tab.add_button)
    form = the_form(qtbot, page)
    assert "state" not in form.editors     # a new follow-up is to do
    type_into(qtbot, form.editors["action"].editor, "Bring the allotment form")
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    row = next(i for i in range(2) if tab.model.row_at(i).action == "Bring the allotment form")
    tab.table.selectRow(row)
    click(qtbot, tab.done_button)
    qtbot.waitUntil(lambda: {f.action: f.state for f in store.follow_ups.where("person_id", made["person"].id)}
                    ["Bring the allotment form"] == "done", timeout=10_000)
    qtbot.waitUntil(lambda: not tab.done_button.isEnabled())


def test_connection_outcome_recorded_later(qtbot, setup):
    page, made, store = setup
    tab = page.connections
    page.tabs.setCurrentWidget(tab)
    asked = []
    page.connect_requested.connect(asked.append)
    click(qtbot, tab.connect_button)
    assert asked == [made["person"].id]
    tab.table.selectRow(0)
    click(qtbot, tab.outcome_button)
    form = the_form(qtbot, page)
    assert set(form.editors) == {"outcome", "notes"}
    form.editors["outcome"].set_value("regular")
    save(qtbot, form)
    qtbot.waitUntil(lambda: store.connections.get(made["connection"].id).outcome == "regular", timeout=10_000)
    assert store.connections.get(made["connection"].id).outcome_on == TODAY
    qtbot.waitUntil(lambda: tab.model.row_at(0).outcome == "regular")


def test_conversations_tab_opens_one_to_correct(qtbot, setup):
    page, made, store = setup
    tab = page.conversations
    page.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 2          # the person's two conversations, newest first
    assert tab.model.row_at(0).id == made["group"].id
    tab.table.setFocus()
    tab.table.selectRow(1)
    opened = []
    page.open_record.connect(lambda *record: opened.append(record))
    qtbot.keyClick(tab.table, Qt.Key_Return)          # Enter: its own page (ui/conversation_page.py)
    assert opened == [("conversation", made["conversation"].id)] and not page.forms
    click(qtbot, tab.edit_button)                      # "Edit…": corrected here
    form = the_form(qtbot, page)
    people = form.editors["person_ids"]
    assert people.value() == [made["person"].id]
    minutes = form.editors["duration_minutes"].editor
    minutes.setValue(45)
    save(qtbot, form)
    qtbot.waitUntil(lambda: store.conversations.get(made["conversation"].id).duration_minutes == 45, timeout=10_000)


def test_reference_type_ahead_finds_a_venue(qtbot, setup):
    page, made, _store = setup
    page.tabs.setCurrentWidget(page.conversations)
    page.conversations.table.selectRow(0)
    page.conversations.edit()
    form = the_form(qtbot, page)
    venue = form.editors["venue_id"]
    venue.editor.setFocus()
    qtbot.keyClicks(venue.editor, "st mar")
    assert venue._list.stringList() == ["St Mary's hall"]
    venue.editor.setText("St Mary's hall")
    assert venue.value() == made["venue"].id
    qtbot.keyClick(form, Qt.Key_Escape)


def test_export_and_erase_ask_the_window(qtbot, setup):
    page, made, _store = setup
    exported, erased = [], []
    page.export_requested.connect(exported.append)
    page.erase_requested.connect(erased.append)
    click(qtbot, page.export_button)
    click(qtbot, page.erase_button)
    assert exported == erased == [made["person"].id]


@pytest.mark.parametrize("count", [0, 1, 12])
def test_chart_paints_for_no_one_and_many_checkins(qtbot, workspace, count):
    store = workspace.store
    made = add_everything(store)
    store.checkins.delete(made["checkin"].id)
    for i in range(count):
        store.checkins.add(CheckIn(person_id=made["person"].id, on_date=f"2025-{1 + i % 12:02d}-15",
                                   contact=i % 11, confidence=(i * 3) % 11, control=10 - i % 11))
    reader = workspace.open_reader()
    try:
        page = PersonPage(TaskRunner())
        qtbot.addWidget(page)
        page.attach(workspace, reader)
        page.show_person(made["person"].id)
        page.tabs.setCurrentWidget(page.checkins)
        page.resize(1000, 700)
        page.show()
        chart = page.checkins.chart
        image = chart.grab().toImage()
        below_legend = chart.fontMetrics().height() + 30
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
                   for y in range(below_legend, image.height(), 2)}
        assert len(chart.points) == count == page.checkins.table.model.rowCount()
        drawn = {"#1f77b4", "#d95f02", "#1b9e77"} & colours
        assert bool(drawn) == (count > 0)   # the lines appear only when there is something to draw
        if count == 0:
            assert chart.accessibleDescription() == "No 3Cs check-ins yet."
        else:
            assert chart.accessibleDescription().startswith(f"{count} check-in")
            assert [p.on_date for p in chart.points] == sorted(p.on_date for p in chart.points)
        page.clear()
    finally:
        reader.close()


def test_right_to_left_chart_paints(qtbot, workspace):
    made = add_everything(workspace.store)
    reader = workspace.open_reader()
    try:
        QApplication.setLayoutDirection(Qt.RightToLeft)
        page = PersonPage(TaskRunner())
        qtbot.addWidget(page)
        page.attach(workspace, reader)
        page.show_person(made["person"].id)
        page.resize(1000, 700)
        page.show()
        assert not page.checkins.chart.grab().isNull()
        page.clear()
    finally:
        reader.close()


def test_clear_forgets_every_record_text(qtbot, setup):
    page, made, _store = setup
    page.tabs.setCurrentWidget(page.strengths)
    page.strengths.table.selectRow(0)
    page.strengths.edit()
    form = the_form(qtbot, page)
    assert MARKER in form.editors["description"].value()
    page.tabs.setCurrentWidget(page.checkins)
    page.checkins.table.table.selectRow(0)
    click(qtbot, page.checkins.table.delete_button)
    idle(qtbot, page)
    page.clear()
    QApplication.processEvents()
    assert not page.undo.can_undo
    leaks = []
    for obj in [page, *page.findChildren(QObject)]:
        texts = []
        if isinstance(obj, (QLabel, QLineEdit)):
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
    assert leaks == []
    assert page.name_label.text() == ""


def test_every_model_on_the_page_passes_qts_model_tester(qtmodeltester, qtlog, qtbot, setup):
    page, made, _store = setup
    page.what_matters.notes.select(made["what_matters"].id)
    models = [page.what_matters.notes.model, page.what_matters.steps.model, page.strengths.model,
              page.checkins.table.model, page.conversations.model, page.connections.model, page.follow_ups.model]
    for model in models:
        assert model.rowCount() >= 1
        qtmodeltester.check(model, force_py=False)
    page.strengths.table.selectRow(0)
    page.strengths.edit()
    form = the_form(qtbot, page)
    form.editors["description"].editor.setFocus()
    click(qtbot, form.history_button)
    qtbot.waitUntil(lambda: form._history.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(form._history.model, force_py=False)
    assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []


def test_opened_from_the_people_list_in_the_window_and_cleared_on_lock(qtbot, make_window, workspace_path):
    from tests.ui.conftest import add_records, unlock
    add_records(workspace_path, lambda store: add_everything(store, text=f"Loves the allotment {MARKER}"))
    window = make_window(workspace_path)
    unlock(qtbot, window)
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    people = window.shell.people
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    people.table.setFocus()
    people.table.selectRow(0)
    qtbot.keyClick(people.table, Qt.Key_Return)
    page = window.shell.person_page
    qtbot.waitUntil(lambda: window.shell.stack.currentWidget() is page)
    assert page.name_label.text() == "Amira Hassan"
    assert page.strengths.model.rowCount() == 1
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)   # back to the people list
    assert window.shell.stack.currentWidget() is people
    window.shell.clear()
    assert page.name_label.text() == "" and page.strengths.model.rowCount() == 0


def test_every_focusable_widget_has_a_name(qtbot, setup):
    from PySide6.QtWidgets import QAbstractButton
    page, made, _store = setup
    page.strengths.table.selectRow(0)
    page.strengths.edit()
    form = the_form(qtbot, page)
    for root in (page, form):
        for widget in root.findChildren(QWidget):
            if widget.focusPolicy() == Qt.NoFocus or not widget.isVisibleTo(root) or widget.focusProxy():
                continue
            if type(widget).__name__ in ("QScrollBar", "QTabBar", "QWidget", "QScrollArea", "QCalendarWidget"):
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            assert widget.accessibleName() or text, type(widget).__name__
    qtbot.keyClick(form, Qt.Key_Escape)


def test_a_new_record_starts_from_its_declared_defaults(qtbot, setup):
    page, made, store = setup
    store.actor_id = made["staff"].id
    form = page.open_form("checkin", fixed={"person_id": made["person"].id})
    assert form.editors["on_date"].value() == TODAY
    assert form.editors["staff_id"].value() == made["staff"].id      # the staff member using the laptop
    assert form.editors["ons_happy"].value() is None                 # optional: "Not given"
    assert form.editors["contact"].value() == 0
    form.reject()
    form = page.open_form("asset")
    assert form.editors["active"].value() is True and form.editors["kind"].value() == "individual"
    form.reject()


def test_a_persons_page_is_the_only_screen_showing_and_any_screen_leaves_it(qtbot, make_window, workspace_path):
    from tests.ui.conftest import add_records, unlock
    add_records(workspace_path, lambda store: add_everything(store, text=f"Loves the allotment {MARKER}"))
    window = make_window(workspace_path)
    unlock(qtbot, window)
    shell = window.shell
    person_id = shell.reader.connection.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    shown = lambda: [shell.stack.widget(i) for i in range(shell.stack.count()) if shell.stack.widget(i).isVisible()]  # noqa: E731
    for screen in ("search", "home", "people"):
        shell.show_screen(screen)
        shell.open_record("person", person_id)
        assert shown() == [shell.person_page]          # nothing of the screen before shows through
        shell.show_screen(screen)                      # the same screen again leaves the page
        assert shown() == [shell.screens[screen]]
