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
# Up to this many people in a filter, "newest activity first" works out each one's last activity and sorts
# them (its cost grows with them); beyond, it walks conversations newest first (its cost grows as the filter
# gets rarer: a filter matching no one would read every conversation). Measured on the 20,000-person demo,
# loaded machine: walk 20-130 ms a page unfiltered, 0.3-1.7 s with a filter matching ~10%; sorting all
# 20,000 took 4.2 s, sorting a 2,000-person filter 1-4 s.
FEW_PEOPLE = 500

# The newest conversation a person took part in: their last activity.
_LAST_ACTIVITY = ("(SELECT max(c.occurred_at) FROM conversation_person cp "
                  "JOIN conversation c ON c.id = cp.conversation_id WHERE cp.person_id = p.id)")
_PERSON_COLUMNS = "p.id, p.display_name, p.area, p.languages, p.consent_scope"
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
    met_since: date | None = None           # only people in a conversation on or after this day...
    met_until: date | None = None           # ...and on or before this one...
    met_by: str | None = None               # ...with this staff member (the Home screen's "people met")
    connected: bool = False                 # met_* are about connections made, not conversations
    sort: str = SORT_NAME

    @property
    def meets(self) -> bool:
        return self.met_since is not None or self.met_until is not None or self.met_by is not None


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


@dataclass(frozen=True)
class DueFilter:
    """What needs doing by a day: open follow-ups due and what-matters reviews due (with their small steps)."""
    by: date                         # due on or before this day (today, for the Home screen)
    staff_id: str | None = None      # this staff member's, and those nobody was named for
    kind: str | None = None          # DUE_FOLLOW_UP or DUE_REVIEW; None for both


DUE_FOLLOW_UP, DUE_REVIEW = "follow_up", "what_matters"  # also the record type of each row


@dataclass(frozen=True)
class DueRow:
    type_name: str              # DUE_FOLLOW_UP or DUE_REVIEW
    id: str
    due_on: str
    person_id: str | None
    person_name: str | None
    action: str | None          # a follow-up's "what to do"
    open_steps: int             # a review's small steps not yet done


# Open follow-ups with a due date passed; for a person, the review date of their newest what-matters
# note (older notes are history, reviewed since). "Mine" includes what no staff member was named for.
_DUE = """
    SELECT 'follow_up' AS type_name, f.id, f.due_on AS due, f.person_id, p.display_name, f.action, 0 AS steps
    FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
    WHERE :follow_ups AND f.state = 'open' AND f.due_on <= :by
      AND (:staff IS NULL OR f.staff_id = :staff OR f.staff_id IS NULL)
    UNION ALL
    SELECT 'what_matters', w.id, w.review_on, w.person_id, p.display_name, NULL,
           (SELECT count(*) FROM small_step s WHERE s.what_matters_id = w.id AND s.done_on IS NULL)
    FROM what_matters w JOIN person p ON p.id = w.person_id
    WHERE :reviews AND w.review_on <= :by AND (:staff IS NULL OR w.staff_id = :staff OR w.staff_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM what_matters newer WHERE newer.person_id = w.person_id
                      AND (newer.recorded_on > w.recorded_on
                           OR (newer.recorded_on = w.recorded_on AND newer.id > w.id)))
"""


def _due_params(f: DueFilter) -> dict:
    return {"by": f.by.isoformat(), "staff": f.staff_id, "follow_ups": f.kind in (None, DUE_FOLLOW_UP),
            "reviews": f.kind in (None, DUE_REVIEW)}


def _day_after(day: date) -> str:
    return (day + timedelta(days=1)).isoformat()


