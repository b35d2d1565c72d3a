"""The list reads (connector_app/store/queries.py) on a real encrypted store: pages, filters, counts, plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from connector_app.cli.person import list_people
from connector_app.domain.records import Conversation, Person, Staff, Strength, Venue
from connector_app.errors import WorkspaceLocked
from connector_app.store import queries as queries_module
from connector_app.store.queries import SORT_LAST_ACTIVITY, ConversationFilter, PeopleFilter
from connector_app.text.collation import comparator


def name_order(name: str) -> bytes:
    """People by name sort in the app's language (English here), ties broken as the query breaks them."""
    return comparator("en_GB").key(name)


NAMES = ["Amira Khan", "amira khan", "Bogdan Nowak", "Żaneta Wiśniewska", "Ceri Jones", "Dafydd Ap Llŷr",
         "Farah Begum", "Ana Sousa", "Amira Khan", "Ioana Popescu", "Hodan Ali", "Ewa Zając"]


@pytest.fixture
def world(store):
    sam = store.staff.add(Staff(name="Sam Connector", role="community_connector"))
    jo = store.staff.add(Staff(name="Jo Worker", role="link_worker"))
    library = store.venues.add(Venue(name="Central Library"))
    hall = store.venues.add(Venue(name="St Mary's Hall"))
    people = []
    for i, name in enumerate(NAMES):
        people.append(store.people.add(Person(
            display_name=name, area=("Riverside" if i % 2 else "Hillside"), languages=("en", "pl") if i % 3 else ("en",),
            consent_scope=("share_team" if i % 4 else "record_only"), consent_on="2026-01-05")))
    talks = []
    for i in range(30):
        day = f"2026-0{1 + i % 6}-{10 + i % 3:02d}T1{i % 4}:00"
        talks.append(store.conversations.add(Conversation(
            occurred_at=day, mode="phone" if i % 5 == 0 else "in_person",
            venue_id=(library.id if i % 2 else hall.id), staff_id=(sam.id if i % 3 else jo.id),
            person_ids=(people[i % 7].id, people[(i + 3) % 7].id), features=("listening",) if i % 2 else ("reciprocity",))))
    store.strengths.add(Strength(person_id=people[4].id, kind="skill", description="Sewing",
                                 spotted_on="2026-02-01", readiness="ready"))
    return dict(sam=sam, jo=jo, library=library, hall=hall, people=people, talks=talks)


def all_pages(fetch, limit):
    rows, after, pages = [], None, 0
    while True:
        page = fetch(after=after, limit=limit)
        rows.extend(page.rows)
        pages += 1
        assert pages < 100
        if page.is_last:
            return rows
        after = page.after


def test_people_by_name_page_through_ties_without_gaps_or_repeats(store, world):
    rows = all_pages(lambda **kw: store.queries.people_page(PeopleFilter(), **kw), limit=2)
    expected = sorted(world["people"], key=lambda p: (name_order(p.display_name), p.id))
    assert [r.id for r in rows] == [p.id for p in expected]
    assert store.queries.count_people() == len(NAMES)


def test_people_by_last_activity_newest_first_never_met_last(store, world):
    rows = all_pages(lambda **kw: store.queries.people_page(PeopleFilter(sort=SORT_LAST_ACTIVITY), **kw), limit=3)
    assert len({r.id for r in rows}) == len(NAMES)
    keys = [(r.last_activity or "", r.id) for r in rows]
    assert keys == sorted(keys, reverse=True)
    met = {pid for t in world["talks"] for pid in t.person_ids}
    assert {r.id for r in rows if r.last_activity is None} == {p.id for p in world["people"]} - met
    newest = max(t.occurred_at for t in world["talks"] if world["people"][0].id in t.person_ids)
    assert next(r for r in rows if r.id == world["people"][0].id).last_activity == newest


@pytest.mark.parametrize("wanted", [
    PeopleFilter(), PeopleFilter(area="Riverside"), PeopleFilter(language="pl"), PeopleFilter(ready=True),
    PeopleFilter(no_activity_since=date(2026, 5, 1)), PeopleFilter(met_since=date(2026, 2, 1)),
])
@pytest.mark.parametrize("limit", [1, 4, 100])
def test_last_activity_index_walk_gives_the_order_of_sorting_everyone(store, world, wanted, limit, monkeypatch):
    """The walk along conversations and the sort of a filtered few agree, ties and paging too."""
    monkeypatch.setattr(queries_module, "FEW_PEOPLE", 0)  # however few the filter keeps: walk
    wanted = replace(wanted, sort=SORT_LAST_ACTIVITY)
    walked = all_pages(lambda **kw: store.queries.people_page(wanted, **kw), limit=limit)
    where, params = store.queries._people_where(wanted)
    sorted_rows = store.queries._people_by_activity_of_few(where, params, None, 1000)
    assert [r.id for r in walked] == [r[0] for r in sorted_rows]
    assert [r.last_activity for r in walked] == [r[5] for r in sorted_rows]
    assert len(walked) == store.queries.count_people(wanted) > 0


