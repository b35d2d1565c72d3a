"""Connecting time, strengths, community assets and the connect dialog: real screens on a real workspace,
driven by keys and clicks; every model checked by Qt's tester; nothing left on screen after a lock."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QScrollArea, QWidget,
)

from connector_app.domain.records import Asset, ConnectingTime, Strength
from connector_app.store.activity_queries import ActivityQueries, AssetFilter, StrengthFilter
from tests.samples import add_everything
from tests.ui.test_lists import _texts, _unnamed
from ui.activity_models import (
    AssetsModel, ConnectionsModel, SessionsModel, StaffTimeModel, StrengthsModel, VenuesModel,
)
from ui.connect_dialog import ConnectDialog
from ui.tasks import TaskRunner
from ui.workspace_view import WorkspaceView

MARKER = "Zyxwvutsmarker"
TODAY = date.today()


@pytest.fixture
def shell(qtbot, workspace):
    """The unlocked workspace view (the screens, their reader, the records-changed signal), 1200x800."""
    store = workspace.store
    made = add_everything(store, text=f"Loves the allotment {MARKER}", name=f"Amira {MARKER}")
    made["spotted"] = store.strengths.add(Strength(person_id=made["other"].id, kind="talent",
                                                   description="Plays the guitar", spotted_on="2026-03-01",
                                                   readiness="spotted"))
    store.actor_id = made["staff"].id   # Ceri is using the laptop
    runner = TaskRunner()
    view = WorkspaceView(workspace.path, runner)
    view.resize(1200, 800)
    view.show()
    view.attach(workspace)
    yield view, made, workspace.store
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=10_000)
    view.clear()
    view.close()
    view.deleteLater()


def _select(qtbot, table, row: int) -> None:
    """Click a row, as a person would."""
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == row


def _active(qtbot, dialog):
    """A dialog the screen opened, once it has the keyboard (its Ctrl+S needs it)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _row_of(model, text: str, column: int = 0) -> int:
    return next(r for r in range(model.rowCount()) if text in model.index(r, column).data())


# protected connecting time -------------------------------------------------------------------

def test_logging_connecting_time_moves_the_months_bar(qtbot, shell):
    view, made, store = shell
    view.show_screen("connecting_time")
    page = view.screens["connecting_time"]
    model = page.staff_model
    ceri = _row_of(model, "Ceri")
    assert model.index(ceri, model.TIME).data() == "\u20680 minutes of 2 hours: 2 hours to go\u2069"
    assert page.staff_box.currentData() == made["staff"].id    # the one using the laptop
    assert page.date_edit.date().toPython() == TODAY

    page.minutes_spin.setFocus()
    qtbot.keyClick(page.minutes_spin, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(page.minutes_spin, "90")
    qtbot.keyClicks(page.with_edit, "Lunch club at the mosque")
    qtbot.keyClick(page.with_edit, Qt.Key_S, Qt.ControlModifier)

    qtbot.waitUntil(lambda: "1 hour 30 minutes of 2 hours: 30 minutes to go" in model.index(
        _row_of(model, "Ceri"), model.TIME).data(), timeout=10_000)
    assert model.index(_row_of(model, "Ceri"), model.BAR).data(Qt.UserRole + 2) == pytest.approx(0.75)
    assert model.index(_row_of(model, "Ceri"), model.BAR).data(Qt.AccessibleTextRole).startswith("1 hour 30")
    logged = [t for t in store.connecting_time.iter_all() if t.with_whom == "Lunch club at the mosque"]
    assert [(t.staff_id, t.on_date, t.minutes) for t in logged] == [(made["staff"].id, TODAY.isoformat(), 90)]
    assert page.with_edit.text() == ""   # ready for the next one
    assert page.sessions_model.rowCount() == 1

    qtbot.mouseClick(page.previous_button, Qt.LeftButton)   # last month: nothing logged then
    assert page.sessions_model.rowCount() == 0
    assert "0 minutes" in model.index(_row_of(model, "Ceri"), model.TIME).data()
    assert page.next_button.isEnabled()
    qtbot.mouseClick(page.this_month_button, Qt.LeftButton)
    assert page.sessions_model.rowCount() == 1 and not page.next_button.isEnabled()


def test_the_month_of_the_sample_session_reaches_the_target(qtbot, shell):
    view, made, store = shell
    page = view.screens["connecting_time"]
    page.show_month(date(2026, 3, 20))
    model = page.staff_model
    row = _row_of(model, "Ceri")
    assert "2 hours of 2 hours: target met" in model.index(row, model.TIME).data()
    assert model.index(row, model.BAR).data(Qt.UserRole + 2) == 1.0


# strengths ------------------------------------------------------------------------------------

def test_a_strength_moves_to_ready_in_one_step_each_dated_today(qtbot, shell):
    view, made, store = shell
    view.show_screen("strengths")
    page = view.screens["strengths"]
    assert page.count_label.text() == "2 strengths"
    page.readiness_box.setCurrentIndex(page.readiness_box.findData("spotted"))
    assert page.count_label.text() == "1 strength"
    page.readiness_box.setCurrentIndex(0)
    row = _row_of(page.model, "Jan")
    _select(qtbot, page.table, row)
    assert page.forward_button.text() == "Move on to: Exploring (Ctrl+M)"

    qtbot.keyClick(page.table, Qt.Key_M, Qt.ControlModifier)
    qtbot.waitUntil(lambda: store.strengths.get(made["spotted"].id).readiness == "exploring", timeout=10_000)
    qtbot.waitUntil(lambda: page.forward_button.text() == "Move on to: Ready for a next step (Ctrl+M)")
    qtbot.mouseClick(page.forward_button, Qt.LeftButton)    # the row stayed chosen: once more
    qtbot.waitUntil(lambda: store.strengths.get(made["spotted"].id).readiness == "ready", timeout=10_000)
    moved = store.strengths.get(made["spotted"].id)
    assert moved.readiness_on == TODAY.isoformat() and moved.spotted_on == "2026-03-01"
    qtbot.waitUntil(lambda: page.model.index(_row_of(page.model, "Jan"), 3).data()
                    == "\u2068Ready for a next step\u2069")

    page.readiness_box.setCurrentIndex(page.readiness_box.findData("ready"))
    assert page.count_label.text() == "2 strengths"
    page.kind_box.setCurrentIndex(page.kind_box.findData("skill"))
    assert page.model.rowCount() == 1 and page.model.row_at(0).person_id == made["person"].id
    _select(qtbot, page.table, 0)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.table, Qt.Key_Return)
    assert opened.args == ["person", made["person"].id]


