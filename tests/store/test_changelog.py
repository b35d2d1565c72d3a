"""The change log holds what sync needs and the history of every field, storing each value once."""

from __future__ import annotations

from connector_app.clock import HybridClock, unpack
from connector_app.domain.records import Person, Staff
from connector_app.store.changelog import CREATE, DELETE, ERASE, RESTORE, SET
from tests.samples import add_everything


def _stored(store, record_id):
    return store.connection.execute(
        "SELECT op, field, value FROM change WHERE record_id = ? ORDER BY seq", (record_id,)).fetchall()


def test_create_logs_one_entry_with_origin_author_and_no_copy_of_the_row(store):
    staff = store.staff.add(Staff(name="Sam Okafor", role="community_connector"))
    store.actor_id = staff.id
    records = add_everything(store)
    person = records["person"]
    (created,) = store.history.changes(person.id)
    assert created.op == CREATE and created.record_type == "person" and created.device_id == store.device_id
    assert created.value == person.values() and created.actor == staff.id and created.hlc > 0
    assert _stored(store, person.id) == [("create", "*", None)]  # the row holds it; the log does not repeat it


def test_update_logs_one_entry_per_changed_field_and_history_keeps_old_values(store):
    records = add_everything(store)
    pid = records["person"].id
    store.people.update(pid, area="Hillside", display_name=records["person"].display_name)
    store.people.update(pid, area="Docklands")
    sets = [c for c in store.history.changes(pid) if c.op == SET]
    assert [(c.field, c.value) for c in sets] == [("area", "Hillside"), ("area", "Docklands")]
    history = store.people.history(pid, "area")
    assert [v.value for v in history] == ["Riverside", "Hillside", "Docklands"]
    assert [v.op for v in history] == [CREATE, SET, SET]
    # Stored once: superseded values in the log, the winner only in the row.
    assert _stored(store, pid) == [("create", "*", '{"area":"Riverside"}'), ("set", "area", '"Hillside"'),
                                   ("set", "area", None)]


def test_clearing_a_field_is_logged_as_null(store):
    records = add_everything(store)
    store.small_steps.update(records["small_step"].id, done_on="2026-03-10")
    store.small_steps.update(records["small_step"].id, done_on=None)  # one step back is normal
    values = [v.value for v in store.small_steps.history(records["small_step"].id, "done_on")]
    assert values == [None, "2026-03-10", None]


def test_list_fields_merge_as_sets_and_history_shows_each_list(store):
    records = add_everything(store)
    cid = records["conversation"].id
    store.conversations.update(cid, features=["reciprocity", "listening"])
    store.conversations.update(cid, features=["reciprocity"])
    diffs = [c.value for c in store.history.changes(cid) if c.op == SET]
    assert diffs[-1] == {"add": [], "remove": ["listening"]}
    lists = [v.value for v in store.conversations.history(cid, "features")]
    assert lists[-2:] == [["listening", "reciprocity"], ["reciprocity"]]
    assert store.conversations.get(cid).features == ("reciprocity",)


def test_timestamps_and_sequence_numbers_grow_together(store):
    add_everything(store)
    rows = store.connection.execute("SELECT hlc, dseq FROM change ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == sorted({r[0] for r in rows})
    assert [r[1] for r in rows] == list(range(1, len(rows) + 1))  # dense, from 1
    assert store.changes.known_ranges() == {store.device_id: [(1, len(rows))]}


def test_delete_leaves_a_tombstone_and_restore_brings_the_record_back(store):
    staff = store.staff.add(Staff(name="Temp", role="volunteer"))
    store.staff.update(staff.id, organisation="Library")
    store.staff.delete(staff.id)
    assert store.staff.find(staff.id) is None and store.staff.state(staff.id) == "deleted"
    assert [c.op for c in store.history.changes(staff.id)] == [CREATE, SET, DELETE]
    assert store.history.changes(staff.id)[0].value["name"] == "Temp"  # a delete keeps history
    assert not store.search("Temp", record_types=("staff",))
    back = store.staff.restore(staff.id)
    assert back.name == "Temp" and back.organisation == "Library" and store.staff.state(staff.id) == "live"
    assert store.search("Temp", record_types=("staff",))
    assert [c.op for c in store.history.changes(staff.id)][-1] == RESTORE
    assert _stored(store, staff.id)[0] == ("create", "*", '{"organisation":null}')


def test_a_local_edit_may_only_point_to_records_that_exist(store):
    import pytest
    from connector_app.errors import ValidationError
    records = add_everything(store)
    with pytest.raises(ValidationError):
        store.conversations.update(records["conversation"].id, person_ids=["0190a000-0000-7000-8000-00000000dead"])
    with pytest.raises(ValidationError):
        store.follow_ups.update(records["follow_up"].id, staff_id="0190a000-0000-7000-8000-00000000dead")
    assert store.people.add(Person(display_name="x", consent_scope="share_team", consent_on="2026-01-01")).id


def test_clock_survives_a_wall_clock_going_backwards():
    wall = [1_000_000]
    clock = HybridClock(wall=lambda: wall[0])
    first = clock.now()
    wall[0] -= 50_000
    second = clock.now()
    assert second > first and unpack(second)[0] == unpack(first)[0]
    clock.observe(second + 10)
    assert clock.now() > second + 10


def test_erasure_wipes_every_logged_value(store):
    records = add_everything(store)
    store.people.update(records["person"].id, area="Hillside")
    from connector_app.store.subject_access import erase_person
    erase_person(store, records["person"].id)
    assert store.history.changes(records["person"].id)[-1].op == ERASE
    for key in ("person", "conversation", "what_matters", "small_step", "strength", "checkin", "connection",
                "follow_up"):
        assert store.repositories[records[key].type_name].state(records[key].id) == "erased", key
        assert all(value is None for _op, _field, value in _stored(store, records[key].id)), key
