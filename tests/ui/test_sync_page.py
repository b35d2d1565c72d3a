"""The Sync screen on real workspaces: team, bundles in and out, bad bundles, the folder, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from connector_app.domain.records import Person
from connector_app.sync import watch
from connector_app.sync.exchange import export_bundle, shared_digest
from connector_app.sync.status import grouped_digest
from connector_app.sync.team import create_team, current_team, join_team, leave_team
from tests.store.laptops import laptop
from ui.sync_page import SyncPage
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, workspace):
    runner = TaskRunner()
    shown = SyncPage(runner)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    shown.attach(workspace)
    qtbot.waitUntil(lambda: shown.status is not None, timeout=10_000)
    yield shown
    shown.clear()
    runner.forget_all()
    runner.wait_for_worker()


@pytest.fixture
def hub(template_workspace, tmp_path):
    store = laptop(template_workspace[0], tmp_path / "hub")
    create_team(store)
    store.people.add(Person(display_name="Amira Haddad", consent_scope="share_team", consent_on="2026-01-05"))
    yield store
    store.close()


def _idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.runner.is_busy, timeout=30_000)


def test_create_a_team_and_show_its_join_code(qtbot, page):
    assert page.create_button.isVisible() and not page.bundle_box.isVisible()
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.status.in_team, timeout=10_000)
    assert page.bundle_box.isVisible() and not page.create_button.isVisible()
    page.code_button.setFocus()
    qtbot.keyClick(page.code_button, Qt.Key_Space)
    assert page.code_label.isVisible() and page.status.join_code in page.code_label.text()
    qtbot.keyClick(page.code_button, Qt.Key_Space)
    assert not page.code_label.isVisible()
    assert grouped_digest(shared_digest(page.workspace.store)) in page.digest_label.text()


def test_join_then_import_a_dropped_bundle_and_refuse_a_bad_one(qtbot, page, hub, tmp_path):
    qtbot.keyClicks(page.join_edit, current_team(hub).join_code)
    qtbot.keyClick(page.join_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.status.in_team, timeout=10_000)
    export_bundle(hub, tmp_path / "hub.cbundle")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "hub.cbundle"))])
    drop = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    page.dropEvent(drop)
    _idle(qtbot, page)
    qtbot.waitUntil(lambda: "Imported" in page.message.text(), timeout=10_000)
    assert "registered on two laptops" not in page.message.text() and page.import_offer.isHidden()
    assert {p.display_name for p in page.workspace.store.people.iter_all()} == {"Amira Haddad"}
    qtbot.waitUntil(lambda: bool(page.status.peers), timeout=10_000)
    assert "People: 1" in page.last_import_label.text()
    assert grouped_digest(shared_digest(hub)) in page.digest_label.text()
    # A cut-off file: one plain message, nothing changed.
    whole = (tmp_path / "hub.cbundle").read_bytes()
    (tmp_path / "cut.cbundle").write_bytes(whole[:-20])
    page.import_files([tmp_path / "cut.cbundle"])
    _idle(qtbot, page)
    assert "cannot be used" in page.error.text() and "Nothing was changed" in page.error.text()
    assert page.workspace.store.people.count() == 1


def test_joining_another_team_says_first_what_stays_on_this_laptop(qtbot, page, hub, template_workspace, tmp_path):
    store = page.workspace.store
    team_a = create_team(store)
    store.people.add(Person(display_name="Recorded in team A", consent_scope="share_team", consent_on="2026-01-05"))
    leave_team(store)
    store.people.add(Person(display_name="Recorded in no team", consent_scope="share_team", consent_on="2026-01-05"))
    page.refresh()
    _idle(qtbot, page)
    qtbot.keyClicks(page.join_edit, current_team(hub).join_code)
    qtbot.keyClick(page.join_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.join_confirm is not None and page.join_confirm.isVisible(), timeout=10_000)
    text = page.join_confirm.text()
    assert "1 record from another team stays on this laptop and will not be shared with this team." in text
    assert "1 record here was made while this laptop was in no team." in text
    page.join_confirm.grab().save("/tmp/teams-join-confirm.png")
    keep = next(b for b in page.join_confirm.buttons() if b.text() == "Join, keep them on this laptop")
    qtbot.mouseClick(keep, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.status.in_team, timeout=10_000)
    assert current_team(store).team_id == current_team(hub).team_id != team_a.team_id
    export_bundle(store, tmp_path / "b.cbundle")
    from connector_app.sync.exchange import import_bundle
    import_bundle(hub, tmp_path / "b.cbundle")
    assert {p.display_name for p in hub.people.iter_all()} == {"Amira Haddad"}  # nothing of A's, nothing kept


def test_cancelling_the_join_question_joins_nothing(qtbot, page, hub):
    store = page.workspace.store
    store.people.add(Person(display_name="Recorded in no team", consent_scope="share_team", consent_on="2026-01-05"))
    qtbot.keyClicks(page.join_edit, current_team(hub).join_code)
    qtbot.keyClick(page.join_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.join_confirm is not None and page.join_confirm.isVisible(), timeout=10_000)
    qtbot.keyClick(page.join_confirm, Qt.Key_Escape)
    _idle(qtbot, page)
    assert current_team(store) is None


def test_write_a_bundle_and_use_a_watched_folder(qtbot, page, hub, tmp_path):
    join_team(page.workspace.store, current_team(hub).join_code)
    page.refresh()
    _idle(qtbot, page)
    target = tmp_path / "out.cbundle"
    page.everything_check.setChecked(True)
    page.export_to(target)
    _idle(qtbot, page)
    assert target.exists() and "safe to remove" in page.message.text()
    shared = tmp_path / "shared"
    shared.mkdir()
    watch.set_folder(hub, shared)
    watch.write_own(hub)
    (shared / "connector-other.cbundle").write_bytes(b"not a bundle at all")
    page.set_folder(shared)
    _idle(qtbot, page)
    qtbot.waitUntil(lambda: "Imported 1 new change" in page.folder_report.text(), timeout=20_000)
    shown = page.folder_report.text().replace("\u2066", "").replace("\u2069", "")  # names kept left to right
    assert "connector-other.cbundle: damaged or not a sync bundle" in shown
    assert page.folder_label.toolTip() == str(shared.resolve())


def test_review_people_registered_twice_and_merge_them(qtbot, page, monkeypatch):
    store = page.workspace.store
    first = store.people.add(Person(display_name="Jan Kowalski", consent_scope="share_team",
                                    consent_on="2026-01-05", area="Hillside"))
    second = store.people.add(Person(display_name="Kowalski Jan", consent_scope="share_team",
                                     consent_on="2026-01-05"))
    create_team(store)
    page.refresh()
    _idle(qtbot, page)
    dialog = page.review_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.pairs), timeout=10_000)
    assert {dialog.left.values["display_name"].text(), dialog.right.values["display_name"].text()} == {
        "Jan Kowalski", "Kowalski Jan"}
    dialog.resize(1000, 700)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    kept = dialog.current()[1].id
    qtbot.mouseClick(dialog.keep_left, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.pairs and not page.runner.is_busy, timeout=10_000)
    assert [p.id for p in store.people.iter_all()] == [kept]
    assert dialog.position.text() == "No one looks registered twice."
    assert {first.id, second.id} >= {kept}


def test_the_sync_screen_in_the_window_writes_the_bundle_on_lock_and_on_exit(qtbot, make_window, workspace_path,
                                                                            tmp_path):
    from tests.ui.conftest import add_records, unlock, wait_idle
    shared = tmp_path / "shared"
    shared.mkdir()

    def prepare(store):
        create_team(store)
        watch.set_folder(store, shared)
        store.people.add(Person(display_name="Amira Haddad", consent_scope="share_team", consent_on="2026-01-05"))

    add_records(workspace_path, prepare)
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    from ui.workspace_view import SCREENS
    window.shell.sidebar.setFocus()
    for _step in range([screen.name for screen in SCREENS].index("sync")):  # reached by keyboard
        qtbot.keyClick(window.shell.sidebar, Qt.Key_Down)
    assert window.shell.current_screen() == "sync"
    qtbot.waitUntil(lambda: window.shell.sync.status is not None and window.shell.sync.status.in_team,
                    timeout=10_000)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    wait_idle(qtbot, window)
    written = list(shared.glob("connector-*.cbundle"))
    assert len(written) == 1 and window.shell.sync.status is None
    written[0].unlink()
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    window.close()
    assert len(list(shared.glob("connector-*.cbundle"))) == 1


def _drop(page, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    page.dropEvent(QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))


def test_an_import_bringing_people_registered_twice_offers_the_review(qtbot, page, hub, tmp_path):
    store = page.workspace.store
    join_team(store, current_team(hub).join_code)
    store.people.add(Person(display_name="Haddad Amira", consent_scope="share_team", consent_on="2026-01-05"))
    page.refresh()
    _idle(qtbot, page)
    export_bundle(hub, tmp_path / "hub.cbundle")
    _drop(page, tmp_path / "hub.cbundle")
    qtbot.waitUntil(lambda: "Imported" in page.message.text(), timeout=20_000)
    _idle(qtbot, page)
    assert "1 pair of people may be one person registered on two laptops." in page.message.text()
    assert page.import_offer.isVisible() and "registered twice" in page.import_offer.text()
    qtbot.mouseClick(page.import_offer, Qt.LeftButton)  # offered, not opened over the connector's work
    dialog = page.duplicates_dialog
    qtbot.waitUntil(lambda: bool(dialog.pairs), timeout=10_000)
    assert {dialog.left.values["display_name"].text(), dialog.right.values["display_name"].text()} == {
        "Amira Haddad", "Haddad Amira"}
    qtbot.mouseClick(dialog.close_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.duplicates_dialog is None, timeout=10_000)
    assert page.import_offer.isHidden()
    # Importing the same bundle again brings no one new: nothing is offered.
    _drop(page, tmp_path / "hub.cbundle")
    qtbot.waitUntil(lambda: "already here" in page.message.text(), timeout=20_000)
    assert page.import_offer.isHidden() and "registered on two laptops" not in page.message.text()


def test_the_folder_list_names_every_file_and_offers_the_review(qtbot, page, hub, tmp_path):
    store = page.workspace.store
    join_team(store, current_team(hub).join_code)
    store.people.add(Person(display_name="Amira Hadad", consent_scope="share_team", consent_on="2026-01-05"))
    shared = tmp_path / "shared"
    shared.mkdir()
    watch.set_folder(hub, shared)
    watch.write_own(hub)
    (shared / "connector-empty.cbundle").write_bytes(b"")
    page.set_folder(shared)
    _idle(qtbot, page)
    qtbot.waitUntil(lambda: "Imported 1 new change" in page.folder_report.text(), timeout=20_000)
    _idle(qtbot, page)
    lines = page.folder_report.text().splitlines()
    assert any(watch.own_name(hub) in line and "imported, 1 new change." in line for line in lines)
    assert any("connector-empty.cbundle" in line and "still arriving" in line for line in lines)
    assert "1 pair of people may be one person registered on two laptops." in lines
    assert page.folder_offer.isVisible()
    # A check that brings nothing keeps the offer, and names every file again.
    qtbot.mouseClick(page.scan_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Imported 0 new changes" in page.folder_report.text(), timeout=20_000)
    assert page.folder_offer.isVisible()
    assert any(watch.own_name(hub) in line and "nothing new since" in line
               for line in page.folder_report.text().splitlines())
    qtbot.mouseClick(page.folder_offer, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.duplicates_dialog is not None and bool(page.duplicates_dialog.pairs),
                    timeout=10_000)
    page.duplicates_dialog.reject()
    assert page.folder_offer.isHidden()


def test_a_conflict_is_told_in_words_in_the_last_import(qtbot, page, hub, tmp_path):
    store = page.workspace.store
    join_team(store, current_team(hub).join_code)
    export_bundle(hub, tmp_path / "1.cbundle")
    _drop(page, tmp_path / "1.cbundle")
    qtbot.waitUntil(lambda: "Imported" in page.message.text(), timeout=20_000)
    _idle(qtbot, page)
    person = next(hub.people.iter_all())
    hub.people.update(person.id, area="Hillside")
    hub.people.update(person.id, about="Likes the sewing group")
    export_bundle(hub, tmp_path / "2.cbundle")
    page.runner.run(lambda control: (store.people.update(person.id, area="Riverside"),
                                     store.people.update(person.id, about="Runs the sewing group")))
    _idle(qtbot, page)
    _drop(page, tmp_path / "2.cbundle")
    expected = "2 fields were edited on two laptops; the later edit was kept; see each field's history."
    qtbot.waitUntil(lambda: expected in page.message.text(), timeout=20_000)
    qtbot.waitUntil(lambda: expected in page.last_import_label.text(), timeout=20_000)


def test_the_duplicates_list_is_a_sound_model_reviewed_with_the_keyboard(qtbot, page, monkeypatch):
    from PySide6.QtTest import QAbstractItemModelTester

    store = page.workspace.store
    for first, second in (("Jan Kowalski", "Kowalski Jan"), ("Amira Haddad", "Amira Hadad")):
        store.people.add(Person(display_name=first, consent_scope="share_team", consent_on="2026-01-05",
                                languages=("pl", "en")))
        store.people.add(Person(display_name=second, consent_scope="share_team", consent_on="2026-01-05",
                                languages=("pl",)))
    dialog = page.review_duplicates()
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and not page.runner.is_busy, timeout=10_000)
    assert dialog.table.accessibleName() and dialog.keep_left.accessibleName()
    assert dialog.model.headerData(2, Qt.Horizontal) == "Why they may be one person"
    assert "a language in common" in dialog.model.index(0, 2).data()
    assert dialog.left.values["languages"].text() in ("Polish and English", "Polish")  # names, never codes
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Down)
    shown = {dialog.left.values["display_name"].text(), dialog.right.values["display_name"].text()}
    assert shown == {dialog.model.index(1, 0).data(), dialog.model.index(1, 1).data()}
    assert dialog.position.text() == "Pair 2 of 2"
    qtbot.keyClick(dialog.table, Qt.Key_Delete)               # not the same person: not shown again
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and not page.runner.is_busy, timeout=10_000)
    assert {dialog.model.index(0, 0).data(), dialog.model.index(0, 1).data()} != shown
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Return)               # compared below: the keyboard goes to "merge"
    assert dialog.keep_left.hasFocus()
    qtbot.keyClick(dialog.keep_left, Qt.Key_Space)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0 and not page.runner.is_busy, timeout=10_000)
    assert store.people.count() == 3
    dialog.forget()
    assert dialog.position.text() == "No one looks registered twice."
