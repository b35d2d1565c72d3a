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
    assert "registered twice" in page.message.text()
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
    assert "connector-other.cbundle: damaged or not a sync bundle" in page.folder_report.text()
    assert page.folder_label.toolTip() == str(shared.resolve())
    page.grab().save("/tmp/sync-page.png")


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
    dialog.grab().save("/tmp/sync-duplicates.png")
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
