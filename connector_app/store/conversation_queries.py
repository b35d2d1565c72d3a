"""Reads for one conversation's page: what happened, who was there, and what came of it.

    page = conversation_page(reader.connection, conversation_id)   # None if it is gone
    conversation_id = conversation_of(reader.connection, "follow_up", follow_up_id)

Plain data, read in a handful of queries (names of people, venue, staff and
assets joined in, never a query per row), so the desktop, a printed record or
the CLI could show the same thing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from connector_app.store.activity_queries import ActivityQueries, ConnectionRow


@dataclass(frozen=True)
class PersonInConversation:
    id: str
    name: str
    area: str


@dataclass(frozen=True)
class ConversationFollowUp:
    id: str
    action: str
    due_on: str | None
    state: str
    person_id: str | None
    person_name: str        # "" when it is about no one in particular


@dataclass(frozen=True)
class ConversationPage:
    id: str
    occurred_at: str
    duration_minutes: int | None
    mode: str
    venue_name: str | None
    staff_name: str | None
    anonymous_count: int
    features: tuple[str, ...]
    notes: str
    people: tuple[PersonInConversation, ...]           # by name
    follow_ups: tuple[ConversationFollowUp, ...]       # open first, soonest due first
    connections: tuple[ConnectionRow, ...]    # made in it, newest first


def conversation_page(conn, conversation_id: str) -> ConversationPage | None:
    """Everything one conversation's page shows; None if the conversation is not here (deleted, erased)."""
    row = conn.execute(
        "SELECT c.id, c.occurred_at, c.duration_minutes, c.mode, v.name, s.name, c.anonymous_count, c.features, "
        "c.notes FROM conversation c LEFT JOIN venue v ON v.id = c.venue_id LEFT JOIN staff s ON s.id = c.staff_id "
        "WHERE c.id = ?", (conversation_id,)).fetchone()
    if row is None:
        return None
    people = tuple(PersonInConversation(r[0], r[1], r[2] or "") for r in conn.execute(
        "SELECT p.id, p.display_name, p.area FROM conversation_person cp JOIN person p ON p.id = cp.person_id "
        "WHERE cp.conversation_id = ? ORDER BY p.display_name COLLATE NOCASE, p.id", (conversation_id,)))
    follow_ups = tuple(ConversationFollowUp(r[0], r[1], r[2], r[3], r[4], r[5] or "") for r in conn.execute(
        "SELECT f.id, f.action, f.due_on, f.state, f.person_id, p.display_name FROM follow_up f "
        "LEFT JOIN person p ON p.id = f.person_id WHERE f.conversation_id = ? "
        "ORDER BY f.state != 'open', f.due_on IS NULL, f.due_on, f.id", (conversation_id,)))
    connections = tuple(_all_connections(ActivityQueries(conn), conversation_id))
    return ConversationPage(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or 0,
                            tuple(json.loads(row[7] or "[]")), row[8] or "", people, follow_ups, connections)


def conversation_of(conn, type_name: str, record_id: str) -> str | None:
    """The conversation a follow-up or connection was made in, if any: where one about no person opens."""
    if type_name not in ("follow_up", "connection"):
        return None
    row = conn.execute(f"SELECT conversation_id FROM {type_name} WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else row[0]


def fullest_conversation(conn) -> str | None:
    """A conversation with something in every part of its page (follow-ups, connections, most people):
    the one the screenshots show."""
    row = conn.execute(
        "SELECT c.id FROM conversation c ORDER BY "
        "EXISTS (SELECT 1 FROM follow_up f WHERE f.conversation_id = c.id) DESC, "
        "EXISTS (SELECT 1 FROM connection k WHERE k.conversation_id = c.id) DESC, "
        "(SELECT count(*) FROM conversation_person cp WHERE cp.conversation_id = c.id) DESC, c.id LIMIT 1").fetchone()
    return None if row is None else row[0]


def _all_connections(queries: ActivityQueries, conversation_id: str) -> list[ConnectionRow]:
    """Every connection made in the conversation (a handful), newest first, as the asset pages list them."""
    rows, after = [], None
    while True:
        page = queries.connections_page(conversation_id=conversation_id, after=after)
        rows.extend(page.rows)
        if page.is_last:
            return rows
        after = page.after
