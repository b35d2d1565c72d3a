"""The demo generator: a real encrypted store on disk, filled with seeded, believable records."""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter, defaultdict
from datetime import date

import pytest

from connector_app import demo
from connector_app.domain.fields import Kind
from connector_app.domain.records import RECORD_TYPES
from connector_app.ids import new_id
from connector_app.store.database import connect, migrate
from connector_app.store.store import Store

TODAY = date(2026, 3, 15)  # a Sunday: the window must still end on it
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
BENGALI_SCRIPT = re.compile(r"[\u0980-\u09FF]")
LANGUAGES = {"en", "cy", "pl", "pt", "ro", "ur", "ar", "bn", "so"}


def open_store(folder) -> Store:
    conn = connect(folder / "records.db", os.urandom(32), create=True)
    migrate(conn)
    return Store(conn, new_id())


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One demo workspace shared by the read-only tests, so the suite stays quick."""
    opened = open_store(tmp_path_factory.mktemp("demo"))
    counts = demo.generate(opened, people=100, months=6, seed=3, today=TODAY)
    yield opened, counts
    opened.close()


def all_of(store, type_name):
    return list(store.repositories[type_name].iter_all())


def content(store) -> list[str]:
    """Every record's field values except ids and references to ids, as a sorted multiset."""
    out = []
    for name, repo in store.repositories.items():
        keep = [spec.name for spec in repo.specs if spec.kind not in (Kind.REF, Kind.REFS)]
        for record in repo.iter_all():
            values = record.values()
            out.append(json.dumps([name, {key: values[key] for key in keep}], ensure_ascii=False, sort_keys=True))
    return sorted(out)


def test_every_record_type_gets_rows_and_counts_match_the_store(filled):
    store, counts = filled
    assert set(counts) == {cls.type_name for cls in RECORD_TYPES}
    assert all(n > 0 for n in counts.values()), counts
    assert store.counts() == counts
    assert counts["person"] == 100
    assert 6 <= counts["staff"] <= 12
    assert 8 <= counts["venue"] <= 15
    assert 30 <= counts["asset"] <= 80


def test_same_seed_gives_the_same_content_and_another_seed_does_not(tmp_path):
    stores = []
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        stores.append(open_store(tmp_path / name))
    try:
        random.seed(1)  # the global generator must not matter
        demo.generate(stores[0], people=40, months=3, seed=7, today=TODAY)
        random.seed(2)
        demo.generate(stores[1], people=40, months=3, seed=7, today=TODAY)
        demo.generate(stores[2], people=40, months=3, seed=8, today=TODAY)
        first = content(stores[0])
        assert first == content(stores[1])
        assert first != content(stores[2])
        # ids are fresh on every run
        assert {p.id for p in all_of(stores[0], "person")}.isdisjoint({p.id for p in all_of(stores[1], "person")})
    finally:
        for opened in stores:
            opened.close()


def test_cancel_stops_between_batches_and_keeps_what_was_committed(store):
    calls = []
    with pytest.raises(demo.Cancelled):
        demo.generate(store, people=60, months=3, today=TODAY,
                      progress=lambda done, total: calls.append(done), should_cancel=lambda: bool(calls))
    assert len(calls) == 1
    assert store.staff.count() > 0  # the team was committed before the cancel
    assert store.people.count() == 0 and store.conversations.count() == 0


