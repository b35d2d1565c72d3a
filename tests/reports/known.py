"""A small hand-built workspace whose March 2026 figures are known (worked out by hand in the comments)."""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.domain.records import (
    Asset, CheckIn, ConnectingTime, Connection, Conversation, Person, SmallStep, Staff, Strength, WhatMatters,
)

MARCH = "2026-03"


@dataclass
class Known:
    staff_a: str
    staff_b: str
    people: dict[str, str]  # P1..P8 -> id


def build(store) -> Known:
    a = store.staff.add(Staff(name="Rhian Ŵyn", role="community_connector")).id
    b = store.staff.add(Staff(name="Shirin Begum", role="link_worker")).id
    people = {}
    for i in range(1, 9):
        scope = "share_team" if i == 8 else "anonymous_reports"  # P8 never counts in person figures
        people[f"P{i}"] = store.people.add(Person(
            display_name=f"Person {i}", consent_scope=scope, consent_on="2026-01-01")).id
    p = people
    grassroots = store.assets.add(Asset(name="Tuesday sewing group", kind="grassroots_group")).id
    faith = store.assets.add(Asset(name="St Mary's lunch club", kind="faith_group")).id
    time_bank = store.assets.add(Asset(name="Time bank", kind="time_bank")).id

    def talk(when, who, staff, minutes=None, features=(), anonymous=0):
        store.conversations.add(Conversation(
            occurred_at=when, person_ids=tuple(p[w] for w in who), staff_id=staff, duration_minutes=minutes,
            mode="in_person", features=tuple(features), anonymous_count=anonymous))

    talk("2026-02-15T10:00", ["P1"], a, 20)                                         # before: P1 returns in March
    talk("2026-02-28T23:59", ["P5"], a, 20)                                         # February, not March
    talk("2026-03-01T00:00", ["P1", "P2"], a, 30, ["listening", "reciprocity"])     # first minute of March
    talk("2026-03-10T11:00", ["P8"], a, None, [], anonymous=3)                      # no length; P8 not counted
    talk("2026-03-12T14:00", ["P6", "P7"], b, 60, ["strengths_focus"])
    talk("2026-03-31T23:59", ["P3"], b, 45, ["listening"])                          # last minute of March
    talk("2026-04-01T00:00", ["P4"], a, 30)                                         # April

    note1 = store.what_matters.add(WhatMatters(person_id=p["P1"], recorded_on="2026-03-02", own_words="Garden",
                                               themes=("housing", "money"), staff_id=a)).id
    note2 = store.what_matters.add(WhatMatters(person_id=p["P2"], recorded_on="2026-03-03", own_words="Home",
                                               themes=("housing",), staff_id=b)).id
    note3 = store.what_matters.add(WhatMatters(person_id=p["P3"], recorded_on="2026-02-03", own_words="Work",
                                               themes=("work",), staff_id=b)).id
    note8 = store.what_matters.add(WhatMatters(person_id=p["P8"], recorded_on="2026-03-03", own_words="Hidden",
                                               themes=("housing",), staff_id=a)).id
    for note, person, done in ((note1, "P1", "2026-03-05"), (note2, "P2", "2026-03-31"),
                               (note3, "P3", "2026-04-01"), (note8, "P8", "2026-03-10"), (note1, "P1", None)):
        store.small_steps.add(SmallStep(what_matters_id=note, person_id=p[person], description="Step",
                                        done_on=done))

    store.strengths.add(Strength(person_id=p["P1"], kind="skill", description="Sewing", spotted_by=a,
                                 spotted_on="2026-03-02", readiness="ready"))          # ready on 2 March
    store.strengths.add(Strength(person_id=p["P2"], kind="passion", description="Cooking", spotted_by=b,
                                 spotted_on="2026-02-10", readiness="taken", readiness_on="2026-03-20"))
    store.strengths.add(Strength(person_id=p["P3"], kind="skill", description="Maths", spotted_by=b,
                                 spotted_on="2026-03-22", readiness="spotted"))

    for person, asset, made, outcome in (
            ("P1", grassroots, "2026-03-03", "giving"), ("P3", grassroots, "2026-03-05", "introduced"),
            ("P4", grassroots, "2026-03-06", "regular"), ("P5", grassroots, "2026-03-07", "went_once"),
            ("P6", grassroots, "2026-03-08", "introduced"), ("P7", grassroots, "2026-03-09", "suggested"),
            ("P2", faith, "2026-03-04", "introduced"), ("P8", time_bank, "2026-03-08", "giving"),
            ("P6", faith, "2026-02-20", "introduced")):
        store.connections.add(Connection(person_id=p[person], asset_id=asset, made_on=made, outcome=outcome,
                                         staff_id=a if person in ("P1", "P2", "P8") else b))

    def check(person, day, c3, ons=None, lonely=None):
        ons = ons or (None, None, None, None)
        store.checkins.add(CheckIn(person_id=p[person], on_date=day, contact=c3[0], confidence=c3[1], control=c3[2],
                                   ons_satisfied=ons[0], ons_worthwhile=ons[1], ons_happy=ons[2],
                                   ons_anxious=ons[3], ons_lonely=lonely, staff_id=a))
    check("P1", "2026-01-10", (2, 3, 4))
    check("P1", "2026-03-15", (6, 5, 7), (4, 5, 9, 1), "never")           # band edges: 4 low, 5 medium, 1 very low
    check("P2", "2026-03-20", (8, 8, 8), (6, 7, 8, 2), "often_always")    # 6 medium, 8 high, 2 low
    check("P3", "2026-03-02", (1, 1, 1))
    check("P3", "2026-03-25", (3, 3, 3), (10, None, None, 6))             # 10 very high, 6 high
    check("P8", "2026-03-25", (9, 9, 9), (9, 9, 9, 9), "never")           # not counted
    check("P4", "2026-04-02", (9, 9, 9))                                  # April

    store.connecting_time.add(ConnectingTime(staff_id=a, on_date="2026-03-05", minutes=120))
    store.connecting_time.add(ConnectingTime(staff_id=b, on_date="2026-03-10", minutes=60))
    store.connecting_time.add(ConnectingTime(staff_id=b, on_date="2026-04-01", minutes=30))
    return Known(a, b, people)
