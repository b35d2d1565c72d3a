"""Every record type round-trips through the real encrypted store, in every shipped script."""

from __future__ import annotations

import pytest

from connector_app.domain.records import RECORD_TYPES, Conversation, Person, Staff
from connector_app.errors import RecordNotFound, StillReferenced, ValidationError
from tests.conftest import MARKERS, PASSPHRASE
from tests.samples import add_everything
from connector_app.store.workspace import Workspace


@pytest.mark.parametrize("script", sorted(MARKERS))
def test_every_record_type_round_trips_in_every_script(workspace, script):
    text = MARKERS[script]
    written = add_everything(workspace.store, text=text, name=text[:60])
    path = workspace.path
    workspace.lock()
    store = Workspace(path).unlock(PASSPHRASE)
    try:
        for key, record in written.items():
            repo = store.repositories[record.type_name]
            assert repo.get(record.id) == record, key
        assert {cls.type_name for cls in RECORD_TYPES} <= {r.type_name for r in written.values()}
        assert store.people.get(written["person"].id).display_name == text[:60]
    finally:
        store.close()


def test_validation_explains_each_problem(store):
    with pytest.raises(ValidationError) as caught:
        store.people.add(Person(display_name=" ", consent_scope="maybe", consent_on="31/12/2026",
                                languages=("xx-notalanguage",)))
    problems = caught.value.problems
    assert set(problems) == {"display_name", "consent_scope", "consent_on", "languages"}
    assert "Name or pseudonym is needed." in problems["display_name"]
    assert "2026-03-31" in problems["consent_on"]
    assert store.people.count() == 0


def test_conversation_needs_someone(store):
    with pytest.raises(ValidationError) as caught:
        store.conversations.add(Conversation(occurred_at="2026-03-02T10:30", mode="phone"))
    assert "person_ids" in caught.value.problems


def test_scores_stay_on_the_scale(store):
    records = add_everything(store)
    with pytest.raises(ValidationError) as caught:
        store.checkins.update(records["checkin"].id, control=11)
    assert "between 0 and 10" in caught.value.problems["control"]
    assert store.checkins.get(records["checkin"].id).control == 2


def test_update_changes_only_named_fields_and_keeps_the_rest(store):
    records = add_everything(store)
    updated = store.people.update(records["person"].id, area="Hillside", languages=["ar", "en", "fr"])
    assert updated.area == "Hillside" and updated.languages == ("ar", "en", "fr")
    assert store.people.get(updated.id) == updated
    assert updated.about == records["person"].about


def test_unknown_record_gives_a_clear_message(store):
    with pytest.raises(RecordNotFound) as caught:
        store.people.get("01890000-0000-7000-8000-000000000000")
    assert "No Person with id" in caught.value.message()


def test_delete_is_refused_while_other_records_use_it(store):
    records = add_everything(store)
    with pytest.raises(StillReferenced):
        store.staff.delete(records["staff"].id)
    lonely = store.staff.add(Staff(name="Temp", role="volunteer"))
    store.staff.delete(lonely.id)
    assert store.staff.find(lonely.id) is None


def test_a_failed_write_leaves_nothing_behind(store):
    before = store.counts(), store.changes.count()
    with pytest.raises(ZeroDivisionError):
        with store.atomic():
            store.staff.add(Staff(name="Half", role="volunteer"))
            1 / 0
    assert (store.counts(), store.changes.count()) == before


def test_nested_atomic_blocks_roll_back_only_the_inner_part(store):
    with store.atomic():
        kept = store.staff.add(Staff(name="Kept", role="volunteer"))
        with pytest.raises(ValueError):
            with store.atomic():
                store.staff.add(Staff(name="Dropped", role="volunteer"))
                raise ValueError
    assert [s.name for s in store.staff.iter_all()] == ["Kept"] and kept.id


def test_conversation_people_are_indexed_both_ways(store):
    records = add_everything(store)
    rows = store.connection.execute(
        "SELECT conversation_id FROM conversation_person WHERE person_id = ? ORDER BY conversation_id",
        (records["other"].id,)).fetchall()
    assert rows == [(records["group"].id,)]
    store.conversations.update(records["group"].id, person_ids=[records["person"].id])
    assert store.connection.execute("SELECT count(*) FROM conversation_person WHERE person_id = ?",
                                    (records["other"].id,)).fetchone()[0] == 0


def test_moving_readiness_or_outcome_records_the_date_it_happened(store):
    from datetime import date
    records = add_everything(store)
    strength = records["strength"]
    assert strength.readiness_on == strength.spotted_on  # created: dated by when it was spotted
    moved = store.strengths.update(strength.id, readiness="taken")
    assert moved.readiness_on == date.today().isoformat()
    back_dated = store.strengths.update(strength.id, readiness="ready", readiness_on="2026-01-05")
    assert back_dated.readiness_on == "2026-01-05"  # a date the connector gives is kept
    unchanged = store.strengths.update(strength.id, description="Bakes sourdough")
    assert unchanged.readiness_on == "2026-01-05"  # other edits do not move it
    connection = records["connection"]
    assert connection.outcome_on == connection.made_on
    assert store.connections.update(connection.id, outcome="regular").outcome_on == date.today().isoformat()


def test_add_and_add_many_write_the_same_rows_log_index_and_links(template_workspace, tmp_path):
    import shutil
    from tests.conftest import FAST_KDF
    from tests.store.laptops import snapshot
    stores = []
    for name in ("one-by-one", "in-bulk"):
        shutil.copytree(template_workspace[0], tmp_path / name)
        stores.append(Workspace(tmp_path / name, kdf=FAST_KDF).unlock(PASSPHRASE))
    person = Person(id="0190a000-0000-7000-8000-000000000001", display_name="Amira Hassan",
                    consent_scope="share_team", consent_on="2026-01-05", about="Loves the allotment")
    talks = [Conversation(id=f"0190a000-0000-7000-8000-00000000010{n}", occurred_at="2026-03-02T10:30",
                          mode="in_person", person_ids=(person.id,), notes=f"Talk {n} about sewing",
                          features=("reciprocity", "listening")) for n in range(3)]
    one, bulk = stores
    one.people.add(person)
    for talk in talks:
        one.conversations.add(talk)
    bulk.people.add_many([person])
    bulk.conversations.add_many(talks)

    def written(store):
        conn = store.connection
        return {
            "log": conn.execute("SELECT record_type, record_id, op, field, value, dseq FROM change ORDER BY seq").fetchall(),
            "links": conn.execute("SELECT * FROM conversation_person ORDER BY 1, 2").fetchall(),
            "docs": conn.execute("SELECT record_id, record_type FROM search_doc ORDER BY doc").fetchall(),
            "found": [h.record_id for h in store.search("sewing")],
            "rows": snapshot(store)["rows"], "digest": snapshot(store)["digest"],
        }
    try:
        assert written(one) == written(bulk)
        assert one.conversations.get(talks[0].id).features == ("listening", "reciprocity")  # stored as a set
    finally:
        for store in stores:
            store.close()
