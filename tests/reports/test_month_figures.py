"""The month's figures against a hand-built workspace with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from connector_app.store.month_figures import headline, month_figures, ons_band
from tests.reports.known import build

MARCH = date(2026, 3, 1)


@pytest.fixture
def known(store):
    return build(store)


def test_activity_counts_all_work_inside_the_local_month(store, known):
    f = month_figures(store, MARCH)
    # 1 March 00:00 and 31 March 23:59 count; 28 February 23:59 and 1 April 00:00 do not.
    assert f.conversations == 4
    assert f.minutes == 30 + 60 + 45
    assert f.without_duration == 1
    assert f.people_not_named == 3
    assert f.features == {"listening": 2, "reciprocity": 1, "strengths_focus": 1}
    assert f.by_mode == {"in_person": 4}


def test_people_met_only_with_consent_new_and_returning(store, known):
    f = month_figures(store, MARCH)
    assert (f.people_met, f.people_new, f.people_returning) == (5, 4, 1)  # P1 returns; P8 has no consent


def test_person_level_figures(store, known):
    f = month_figures(store, MARCH)
    assert f.what_matters_people == 2
    assert f.themes == {"housing": 2, "money": 1}
    assert (f.small_steps_done, f.small_steps_people) == (2, 2)
    assert (f.strengths_spotted, f.strengths_people, f.strengths_by_kind) == (2, 2, {"skill": 2})
    assert (f.people_ready, f.people_took_step) == (1, 1)  # P2 spotted in February, took a step on 20 March
    assert f.connections == 7 and f.people_connected == 7
    assert f.connections_by_kind == {"grassroots_group": 6, "faith_group": 1}
    assert f.people_giving_back == 1


def test_connecting_time_per_staff_member_against_two_hours(store, known):
    f = month_figures(store, MARCH)
    by_id = {s.staff_id: s for s in f.connecting_time}
    assert by_id[known.staff_a].minutes == 120 and by_id[known.staff_a].met_target
    assert by_id[known.staff_b].minutes == 60 and not by_id[known.staff_b].met_target


def test_wellbeing_latest_per_person_and_change_since_first(store, known):
    w = month_figures(store, MARCH).wellbeing
    assert (w.checkins, w.people) == (4, 3)
    assert w.means["contact"] == pytest.approx((6 + 8 + 3) / 3)
    assert w.change_people == 2  # P1 and P3; P2 has one check-in in all
    assert w.change["contact"] == pytest.approx(((6 - 2) + (3 - 1)) / 2)
    assert w.change["control"] == pytest.approx(((7 - 4) + (3 - 1)) / 2)
    assert w.ons_bands["satisfied"] == {"low": 1, "medium": 1, "high": 0, "very_high": 1}
    assert w.ons_bands["anxious"] == {"very_low": 1, "low": 1, "medium": 0, "high": 1}
    assert w.ons_answered["worthwhile"] == 2
    assert w.ons_means["satisfied"] == pytest.approx((4 + 6 + 10) / 3)
    assert w.lonely == {"never": 1, "often_always": 1}


@pytest.mark.parametrize("measure, value, band", [
    ("satisfied", 0, "low"), ("satisfied", 4, "low"), ("satisfied", 5, "medium"), ("satisfied", 6, "medium"),
    ("happy", 7, "high"), ("worthwhile", 8, "high"), ("happy", 9, "very_high"), ("satisfied", 10, "very_high"),
    ("anxious", 0, "very_low"), ("anxious", 1, "very_low"), ("anxious", 2, "low"), ("anxious", 3, "low"),
    ("anxious", 4, "medium"), ("anxious", 5, "medium"), ("anxious", 6, "high"), ("anxious", 10, "high"),
])
def test_ons_bands_at_their_edges(measure, value, band):
    assert ons_band(measure, value) == band


def test_one_staff_member(store, known):
    f = month_figures(store, MARCH, known.staff_b)
    assert f.conversations == 2 and f.minutes == 105
    assert f.people_met == 3  # P3, P6, P7
    assert [s.staff_id for s in f.connecting_time] == [known.staff_b]
    assert f.themes == {"housing": 1}


def test_a_month_with_no_activity(store, known):
    f = month_figures(store, date(2025, 6, 1))
    assert (f.conversations, f.minutes, f.people_met, f.connections, f.small_steps_done) == (0, 0, 0, 0, 0)
    assert f.features == {} and f.themes == {}
    assert f.wellbeing.means["contact"] is None and f.wellbeing.ons_means["anxious"] is None


def test_trend_is_the_three_months_before_then_this_one(store, known):
    f = month_figures(store, MARCH)
    assert [h.month for h in f.trend] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), MARCH]
    assert f.trend[2] == headline(store.connection, date(2026, 2, 1))
    assert f.trend[2].conversations == 2 and f.trend[2].people_met == 2  # P1 and P5
    assert f.trend[-1].conversations == 4


def test_the_night_the_clocks_change_counts_in_its_own_month(store):
    """Times are the hub's local clock readings: 01:30 on the last Sunday of March (a time London skips)
    and 23:59 on 31 October (after the clocks went back) stay in their months."""
    from connector_app.domain.records import Conversation
    for when in ("2026-03-29T01:30", "2026-10-31T23:59", "2026-11-01T00:00"):
        store.conversations.add(Conversation(occurred_at=when, mode="phone", anonymous_count=1))
    assert month_figures(store, date(2026, 3, 1)).conversations == 1
    assert month_figures(store, date(2026, 10, 1)).conversations == 1
    assert month_figures(store, date(2026, 11, 1)).conversations == 1
