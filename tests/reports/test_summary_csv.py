"""Suppression in the summary, and the CSV read back."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from hypothesis import given, strategies as st

from connector_app.i18n import translator_for
from connector_app.reports.monthly import build_summary
from connector_app.reports.monthly_csv import COLUMNS, summary_csv
from connector_app.reports.suppression import suppress_breakdown
from connector_app.store.month_figures import month_figures
from tests.reports.known import build

MARCH = date(2026, 3, 1)


@pytest.fixture
def known(store):
    return build(store)


def test_small_counts_are_hidden_with_their_complement(store, known):
    s = build_summary(store, MARCH, suppress=True)
    # Connections: grassroots 6, faith 1, total 7. Faith is hidden, and so is grassroots, or 7 - 6 gives it away.
    assert s.cell("connections", "faith_group").suppressed
    assert s.cell("connections", "grassroots_group").suppressed
    assert not s.cell("connections", "total").suppressed
    assert s.cell("connections", "time_bank").value == 0 and not s.cell("connections", "time_bank").suppressed
    # People met: 4 new, 1 returning, 5 in all.
    assert s.cell("people_met", "new").suppressed and s.cell("people_met", "returning").suppressed
    assert s.cell("people_met", "total").shown(translator_for("en_GB")) == "5"
    # Activity is not about people: never hidden.
    assert not s.cell("conversations").suppressed
    # An average over fewer than 5 people is hidden too.
    assert s.cell("mean_score", "contact").suppressed


def test_an_internal_copy_hides_nothing(store, known):
    s = build_summary(store, MARCH, suppress=False)
    assert not any(c.suppressed for c in s.cells)
    assert s.cell("connections", "faith_group").value == 1


def test_time_zone_names_the_clock_but_local_times_decide_the_month(store, known):
    london = build_summary(store, MARCH, timezone="Europe/London", now=datetime(2026, 4, 1, 9, 0))
    other = build_summary(store, MARCH, timezone="Asia/Dhaka", now=datetime(2026, 4, 1, 9, 0))
    assert london.cells == other.cells
    assert london.timezone == "Europe/London" and other.timezone == "Asia/Dhaka"


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(min_value=0, max_value=30), min_size=1))
def test_no_hidden_cell_is_recoverable_by_subtraction(cells):
    total = sum(cells.values())
    hidden, total_hidden = suppress_breakdown(cells, total)
    assert all(key in hidden for key, value in cells.items() if 0 < value < 5)
    # With the total shown, a lone hidden cell would be the total minus the shown ones.
    assert total_hidden or len(hidden) != 1


def _rows(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("suppress", [True, False])
def test_csv_parses_back_to_the_same_figures(store, known, suppress):
    summary = build_summary(store, MARCH, suppress=suppress)
    rows = _rows(summary_csv(summary, translator_for("en_GB")))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(summary.cells)
    figures = month_figures(store, MARCH)
    by_key = {(r["measure"], r["group"]): r for r in rows}
    assert by_key[("conversations", "")]["value"] == str(figures.conversations)
    assert float(by_key[("hours", "")]["value"]) == pytest.approx(figures.minutes / 60, abs=0.005)
    assert by_key[("connections", "total")]["value"] == "7"
    assert by_key[("connections", "faith_group")]["value"] == ("<5" if suppress else "1")
    assert by_key[("people_met", "total")]["section_label"] == "People met"
    assert {r["copy"] for r in rows} == {"exported" if suppress else "internal"}
    for cell, row in zip(summary.cells, rows):
        if cell.suppressed:
            assert row["value"] == "<5"
        elif cell.value is None:
            assert row["value"] == ""
        else:
            assert float(row["value"]) == pytest.approx(cell.value, abs=0.005)


def test_exported_csv_names_no_one(store, known):
    text = summary_csv(build_summary(store, MARCH, suppress=True), translator_for("en_GB")).decode("utf-8")
    for name in ["Rhian", "Shirin", "Person 1", "Sewing"]:
        assert name not in text
    internal = summary_csv(build_summary(store, MARCH, suppress=False), translator_for("en_GB")).decode("utf-8")
    assert "Rhian Ŵyn" in internal  # an internal copy shows staff by name
