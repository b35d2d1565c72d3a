"""Home's figures (month_figures.at_a_glance) on a small hand-built workspace with known answers,
and each figure equal to the count of the list it opens."""

from __future__ import annotations

from datetime import date

import pytest

from connector_app.domain.records import (
    Asset, ConnectingTime, Connection, Conversation, FollowUp, Person, SmallStep, Staff, Strength, WhatMatters,
)
from connector_app.store.month_figures import at_a_glance
from connector_app.store.queries import DUE_FOLLOW_UP, DUE_REVIEW, ConversationFilter, DueFilter, PeopleFilter

TODAY = date(2026, 3, 18)
MARCH, FEBRUARY = (date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 2, 1), date(2026, 2, 28))


def build_hub(store) -> dict:
    """Sam (me) and Ola; Amira new in March, Bilal returning, Chen met only by Ola, Dee met in February, Eve never."""
    sam = store.staff.add(Staff(name="Sam", role="community_connector"))
    ola = store.staff.add(Staff(name="Ola", role="link_worker"))
    people = {}
    for name, consent in (("Amira", "record_only"), ("Bilal", "anonymous_reports"), ("Chen", "share_team"),
                          ("Dee", "anonymous_reports"), ("Eve", "share_team")):
        people[name] = store.people.add(Person(display_name=name, consent_scope=consent, consent_on="2026-01-02"))
    a, b, c, d = (people[n].id for n in ("Amira", "Bilal", "Chen", "Dee"))
    for when, staff, who in (("2026-03-03T10:00", sam, (a, b)), ("2026-03-10T09:00", sam, (b,)),
                             ("2026-03-31T23:59", ola, (c,)), ("2026-02-20T11:00", sam, (b, d)),
                             ("2026-04-01T00:00", sam, (c,))):  # the last one: next month, not this
        store.conversations.add(Conversation(occurred_at=when, mode="in_person", staff_id=staff.id, person_ids=who))
    sewing = store.assets.add(Asset(name="Sewing group", kind="grassroots_group"))
    choir = store.assets.add(Asset(name="Choir", kind="grassroots_group"))
    for person, asset, day, staff in ((a, sewing, "2026-03-03", sam), (a, choir, "2026-03-10", sam),
                                      (c, choir, "2026-03-12", ola), (b, sewing, "2026-02-20", sam)):
        store.connections.add(Connection(person_id=person, asset_id=asset.id, made_on=day, outcome="introduced",
                                         staff_id=staff.id))
    for staff, day, minutes in ((sam, "2026-03-04", 50), (sam, "2026-03-17", 30), (ola, "2026-03-05", 200),
                                (sam, "2026-02-11", 60)):
        store.connecting_time.add(ConnectingTime(staff_id=staff.id, on_date=day, minutes=minutes))
    for action, due, state, staff in (("Ring about the food bank", "2026-03-10", "open", sam),
                                      ("Send the choir times", "2026-03-25", "open", sam),   # not due yet
                                      ("Book the room", "2026-03-01", "done", sam),          # done
                                      ("Ola's call", "2026-03-01", "open", ola),            # not mine
                                      ("Anyone's job", "2026-03-02", "open", None),         # nobody's: mine too
                                      ("Due today", TODAY.isoformat(), "open", sam)):
        store.follow_ups.add(FollowUp(person_id=a, action=action, due_on=due, state=state,
                                      staff_id=staff.id if staff else None))
    amira_note = store.what_matters.add(WhatMatters(person_id=a, recorded_on="2026-03-03", own_words="Family",
                                                    review_on="2026-03-15", staff_id=sam.id))
    for n, done in enumerate((None, None, "2026-03-10")):
        store.small_steps.add(SmallStep(what_matters_id=amira_note.id, person_id=a, description=f"Step {n}",
                                        position=n, done_on=done))
    # Bilal's older note was due, but a newer one replaced it: history, not a review due.
    store.what_matters.add(WhatMatters(person_id=b, recorded_on="2026-02-20", own_words="Work",
                                       review_on="2026-03-01", staff_id=sam.id))
    store.what_matters.add(WhatMatters(person_id=b, recorded_on="2026-03-10", own_words="Work, again",
                                       review_on="2026-04-10", staff_id=sam.id))
    store.what_matters.add(WhatMatters(person_id=c, recorded_on="2026-02-01", own_words="Music",
                                       review_on="2026-03-01", staff_id=ola.id))
    for person, readiness in ((a, "ready"), (c, "ready"), (b, "exploring")):
        store.strengths.add(Strength(person_id=person, kind="skill", description="Cooking", spotted_on="2026-03-01",
                                     readiness=readiness))
    return {"sam": sam.id, "ola": ola.id, **{name: p.id for name, p in people.items()}}