def test_moving_back_corrects_a_slip(qtbot, shell):
    view, made, store = shell
    view.show_screen("strengths")
    page = view.screens["strengths"]
    _select(qtbot, page.table, _row_of(page.model, "Amira"))
    qtbot.keyClick(page.table, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: store.strengths.get(made["strength"].id).readiness == "exploring", timeout=10_000)


# community assets and connections ------------------------------------------------------------------

def test_connect_a_person_from_the_asset_and_record_the_outcome(qtbot, shell):
    view, made, store = shell
    view.show_screen("assets")
    directory = view.screens["assets"].directory
    _select(qtbot, directory.table, 0)
    assert directory.connections_model.rowCount() == 1   # Amira, from the samples
    qtbot.mouseClick(directory.connect_button, Qt.LeftButton)
    dialog = _active(qtbot, directory.dialog)
    assert isinstance(dialog, ConnectDialog)
    qtbot.keyClick(dialog.chooser.edit, Qt.Key_S, Qt.ControlModifier)   # nobody chosen yet
    assert dialog.message.isVisible() and dialog.isVisible()
    qtbot.keyClicks(dialog.chooser.edit, "kowal")
    qtbot.keyClick(dialog.chooser.edit, Qt.Key_Return)
    assert dialog.chooser.chosen_id == made["other"].id
    qtbot.keyClick(dialog.chooser.edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: directory.connections_model.rowCount() == 2, timeout=10_000)
    new = [c for c in store.connections.iter_all() if c.person_id == made["other"].id]
    assert [(c.asset_id, c.outcome, c.made_on, c.outcome_on, c.staff_id) for c in new] == [
        (made["asset"].id, "introduced", TODAY.isoformat(), TODAY.isoformat(), made["staff"].id)]
    assert directory.dialog is None

    # Later: the sample connection (made in March) turns out well.
    row = _row_of(directory.connections_model, "Amira")
    _select(qtbot, directory.connections_table, row)
    assert directory.outcome_box.currentData() == "introduced"
    directory.outcome_box.setCurrentIndex(directory.outcome_box.findData("giving"))
    qtbot.mouseClick(directory.outcome_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: store.connections.get(made["connection"].id).outcome == "giving", timeout=10_000)
    changed = store.connections.get(made["connection"].id)
    assert (changed.made_on, changed.outcome_on) == ("2026-03-02", TODAY.isoformat())
    qtbot.waitUntil(lambda: directory.chosen_connection() is not None
                    and directory.chosen_connection().outcome == "giving")
    with qtbot.waitSignal(directory.open_record) as opened:
        qtbot.keyClick(directory.connections_table, Qt.Key_Return)
    assert opened.args == ["person", made["person"].id]


