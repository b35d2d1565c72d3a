"""One person's reads: each tab's rows in one query, in the order the page shows them; type-ahead on names."""

from __future__ import annotations

from connector_app.domain.records import CheckIn, FollowUp
from connector_app.store.person_queries import PersonQueries
from tests.samples import add_everything


def test_header_and_tabs_of_one_person(store):
    made = add_everything(store)
    person = made["person"].id
    store.checkins.add(CheckIn(person_id=person, on_date="2026-01-02", contact=1, confidence=1, control=1))
    store.follow_ups.add(FollowUp(person_id=person, action="Done already", state="done"))
    store.follow_ups.add(FollowUp(person_id=person, action="Sooner", due_on="2026-03-01", state="open"))
    reads = PersonQueries(store.connection)

    header = reads.header(person)
    assert (header.name, header.area, header.languages) == ("Amira Hassan", "Riverside", ("ar", "en"))
    assert (header.consent_scope, header.consent_on, header.last_activity) == (
        "share_team", "2026-01-05", "2026-03-03T14:00")
    assert reads.header(made["staff"].id) is None

    assert [r.id for r in reads.what_matters(person)] == [made["what_matters"].id]
    assert [r.id for r in reads.small_steps(made["what_matters"].id)] == [made["small_step"].id]
    assert [(r.readiness, r.readiness_on) for r in reads.strengths(person)] == [("ready", "2026-03-02")]
    assert [r.on_date for r in reads.checkins(person)] == ["2026-01-02", "2026-03-02"]   # oldest first
    assert [(r.asset_name, r.outcome) for r in reads.connections(person)] == [("Tuesday sewing group", "introduced")]
    assert [r.action for r in reads.follow_ups(person)] == ["Sooner", made["follow_up"].action, "Done already"]
    assert reads.checkins(made["other"].id) == [] and reads.strengths(made["other"].id) == []


def test_values_for_a_form_and_names_for_references(store):
    made = add_everything(store)
    reads = PersonQueries(store.connection)
    values = reads.values_of("strength", made["strength"].id)
    assert values["next_steps"] == ["run_group"] and values["person_id"] == made["person"].id
    assert reads.values_of("strength", made["person"].id) is None
    assert reads.named("venue", "mary") == [(made["venue"].id, "St Mary's hall")]
    assert reads.named("person", "jan kow") == [(made["other"].id, "Jan Kowalski")]
    assert reads.named("person", "   ") == []
    assert reads.names("staff", [made["staff"].id]) == {made["staff"].id: "Ceri Jones"}
    assert not reads.can_name("conversation") and reads.can_name("asset")
