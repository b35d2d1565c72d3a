"""Typing in a paper talent-spotting sheet: each box becomes the right records, all carrying the sheet's ID."""

from __future__ import annotations

import pytest

from connector_app.domain.records import Person
from connector_app.reports.sheet_ids import new_sheet_id
from connector_app.store.paper_sheets import ConsentTicks, NothingToKeep, PaperSheet, people_with_sheet, save_paper_sheet

KEEP_SHARE_REPORT = ConsentTicks(keep=True, share=True, reports=True)


def sheet(**changes) -> PaperSheet:
    values = dict(sheet_id=new_sheet_id(), filled_on="2026-11-20", consent=KEEP_SHARE_REPORT,
                  new_person_name="Siân Pritchard",
                  loves="Baking bara brith\n\n  Walking the dog  ", skills="Welsh conversation", learn="Computers\nSwimming",
                  help_with="Driving people to appointments", next_steps=("volunteer",), next_step_note="Tuesdays")
    values.update(changes)
    return PaperSheet(**values)


@pytest.mark.parametrize("ticks, scope", [
    (ConsentTicks(keep=True), "record_only"),
    (ConsentTicks(keep=True, share=True), "share_team"),
    (ConsentTicks(share=True), "share_team"),
    (ConsentTicks(keep=True, share=True, reports=True), "anonymous_reports"),
    (ConsentTicks(keep=True, reports=True), "record_only"),  # reports come from shared records: the narrower reading
    (ConsentTicks(keep=True, share=True, take_home=True), None),  # "mine to take home" wins
    (ConsentTicks(), None),
])
def test_the_consent_boxes_give_a_scope_or_nothing(ticks, scope):
    assert ticks.scope() == scope


def test_each_line_of_each_box_becomes_one_record_carrying_the_sheet_id(store):
    typed = sheet()
    saved = save_paper_sheet(store, typed)
    person = store.people.get(saved.person_id)
    assert (person.display_name, person.consent_scope, person.consent_on) == (
        "Siân Pritchard", "anonymous_reports", "2026-11-20")
    strengths = sorted(store.strengths.where("person_id", saved.person_id), key=lambda s: s.description)
    assert [(s.kind, s.description) for s in strengths] == [
        ("passion", "Baking bara brith"), ("gift", "Driving people to appointments"),
        ("passion", "Walking the dog"), ("skill", "Welsh conversation")]
    assert {s.sheet_id for s in strengths} == {typed.sheet_id}
    assert {s.readiness for s in strengths} == {"spotted"}
    with_step = [s for s in strengths if s.next_steps]
    assert [(s.description, s.next_steps, s.next_step_note) for s in with_step] == [
        ("Baking bara brith", ("volunteer",), "Tuesdays")]
    (note,) = store.what_matters.where("person_id", saved.person_id)
    assert (note.own_words, note.themes, note.sheet_id) == ("Computers\nSwimming", ("learning",), typed.sheet_id)
    assert (saved.strengths, saved.what_matters, saved.consent_changed) == (4, 1, False)
    assert people_with_sheet(store.connection, typed.sheet_id) == [(saved.person_id, "Siân Pritchard")]
    assert people_with_sheet(store.connection, new_sheet_id()) == []


def test_for_someone_known_their_consent_becomes_the_sheets(store):
    known = store.people.add(Person(display_name="Ola Nowak", consent_scope="record_only", consent_on="2025-01-02"))
    saved = save_paper_sheet(store, sheet(person_id=known.id, new_person_name="", learn=""))
    assert saved.person_id == known.id and saved.consent_changed and saved.what_matters == 0
    person = store.people.get(known.id)
    assert (person.consent_scope, person.consent_on) == ("anonymous_reports", "2026-11-20")
    assert store.people.count() == 1


def test_a_sheet_to_take_home_keeps_nothing(store):
    before = store.counts()
    with pytest.raises(NothingToKeep):
        save_paper_sheet(store, sheet(consent=ConsentTicks(keep=True, take_home=True)))
    assert store.counts() == before


def test_a_bad_line_keeps_nothing_of_the_sheet(store):
    before = store.counts()
    with pytest.raises(Exception):
        save_paper_sheet(store, sheet(help_with="x" * 401))  # longer than a strength may be
    assert store.counts() == before