def test_connect_an_asset_from_the_persons_side(qtbot, shell):
    view, made, store = shell
    dialog = ConnectDialog(view.workspace, view.reader, view.runner, person_id=made["other"].id)
    qtbot.addWidget(dialog)
    dialog.show()
    _active(qtbot, dialog)
    assert "Jan Kowalski" in dialog.fixed_label.text()
    qtbot.keyClicks(dialog.chooser.edit, "tues sew")   # every word a prefix
    assert dialog.chooser.matches.count() == 1
    qtbot.keyClick(dialog.chooser.edit, Qt.Key_Return)
    dialog.outcome_box.setFocus()
    qtbot.keyClick(dialog.outcome_box, Qt.Key_Up)        # "Suggested", only
    qtbot.keyClicks(dialog.notes_edit, "Meets Amira there")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.keyClick(dialog.notes_edit, Qt.Key_S, Qt.ControlModifier)
    new = [c for c in store.connections.iter_all() if c.person_id == made["other"].id]
    assert [(c.asset_id, c.outcome, c.notes) for c in new] == [(made["asset"].id, "suggested", "Meets Amira there")]
    assert dialog.chooser.edit.text() == "" and dialog.notes_edit.toPlainText() == ""  # forgotten on closing


def test_add_and_correct_an_asset_and_a_venue_with_the_keyboard(qtbot, shell):
    view, made, store = shell
    view.show_screen("assets")
    directory = view.screens["assets"].directory
    qtbot.mouseClick(directory.new_button, Qt.LeftButton)
    form = _active(qtbot, directory.dialog)
    qtbot.keyClicks(form.name_edit, "Friday lunch club")
    form.languages_field.setFocus()
    qtbot.keyClicks(form.languages_field.filter_edit, "polsk")   # its own name finds it too
    qtbot.keyClick(form.languages_field.filter_edit, Qt.Key_Return)
    qtbot.keyClick(form.name_edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: directory.count_label.text() == "2 community assets", timeout=10_000)
    cafe = [a for a in store.assets.iter_all() if a.name == "Friday lunch club"]
    assert [(a.kind, a.languages, a.active) for a in cafe] == [("grassroots_group", ("pl",), True)]

    qtbot.keyClicks(directory.search_edit, "lunch fri")   # words in any order, each a prefix
    qtbot.waitUntil(lambda: directory.model.rowCount() == 1 and directory.model.row_at(0).name == "Friday lunch club")
    _select(qtbot, directory.table, 0)
    qtbot.mouseClick(directory.edit_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: directory.dialog is not None, timeout=10_000)
    form = _active(qtbot, directory.dialog)
    assert form.name_edit.text() == "Friday lunch club"
    qtbot.keyClicks(form.times_edit, "Fridays 2 to 4")
    qtbot.keyClick(form.times_edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: store.assets.get(cafe[0].id).times == "Fridays 2 to 4", timeout=10_000)

    venues = view.screens["assets"].venues
    view.screens["assets"].tabs.setCurrentWidget(venues)
    qtbot.mouseClick(venues.new_button, Qt.LeftButton)
    _active(qtbot, venues.dialog)
    qtbot.keyClicks(venues.dialog.name_edit, "Riverside library")
    qtbot.keyClicks(venues.dialog.accessibility_edit, "Step-free, hearing loop")
    qtbot.keyClick(venues.dialog.name_edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: venues.model.rowCount() == 2, timeout=10_000)
    assert [v.accessibility for v in store.venues.iter_all() if v.name == "Riverside library"] == [
        "Step-free, hearing loop"]


# models, accessibility, lock ---------------------------------------------------------------------

