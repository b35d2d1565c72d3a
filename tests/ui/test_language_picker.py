"""Choosing the languages a person speaks by name: type-ahead, ticks, removable buttons, the codes stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from connector_app.i18n import set_language
from tests.ui.test_person_page import click, save, setup, the_form  # noqa: F401 (setup is a fixture)
from ui.language_picker import LanguagePicker


@pytest.fixture
def picker(qtbot):
    picker = LanguagePicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitActive(picker)
    return picker


def shown(picker) -> list[str]:
    return [picker.proxy.index(row, 0).data() for row in range(picker.proxy.rowCount())]


def test_the_list_is_a_sound_model_named_and_sorted_in_the_connectors_language(qtbot, picker):
    QAbstractItemModelTester(picker.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(picker.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    names = shown(picker)
    assert len(names) > 60 and "Polish (polski)" in names and "Somali (Soomaali)" in names
    assert names.index("Akan") == 0  # sorted by name, not by code
    set_language("cy")
    picker.set_languages(["pl"])
    names = shown(picker)
    assert "Pwyleg (polski)" in names
    at = [name.split(" (")[0] for name in names].index
    assert at("Thai") > at("Tyrceg")  # Welsh order: "th" after every "t"
    assert at("Ffrangeg") > at("Fietnameg")  # and "ff" after every "f"
    assert picker.chip_buttons()[0].accessibleName() != "" and picker.value() == ["pl"]


def test_typing_narrows_the_list_and_enter_ticks_the_first_found(qtbot, picker):
    picker.filter_edit.setFocus()
    qtbot.keyClicks(picker.filter_edit, "portugues")   # no accent needed
    assert shown(picker) == ["Portuguese (português)"]
    qtbot.keyClick(picker.filter_edit, Qt.Key_Return)
    assert picker.value() == ["pt"] and picker.filter_edit.text() == ""
    picker.filter_edit.insert("اردو")                    # its own script finds it too (typed with an input method)
    qtbot.keyClick(picker.filter_edit, Qt.Key_Return)
    assert picker.value() == ["pt", "ur"]                # in the order chosen: first language first
    assert [chip.text() for chip in picker.chip_buttons()] == ["Portuguese ×", "Urdu ×"]


def test_down_goes_to_the_list_space_and_enter_tick_and_a_button_removes(qtbot, picker):
    picker.filter_edit.setFocus()
    qtbot.keyClicks(picker.filter_edit, "wel")
    qtbot.keyClick(picker.filter_edit, Qt.Key_Down)
    assert picker.list.hasFocus()
    qtbot.keyClick(picker.list, Qt.Key_Space)
    assert picker.value() == ["cy"]
    qtbot.keyClick(picker.list, Qt.Key_Return)
    assert picker.value() == []
    qtbot.keyClick(picker.list, Qt.Key_Return)
    chip = picker.chip_buttons()[0]
    assert chip.accessibleName() == "Remove Welsh"
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key_Space)
    assert picker.value() == [] and picker.none_label.isVisible()
    assert QApplication.focusWidget() is picker.filter_edit


def test_a_code_not_in_the_list_is_kept_and_named(picker):
    picker.set_languages(["en", "pt_BR"])
    assert picker.value() == ["en", "pt_BR"]
    assert "Portuguese (Brazil) (português (Brasil))" in shown(picker)


def test_a_persons_languages_are_chosen_by_name_in_their_form(qtbot, setup):
    page, made, store = setup
    click(qtbot, page.edit_button)
    form = the_form(qtbot, page)
    picker = form.editors["languages"].picker
    before = list(made["person"].languages)
    assert picker.value() == before
    picker.filter_edit.setFocus()
    qtbot.keyClicks(picker.filter_edit, "tigr")
    qtbot.keyClick(picker.filter_edit, Qt.Key_Return)   # ticks Tigrinya; Enter does not save the form
    assert form.isVisible()
    save(qtbot, form)
    qtbot.waitUntil(lambda: not page.forms, timeout=10_000)
    assert store.people.get(made["person"].id).languages == (*before, "ti")
    qtbot.waitUntil(lambda: "Tigrinya" in page.details.text(), timeout=10_000)
