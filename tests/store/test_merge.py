"""Changes from other laptops: any order, twice, before their parents, give the same records."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from connector_app.domain.records import CheckIn, Person
from connector_app.store.changelog import FLAG_CLOCK_AHEAD, MAX_SKEW_MS, Change
from connector_app.clock import pack
from connector_app.store.merge import ChangeRefused, outgoing
from tests.store.laptops import every_change, laptop, random_work, snapshot

# A few fixed examples in `make test` (the same every run, so main stays green on what
# was checked); hundreds of fresh random ones under `make test-long`, to hunt.
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=_HEALTH, derandomize=True)
LONG = settings(max_examples=300, deadline=None, suppress_health_check=_HEALTH)


class Team:
    """Laptops of one team, each a real workspace in its own folder, closed and removed at the end."""

    def __init__(self, template):
        self._template = template
        self._folder = Path(tempfile.mkdtemp(prefix="team-"))
        self._made = []

    def __call__(self, name: str):
        store = laptop(self._template, self._folder / name)
        self._made.append(store)
        return store

    def close(self) -> None:
        for store in self._made:
            store.close()
        shutil.rmtree(self._folder, ignore_errors=True)


@pytest.fixture
def team(template_workspace):
    made = Team(template_workspace[0])
    yield made
    made.close()


def _two_laptops_worth(team, seed: int):
    """Laptop A works, B receives it, then both work on the same records at once."""
    rng = random.Random(seed)
    a, b = team("a"), team("b")
    random_work(a, rng, 25)
    for change in every_change(a):
        b.apply_remote(change)
    random_work(a, rng, 20)
    random_work(b, rng, 20)
    return a, b, every_change(a) + [c for c in every_change(b) if c.device_id == b.device_id]


@SLOW
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
def test_any_order_and_duplicates_give_the_same_records(template_workspace, seed, order):
    _in_a_new_team(template_workspace, seed, order)


@pytest.mark.long
@LONG
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
def test_any_order_and_duplicates_many_cases(template_workspace, seed, order):
    _in_a_new_team(template_workspace, seed, order)


def _in_a_new_team(template_workspace, seed, order):
    team = Team(template_workspace[0])  # per example: hypothesis reuses the test's fixtures
    try:
        _any_order(team, seed, order)
    finally:
        team.close()


def _any_order(team, seed, order):
    a, b, changes = _two_laptops_worth(team, seed)
    in_order = team("in-order")
    for change in sorted(changes, key=lambda c: (c.device_id, c.dseq)):
        in_order.apply_remote(change)
    shuffled = team("shuffled")
    delivery = changes + order.sample(changes, len(changes) // 3)  # a third arrive twice
    order.shuffle(delivery)
    applied = [shuffled.apply_remote(change) for change in delivery]
    assert applied.count(True) == len(changes)  # each applied once, whatever the order
    assert snapshot(shuffled) == snapshot(in_order)
    # And the two laptops that did the work agree with them once each has the other's changes.
    for change in every_change(b):
        a.apply_remote(change)
    for change in every_change(a):
        b.apply_remote(change)
    assert snapshot(a)["digest"] == snapshot(b)["digest"] == snapshot(in_order)["digest"]
    assert snapshot(a)["rows"] == snapshot(in_order)["rows"]


def test_applying_is_idempotent_and_never_logged_again_as_local(team):
    a, b = team("a"), team("b")
    person = a.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    changes = every_change(a)
    assert [b.apply_remote(c) for c in changes] == [True] * len(changes)
    assert [b.apply_remote(c) for c in changes] == [False] * len(changes)
    assert b.people.get(person.id).display_name == "Amira"
    row = b.connection.execute("SELECT d.id, c.flags FROM change c JOIN device d ON d.no = c.device_no "
                               "WHERE c.record_id = ?", (person.id,)).fetchone()
    assert row == (a.device_id, 1)  # its own origin, flagged as arrived by sync
    assert b.changes.known_ranges()[a.device_id] == [(1, len(changes))]
    assert [e.action for e in b.audit.recent(1)] == ["sync_change"]


def test_a_later_range_does_not_make_the_earlier_one_known(team):
    a, b = team("a"), team("b")
    for n in range(4):
        a.people.add(Person(display_name=f"P{n}", consent_scope="share_team", consent_on="2026-01-05"))
    changes = every_change(a)
    for change in changes[2:]:
        b.apply_remote(change)
    assert b.changes.known_ranges()[a.device_id] == [(3, 4)]
    b.apply_remote(changes[0])
    assert b.changes.known_ranges()[a.device_id] == [(1, 1), (3, 4)]
    b.apply_remote(changes[1])
    assert b.changes.known_ranges()[a.device_id] == [(1, 4)]


def test_a_check_in_arriving_before_its_person_waits_for_it(team):
    a, b = team("a"), team("b")
    person = a.people.add(Person(display_name="Halima", consent_scope="share_team", consent_on="2026-01-05"))
    checkin = a.checkins.add(CheckIn(person_id=person.id, on_date="2026-03-03", contact=4, confidence=5, control=6))
    first, second = every_change(a)
    assert b.apply_remote(second)  # the check-in first: kept, pointing at a person still on the way
    assert b.checkins.get(checkin.id).person_id == person.id
    assert b.apply_remote(first)
    assert b.people.get(person.id).display_name == "Halima"


def test_an_edit_arriving_before_its_record_is_kept_and_wins_when_newer(team):
    a, b = team("a"), team("b")
    person = a.people.add(Person(display_name="Jan", area="Riverside", consent_scope="share_team",
                                 consent_on="2026-01-05"))
    a.people.update(person.id, area="Hillside")
    create, edit = every_change(a)
    b.apply_remote(edit)
    assert b.people.find(person.id) is None and b.people.state(person.id) == "pending"
    b.apply_remote(create)
    assert b.people.get(person.id).area == "Hillside"
    assert [v.value for v in b.people.history(person.id, "area")] == ["Riverside", "Hillside"]


def test_a_later_edit_elsewhere_brings_a_deleted_record_back_but_never_an_erased_one(team):
    a, b = team("a"), team("b")
    person = a.people.add(Person(display_name="Ceri", consent_scope="share_team", consent_on="2026-01-05"))
    checkin = a.checkins.add(CheckIn(person_id=person.id, on_date="2026-03-03", contact=4, confidence=5, control=6))
    for change in every_change(a):
        b.apply_remote(change)
    a.checkins.delete(checkin.id)
    b.checkins.update(checkin.id, contact=9)  # later than the delete (b's clock has seen a's)
    for change in every_change(b):
        a.apply_remote(change)
    assert a.checkins.get(checkin.id).contact == 9  # revived by the later edit
    from connector_app.store.subject_access import erase_person
    erase_person(a, person.id)
    b.people.update(person.id, area="Late edit")
    for change in every_change(b):
        a.apply_remote(change)
    for change in every_change(a):
        b.apply_remote(change)
    for store in (a, b):
        assert store.people.state(person.id) == "erased" and store.people.find(person.id) is None
        assert store.checkins.find(checkin.id) is None
        leftover = store.connection.execute(
            "SELECT count(*) FROM change WHERE value IS NOT NULL AND (record_id = ? OR instr(value, ?) > 0 "
            "OR instr(value, 'Late edit') > 0)", (person.id, person.id)).fetchone()[0]
        assert leftover == 0
    assert snapshot(a)["digest"] == snapshot(b)["digest"]


def test_a_clock_far_ahead_is_applied_but_does_not_drag_this_laptop_forward(team):
    a, b = team("a"), team("b")
    person = a.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    (create,) = every_change(a)
    future = pack(int(__import__("time").time() * 1000) + 3 * MAX_SKEW_MS, 0)
    skewed = Change(create.device_id, create.dseq, future, create.record_type, create.record_id, create.op,
                    create.field, create.value)
    before = b.stamps.last()
    b.apply_remote(skewed)
    assert b.people.get(person.id).display_name == "Amira"
    assert b.stamps.last() == before < future
    flags = b.connection.execute("SELECT flags FROM change WHERE record_id = ?", (person.id,)).fetchone()[0]
    assert flags & FLAG_CLOCK_AHEAD


def test_changes_no_app_could_write_are_refused_and_change_nothing(team):
    a, b = team("a"), team("b")
    a.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    (create,) = every_change(a)
    before = snapshot(b)
    bad = [
        Change(create.device_id, 1, create.hlc, "spaceship", create.record_id, "create", "*", {}),
        Change(create.device_id, 1, create.hlc, "person", create.record_id, "explode", "*", None),
        Change(create.device_id, 0, create.hlc, "person", create.record_id, "create", "*", create.value),
        Change(create.device_id, 1, create.hlc, "person", create.record_id, "create", "*", {"display_name": 7}),
        Change(create.device_id, 1, create.hlc, "person", create.record_id, "set", "no_such_field", 1),
    ]
    for change in bad:
        with pytest.raises(ChangeRefused):
            b.apply_remote(change)
    assert snapshot(b) == before and b.changes.count() == 0 or snapshot(b) == before


def test_outgoing_resolves_values_the_log_does_not_repeat(team):
    a = team("a")
    person = a.people.add(Person(display_name="Jan", area="Riverside", consent_scope="share_team",
                                 consent_on="2026-01-05"))
    a.people.update(person.id, area="Hillside")
    create, edit = outgoing(a, a.device_id)
    assert create.value["area"] == "Riverside" and edit.value == "Hillside"
    assert create.value["display_name"] == "Jan"


def test_merging_people_travels_and_records_arriving_later_follow(team):
    from connector_app.store.people_merge import merge_people
    from connector_app.store.subject_access import erase_person
    a, b = team("a"), team("b")
    keep = a.people.add(Person(display_name="Amira Hassan", consent_scope="share_team", consent_on="2026-01-05"))
    twin = a.people.add(Person(display_name="Amira H.", consent_scope="share_team", consent_on="2026-01-06"))
    for change in every_change(a):
        b.apply_remote(change)
    late = b.checkins.add(CheckIn(person_id=twin.id, on_date="2026-03-03", contact=4, confidence=5, control=6))
    merge_people(a, keep.id, twin.id)
    assert a.people.find(twin.id) is None and a.people.state(twin.id) == "merged"
    for change in every_change(b):
        a.apply_remote(change)  # made for the twin before the merge reached b: follows to the person kept
    for change in every_change(a):
        b.apply_remote(change)
    for store in (a, b):
        assert store.checkins.get(late.id).person_id == keep.id
        assert store.people.find(twin.id) is None
    assert snapshot(a)["digest"] == snapshot(b)["digest"]
    assert [v.value for v in a.people.history(twin.id, "display_name")][0] == "Amira H."  # kept in history
    erase_person(a, keep.id)  # erasing either erases both
    for change in every_change(a):
        b.apply_remote(change)
    for store in (a, b):
        assert store.people.state(keep.id) == "erased" and store.people.state(twin.id) == "erased"
        assert store.checkins.find(late.id) is None
    assert snapshot(a)["digest"] == snapshot(b)["digest"]


def test_one_person_merged_differently_on_two_laptops_ends_the_same_everywhere(team):
    """Found by the random-order test: a record already following one merge must follow the winning one."""
    from connector_app.domain.records import Conversation
    from connector_app.store.people_merge import merge_people
    a, b = team("a"), team("b")
    twin = a.people.add(Person(display_name="Jan K", consent_scope="share_team", consent_on="2026-01-05"))
    first = a.people.add(Person(display_name="Jan Kowalski", consent_scope="share_team", consent_on="2026-01-05"))
    second = a.people.add(Person(display_name="Jan Kowalsky", consent_scope="share_team", consent_on="2026-01-05"))
    talk = a.conversations.add(Conversation(occurred_at="2026-03-02T10:30", mode="phone", person_ids=(twin.id,)))
    for change in every_change(a):
        b.apply_remote(change)
    merge_people(a, first.id, twin.id)
    merge_people(b, second.id, twin.id)  # later: b's clock has seen a's
    for change in every_change(b):
        a.apply_remote(change)
    for change in every_change(a):
        b.apply_remote(change)
    assert a.conversations.get(talk.id).person_ids == b.conversations.get(talk.id).person_ids
    assert snapshot(a)["digest"] == snapshot(b)["digest"]


def test_a_detail_only_a_newer_version_knows_asks_for_an_update(team):
    """A teammate's laptop on a newer version sends a field this one lacks: update, rather than "damaged"."""
    from connector_app.store.merge import NewerChange
    a, b = team("a"), team("b")
    a.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    (create,) = every_change(a)
    newer = Change(create.device_id, 2, create.hlc + 1, "person", create.record_id, "set", "favourite_colour", "teal")
    for change in (newer, Change(create.device_id, 1, create.hlc, "time_bank_hours", create.record_id, "create",
                                 "*", {})):
        with pytest.raises(NewerChange) as refused:
            b.apply_remote(change)
        assert "newer version of the app" in refused.value.message() and "update the app" in refused.value.message()
