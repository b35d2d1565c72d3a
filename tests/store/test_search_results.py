"""Grouped search results over the real full-text index: counts, keyset pages, snippets, names, escaping."""

from __future__ import annotations

from connector_app.domain.records import Asset, Conversation, Person
from connector_app.store.search import MATCH_END, MATCH_START
from connector_app.store.search_results import marked_html, plain, search_groups, search_page
from tests.samples import add_everything


def _by_type(groups):
    return {g.record_type: g for g in groups}


def test_groups_every_type_that_matched_people_first_with_counts_and_names(store):
    made = add_everything(store, text="Loves the allotment")
    groups = search_groups(store.connection, "allot")
    assert groups[0].record_type == "person"
    found = _by_type(groups)
    # Every record type holding the text in a searched field, each counted once.
    assert set(found) >= {"person", "venue", "asset", "conversation", "follow_up", "what_matters", "small_step",
                          "connecting_time", "strength", "checkin", "connection"}
    assert all(g.count == len(g.results) == 1 and g.after is None for g in groups)
    conversation = found["conversation"].results[0]
    assert conversation.record_id == made["conversation"].id
    assert conversation.people == ("Amira Hassan",)
    assert conversation.on == "2026-03-02T10:30" and conversation.title == ""
    assert f"{MATCH_START}allotment{MATCH_END}" in conversation.snippet
    person = found["person"].results[0]
    assert plain(person.title) == "Amira Hassan" and person.people == ()
    assert found["strength"].results[0].people == ("Amira Hassan",)


def test_names_are_marked_and_a_group_conversation_names_everyone(store):
    add_everything(store)
    found = _by_type(search_groups(store.connection, "jan"))
    assert found["person"].results[0].title == f"{MATCH_START}Jan{MATCH_END} Kowalski"
    garden = _by_type(search_groups(store.connection, "garden"))["conversation"].results[0]
    assert garden.people == ("Amira Hassan", "Jan Kowalski")


def test_more_continues_where_the_first_page_stopped(store):
    store.people.add_many(Person(display_name=f"Sewing fan {i:02d}", consent_scope="share_team",
                                 consent_on="2026-01-05") for i in range(30))
    group = _by_type(search_groups(store.connection, "sewing", per_group=8))["person"]
    assert group.count == 30 and len(group.results) == 8 and group.after is not None
    seen = [r.record_id for r in group.results]
    after = group.after
    while after is not None:
        page = search_page(store.connection, "sewing", "person", after=after, limit=7)
        seen += [r.record_id for r in page.rows]
        after = page.after
    assert len(seen) == len(set(seen)) == 30


def test_record_text_is_escaped_before_it_is_highlighted(store):
    store.assets.add(Asset(name="<img src=x onerror=alert(1)> club", kind="grassroots_group",
                           offer=f"Fun & games <script>{MATCH_START}fake{MATCH_END}</script> for all"))
    result = _by_type(search_groups(store.connection, "games"))["asset"].results[0]
    shown = marked_html(result.snippet)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<b>games</b>" in shown and "<b>fake</b>" not in shown  # a record cannot fake a highlight
    assert "<img" not in marked_html(result.title)


def test_nothing_to_search_and_nothing_found(store):
    add_everything(store)
    assert search_groups(store.connection, "  ?! ") == []
    assert search_groups(store.connection, "qwertyuiop") == []
    assert search_page(store.connection, "", "person").rows == []


def test_a_deleted_record_is_not_found(store):
    kept = store.conversations.add(Conversation(occurred_at="2026-03-02T10:30", mode="phone", anonymous_count=1, notes="Pottery"))
    gone = store.conversations.add(Conversation(occurred_at="2026-03-03T10:30", mode="phone", anonymous_count=1, notes="Pottery"))
    store.conversations.delete(gone.id)
    group = _by_type(search_groups(store.connection, "pottery"))["conversation"]
    assert [r.record_id for r in group.results] == [kept.id]
