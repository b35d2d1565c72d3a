"""Reads for one person's page: the header, each tab's rows, and type-ahead for references.

    person = PersonQueries(reader.connection)
    header = person.header(person_id)
    steps = person.small_steps(what_matters_id)

Each tab is one query (names of assets and staff joined in, never a query per
row). Conversations can run to hundreds, so that tab pages through
``Queries.conversations_page`` with ``ConversationFilter(person_id=...)``; the
other lists stay short for one person (a few strengths, a check-in a month)
and are read whole, newest first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from connector_app.domain.records import BY_NAME
from connector_app.store.queries import _LAST_ACTIVITY
from connector_app.store.rows import from_sql
from connector_app.store.search import build_query

TYPE_AHEAD = 12


@dataclass(frozen=True)
class PersonHeader:
    id: str
    name: str
    area: str
    languages: tuple[str, ...]
    consent_scope: str
    consent_on: str
    last_activity: str | None    # when their newest conversation happened (ISO), if any


@dataclass(frozen=True)
class WhatMattersRow:
    id: str
    recorded_on: str
    own_words: str
    themes: tuple[str, ...]
    review_on: str | None


@dataclass(frozen=True)
class SmallStepRow:
    id: str
    what_matters_id: str
    description: str
    set_on: str | None
    done_on: str | None


@dataclass(frozen=True)
class StrengthRow:
    id: str
    kind: str
    description: str
    spotted_on: str
    readiness: str
    readiness_on: str | None
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class CheckInRow:
    id: str
    on_date: str
    contact: int
    confidence: int
    control: int


@dataclass(frozen=True)
class ConnectionRow:
    id: str
    asset_name: str
    made_on: str
    outcome: str
    outcome_on: str | None


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    action: str
    due_on: str | None
    state: str


def _title_field(type_name: str) -> str | None:
    """The column that names a record of this type (the one indexed as its title)."""
    return next((s.name for s in BY_NAME[type_name].specs() if s.search == "title"), None)


class PersonQueries:
    """One person's rows over a connection (the lists' read-only one)."""

    def __init__(self, conn):
        self._conn = conn

    def header(self, person_id: str) -> PersonHeader | None:
        row = self._conn.execute(
            f"SELECT p.id, p.display_name, p.area, p.languages, p.consent_scope, p.consent_on, {_LAST_ACTIVITY} "
            "FROM person p WHERE p.id = ?", (person_id,)).fetchone()
        if row is None:
            return None
        return PersonHeader(row[0], row[1], row[2] or "", tuple(json.loads(row[3] or "[]")), row[4], row[5], row[6])

    def what_matters(self, person_id: str) -> list[WhatMattersRow]:
        return [WhatMattersRow(r[0], r[1], r[2], tuple(json.loads(r[3] or "[]")), r[4]) for r in self._conn.execute(
            "SELECT id, recorded_on, own_words, themes, review_on FROM what_matters WHERE person_id = ? "
            "ORDER BY recorded_on DESC, id DESC", (person_id,))]

    def small_steps(self, what_matters_id: str) -> list[SmallStepRow]:
        """The small steps of one what-matters note, in their agreed order."""
        return [SmallStepRow(*r) for r in self._conn.execute(
            "SELECT id, what_matters_id, description, set_on, done_on FROM small_step WHERE what_matters_id = ? "
            "ORDER BY position, id", (what_matters_id,))]

    def strengths(self, person_id: str) -> list[StrengthRow]:
        return [StrengthRow(r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6] or "[]")))
                for r in self._conn.execute(
                    "SELECT id, kind, description, spotted_on, readiness, readiness_on, next_steps FROM strength "
                    "WHERE person_id = ? ORDER BY spotted_on DESC, id DESC", (person_id,))]

    def checkins(self, person_id: str) -> list[CheckInRow]:
        """Oldest first: the order the chart draws them in."""
        return [CheckInRow(*r) for r in self._conn.execute(
            "SELECT id, on_date, contact, confidence, control FROM checkin WHERE person_id = ? "
            "ORDER BY on_date, id", (person_id,))]

    def connections(self, person_id: str) -> list[ConnectionRow]:
        return [ConnectionRow(*r) for r in self._conn.execute(
            "SELECT c.id, coalesce(a.name, ''), c.made_on, c.outcome, c.outcome_on FROM connection c "
            "LEFT JOIN asset a ON a.id = c.asset_id WHERE c.person_id = ? ORDER BY c.made_on DESC, c.id DESC",
            (person_id,))]

    def follow_ups(self, person_id: str) -> list[FollowUpRow]:
        """Open ones first, soonest due first; done ones after."""
        return [FollowUpRow(*r) for r in self._conn.execute(
            "SELECT id, action, due_on, state FROM follow_up WHERE person_id = ? "
            "ORDER BY state != 'open', due_on IS NULL, due_on, id", (person_id,))]

    def values_of(self, type_name: str, record_id: str) -> dict | None:
        """A record's stored values by field name (lists as lists), for a form to edit; None if gone."""
        specs = BY_NAME[type_name].specs()
        row = self._conn.execute(f"SELECT {', '.join(s.name for s in specs)} FROM {type_name} WHERE id = ?",
                                 (record_id,)).fetchone()
        if row is None:
            return None
        return {s.name: list(v) if isinstance(v, tuple) else v for s, v in
                ((s, from_sql(s.kind, row[i])) for i, s in enumerate(specs))}

    # references -----------------------------------------------------------------------

    def can_name(self, type_name: str) -> bool:
        """Whether records of this type have a name to type ahead on."""
        return _title_field(type_name) is not None

    def names(self, type_name: str, ids: list[str]) -> dict[str, str]:
        """The names of the given records (to show a reference already set)."""
        column = _title_field(type_name)
        if column is None or not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self._conn.execute(f"SELECT id, {column} FROM {type_name} WHERE id IN ({marks})", ids))

    def named(self, type_name: str, text: str, *, limit: int = TYPE_AHEAD) -> list[tuple[str, str]]:
        """Type-ahead: (id, name) of records whose name has every typed word as a prefix, any script."""
        column = _title_field(type_name)
        query = build_query(text)
        if column is None or query is None:
            return []
        return list(self._conn.execute(
            f"SELECT t.id, t.{column} FROM {type_name} t WHERE t.id IN (SELECT d.record_id FROM search_fts "
            "JOIN search_doc d ON d.doc = search_fts.rowid WHERE search_fts MATCH ? AND d.record_type = ?) "
            f"ORDER BY t.{column} COLLATE NOCASE, t.id LIMIT ?", ("title : (" + query + ")", type_name, limit)))