@pytest.mark.parametrize("make, show", [
    (SessionsModel, lambda m, a, made: m.show(a, date(2026, 3, 1))),
    (StrengthsModel, lambda m, a, made: m.show(a, StrengthFilter())),
    (AssetsModel, lambda m, a, made: m.show(a, AssetFilter(running_only=False))),
    (VenuesModel, lambda m, a, made: m.show(a, "")),
    (ConnectionsModel, lambda m, a, made: m.show(a, asset_id=made["asset"].id)),
    (StaffTimeModel, lambda m, a, made: m.set_rows(a.staff_month(date(2026, 3, 1)))),
])
def test_models_pass_qts_model_tester(qtmodeltester, qtlog, workspace, make, show):
    store = workspace.store
    made = add_everything(store)
    for i in range(5):   # enough rows for several pages of two
        store.assets.add(Asset(name=f"Group {i}", kind="time_bank"))
        store.connecting_time.add(ConnectingTime(staff_id=made["staff"].id, on_date=f"2026-03-1{i}", minutes=15))
        store.strengths.add(Strength(person_id=made["other"].id, kind="gift", description=f"Gift {i}",
                                     spotted_on="2026-03-01", readiness="exploring"))
    reader = workspace.open_reader()
    try:
        model = make(page_size=2) if make is not StaffTimeModel else make()
        show(model, ActivityQueries(reader.connection), made)
        qtmodeltester.check(model, force_py=False)
        assert model.rowCount() >= 1
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        ids = [model.index(r, 0).data(Qt.UserRole + 1) for r in range(model.rowCount())]
        assert len(ids) == len(set(ids)) and all(ids)
        model.clear()
        assert model.rowCount() == 0
        assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []
    finally:
        reader.close()


def test_every_focusable_widget_has_an_accessible_name(qtbot, shell):
    view, made, store = shell
    for screen in ("connecting_time", "strengths", "assets"):
        view.show_screen(screen)
        assert _unnamed(view.screens[screen]) == [], screen
    view.screens["assets"].tabs.setCurrentIndex(1)
    assert _unnamed(view.screens["assets"]) == []
    directory = view.screens["assets"].directory
    view.screens["assets"].tabs.setCurrentIndex(0)
    _select(qtbot, directory.table, 0)
    for button in (directory.connect_button, directory.new_button):
        qtbot.mouseClick(button, Qt.LeftButton)
        assert _unnamed(directory.dialog) == []


def test_clear_forgets_every_record_text_in_the_screens_and_dialogs(qtbot, shell):
    view, made, store = shell
    for screen in ("connecting_time", "strengths", "assets"):
        view.show_screen(screen)
    directory = view.screens["assets"].directory
    _select(qtbot, directory.table, 0)
    qtbot.mouseClick(directory.connect_button, Qt.LeftButton)
    qtbot.keyClicks(directory.dialog.chooser.edit, "amira")
    qtbot.keyClicks(view.screens["connecting_time"].heard_edit, f"Heard {MARKER}")
    roots = [view, *QApplication.topLevelWidgets()]

    def seen() -> list:
        objects = {o for root in roots for o in (root, *root.findChildren(QObject))}
        return [(type(o).__name__, t) for o in objects for t in _texts(o) if MARKER in t]

    assert seen(), "the test must see the text before clearing"
    view.clear()
    QApplication.processEvents()
    assert seen() == []
    assert all(getattr(view.screens[s], "workspace", None) is None for s in ("connecting_time", "strengths"))


def _scroll_area_of(widget, page):
    while widget is not None and widget is not page:
        if isinstance(widget, QScrollArea):
            return widget
        widget = widget.parentWidget()
    return None


def test_screens_survive_twice_as_long_words_right_to_left(qtbot, shell, qapp):
    view, made, store = shell
    qapp.setLayoutDirection(Qt.RightToLeft)
    view.resize(1000, 720)
    for screen in ("connecting_time", "strengths", "assets"):
        view.show_screen(screen)
        page = view.screens[screen]
        for widget in page.findChildren(QWidget):
            if isinstance(widget, (QLabel, QPushButton, QCheckBox)):
                widget.setText(widget.text() * 2)
        QApplication.processEvents()
        controls = [w for w in page.findChildren(QWidget) if isinstance(w, (QComboBox, QPushButton, QLineEdit,
                                                                           QCheckBox))
                    and w.isVisible() and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
        # A form in a scroll area may reach below the window (it scrolls): the area itself must stay on screen,
        # and its fields must not overlap each other.
        frames = [_scroll_area_of(w, page) or w for w in controls]
        rects = [w.rect().translated(w.mapTo(page, w.rect().topLeft())) for w in controls]
        assert all(page.rect().contains(f.rect().translated(f.mapTo(page, f.rect().topLeft())))
                   for f in frames), screen                                # nothing pushed off the screen
        assert not any(rects[i].intersects(rects[j]) for i in range(len(rects)) for j in range(i + 1, len(rects))
                       if _scroll_area_of(controls[i], page) is _scroll_area_of(controls[j], page)), screen
    strengths = view.screens["strengths"]
    first = strengths.kind_box.mapTo(strengths, strengths.kind_box.rect().topRight()).x()
    assert first > strengths.width() // 2   # right to left: the first filter is on the right