@pytest.mark.parametrize("wanted, check", [
    (PeopleFilter(area="riverside"), lambda p, w: p.area == "Riverside"),
    (PeopleFilter(language="pl"), lambda p, w: "pl" in p.languages),
    (PeopleFilter(consent_scope="record_only"), lambda p, w: p.consent_scope == "record_only"),
    (PeopleFilter(ready=True), lambda p, w: p.id == w["people"][4].id),
    (PeopleFilter(search="amira"), lambda p, w: p.display_name.lower() == "amira khan"),
    (PeopleFilter(search="zaneta"), lambda p, w: p.display_name.startswith("Ż")),   # folded, as typed on any keyboard
    (PeopleFilter(search="llŷ"), lambda p, w: "Llŷr" in p.display_name),
    (PeopleFilter(area="Hillside", language="pl", consent_scope="share_team"),
     lambda p, w: p.area == "Hillside" and "pl" in p.languages and p.consent_scope == "share_team"),
    (PeopleFilter(met_since=date(2026, 4, 1), met_until=date(2026, 4, 30), met_by="jo"),
     lambda p, w: any(p.id in t.person_ids and t.occurred_at.startswith("2026-04") and t.staff_id == w["jo"].id
                      for t in w["talks"])),
    (PeopleFilter(met_since=date(2026, 5, 1)),
     lambda p, w: any(p.id in t.person_ids and t.occurred_at >= "2026-05" for t in w["talks"])),
])
def test_people_filters_match_exactly_the_people_they_name_and_count_them(store, world, wanted, check):
    if wanted.met_by == "jo":
        wanted = replace(wanted, met_by=world["jo"].id)
    rows = all_pages(lambda **kw: store.queries.people_page(wanted, **kw), limit=2)
    expected = {p.id for p in world["people"] if check(p, world)}
    assert expected, "the sample must hold someone for every filter"
    assert {r.id for r in rows} == expected
    assert store.queries.count_people(wanted) == len(expected)


def test_no_activity_since_keeps_people_not_met_since_that_day(store, world):
    since = date(2026, 5, 1)
    wanted = PeopleFilter(no_activity_since=since)
    recent = {pid for t in world["talks"] if t.occurred_at >= since.isoformat() for pid in t.person_ids}
    rows = store.queries.people_page(wanted, limit=100).rows
    assert {r.id for r in rows} == {p.id for p in world["people"]} - recent
    assert store.queries.count_people(wanted) == len(rows)


def test_a_search_with_no_words_finds_no_one(store, world):
    assert store.queries.people_page(PeopleFilter(search="!!")).rows == []
    assert store.queries.count_people(PeopleFilter(search="!!")) == 0


def test_type_ahead_finds_by_name_prefix_in_any_script(store, world):
    assert [p.name for p in store.queries.people_named("ama kh")] == []
    found = store.queries.people_named("ami kh")
    assert len(found) == 3 and all(p.name.lower() == "amira khan" for p in found)
    assert [p.name for p in store.queries.people_named("wisn")] == ["Żaneta Wiśniewska"]
    assert store.queries.people_named("riverside") == []  # names only, not the area


def test_conversations_newest_first_with_people_venue_and_staff_in_one_row(store, world):
    rows = all_pages(lambda **kw: store.queries.conversations_page(**kw), limit=4)
    expected = sorted(world["talks"], key=lambda t: (t.occurred_at, t.id), reverse=True)
    assert [r.id for r in rows] == [t.id for t in expected]
    names = {p.id: p.display_name for p in world["people"]}
    first, talk = rows[0], expected[0]
    assert sorted(first.people, key=str.lower) == sorted((names[i] for i in talk.person_ids), key=str.lower)
    assert first.venue_name in ("Central Library", "St Mary's Hall")
    assert first.staff_name in ("Sam Connector", "Jo Worker")
    assert store.queries.count_conversations() == 30


@pytest.mark.parametrize("make, check", [
    (lambda w: ConversationFilter(venue_id=w["library"].id), lambda t, w: t.venue_id == w["library"].id),
    (lambda w: ConversationFilter(staff_id=w["jo"].id), lambda t, w: t.staff_id == w["jo"].id),
    (lambda w: ConversationFilter(mode="phone"), lambda t, w: t.mode == "phone"),
    (lambda w: ConversationFilter(feature="reciprocity"), lambda t, w: "reciprocity" in t.features),
    (lambda w: ConversationFilter(since=date(2026, 2, 1), until=date(2026, 3, 10)),
     lambda t, w: "2026-02-01" <= t.occurred_at[:10] <= "2026-03-10"),
    (lambda w: ConversationFilter(person_id=w["people"][2].id), lambda t, w: w["people"][2].id in t.person_ids),
    (lambda w: ConversationFilter(staff_id=w["sam"].id, venue_id=w["hall"].id, feature="reciprocity"),
     lambda t, w: t.staff_id == w["sam"].id and t.venue_id == w["hall"].id and "reciprocity" in t.features),
])
def test_conversation_filters(store, world, make, check):
    wanted = make(world)
    rows = all_pages(lambda **kw: store.queries.conversations_page(wanted, **kw), limit=3)
    expected = [t.id for t in sorted(world["talks"], key=lambda t: (t.occurred_at, t.id), reverse=True)
                if check(t, world)]
    assert expected
    assert [r.id for r in rows] == expected
    assert store.queries.count_conversations(wanted) == len(expected)


