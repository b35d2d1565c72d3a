"""Retention review: only the inactive are listed, oldest first, a page at a time; keeping one hides them."""

from __future__ import annotations

from datetime import date

from connector_app.domain.records import CheckIn, Conversation, Person
from connector_app.store.retention import count_inactive, cutoff, inactive_page, keep
from connector_app.store.subject_access import export_person

TODAY = date(2026, 11, 24)


def _person(store, name: str, consent_on: str) -> Person:
    return store.people.add(Person(display_name=name, consent_scope="record_only", consent_on=consent_on))


def _all(conn, before):
    people, after = [], None
    while True:
        page = inactive_page(conn, before, after=after, limit=2)
        people.extend(page.rows)
        if page.is_last:
            return people
        after = page.after


def test_cutoff_counts_back_whole_months():
    assert cutoff(TODAY) == date(2024, 11, 24)
    assert cutoff(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_only_people_with_no_recent_activity_are_listed_oldest_first(workspace):
    store = workspace.store
    old = _person(store, "Old Conversation", "2020-01-01")
    store.conversations.add(Conversation(occurred_at="2023-05-01T10:00", mode="in_person", person_ids=(old.id,)))
    older = _person(store, "Never Met", "2021-02-02")
    recent_talk = _person(store, "Recent Talk", "2020-01-01")
    store.conversations.add(Conversation(occurred_at="2026-01-10T10:00", mode="group",
                                         person_ids=(recent_talk.id, older.id)))
    checked_in = _person(store, "Checked In", "2019-01-01")
    store.checkins.add(CheckIn(person_id=checked_in.id, on_date="2025-06-01", contact=4, confidence=4, control=4))
    new = _person(store, "New Consent", "2025-12-01")
    nobody = _person(store, "Quiet Since", "2022-07-07")
    before = cutoff(TODAY)
    listed = _all(store.connection, before)
    assert [p.name for p in listed] == ["Quiet Since", "Old Conversation"]
    assert [p.last_active for p in listed] == ["2022-07-07", "2023-05-01"]
    assert count_inactive(store.connection, before) == 2
    assert {older.id, recent_talk.id, checked_in.id, new.id}.isdisjoint(p.id for p in listed)
    assert nobody.id == listed[0].id


def test_keeping_a_person_hides_them_until_the_period_passes_again_and_is_part_of_their_record(workspace):
    store = workspace.store
    quiet = _person(store, "Quiet Since", "2022-07-07")
    keep(store, quiet.id, "Still coming to the sewing group, not recorded", TODAY)
    assert _all(store.connection, cutoff(TODAY)) == []
    two_years_on = date(2028, 11, 25)
    (again,) = _all(store.connection, cutoff(two_years_on))
    assert (again.id, again.kept_on, again.kept_note) == (quiet.id, "2026-11-24",
                                                          "Still coming to the sewing group, not recorded")
    exported = export_person(store, quiet.id)
    (person,) = [r for r in exported["records"] if r["type"] == "person"]
    assert person["kept_note"] == "Still coming to the sewing group, not recorded"