def test_progress_rises_to_its_total(store):
    calls = []
    demo.generate(store, people=50, months=2, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3
    totals = {total for _done, total in calls}
    assert len(totals) == 1
    dones = [done for done, _total in calls]
    assert dones == sorted(set(dones)) and dones[0] > 0
    assert dones[-1] == totals.pop()


def test_no_people_and_a_short_window_still_work(store):
    counts = demo.generate(store, people=0, months=1, today=TODAY)
    assert counts["person"] == 0
    assert counts["conversation"] > 0  # head-count events need no named people
    assert all(c.anonymous_count > 0 and not c.person_ids for c in all_of(store, "conversation"))


def test_bad_arguments_are_refused(store):
    with pytest.raises(ValueError):
        demo.generate(store, people=-1)
    with pytest.raises(ValueError):
        demo.generate(store, months=0)


def test_some_names_and_notes_are_in_arabic_and_bengali_script(filled):
    store, _counts = filled
    names = [p.display_name for p in all_of(store, "person")]
    notes = [c.notes or "" for c in all_of(store, "conversation")] + [w.own_words for w in all_of(store, "what_matters")]
    assert any(ARABIC_SCRIPT.search(n) for n in names)
    assert any(BENGALI_SCRIPT.search(n) for n in names + notes)
    assert any(BENGALI_SCRIPT.search(n) for n in notes)
    assert any(ARABIC_SCRIPT.search(n) for n in notes)
    # most notes are still English
    english = sum(1 for n in notes if n and n.isascii())
    assert english > len(notes) * 0.6


def test_people_look_like_a_hub_population(filled):
    store, _counts = filled
    people = all_of(store, "person")
    assert all(p.languages and set(p.languages) <= LANGUAGES for p in people)
    assert len({p.languages[0] for p in people}) >= 6
    assert 0.02 <= sum(p.is_pseudonym for p in people) / len(people) <= 0.25
    assert len({p.consent_scope for p in people}) == 3
    assert len({p.area for p in people if p.area}) >= 5
    # script matches language: an Arabic-script name belongs to an Urdu or Arabic speaker
    assert all(p.languages[0] in ("ur", "ar") for p in people if ARABIC_SCRIPT.search(p.display_name))


def test_everything_is_dated_inside_the_window(filled):
    store, _counts = filled
    start = date(2025, 9, 16)  # six months back from TODAY, the day after
    dated = {"person": ["consent_on"], "what_matters": ["recorded_on"], "small_step": ["set_on", "done_on"],
             "connecting_time": ["on_date"], "strength": ["spotted_on"], "checkin": ["on_date"],
             "connection": ["made_on"]}
    for type_name, fields in dated.items():
        for record in all_of(store, type_name):
            for field in fields:
                value = getattr(record, field)
                assert value is None or start.isoformat() <= value <= TODAY.isoformat(), (type_name, field, value)
    for conversation in all_of(store, "conversation"):
        day = date.fromisoformat(conversation.occurred_at[:10])
        assert start <= day <= TODAY and day.weekday() < 5
        assert 9 <= int(conversation.occurred_at[11:13]) <= 17
        assert 1 <= len(conversation.features) <= 3


def test_activity_follows_the_practice(filled):
    store, _counts = filled
    people = {p.id for p in all_of(store, "person")}
    conversations = all_of(store, "conversation")
    per_person = Counter(pid for c in conversations for pid in c.person_ids)
    assert set(per_person) == people  # everyone has been talked with
    spread = sorted(per_person.values())
    assert spread[len(spread) // 2] <= 4 and spread[-1] >= 12  # many once or twice, a few very often
    assert 3.5 <= len(conversations) / len(people) <= 7
    assert any(c.mode == "group" and len(c.person_ids) >= 3 for c in conversations)
    assert any(c.anonymous_count and not c.person_ids for c in conversations)
    assert all(10 <= c.duration_minutes <= 180 for c in conversations if c.duration_minutes)

    def share(type_name):
        return len({r.person_id for r in all_of(store, type_name)}) / len(people)

    assert 0.45 <= share("what_matters") <= 0.75
    assert 0.25 <= share("strength") <= 0.55
    assert 0.15 <= share("checkin") <= 0.45
    assert 0.35 <= share("connection") <= 0.7
    assert 0.12 <= len(all_of(store, "follow_up")) / len(conversations) <= 0.28
    steps = all_of(store, "small_step")
    assert any(s.done_on for s in steps) and any(not s.done_on for s in steps)
    assert {"giving", "regular"} <= {c.outcome for c in all_of(store, "connection")}
    assert Counter(s.readiness for s in all_of(store, "strength")).most_common(1)[0][0] in ("spotted", "exploring")


def test_three_cs_tend_to_rise_and_ons4_is_filled_on_about_half(filled):
    store, _counts = filled
    by_person = defaultdict(list)
    checkins = all_of(store, "checkin")
    for checkin in checkins:
        by_person[checkin.person_id].append(checkin)
    series = [sorted(items, key=lambda c: c.on_date) for items in by_person.values() if len(items) >= 2]
    assert series
    for score in ("contact", "confidence", "control"):
        rise = sum(getattr(s[-1], score) - getattr(s[0], score) for s in series) / len(series)
        assert rise > 0, score
    filled_share = sum(c.ons_satisfied is not None for c in checkins) / len(checkins)
    assert 0.2 <= filled_share <= 0.8


def test_protected_connecting_time_is_about_two_hours_a_month(filled):
    store, _counts = filled
    monthly = defaultdict(int)
    for session in all_of(store, "connecting_time"):
        monthly[(session.staff_id, session.on_date[:7])] += session.minutes
    full_months = {key: minutes for key, minutes in monthly.items() if key[1] in ("2025-11", "2025-12", "2026-01")}
    assert full_months
    assert all(45 <= minutes <= 180 for minutes in full_months.values()), full_months


def test_ons4_loneliness_eases_as_contact_grows(filled):
    store, _counts = filled
    contact_by_answer = defaultdict(list)
    for checkin in all_of(store, "checkin"):
        if checkin.ons_lonely:
            contact_by_answer[checkin.ons_lonely].append(checkin.contact)

    def mean(values):
        return sum(values) / len(values)

    lonely = contact_by_answer["often_always"] + contact_by_answer["some_of_the_time"]
    not_lonely = contact_by_answer["hardly_ever"] + contact_by_answer["never"]
    assert lonely and not_lonely
    assert mean(lonely) < mean(not_lonely)


def test_nothing_happens_later_today_than_now(tmp_path):
    """Demo made on a Tuesday at 10:05: today's conversations are at 10:05 or before, never later that day."""
    from datetime import datetime
    now = datetime(2026, 3, 31, 10, 5)
    store = open_store(tmp_path)
    try:
        demo.generate(store, people=120, months=1, seed=5, today=now.date(), now=now)
        times = [row[0] for row in store.connection.execute(
            "SELECT occurred_at FROM conversation WHERE occurred_at >= '2026-03-31'")]
    finally:
        store.close()
    assert times and max(times) <= "2026-03-31T10:05"