def test_deleted_people_leave_the_list(store, world):
    lonely = world["people"][-1]
    store.people.delete(lonely.id)
    assert lonely.id not in {r.id for r in store.queries.people_page(limit=100).rows}
    assert store.queries.count_people() == len(NAMES) - 1


def test_last_venue_is_where_my_newest_conversation_was(store, world):
    mine = max((t for t in world["talks"] if t.staff_id == world["sam"].id), key=lambda t: (t.occurred_at, t.id))
    assert store.queries.last_venue(world["sam"].id) == mine.venue_id
    assert store.queries.last_venue(None) is None


def test_person_list_command_is_sorted_in_sql(store, world):
    listed = list_people(store)
    assert [p["id"] for p in listed] == [p.id for p in sorted(
        world["people"], key=lambda p: (name_order(p.display_name), p.id))]
    assert len(list_people(store, limit=5)) == 5
    assert {p["name"] for p in list_people(store, "bogdan")} == {"Bogdan Nowak"}


# the read-only connection --------------------------------------------------------------

def test_reader_sees_commits_and_cannot_write(workspace, world):
    reader = workspace.open_reader()
    try:
        before = reader.data_version()
        assert reader.count_people() == len(NAMES)
        workspace.store.people.add(Person(display_name="Nia", consent_scope="share_team", consent_on="2026-02-02"))
        assert reader.count_people() == len(NAMES) + 1
        assert reader.data_version() != before  # another connection committed
        with pytest.raises(Exception, match="readonly|read-only|query_only"):
            reader.connection.execute("DELETE FROM person")
        assert reader.count_people() == len(NAMES) + 1
    finally:
        reader.close()


def test_reader_needs_an_unlocked_workspace(workspace):
    workspace.lock()
    with pytest.raises(WorkspaceLocked):
        workspace.open_reader()


def test_reader_reads_while_a_writer_holds_its_transaction_open(workspace, world):
    reader = workspace.open_reader()
    try:
        with workspace.store.atomic():
            workspace.store.people.add(Person(display_name="Half", consent_scope="share_team", consent_on="2026-02-02"))
            # The write is not committed: the reader is not blocked and does not see it.
            assert reader.count_people() == len(NAMES)
    finally:
        reader.close()


# "records changed" ---------------------------------------------------------------------

def test_listeners_hear_each_commit_once_with_the_types_written(store, world):
    heard = []
    store.on_records_changed(heard.append)
    with store.atomic():
        person = store.people.add(Person(display_name="Nia", consent_scope="share_team", consent_on="2026-02-02"))
        store.conversations.add(Conversation(occurred_at="2026-02-02T10:00", mode="phone", person_ids=(person.id,)))
        assert heard == []  # nothing until the commit
    assert heard == [frozenset({"person", "conversation"})]
    store.people.update(person.id, area="Docks")
    assert heard[-1] == frozenset({"person"})


def test_listeners_hear_nothing_of_a_rolled_back_write(store, world):
    heard = []
    store.on_records_changed(heard.append)
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.people.add(Person(display_name="Nia", consent_scope="share_team", consent_on="2026-02-02"))
            raise RuntimeError("changed my mind")
    store.set_meta("something", "else")  # not a record
    assert heard == []
    store.people.delete(world["people"][-1].id)
    assert heard == [frozenset({"person"})]
    store.remove_records_listener(heard.append)
    store.people.restore(world["people"][-1].id)
    assert len(heard) == 1


def test_filter_choices_list_each_area_and_language_once(store, world):
    assert store.queries.areas() == ["Hillside", "Riverside"]
    assert store.queries.languages_spoken() == ["en", "pl"]
    assert [name for _id, name in store.queries.venues()] == ["Central Library", "St Mary's Hall"]
    assert [name for _id, name in store.queries.staff()] == ["Jo Worker", "Sam Connector"]


def test_a_failing_listener_neither_undoes_nor_fails_the_write(store, world):
    heard = []

    def broken(types):
        raise RuntimeError("a view fell over")

    store.on_records_changed(broken)
    store.on_records_changed(heard.append)
    person = store.people.add(Person(display_name="Nia", consent_scope="share_team", consent_on="2026-02-02"))
    assert store.people.get(person.id).display_name == "Nia"
    assert heard == [frozenset({"person"})]  # the others still hear it
