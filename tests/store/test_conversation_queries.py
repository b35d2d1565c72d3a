"""One conversation's page as plain data: what happened, who was there, and what came of it."""

from __future__ import annotations

from datetime import date

from connector_app.store.conversation_queries import conversation_of, conversation_page, fullest_conversation
from tests.samples import add_everything


def test_conversation_page_reads_everything_in_plain_data(store):
    made = add_everything(store)
    page = conversation_page(store.connection, made["conversation"].id)
    assert page.mode == "in_person" and page.duration_minutes == 40 and page.venue_name == "St Mary's hall"
    assert page.staff_name == "Ceri Jones" and page.features == ("listening", "strengths_focus")
    assert [p.name for p in page.people] == ["Amira Hassan"]
    assert [f.id for f in page.follow_ups] == [made["follow_up"].id]
    assert [(c.asset_name, c.outcome) for c in page.connections] == [("Tuesday sewing group", "introduced")]
    assert conversation_page(store.connection, "no-such-id") is None
    store.follow_ups.delete(made["follow_up"].id)
    assert conversation_page(store.connection, made["conversation"].id).follow_ups == ()
    assert conversation_of(store.connection, "connection", made["connection"].id) == made["conversation"].id
    assert conversation_of(store.connection, "person", made["person"].id) is None
    assert date.fromisoformat(page.occurred_at[:10]) == date(2026, 3, 2)
    assert fullest_conversation(store.connection) == made["conversation"].id   # the one with a follow-up
