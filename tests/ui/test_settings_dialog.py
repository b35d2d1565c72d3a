"""The Settings dialog, driven by keys in a real window: language, auto-lock, staff, reports, workspace, backups."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from connector_app import i18n
from connector_app.domain.records import Staff
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.samples import add_everything
from tests.ui.conftest import add_records, unlock, wait_idle
from tests.ui.test_main_window import MARK, MarkedCatalogue
from ui import main_window as main_window_module
from ui import settings_dialog as settings_dialog_module
from ui.backups import BackupsModel
from ui.settings import IDLE_LOCK_MINUTES, LANGUAGE, STAFF_MEMBER, SUPPRESS_SMALL_NUMBERS, WORKSPACE_FOLDER, Settings


def _fill(store) -> None:
    add_everything(store)
    store.staff.add(Staff(name="Dev Patel", role="community_connector"))


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(make_window, qtbot, workspace_path, settings):
    add_records(workspace_path, _fill)
    window = make_window(workspace_path, settings=settings)
    unlock(qtbot, window)
    wait_idle(qtbot, window)  # today's automatic backup included
    return window


def _open_settings(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_Comma, Qt.ControlModifier)
    dialog = window.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _backups_tab(qtbot, dialog):
    qtbot.keyClick(dialog.tabs, Qt.Key_Tab, Qt.ControlModifier)
    assert dialog.tabs.currentIndex() == 1
    return dialog.backups


def test_choosing_a_language_retranslates_the_open_window_and_is_remembered(
        qtbot, window, settings, monkeypatch):
    real = i18n.translations_for
    monkeypatch.setattr(i18n, "translations_for", lambda code: MarkedCatalogue() if code == "cy" else real(code))
    for module in (main_window_module, settings_dialog_module):
        monkeypatch.setattr(module, "available_languages", lambda: ["cy", "en_GB"])
    dialog = _open_settings(qtbot, window)
    assert dialog.language_box.currentData() == "en_GB"
    dialog.language_box.setFocus()
    qtbot.keyClick(dialog.language_box, Qt.Key_Up)
    assert window.workspace_menu.title() == MARK + "&Workspace⟧"
    assert window.shell.search.title.text() == MARK + "Search⟧"   # a screen that is not showing too
    assert dialog.windowTitle() == MARK + "Settings⟧"              # and the dialog itself
    assert settings.get(LANGUAGE) == "cy"


def test_auto_lock_minutes_change_the_idle_timer_at_once(qtbot, window, settings):
    dialog = _open_settings(qtbot, window)
    assert dialog.minutes_box.value() == 5
    dialog.minutes_box.setFocus()
    qtbot.keyClick(dialog.minutes_box, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(dialog.minutes_box, "12")
    assert window.idle.timeout_ms == 12 * 60_000
    assert window.idle.is_active()  # still counting, with the new length
    assert settings.get(IDLE_LOCK_MINUTES) == 12


def test_the_suppression_default_reaches_the_monthly_summary(qtbot, window, settings):
    first = window.reports.open_monthly()
    assert not first.internal.isChecked()  # by default small numbers are hidden
    wait_idle(qtbot, window)  # its staff list has arrived
    first.close()
    dialog = _open_settings(qtbot, window)
    dialog.suppress_box.setFocus()
    qtbot.keyClick(dialog.suppress_box, Qt.Key_Space)
    assert settings.get(SUPPRESS_SMALL_NUMBERS) is False
    assert window.reports.open_monthly().internal.isChecked()


def test_the_staff_member_using_the_laptop_is_switched_and_remembered(qtbot, window, settings):
    dialog = _open_settings(qtbot, window)
    names = [dialog.staff_box.itemText(i) for i in range(dialog.staff_box.count())]
    assert names == ["Ceri Jones", "Dev Patel"] and dialog.staff_box.currentText() == "Ceri Jones"
    dialog.staff_box.setFocus()
    qtbot.keyClick(dialog.staff_box, Qt.Key_Down)
    dev = dialog.staff_box.currentData()
    assert window.workspace.store.actor_id == dev
    assert settings.get(STAFF_MEMBER) == dev
    assert window.staff_label.text() == "Working as Dev Patel"


def test_lock_empties_the_open_dialog_and_unlocking_fills_it_again(qtbot, window):
    dialog = _open_settings(qtbot, window)
    assert dialog.staff_box.count() == 2 and dialog.backups.model.rowCount() == 1
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert dialog.isVisible() and dialog.staff_box.count() == 0 and not dialog.staff_box.isEnabled()
    assert dialog.backups.model.rowCount() == 0 and not dialog.backups.backup_button.isEnabled()
    assert dialog.staff_note.text() == "Unlock the workspace to choose who is using this laptop."
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    assert window.preferences.dialog is dialog and dialog.isVisible()
    assert dialog.staff_box.count() == 2 and dialog.staff_box.isEnabled()
    assert dialog.staff_box.currentData() == window.workspace.store.actor_id
    assert dialog.backups.model.rowCount() == 1 and dialog.backups.backup_button.isEnabled()
    assert dialog.backups.status.text() == ""


def test_settings_opened_while_locked_shows_the_staff_list_once_unlocked(qtbot, make_window, workspace_path,
                                                                        settings):
    add_records(workspace_path, _fill)
    window = make_window(workspace_path, settings=settings)
    dialog = _open_settings(qtbot, window)
    assert dialog.staff_box.count() == 0 and dialog.backups.model.rowCount() == 0
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    if window.staff_dialog is not None:   # nobody remembered on this laptop yet: the app asks who it is
        qtbot.keyClick(window.staff_dialog, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.staff_box.currentData() == window.workspace.store.actor_id is not None)
    assert [dialog.staff_box.itemText(i) for i in range(dialog.staff_box.count())] == [
        name for _id, name in window.shell.staff(active_only=True)]
    assert dialog.backups.model.rowCount() == 1
    dialog.staff_box.setFocus()
    qtbot.keyClick(dialog.staff_box, Qt.Key_Down)    # and it keeps working: the choice takes effect
    assert window.workspace.store.actor_id == dialog.staff_box.currentData()


def test_workspace_location_is_shown_and_another_chosen_for_next_time(qtbot, window, settings, tmp_path,
                                                                     workspace_path):
    dialog = _open_settings(qtbot, window)
    assert str(workspace_path) in dialog.folder_now.text()
    (tmp_path / "clutter").mkdir()
    (tmp_path / "clutter" / "notes.txt").write_text("x")
    assert not dialog.set_next_folder(str(tmp_path / "clutter"))
    assert "is not a workspace" in dialog.folder_message.text() and settings.get(WORKSPACE_FOLDER) == ""
    (tmp_path / "fresh").mkdir()
    assert dialog.set_next_folder(str(tmp_path / "fresh"))
    assert settings.get(WORKSPACE_FOLDER) == str(tmp_path / "fresh")
    assert str(tmp_path / "fresh") in dialog.folder_next.text()
    qtbot.mouseClick(dialog.default_folder_button, Qt.LeftButton)
    assert settings.get(WORKSPACE_FOLDER) == ""


def test_back_up_now_adds_a_checked_backup_to_the_list(qtbot, window):
    dialog = _open_settings(qtbot, window)
    backups = _backups_tab(qtbot, dialog)
    assert backups.model.rowCount() == 1  # today's automatic one
    assert backups.model.index(0, 1).data() == "Daily, automatic"
    backups.backup_button.setFocus()
    qtbot.keyClick(backups.backup_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: backups.model.rowCount() == 2, timeout=20_000)
    assert backups.model.index(0, 1).data() == "Made by hand"  # newest first
    assert backups.status.text() == "Backup made and checked."
    assert backups.model.index(0, 2).data().endswith(("KB", "MB"))


def _restore_dialog(qtbot, window):
    backups = _backups_tab(qtbot, _open_settings(qtbot, window))
    backups.table.setFocus()
    qtbot.keyClick(backups.table, Qt.Key_Home)
    qtbot.mouseClick(backups.restore_button, Qt.LeftButton)
    return backups.restore_dialog


def _restore(qtbot, restore, folder, passphrase=PASSPHRASE) -> None:
    restore.folder_edit.setFocus()
    qtbot.keyClicks(restore.folder_edit, str(folder))
    qtbot.keyClick(restore.folder_edit, Qt.Key_Tab)
    qtbot.keyClicks(restore.passphrase_edit, passphrase)
    qtbot.keyClick(restore.passphrase_edit, Qt.Key_Return)


def test_restore_into_a_new_folder_makes_a_workspace_that_unlocks_with_the_same_passphrase(
        qtbot, window, settings, tmp_path):
    restore = _restore_dialog(qtbot, window)
    target = tmp_path / "restored"
    _restore(qtbot, restore, target)
    assert restore.passphrase_edit.text() == ""  # the passphrase is not kept in the field
    qtbot.waitUntil(lambda: restore.open_button.isVisible(), timeout=20_000)
    assert "Restored into" in restore.done_label.text()
    qtbot.keyClick(restore.open_button, Qt.Key_Space)
    assert settings.get(WORKSPACE_FOLDER) == str(target)
    counts = window.workspace.store.counts()
    copy = Workspace(target, kdf=FAST_KDF)
    try:
        assert copy.unlock(PASSPHRASE).counts()["person"] == counts["person"] == 2
    finally:
        copy.lock()


@pytest.mark.parametrize("where, says", [
    ("inside", "is inside the workspace"),
    ("itself", "already"),
])
def test_restore_refuses_a_folder_inside_the_workspace_or_an_existing_workspace(
        qtbot, window, workspace_path, where, says):
    restore = _restore_dialog(qtbot, window)
    target = workspace_path / "restored" if where == "inside" else workspace_path
    before = sorted(p.name for p in workspace_path.iterdir())
    _restore(qtbot, restore, target)
    assert says in restore.message.text()
    assert not restore.open_button.isVisible() and not window.runner.is_busy
    assert sorted(p.name for p in workspace_path.iterdir()) == before


def test_restore_with_a_wrong_passphrase_says_so_and_makes_nothing(qtbot, window, tmp_path):
    restore = _restore_dialog(qtbot, window)
    _restore(qtbot, restore, tmp_path / "restored", passphrase="not the passphrase at all")
    qtbot.waitUntil(lambda: bool(restore.message.text()), timeout=20_000)
    assert "passphrase" in restore.message.text().lower()
    assert not (tmp_path / "restored").exists()


def test_backups_model_passes_qt_model_tester(workspace_path, tmp_path):
    (workspace_path / "backups").mkdir(exist_ok=True)
    for name in ("daily-2026-03-01.cbackup", "manual-2026-03-02-101500.cbackup"):
        (workspace_path / "backups" / name).write_bytes(b"x" * 2048)
    model = BackupsModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.show_folder(workspace_path / "backups")
    assert model.rowCount() == 2 and model.index(1, 2).data() == "2 KB"
    model.retranslate()
    model.show_folder(None)
    assert model.rowCount() == 0


def test_every_focusable_widget_in_settings_search_and_restore_has_an_accessible_name(qtbot, window):
    from tests.ui.test_lists import _unnamed
    window.shell.show_screen("search")
    assert _unnamed(window.shell.search) == []
    dialog = _open_settings(qtbot, window)
    assert _unnamed(dialog) == []
    _backups_tab(qtbot, dialog)
    assert _unnamed(dialog) == []
    assert _unnamed(dialog.backups.restore_chosen()) == []


def test_settings_read_back_from_the_file_as_their_type_and_range(tmp_path):
    Settings(tmp_path / "s.ini").set(SUPPRESS_SMALL_NUMBERS, False)
    Settings(tmp_path / "s.ini").set(IDLE_LOCK_MINUTES, 100_000)
    again = Settings(tmp_path / "s.ini")
    assert again.get(SUPPRESS_SMALL_NUMBERS) is False
    assert again.get(IDLE_LOCK_MINUTES) == IDLE_LOCK_MINUTES.maximum
    (tmp_path / "s.ini").write_text("[reports]\nsuppress_small_numbers=maybe\n")
    assert Settings(tmp_path / "s.ini").get(SUPPRESS_SMALL_NUMBERS) is True  # a hand edit falls back


def test_colours_change_at_once_and_are_remembered(qtbot, window, settings):
    from PySide6.QtWidgets import QApplication

    from ui.settings import THEME
    dialog = _open_settings(qtbot, window)
    box = dialog.theme_box
    assert box.currentData() == "system" and box.count() == 4
    box.setFocus()
    box.setCurrentIndex(box.findData("high-contrast"))
    assert settings.get(THEME) == "high-contrast"
    assert QApplication.instance().palette().window().color().name() == "#000000"   # black, at once
    box.setCurrentIndex(box.findData("light"))
    assert settings.get(THEME) == "light"
    assert QApplication.instance().palette().window().color().name() != "#000000"
