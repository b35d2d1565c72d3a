"""Reads for lists: keyset pages, filters, filtered counts and display rows, in SQL.

    queries = Queries(connection)            # store.queries, or a read-only one (Workspace.open_reader)
    page = queries.people_page(PeopleFilter(search="amira"), limit=50)
    more = queries.people_page(PeopleFilter(search="amira"), after=page.after)

The one home for list reads, so neither the desktop nor reports grow SQL of
their own. Ordering and filtering happen in SQL, never in Python; each order
ends in the record id, so rows with the same name or time keep a stable place
and a page continues exactly where the last one stopped ("after this key"),
however deep the list is. A display row comes whole from one query (names of
the people in a conversation, its venue and staff member joined in), never a
query per row.

Only live records are listed: a deleted, erased or merged record has no row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Generic, TypeVar

from connector_app.i18n import current_translator
from connector_app.store.search import build_query
from connector_app.text import collation

T = TypeVar("T")

PAGE_SIZE = 100
SORT_NAME = "name"
SORT_LAST_ACTIVITY = "last_activity"
PEOPLE_SORTS = (SORT_NAME, SORT_LAST_ACTIVITY)

# The newest conversation a person took part in: their last activity.
_LAST_ACTIVITY = ("(SELECT max(c.occurred_at) FROM conversation_person cp "
                  "JOIN conversation c ON c.id = cp.conversation_id WHERE cp.person_id = p.id)")
_READY = "EXISTS (SELECT 1 FROM strength s WHERE s.person_id = p.id AND s.readiness = 'ready')"


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    after: tuple | None  # the key to pass for the next page; None when this was the last

    @property
    def is_last(self) -> bool:
        return self.after is None


@dataclass(frozen=True)
class PeopleFilter:
    search: str = ""                        # words of the name or area, any script, each a prefix
    area: str | None = None
    language: str | None = None             # a language code the person speaks
    consent_scope: str | None = None
    ready: bool = False                     # only people with a strength ready for a next step
    no_activity_since: date | None = None   # only people with no conversation on or after this day
    sort: str = SORT_NAME


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    area: str
    languages: tuple[str, ...]
    consent_scope: str
    last_activity: str | None   # when their newest conversation happened (ISO), if any
    ready: bool


@dataclass(frozen=True)
class ConversationFilter:
    since: date | None = None   # on or after this day
    until: date | None = None   # on or before this day
    venue_id: str | None = None
    staff_id: str | None = None
    feature: str | None = None
    mode: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class ConversationRow:
    id: str
    occurred_at: str
    duration_minutes: int | None
    venue_name: str | None
    mode: str
    staff_name: str | None
    people: tuple[str, ...]     # names of the people named, by name
    anonymous_count: int
    features: tuple[str, ...] = field(default=())


def _day_after(day: date) -> str:
    return (day + timedelta(days=1)).isoformat()


class Queries:
    """List reads over one connection (the store's, or a read-only one of its own)."""

    def __init__(self, conn):
        self._conn = conn
        # People sort in the app's language (Welsh "ll" after "l"): COLLATE people.
        collation.register(conn, lambda: current_translator().code)

    @property
    def connection(self):
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def data_version(self) -> int:
        """Changes whenever another connection commits: how the desktop notices other writers."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    # people -------------------------------------------------------------------------

    def _people_where(self, f: PeopleFilter) -> tuple[list[str], list] | None:
        """SQL conditions and their parameters; None when the filter cannot match anyone."""
        where: list[str] = []
        params: list = []
        if f.search.strip():
            query = build_query(f.search)
            if query is None:
                return None
            where.append("p.id IN (SELECT d.record_id FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
                         "WHERE search_fts MATCH ? AND d.record_type = 'person')")
            params.append(query)
        if f.area:
            where.append("p.area = ? COLLATE NOCASE")
            params.append(f.area)
        if f.language:
            where.append("EXISTS (SELECT 1 FROM json_each(p.languages) WHERE value = ?)")
            params.append(f.language)
        if f.consent_scope:
            where.append("p.consent_scope = ?")
            params.append(f.consent_scope)
        if f.ready:
            where.append(_READY)
        if f.no_activity_since is not None:
            where.append("NOT EXISTS (SELECT 1 FROM conversation_person cp JOIN conversation c "
                         "ON c.id = cp.conversation_id WHERE cp.person_id = p.id AND c.occurred_at >= ?)")
            params.append(f.no_activity_since.isoformat())
        return where, params

    def people_page(self, f: PeopleFilter = PeopleFilter(), *, after: tuple | None = None,
                    limit: int = PAGE_SIZE) -> Page[PersonRow]:
        if f.sort not in PEOPLE_SORTS:
            raise ValueError(f"unknown sort {f.sort!r}")
        conditions = self._people_where(f)
        if conditions is None:
            return Page([], None)
        where, params = conditions
        columns = (f"p.id, p.display_name, p.area, p.languages, p.consent_scope, {_LAST_ACTIVITY} AS last_at, "
                   f"{_READY} AS ready")
        if f.sort == SORT_NAME:
            if after is not None:
                where.append("(p.display_name COLLATE people > ? OR "
                             "(p.display_name COLLATE people = ? AND p.id > ?))")
                params.extend((after[0], after[0], after[1]))
            # The language's order has no index (it changes with the language): sort ids and
            # names alone, then compute the display columns for the page's rows only.
            sql = (f"SELECT {columns} FROM (SELECT p.id FROM person p {self._where(where)} "
                   "ORDER BY p.display_name COLLATE people, p.id LIMIT ?) page JOIN person p ON p.id = page.id "
                   "ORDER BY p.display_name COLLATE people, p.id")
        else:
            # Newest activity first, people never met last; the key is computed, so the
            # filtered set is ordered once per page (measured: see the README's figures).
            outer = ""
            outer_params: list = []
            if after is not None:
                outer = "WHERE (coalesce(last_at, ''), id) < (?, ?)"
                outer_params = [after[0], after[1]]
            sql = (f"SELECT * FROM (SELECT {columns} FROM person p {self._where(where)}) {outer} "
                   "ORDER BY coalesce(last_at, '') DESC, id DESC LIMIT ?")
            params.extend(outer_params)
        rows = self._conn.execute(sql, (*params, limit + 1)).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        people = [PersonRow(r[0], r[1], r[2] or "", tuple(json.loads(r[3] or "[]")), r[4], r[5], bool(r[6]))
                  for r in rows]
        if not more or not people:
            return Page(people, None)
        last = people[-1]
        key = (last.name, last.id) if f.sort == SORT_NAME else (last.last_activity or "", last.id)
        return Page(people, key)

    def count_people(self, f: PeopleFilter = PeopleFilter()) -> int:
        conditions = self._people_where(f)
        if conditions is None:
            return 0
        where, params = conditions
        return self._conn.execute(f"SELECT count(*) FROM person p {self._where(where)}", params).fetchone()[0]

    def people_named(self, text: str, *, limit: int = 12) -> list[PersonRow]:
        """Type-ahead: people whose name has every typed word as a prefix (folded, any script), by name."""
        query = build_query(text)
        if query is None:
            return []
        rows = self._conn.execute(
            "SELECT p.id, p.display_name, p.area, p.languages, p.consent_scope, NULL, 0 FROM person p "
            "WHERE p.id IN (SELECT d.record_id FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
            "WHERE search_fts MATCH ? AND d.record_type = 'person') "
            "ORDER BY p.display_name COLLATE people, p.id LIMIT ?", ("title : (" + query + ")", limit)).fetchall()
        return [PersonRow(r[0], r[1], r[2] or "", tuple(json.loads(r[3] or "[]")), r[4], None, False) for r in rows]

    def areas(self) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT area FROM person WHERE area IS NOT NULL AND area != '' ORDER BY area COLLATE people")]

    def languages_spoken(self) -> list[str]:
        # Few distinct lists among many people: unpack each list once, not once per person.
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT j.value FROM (SELECT DISTINCT languages FROM person) p, json_each(p.languages) j "
            "ORDER BY j.value")]

    # conversations -------------------------------------------------------------------

    def _conversation_where(self, f: ConversationFilter) -> tuple[list[str], list]:
        where: list[str] = []
        params: list = []
        if f.since is not None:
            where.append("c.occurred_at >= ?")
            params.append(f.since.isoformat())
        if f.until is not None:
            where.append("c.occurred_at < ?")
            params.append(_day_after(f.until))
        if f.venue_id:
            where.append("c.venue_id = ?")
            params.append(f.venue_id)
        if f.staff_id:
            where.append("c.staff_id = ?")
            params.append(f.staff_id)
        if f.mode:
            where.append("c.mode = ?")
            params.append(f.mode)
        if f.feature:
            where.append("EXISTS (SELECT 1 FROM json_each(c.features) WHERE value = ?)")
            params.append(f.feature)
        if f.person_id:
            where.append("c.id IN (SELECT conversation_id FROM conversation_person WHERE person_id = ?)")
            params.append(f.person_id)
        return where, params

    def conversations_page(self, f: ConversationFilter = ConversationFilter(), *, after: tuple | None = None,
                           limit: int = PAGE_SIZE) -> Page[ConversationRow]:
        """Newest first."""
        where, params = self._conversation_where(f)
        if after is not None:
            where.append("(c.occurred_at < ? OR (c.occurred_at = ? AND c.id < ?))")
            params.extend((after[0], after[0], after[1]))
        sql = (
            "SELECT c.id, c.occurred_at, c.duration_minutes, v.name, c.mode, s.name, "
            "(SELECT json_group_array(name) FROM (SELECT p.display_name AS name FROM conversation_person cp "
            " JOIN person p ON p.id = cp.person_id WHERE cp.conversation_id = c.id "
            " ORDER BY p.display_name COLLATE people)), "
            "c.anonymous_count, c.features "
            "FROM conversation c LEFT JOIN venue v ON v.id = c.venue_id LEFT JOIN staff s ON s.id = c.staff_id "
            f"{self._where(where)} ORDER BY c.occurred_at DESC, c.id DESC LIMIT ?")
        rows = self._conn.execute(sql, (*params, limit + 1)).fetchall()
        more = len(rows) > limit
        talks = [ConversationRow(r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6] or "[]")), r[7] or 0,
                                 tuple(json.loads(r[8] or "[]"))) for r in rows[:limit]]
        if not more or not talks:
            return Page(talks, None)
        return Page(talks, (talks[-1].occurred_at, talks[-1].id))

    def count_conversations(self, f: ConversationFilter = ConversationFilter()) -> int:
        where, params = self._conversation_where(f)
        return self._conn.execute(f"SELECT count(*) FROM conversation c {self._where(where)}", params).fetchone()[0]

    def last_venue(self, staff_id: str | None) -> str | None:
        """Where this staff member's newest conversation happened (the quick-add default)."""
        if staff_id is None:
            return None
        row = self._conn.execute(
            "SELECT venue_id FROM conversation WHERE staff_id = ? AND venue_id IS NOT NULL "
            "ORDER BY occurred_at DESC, id DESC LIMIT 1", (staff_id,)).fetchone()
        return None if row is None else row[0]

    # small lists for filters and choices ----------------------------------------------

    def venues(self) -> list[tuple[str, str]]:
        return list(self._conn.execute("SELECT id, name FROM venue ORDER BY name COLLATE people, id"))

    def staff(self, *, active_only: bool = False) -> list[tuple[str, str]]:
        where = "WHERE active = 1 " if active_only else ""
        return list(self._conn.execute(f"SELECT id, name FROM staff {where}ORDER BY name COLLATE people, id"))

    @staticmethod
    def _where(conditions: list[str]) -> str:
        return ("WHERE " + " AND ".join(conditions)) if conditions else ""
