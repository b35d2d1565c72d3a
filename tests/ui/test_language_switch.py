"""Switching language on a live window: words, layout direction and the script's font change at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from connector_app.i18n import set_language
from tests.ui.conftest import unlock
from ui import language as language_module
from ui.settings import LANGUAGE, Settings
from ui.theme import load_bundled_fonts


def test_a_live_unlocked_window_follows_each_switch_and_back(qtbot, make_window, workspace_path, qapp):
    window = make_window(workspace_path)
    unlock(qtbot, window)
    assert window.language_menu.title() == "&Language"

    set_language("en_XA")  # every message lengthened and accented
    assert window.language_menu.title().startswith("[&Låñĝûåĝé")
    assert window.workspace_menu.title().startswith("[&Wöŕķšþåçé")
    assert qapp.layoutDirection() == Qt.LeftToRight

    for code in ("ur", "ar", "ar_XB"):
        set_language(code)
        assert qapp.layoutDirection() == Qt.RightToLeft, code
        assert window.layoutDirection() == Qt.RightToLeft, code
    set_language("en_GB")
    assert window.language_menu.title() == "&Language"
    assert window.layoutDirection() == Qt.LeftToRight


@pytest.mark.parametrize("code, family", [("ur", "Noto Nastaliq Urdu"), ("ar", "Noto Naskh Arabic"),
                                          ("bn", "Noto Sans Bengali")])
def test_each_script_is_set_in_its_bundled_font(qapp, code, family):
    load_bundled_fonts()
    assert family in QFontDatabase.families()  # bundled, so present on a machine without it
    before = QApplication.font().families()
    set_language(code)
    # Latin first (Noto Sans has no other script), except Nastaliq: rows, tabs and headers are sized by the
    # first family, and Noto Sans's line cut Nastaliq's tall letters off.
    expected = [family, "Noto Sans"] if code == "ur" else ["Noto Sans", family]
    assert QApplication.font().families()[:2] == expected
    set_language("en_GB")
    assert family not in QApplication.font().families()[:2]
    assert QApplication.font().families() == before or family not in QApplication.font().families()


def test_first_run_offers_the_shipped_languages_and_remembers_the_choice(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(language_module, "available_languages", lambda: ["cy", "en_GB"])
    settings = Settings(tmp_path / "chosen.ini")
    window = make_window(tmp_path / "new-workspace", settings=settings)
    box = window.flow.create_page.language_box
    assert window.flow.currentWidget() is window.flow.create_page
    assert box.isVisible() and box.accessibleName() == "Language"
    assert [box.itemText(i) for i in range(box.count())] == ["Cymraeg", "English (United Kingdom)"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Home)  # a closed combo box chooses with the keys
    assert settings.get(LANGUAGE) == "cy"
    assert box.currentData() == "cy"


def test_first_run_hides_a_choice_of_one(qtbot, make_window, tmp_path, monkeypatch):
    import ui.language
    monkeypatch.setattr(ui.language, "available_languages", lambda: ["en_GB"])   # as before any catalogue ships
    window = make_window(tmp_path / "new-workspace")
    assert not window.flow.create_page.language_box.isVisible()


def test_first_run_offers_every_shipped_language(qtbot, make_window, tmp_path):
    from connector_app.i18n import available_languages
    window = make_window(tmp_path / "new-workspace")
    box = window.flow.create_page.language_box
    assert box.isVisible() and len(available_languages()) == 9
    assert {box.itemData(i) for i in range(box.count())} >= set(available_languages())


def test_no_plain_english_is_left_in_the_long_pseudo_locale(qtbot, make_window, workspace_path):
    from tests.ui.test_main_window import _visible_words

    window = make_window(workspace_path)
    unlock(qtbot, window)
    set_language("en_XA")
    for name in ("home", "people", "conversations"):
        window.shell.show_screen(name)
        plain = [(kind, text) for kind, text in _visible_words(window) if "[" not in text]
        assert plain == [], name
