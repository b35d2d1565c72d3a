"""Every list's first and later pages are index walks, not a sort of the whole table (EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import pytest

from connector_app.store.queries import ConversationFilter, PeopleFilter


def plan(store, run, containing: str = "") -> str:
    """The top level of the plan of the query ``run`` issues, replayed under EXPLAIN QUERY PLAN.

    (A display column's own small subquery, such as a conversation's names in order, sits below it.)
    """
    seen = []
    store.connection.set_trace_callback(seen.append)
    try:
        run()
    finally:
        store.connection.set_trace_callback(None)
    sql = [s for s in seen if s.lstrip().upper().startswith("SELECT") and containing in s][-1]
    return "\n".join(row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + sql) if row[1] == 0)


@pytest.mark.parametrize("after", [None, ("Amira", "0")])
def test_people_by_name_sort_only_names_then_fill_in_the_page(store, after):
    """The language's collation has no index (its order changes with the language): the sort
    reads names alone, and the costly columns (last activity, ready) are computed for one page."""
    text = plan(store, lambda: store.queries.people_page(PeopleFilter(), after=after))
    assert text.splitlines()[0].startswith("CO-ROUTINE page") or text.splitlines()[0].startswith("MATERIALIZE page")
    assert "SEARCH p USING INDEX" in text


@pytest.mark.parametrize("wanted", [
    ConversationFilter(), ConversationFilter(staff_id="s"), ConversationFilter(venue_id="v"),
])
@pytest.mark.parametrize("after", [None, ("2026-01-01T10:00", "0")])
def test_conversation_pages_walk_an_index_in_time_order(store, wanted, after):
    text = plan(store, lambda: store.queries.conversations_page(wanted, after=after))
    assert "TEMP B-TREE FOR ORDER BY" not in text
    assert "_key" in text


@pytest.mark.parametrize("after", [None, ("2026-01-01T10:00", "0")])
def test_people_by_last_activity_walk_the_conversation_time_index(store, after):
    """Newest activity first reads conversations along their time index; it never orders every person."""
    text = plan(store, lambda: store.queries.people_page(PeopleFilter(sort="last_activity"), after=after),
                "FROM conversation c")
    assert "conversation_when_key" in text
    assert "TEMP B-TREE FOR ORDER BY" not in text  # at most the tie-break (RIGHT PART) within one moment
