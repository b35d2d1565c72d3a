"""Which language the app starts in."""

from __future__ import annotations

import pytest

from connector_app import i18n


@pytest.fixture
def translated(monkeypatch):
    monkeypatch.setattr(i18n, "available_languages", lambda: ["cy", "en_GB", "pl"])
    for name in ("CONNECTOR_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_system_locale_variables_are_read_like_posix_values(translated):
    translated.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.choose_language() == "cy"
    translated.setenv("LANGUAGE", "fr:pl")
    assert i18n.choose_language() == "pl"


def test_connector_lang_beats_the_saved_choice_which_beats_the_system(translated):
    translated.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.choose_language("pl") == "pl"
    translated.setenv("CONNECTOR_LANG", "cy")
    assert i18n.choose_language("pl") == "cy"


def test_untranslated_or_meaningless_values_fall_back_to_english(translated):
    translated.setenv("LANG", "C.UTF-8")
    assert i18n.choose_language("zz", "POSIX") == i18n.DEFAULT_LANGUAGE


def test_the_written_down_text_directions_agree_with_babel_for_every_locale():
    import babel.localedata
    from babel import Locale

    from connector_app.i18n import is_right_to_left
    wrong = [code for code in babel.localedata.locale_identifiers()
             if is_right_to_left(Locale.parse(code)) != (Locale.parse(code).character_order == "right-to-left")]
    assert wrong == []


def test_a_pseudo_locale_is_chosen_only_by_name(translated):
    translated.setenv("CONNECTOR_LANG", "en_XA")
    assert i18n.choose_language() == "en_XA"
    translated.delenv("CONNECTOR_LANG")
    assert i18n.choose_language("en_XA") == i18n.DEFAULT_LANGUAGE  # never from a saved choice or the system
