"""The activity screens' reads: monthly connecting time per staff member, strengths, assets, venues, connections."""

from __future__ import annotations

from datetime import date

import pytest

from connector_app.domain.records import Asset, ConnectingTime, Connection, Person, Staff, Strength, Venue
from connector_app.store.activity_queries import ActivityQueries, AssetFilter, StrengthFilter


def _all(fetch, limit=3):
    """Every row, page by page (small pages, so the keys are exercised)."""
    rows, after = [], None
    while True:
        page = fetch(after=after, limit=limit)
        rows.extend(page.rows)
        if page.is_last:
            return rows
        after = page.after


@pytest.fixture
def filled(workspace):
    store = workspace.store
    ceri = store.staff.add(Staff(name="Ceri", role="community_connector"))
    dai = store.staff.add(Staff(name="Dai", role="link_worker"))
    store.staff.add(Staff(name="Gone", role="volunteer", active=False))
    for day, minutes, staff in (("2026-03-01", 30, ceri), ("2026-03-31", 45, ceri), ("2026-04-01", 60, ceri),
                                ("2026-03-10", 150, dai)):
        store.connecting_time.add(ConnectingTime(staff_id=staff.id, on_date=day, minutes=minutes))
    people = [store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-01"))
              for name in ("Zofia", "amira", "Bogdan", "Łucja", "Amira")]
    for i, person in enumerate(people):
        store.strengths.add(Strength(person_id=person.id, kind="skill" if i % 2 else "passion",
                                     description=f"Strength {i}", spotted_on="2026-02-01",
                                     readiness=("spotted", "ready")[i % 2],
                                     next_steps=("run_group",) if i == 1 else ()))
    hall = store.venues.add(Venue(name="St Mary's hall", accessibility="Step-free"))
    sewing = store.assets.add(Asset(name="Sewing group", kind="grassroots_group", venue_id=hall.id,
                                    languages=("en", "ur")))
    store.assets.add(Asset(name="Old choir", kind="faith_group", active=False))
    store.assets.add(Asset(name="Żywa biblioteka", kind="community_hub", place="Library"))
    store.connections.add(Connection(person_id=people[1].id, asset_id=sewing.id, made_on="2026-03-02",
                                     outcome="introduced"))
    store.connections.add(Connection(person_id=people[0].id, asset_id=sewing.id, made_on="2026-03-05",
                                     outcome="regular"))
    return ActivityQueries(store.connection), {"ceri": ceri, "dai": dai, "sewing": sewing, "people": people}


def test_connecting_time_sums_each_staff_members_month(filled):
    activity, made = filled
    march = {row.name: (row.minutes, row.sessions, row.met_target) for row in activity.staff_month(date(2026, 3, 15))}
    assert march == {"Ceri": (75, 2, False), "Dai": (150, 1, True)}  # not the inactive member without time
    april = {row.name: row.minutes for row in activity.staff_month(date(2026, 4, 1))}
    assert april == {"Ceri": 60, "Dai": 0}
    sessions = _all(lambda **k: activity.sessions_page(date(2026, 3, 1), **k), limit=1)
    assert [s.on_date for s in sessions] == ["2026-03-31", "2026-03-10", "2026-03-01"]
    only_dai = activity.sessions_page(date(2026, 3, 1), made["dai"].id).rows
    assert [(s.staff_name, s.minutes) for s in only_dai] == [("Dai", 150)]


def test_strengths_list_by_name_page_by_page_and_filter(filled):
    activity, made = filled
    rows = _all(lambda **k: activity.strengths_page(StrengthFilter(), **k), limit=2)
    # Case does not split names; equal names keep the order they were made in (by id).
    assert [r.person_name for r in rows] == ["amira", "Amira", "Bogdan", "Zofia", "Łucja"]
    assert len({r.id for r in rows}) == 5
    ready = StrengthFilter(readiness="ready")
    assert {r.person_name for r in activity.strengths_page(ready).rows} == {"amira", "Łucja"}
    assert activity.count_strengths(ready) == 2
    assert activity.count_strengths(StrengthFilter(kind="passion")) == 3
    assert [r.person_name for r in activity.strengths_page(StrengthFilter(next_step="run_group")).rows] == ["amira"]
    assert activity.count_strengths(StrengthFilter(search="łuc")) == 1  # a prefix of the name, any case
    assert activity.count_strengths(StrengthFilter(search="!!")) == 0


def test_assets_search_filter_and_count_connections(filled):
    activity, made = filled
    rows = activity.assets_page().rows
    assert [(r.name, r.where, r.accessibility, r.connections) for r in rows] == [
        ("Sewing group", "St Mary's hall", "Step-free", 2), ("Żywa biblioteka", "Library", "", 0)]
    assert rows[0].languages == ("en", "ur")
    assert activity.count_assets(AssetFilter(running_only=False)) == 3
    assert [r.name for r in activity.assets_named("zywa")] == ["Żywa biblioteka"]
    assert [r.name for r in activity.assets_page(AssetFilter(search="library")).rows] == ["Żywa biblioteka"]
    assert activity.count_assets(AssetFilter(kind="grassroots_group")) == 1
    assert activity.count_assets(AssetFilter(language="ur")) == 1
    assert activity.asset_languages() == ["en", "ur"]
    assert [v.name for v in activity.venues_page("mary").rows] == ["St Mary's hall"]
    assert activity.name_of("asset", made["sewing"].id) == "Sewing group"
    assert activity.name_of("person", "nobody") is None


def test_connections_newest_first_from_either_side(filled):
    activity, made = filled
    rows = _all(lambda **k: activity.connections_page(asset_id=made["sewing"].id, **k), limit=1)
    assert [(r.person_name, r.outcome, r.outcome_on) for r in rows] == [
        ("Zofia", "regular", "2026-03-05"), ("amira", "introduced", "2026-03-02")]
    mine = activity.connections_page(person_id=made["people"][0].id).rows
    assert [r.asset_name for r in mine] == ["Sewing group"]
