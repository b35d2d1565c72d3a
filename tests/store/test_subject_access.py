"""A person's copy of everything held about them, and erasure on request."""

from __future__ import annotations

import json

from connector_app.store.subject_access import erase_person, export_person
from tests.samples import add_everything


def test_export_holds_every_record_about_the_person_with_history_and_audit(store):
    records = add_everything(store)
    store.people.update(records["person"].id, area="Hillside")
    data = export_person(store, records["person"].id)
    exported = {(r["type"], r["id"]) for r in data["records"]}
    expected = {(records[k].type_name, records[k].id) for k in (
        "person", "conversation", "group", "follow_up", "what_matters", "small_step", "strength", "checkin",
        "connection")}
    assert exported == expected
    assert records["other"].id not in {r["id"] for r in data["records"]}
    areas = [c["value"] for c in data["history"][records["person"].id] if c["field"] == "area"]
    assert areas == ["Hillside"]
    assert any(entry["action"] == "update" for entry in data["audit"])
    json.dumps(data, ensure_ascii=False)  # serialisable as is


def test_erasure_removes_the_person_and_their_records_but_not_other_peoples(store):
    records = add_everything(store)
    erased = erase_person(store, records["person"].id)
    assert erased == {"person": 1, "conversation": 1, "follow_up": 1, "what_matters": 1, "small_step": 1,
                      "strength": 1, "checkin": 1, "connection": 1}
    group = store.conversations.get(records["group"].id)
    assert group.person_ids == (records["other"].id,) and group.anonymous_count == 3
    assert store.people.find(records["other"].id) is not None
    assert store.search("Amira") == []
    assert store.search("allotment") == [] or all(h.record_type in ("venue", "asset", "connecting_time")
                                                   for h in store.search("allotment"))
    assert store.people.state(records["person"].id) == "erased"
    assert store.connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_export_holds_every_audit_entry_not_the_first_thousand(store):
    from connector_app.domain.records import Person
    person = store.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    with store.atomic():
        for n in range(1200):
            store.people.update(person.id, area=f"Area {n}")
    exported = export_person(store, person.id)
    about_her = [entry for entry in exported["audit"] if entry["record_id"] == person.id]
    assert len(about_her) == 1 + 1200  # created, then every change
    assert len(exported["history"][person.id]) == 1201
