"""Talent-spotting sheets: blank ones with their QR code, and a person's own, in every shipped language."""

from __future__ import annotations

import pytest

from connector_app.domain.records import Person, SmallStep, Strength, WhatMatters
from connector_app.i18n import translator_for
from connector_app.reports.sheet_ids import NotASheetId, new_sheet_id, parse_sheet_id, read_sheet_ids_from_image
from connector_app.reports.sheets import blank_sheets_pdf, person_sheet, person_sheet_pdf, sheet_language
from tests.conftest import MARKERS
from tests.reports.pdfcheck import LEFT_TO_RIGHT, SHIPPED_LANGUAGES, LongUrdu, check_pdf, render_pages, text_of


def test_sheet_ids_are_unique_typeable_and_checked():
    ids = {new_sheet_id() for _ in range(2000)}
    assert len(ids) == 2000
    sheet_id = sorted(ids)[0]
    assert parse_sheet_id(sheet_id.lower().replace("-", " ")) == sheet_id
    assert parse_sheet_id("connector-sheet:" + sheet_id) == sheet_id
    # Any single mistyped character is caught by the check character.
    data = sheet_id.replace("-", "")
    for position in range(len(data)):
        for other in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
            if other != data[position]:
                with pytest.raises(NotASheetId):
                    parse_sheet_id(data[:position] + other + data[position + 1:])
    for bad in ("", "1234", "ABCD-EFGH-", "ABCU-EFGH-1"):
        with pytest.raises(NotASheetId):
            parse_sheet_id(bad)


def test_letters_that_look_like_digits_are_forgiven():
    sheet_id = new_sheet_id()
    typed = sheet_id.replace("0", "O").replace("1", "l")
    assert parse_sheet_id(typed) == sheet_id


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_blank_sheets_one_page_each_and_the_qr_code_reads_back(language):
    translator = translator_for(language)
    data, ids = blank_sheets_pdf(translator, copies=2)
    reader = check_pdf(data)
    assert len(reader.pages) == 2 and len(set(ids)) == 2
    for page, sheet_id in zip(render_pages(data, scale=2), ids):
        assert read_sheet_ids_from_image(page) == [sheet_id]
    if language in LEFT_TO_RIGHT and language != "bn":
        text = " ".join(text_of(reader).split())   # a long translated heading may wrap
        for heading in ("Talent-spotting sheet", "Things I love doing", "Skills I could share or teach",
                        "A next step I might try", "Filled in by"):
            assert " ".join(translator.gettext(heading).split()) in text
        assert ids[0] in text


def test_a_scan_saved_as_an_image_file_is_read(tmp_path):
    data, ids = blank_sheets_pdf(translator_for("en_GB"))
    path = tmp_path / "scan.png"
    render_pages(data, scale=1.5)[0].convert("L").save(path)
    assert read_sheet_ids_from_image(path) == ids


@pytest.fixture
def person(store):
    person = store.people.add(Person(display_name="Gwenllian Ŵyn-Ahmed", consent_scope="share_team",
                                     consent_on="2026-01-01", languages=("ur", "en")))
    store.strengths.add(Strength(person_id=person.id, kind="skill", description=MARKERS["urdu"],
                                 spotted_on="2026-02-01",
                                 readiness="ready", next_steps=("run_group",)))
    store.strengths.add(Strength(person_id=person.id, kind="gift", description=MARKERS["bengali"],
                                 spotted_on="2026-02-02", readiness="spotted"))
    note = store.what_matters.add(WhatMatters(person_id=person.id, recorded_on="2026-02-01",
                                              own_words=MARKERS["welsh"], themes=("nature",)))
    store.small_steps.add(SmallStep(what_matters_id=note.id, person_id=person.id, description="Visit the garden",
                                    done_on="2026-02-10", position=0))
    store.small_steps.add(SmallStep(what_matters_id=note.id, person_id=person.id, description="Plant the beans",
                                    position=1))
    return person


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_person_sheet_in_every_language(store, person, language):
    sheet = person_sheet(store, person.id, include_what_matters=True)
    translator = translator_for(language)
    data = person_sheet_pdf(sheet, translator)
    reader = check_pdf(data)
    assert len(reader.pages) == 1
    if language in LEFT_TO_RIGHT and language != "bn":
        text = " ".join(text_of(reader).split())   # a long translated heading may wrap
        for heading in ("Your talent-spotting sheet", "Your strengths, passions and gifts", "What matters to you",
                        "Small steps you have taken", "Your next step"):
            assert " ".join(translator.gettext(heading).split()) in text
        assert "Gwenllian Ŵyn-Ahmed" in text and "Plant the beans" in text
        assert " ".join(translator.gettext("Run a group").split()) in text


def test_what_matters_is_left_off_unless_chosen(store, person):
    sheet = person_sheet(store, person.id)
    assert sheet.what_matters is None
    text = text_of(check_pdf(person_sheet_pdf(sheet, translator_for("en_GB"))))
    assert "What matters to you" not in text and "gymunedol" not in text
    assert [e.action for e in store.audit.for_record(person.id)].count("print_sheet") == 1


def test_sheet_prints_in_the_person_language_when_there_is_one(store, person, monkeypatch):
    sheet = person_sheet(store, person.id)
    assert sheet_language(sheet, "cy", "en_GB") == "cy"
    monkeypatch.setattr("connector_app.reports.sheets.available_languages", lambda: ["en_GB", "ur"])
    assert sheet_language(sheet, None, "en_GB") == "ur"
    monkeypatch.setattr("connector_app.reports.sheets.available_languages", lambda: ["en_GB"])
    assert sheet_language(sheet, None, "pl") == "pl"


def test_a_blank_sheet_stays_on_one_page_in_a_tall_script():
    from babel import Locale

    from connector_app.i18n import Translator
    translator = Translator("ur", Locale.parse("ur"), LongUrdu())
    data, ids = blank_sheets_pdf(translator, copies=2)
    assert len(check_pdf(data).pages) == 2
    for page, sheet_id in zip(render_pages(data, scale=2), ids):
        assert read_sheet_ids_from_image(page) == [sheet_id]
