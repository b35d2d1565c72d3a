"""The change log holds what sync needs, and the history of every field."""

from __future__ import annotations

from connector_app.clock import HybridClock, unpack
from connector_app.domain.records import Staff
from connector_app.store.changelog import CREATE, DELETE, ERASE, SET
from tests.samples import add_everything


def test_create_logs_every_field_with_clock_and_device(store):
    records = add_everything(store)
    person = records["person"]
    (created,) = store.changes.for_record(person.id)
    assert created.op == CREATE and created.record_type == "person" and created.device_id == store.device_id
    assert created.value == person.values()
    assert created.hlc > 0


def test_update_logs_one_entry_per_changed_field_and_history_keeps_old_values(store):
    records = add_everything(store)
    pid = records["person"].id
    store.people.update(pid, area="Hillside", display_name=records["person"].display_name)
    store.people.update(pid, area="Docklands")
    sets = [c for c in store.changes.for_record(pid) if c.op == SET]
    assert [(c.field, c.value) for c in sets] == [("area", "Hillside"), ("area", "Docklands")]
    history = store.people.history(pid, "area")
    assert [v.value for v in history] == ["Riverside", "Hillside", "Docklands"]
    assert [v.op for v in history] == [CREATE, SET, SET]


def test_clearing_a_field_is_logged_as_null(store):
    records = add_everything(store)
    store.small_steps.update(records["small_step"].id, done_on="2026-03-10")
    store.small_steps.update(records["small_step"].id, done_on=None)  # one step back is normal
    values = [v.value for v in store.small_steps.history(records["small_step"].id, "done_on")]
    assert values == [None, "2026-03-10", None]


def test_timestamps_only_grow_and_order_all_changes(store):
    add_everything(store)
    stamps = [row[0] for row in store.connection.execute("SELECT hlc FROM change ORDER BY seq")]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_delete_leaves_a_tombstone(store):
    staff = store.staff.add(Staff(name="Temp", role="volunteer"))
    store.staff.delete(staff.id)
    ops = [c.op for c in store.changes.for_record(staff.id)]
    assert ops == [CREATE, DELETE]
    row = store.connection.execute("SELECT record_type, erased FROM tombstone WHERE record_id = ?",
                                   (staff.id,)).fetchone()
    assert row == ("staff", 0)
    assert store.changes.for_record(staff.id)[0].value["name"] == "Temp"  # a delete keeps history


def test_version_vector_and_since_give_what_a_bundle_would_carry(store):
    add_everything(store)
    vector = store.changes.version_vector()
    assert set(vector) == {store.device_id}
    everything = list(store.changes.since(store.device_id))
    assert len(everything) == store.changes.count()
    assert list(store.changes.since(store.device_id, vector[store.device_id])) == []


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
    from connector_app.store.subject_access import erase_person
    erase_person(store, records["person"].id)
    for key in ("person", "conversation", "what_matters", "small_step", "strength", "checkin", "connection",
                "follow_up"):
        changes = store.changes.for_record(records[key].id)
        assert changes[-1].op == ERASE, key
        assert all(c.value is None for c in changes), key
