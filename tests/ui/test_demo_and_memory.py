"""The demo workspace (marked wherever it shows), window memory and the idle checkpoint of the log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from connector_app.demo import DEMO_PASSPHRASE, DemoFolderTaken, is_demo, open_demo
from connector_app.domain.records import Person
from tests.conftest import FAST_KDF
from tests.ui.conftest import unlock, wait_idle
from ui.settings import LAST_SCREEN, Settings


def test_try_the_demo_opens_a_marked_demo_and_lock_returns_to_the_real_start(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "real", demo_path=tmp_path / "demo")
    page = window.flow.create_page
    assert page.demo_button.isVisible() and page.demo_button.accessibleDescription()
    qtbot.mouseClick(page.demo_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=60_000)
    assert window.is_demo and is_demo(window.workspace.store)
    assert "DEMO" in window.windowTitle()
    assert window.demo_banner.isVisible() and DEMO_PASSPHRASE in window.demo_banner.text()
    assert window.demo_label.isVisible() and window.demo_label.text() == "Demo workspace"
    for name in window.shell.screens:  # the banner sits above every screen
        window.shell.show_screen(name)
        assert window.demo_banner.isVisible()
    assert window.shell.home.workspace_path == tmp_path / "demo"
    assert not window.recovery_code_action.isEnabled()
    wait_idle(qtbot, window)

    window.lock()
    assert not window.demo_banner.isVisible() and not window.demo_label.isVisible()
    assert "DEMO" not in window.windowTitle()
    assert window.flow.currentWidget() is page and not (tmp_path / "real").exists()
    wait_idle(qtbot, window)


def test_cancelling_the_demo_shows_progress_and_leaves_nothing_behind(qtbot, make_window, tmp_path, monkeypatch):
    import functools

    from connector_app import demo
    # A bigger demo than the shipped one, so there is time to press Cancel while it is being made.
    monkeypatch.setattr(demo, "open_demo", functools.partial(demo.open_demo, people=5000, months=2))
    place = tmp_path / "place"
    window = make_window(tmp_path / "real", demo_path=place / "demo")
    page = window.flow.create_page
    qtbot.mouseClick(page.demo_button, Qt.LeftButton)
    assert page.create_button.text() == "Create workspace"  # not "Creating…": that is the other button's job
    qtbot.waitUntil(lambda: page.busy.maximum() > 0 and page.busy.value() > 0, timeout=60_000)  # real progress
    qtbot.waitUntil(window.job_cancel.isVisible, timeout=60_000)  # the window's Cancel for a slow job
    qtbot.mouseClick(window.job_cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=60_000)
    assert not window.is_unlocked and window.flow.currentWidget() is page and not page.error.isVisible()
    assert page.demo_button.isEnabled() and page.demo_button.hasFocus()
    assert not (place / "demo").exists() and list(place.iterdir()) == []  # no half demo, no build folder
    wait_idle(qtbot, window)


def test_escape_cancels_making_the_demo(qtbot, make_window, tmp_path, monkeypatch):
    import functools

    from connector_app import demo
    monkeypatch.setattr(demo, "open_demo", functools.partial(demo.open_demo, people=5000, months=2))
    window = make_window(tmp_path / "real", demo_path=tmp_path / "place" / "demo")
    page = window.flow.create_page
    page.demo_button.setFocus()
    qtbot.keyClick(page.demo_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: page.busy.value() > 0, timeout=60_000)
    qtbot.keyClick(page, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=60_000)
    assert not window.is_unlocked and not (tmp_path / "place" / "demo").exists()
    wait_idle(qtbot, window)


def test_a_demo_made_on_the_command_line_is_marked_without_the_shared_passphrase(qtbot, make_window, tmp_path):
    from connector_app.demo import DEMO_OWN
    from connector_app.demo_workspace import build_demo
    from tests.conftest import PASSPHRASE
    workspace, _counts = build_demo(tmp_path / "cli-demo", PASSPHRASE, people=3, months=1, kdf=FAST_KDF, mark=DEMO_OWN)
    workspace.lock()
    window = make_window(tmp_path / "cli-demo")
    unlock(qtbot, window)
    assert window.is_demo and window.demo_banner.isVisible()
    assert "made up" in window.demo_banner.text() and DEMO_PASSPHRASE not in window.demo_banner.text()
    wait_idle(qtbot, window)


def test_the_demo_folder_never_opens_a_real_workspace_as_a_demo(workspace_path):
    from tests.conftest import PASSPHRASE
    with pytest.raises(Exception) as raised:  # a real workspace there: its passphrase is not the demo's
        open_demo(workspace_path, kdf=FAST_KDF)
    assert "passphrase" in str(raised.value)
    assert PASSPHRASE != DEMO_PASSPHRASE


def test_a_workspace_with_the_demo_passphrase_but_no_mark_is_refused(tmp_path):
    from connector_app.store.workspace import Workspace
    workspace, _code = Workspace.create(tmp_path / "look-alike", DEMO_PASSPHRASE, kdf=FAST_KDF)
    workspace.lock()
    with pytest.raises(DemoFolderTaken):
        open_demo(tmp_path / "look-alike", kdf=FAST_KDF)


def test_geometry_and_last_screen_are_remembered_without_record_text(qtbot, make_window, workspace_path, tmp_path):
    settings_file = tmp_path / "memory.ini"
    window = make_window(workspace_path, settings=Settings(settings_file))
    window.resize(700, 530)
    unlock(qtbot, window)
    window.shell.show_screen("people")
    window.lock()
    wait_idle(qtbot, window)
    unlock(qtbot, window)
    assert window.shell.current_screen() == "people"
    window.close()

    again = make_window(workspace_path, settings=Settings(settings_file))
    assert again.size() == QSize(700, 530)
    assert Settings(settings_file).get(LAST_SCREEN) == "people"
    assert "Person" not in settings_file.read_text() and "Amira" not in settings_file.read_text()


def test_the_log_is_checkpointed_once_writes_pause(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    wal = workspace_path / "records.db-wal"
    store = window.workspace.store
    window.runner.run(lambda control: store.people.add(Person(display_name="Checkpoint test",
                                                              consent_scope="record_only", consent_on="2026-01-01")))
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.checkpointer.is_pending)  # the "records changed" signal started the countdown
    assert wal.stat().st_size > 0
    window.checkpointer.checkpoint_now()  # what the countdown does when it runs out
    wait_idle(qtbot, window)
    assert wal.stat().st_size == 0