def _conversation_conditions(f: ConversationFilter) -> tuple[list[str], list]:
    """SQL conditions on conversation ``c`` (and their parameters) for a filter."""
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
        if f.meets and f.connected:
            where.append("EXISTS (SELECT 1 FROM connection k WHERE k.person_id = p.id AND k.made_on >= ? "
                         "AND k.made_on <= ? AND (? IS NULL OR k.staff_id = ?))")
            params.extend(((f.met_since or date.min).isoformat(), (f.met_until or date.max).isoformat(),
                           f.met_by, f.met_by))
        elif f.meets:
            met, met_params = _conversation_conditions(ConversationFilter(
                since=f.met_since, until=f.met_until, staff_id=f.met_by))
            where.append("EXISTS (SELECT 1 FROM conversation_person cp JOIN conversation c "
                         "ON c.id = cp.conversation_id WHERE cp.person_id = p.id AND " + " AND ".join(met) + ")")
            params.extend(met_params)
        return where, params

    def people_page(self, f: PeopleFilter = PeopleFilter(), *, after: tuple | None = None,
                    limit: int = PAGE_SIZE) -> Page[PersonRow]:
        if f.sort not in PEOPLE_SORTS:
            raise ValueError(f"unknown sort {f.sort!r}")
        conditions = self._people_where(f)
        if conditions is None:
            return Page([], None)
        where, params = conditions
        if f.sort == SORT_NAME:
            rows = self._people_by_name(where, params, after, limit)
        elif f.search.strip() or (where and self._count_where(where, params) <= FEW_PEOPLE):
            rows = self._people_by_activity_of_few(where, params, after, limit)
        else:
            rows = self._people_by_activity(f, where, params, after, limit)
        more = len(rows) > limit
        people = [PersonRow(r[0], r[1], r[2] or "", tuple(json.loads(r[3] or "[]")), r[4], r[5], bool(r[6]))
                  for r in rows[:limit]]
        if not more or not people:
            return Page(people, None)
        last = people[-1]
        key = (last.name, last.id) if f.sort == SORT_NAME else (last.last_activity or "", last.id)
        return Page(people, key)

    def _people_by_name(self, where: list[str], params: list, after: tuple | None, limit: int) -> list:
        if after is not None:
            where = [*where, "(p.display_name COLLATE people > ? OR (p.display_name COLLATE people = ? AND p.id > ?))"]
            params = [*params, after[0], after[0], after[1]]
        # The language's order (connector_app/text/collation.py) has no index, since it changes with the
        # language: sort ids and names alone, then work out the display columns for the page's rows only.
        return self._conn.execute(
            f"SELECT {_PERSON_COLUMNS}, {_LAST_ACTIVITY}, {_READY} FROM (SELECT p.id FROM person p "
            f"{self._where(where)} ORDER BY p.display_name COLLATE people, p.id LIMIT ?) page "
            "JOIN person p ON p.id = page.id ORDER BY p.display_name COLLATE people, p.id",
            (*params, limit + 1)).fetchall()

    def _people_by_activity_of_few(self, where: list[str], params: list, after: tuple | None, limit: int) -> list:
        """Newest activity first for a searched, so small, set: each one's last activity worked out, then ordered."""
        outer, outer_params = "", []
        if after is not None:
            outer, outer_params = "WHERE (coalesce(last_at, ''), id) < (?, ?)", [after[0], after[1]]
        return self._conn.execute(
            f"SELECT * FROM (SELECT {_PERSON_COLUMNS}, {_LAST_ACTIVITY} AS last_at, {_READY} "
            f"FROM person p {self._where(where)}) {outer} ORDER BY coalesce(last_at, '') DESC, id DESC LIMIT ?",
            (*params, *outer_params, limit + 1)).fetchall()

    def _people_by_activity(self, f: PeopleFilter, where: list[str], params: list, after: tuple | None,
                            limit: int) -> list:
        """Newest activity first, people never met last, as an index walk (not a sort of everyone).

        Conversations are read newest first along their time index; a person's row is
        the conversation that is their newest, so each person comes once, in order, and
        a page reads about as many conversations as it shows people. Then those never
        met, by id. The key is (last activity or "", id), as for the small-set order.
        """
        rows: list = []
        if after is None or after[0] != "":
            walk, walk_params = list(where), list(params)
            if f.no_activity_since is not None:  # lets the walk start at that day, not at today
                walk.append("c.occurred_at < ?")
                walk_params.append(f.no_activity_since.isoformat())
            if after is not None:
                walk.append("c.occurred_at <= ? AND (c.occurred_at < ? OR p.id < ?)")
                walk_params.extend((after[0], after[0], after[1]))
            rows = self._conn.execute(
                f"SELECT {_PERSON_COLUMNS}, c.occurred_at, {_READY} "
                "FROM conversation c INDEXED BY conversation_when_key "
                "CROSS JOIN conversation_person cp ON cp.conversation_id = c.id "
                "CROSS JOIN person p ON p.id = cp.person_id "
                "WHERE NOT EXISTS (SELECT 1 FROM conversation_person later_cp CROSS JOIN conversation later "
                "  ON later.id = later_cp.conversation_id WHERE later_cp.person_id = cp.person_id "
                "  AND (later.occurred_at > c.occurred_at OR (later.occurred_at = c.occurred_at AND later.id > c.id))) "
                f"{''.join(' AND ' + w for w in walk)} ORDER BY c.occurred_at DESC, p.id DESC LIMIT ?",
                (*walk_params, limit + 1)).fetchall()
        if len(rows) <= limit:
            never = [*where, "NOT EXISTS (SELECT 1 FROM conversation_person met WHERE met.person_id = p.id)"]
            never_params = list(params)
            if after is not None and after[0] == "":
                never.append("p.id < ?")
                never_params.append(after[1])
            rows += self._conn.execute(
                f"SELECT {_PERSON_COLUMNS}, NULL, {_READY} FROM person p {self._where(never)} "
                "ORDER BY p.id DESC LIMIT ?", (*never_params, limit + 1 - len(rows))).fetchall()
        return rows

    def count_people(self, f: PeopleFilter = PeopleFilter()) -> int:
        conditions = self._people_where(f)
        return 0 if conditions is None else self._count_where(*conditions)

    def _count_where(self, where: list[str], params: list) -> int:
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

    def conversations_page(self, f: ConversationFilter = ConversationFilter(), *, after: tuple | None = None,
                           limit: int = PAGE_SIZE) -> Page[ConversationRow]:
        """Newest first."""
        where, params = _conversation_conditions(f)
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
        where, params = _conversation_conditions(f)
        return self._conn.execute(f"SELECT count(*) FROM conversation c {self._where(where)}", params).fetchone()[0]

    # what is due -------------------------------------------------------------------------

    def due_page(self, f: DueFilter, *, after: tuple | None = None, limit: int = PAGE_SIZE) -> Page[DueRow]:
        """Oldest due first (the most overdue at the top)."""
        params = {**_due_params(f), "limit": limit + 1, "k_due": None, "k_type": None, "k_id": None}
        if after is not None:
            params.update(k_due=after[0], k_type=after[1], k_id=after[2])
        rows = self._conn.execute(
            f"SELECT * FROM ({_DUE}) WHERE :k_due IS NULL OR (due, type_name, id) > (:k_due, :k_type, :k_id) "
            "ORDER BY due, type_name, id LIMIT :limit", params).fetchall()
        due = [DueRow(*r) for r in rows[:limit]]
        if len(rows) <= limit or not due:
            return Page(due, None)
        return Page(due, (due[-1].due_on, due[-1].type_name, due[-1].id))

    def count_due(self, f: DueFilter) -> tuple[int, int, int]:
        """(follow-ups due, reviews due, small steps open on those reviews)."""
        row = self._conn.execute(
            "SELECT coalesce(sum(type_name = 'follow_up'), 0), coalesce(sum(type_name = 'what_matters'), 0), "
            f"coalesce(sum(steps), 0) FROM ({_DUE})", _due_params(f)).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def person_name(self, person_id: str) -> str | None:
        row = self._conn.execute("SELECT display_name FROM person WHERE id = ?", (person_id,)).fetchone()
        return None if row is None else row[0]

    def person_of(self, type_name: str, record_id: str) -> str | None:
        """The person a record is about (a person is their own), or None: where "open this" leads."""
        from connector_app.domain.records import BY_NAME
        column = getattr(BY_NAME.get(type_name), "person_field", None)
        if column == "id":
            return record_id
        if column == "person_ids":  # several people: the first by name
            row = self._conn.execute(
                "SELECT cp.person_id FROM conversation_person cp JOIN person p ON p.id = cp.person_id "
                "WHERE cp.conversation_id = ? ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT 1",
                (record_id,)).fetchone()
        elif column:
            row = self._conn.execute(f"SELECT {column} FROM {type_name} WHERE id = ?", (record_id,)).fetchone()
        else:
            row = None
        return None if row is None else row[0]

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