@pytest.fixture
def hub(store):
    return build_hub(store)


def test_my_month_counts_my_work_in_this_month_and_everyone_i_met(store, hub):
    glance = at_a_glance(store, TODAY, hub["sam"])
    month = glance.month
    assert month.month == MARCH[0]
    assert month.conversations == 2
    # Amira (record only: still counted on Home) is new; Bilal met in February too is returning.
    assert (month.people_met, month.people_new, month.people_returning) == (2, 1, 1)
    assert (month.connections, month.people_connected) == (2, 1)
    assert (month.connecting_minutes, month.connecting_target) == (80, 120)
    assert (glance.follow_ups_due, glance.reviews_due, glance.small_steps_open) == (3, 1, 2)
    assert glance.people_ready == 2


def test_another_staff_member_sees_their_own_month(store, hub):
    glance = at_a_glance(store, TODAY, hub["ola"])
    assert (glance.month.conversations, glance.month.people_met, glance.month.people_new) == (1, 1, 1)
    assert (glance.month.connections, glance.month.connecting_minutes) == (1, 200)
    assert (glance.follow_ups_due, glance.reviews_due) == (2, 1)  # Ola's call and nobody's job; Chen's review


def test_another_month_and_the_whole_team(store, hub):
    february = at_a_glance(store, date(2026, 2, 27), hub["sam"]).month
    assert (february.conversations, february.people_met, february.people_new) == (1, 2, 2)
    assert (february.connections, february.connecting_minutes) == (1, 60)
    team = at_a_glance(store, TODAY, None).month
    assert (team.conversations, team.people_met, team.connecting_minutes) == (3, 3, 280)


@pytest.mark.parametrize("staff", ["sam", "ola", None])
def test_each_figure_is_the_count_of_the_list_it_opens(store, hub, staff):
    staff_id = hub[staff] if staff else None
    glance = at_a_glance(store, TODAY, staff_id)
    q = store.queries
    start, end = MARCH
    assert glance.month.conversations == q.count_conversations(ConversationFilter(
        since=start, until=end, staff_id=staff_id))
    assert glance.month.people_met == q.count_people(PeopleFilter(met_since=start, met_until=end, met_by=staff_id))
    assert glance.month.people_connected == q.count_people(PeopleFilter(
        met_since=start, met_until=end, met_by=staff_id, connected=True))
    assert glance.people_ready == q.count_people(PeopleFilter(ready=True))
    for kind, figure in ((DUE_FOLLOW_UP, glance.follow_ups_due), (DUE_REVIEW, glance.reviews_due)):
        rows = q.due_page(DueFilter(by=TODAY, staff_id=staff_id, kind=kind), limit=100).rows
        assert len(rows) == figure and {r.type_name for r in rows} <= {kind}


def test_due_list_is_most_overdue_first_and_pages_without_gaps(store, hub):
    wanted = DueFilter(by=TODAY, staff_id=hub["sam"])
    rows, after = [], None
    while True:
        page = store.queries.due_page(wanted, after=after, limit=1)
        rows += page.rows
        if page.is_last:
            break
        after = page.after
    assert [(r.due_on, r.type_name) for r in rows] == [
        ("2026-03-02", "follow_up"), ("2026-03-10", "follow_up"), ("2026-03-15", "what_matters"),
        (TODAY.isoformat(), "follow_up")]
    assert rows[2].open_steps == 2 and rows[2].person_name == "Amira"
    assert store.queries.person_of("what_matters", rows[2].id) == hub["Amira"]
    assert store.queries.person_of("person", hub["Eve"]) == hub["Eve"]
