"""Reads for the activity screens: protected connecting time, strengths, community assets and venues.

    activity = ActivityQueries(reader.connection)     # the lists' read-only connection
    activity.staff_month(date(2026, 3, 1))            # each staff member's minutes against the target
    page = activity.strengths_page(StrengthFilter(readiness="ready"), limit=50)

Like queries.py: ordering, filtering and sums happen in SQL, pages continue
"after this key" (each order ends in the record id), and a display row comes
whole from one query. Records that point at something not arrived yet (sync
delivers in any order) still list, through outer joins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from connector_app.store.month_figures import StaffTime, add_months, connecting_time_by_staff, month_start
from connector_app.store.queries import PAGE_SIZE, Page
from connector_app.store.search import build_query

# Ids of records of one type whose indexed text matches (every word a prefix, folded, any script).
_MATCHING = ("SELECT d.record_id FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
             "WHERE search_fts MATCH ? AND d.record_type = ?")


@dataclass(frozen=True)
class SessionRow:
    id: str
    on_date: str
    staff_name: str | None
    minutes: int
    venue_name: str | None
    with_whom: str | None


@dataclass(frozen=True)
class StrengthFilter:
    search: str = ""            # words of the person's name
    kind: str | None = None
    readiness: str | None = None
    next_step: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class StrengthRow:
    id: str
    person_id: str
    person_name: str
    kind: str
    description: str
    readiness: str
    readiness_on: str | None
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class AssetFilter:
    search: str = ""            # words of the name or where it is
    kind: str | None = None
    language: str | None = None
    running_only: bool = True


@dataclass(frozen=True)
class AssetRow:
    id: str
    name: str
    kind: str
    where: str                  # its venue's name, else the place typed
    times: str
    languages: tuple[str, ...]
    accessibility: str
    active: bool
    connections: int
    offer: str = ""
    contact: str = ""


@dataclass(frozen=True)
class VenueRow:
    id: str
    name: str
    kind: str | None
    address: str
    accessibility: str


@dataclass(frozen=True)
class ConnectionRow:
    id: str
    person_id: str
    person_name: str
    asset_id: str
    asset_name: str
    made_on: str
    outcome: str
    outcome_on: str | None


def _page(rows: list, limit: int, key) -> Page:
    if len(rows) <= limit:
        return Page(rows, None)
    rows = rows[:limit]
    return Page(rows, key(rows[-1]))


def _where(conditions: list[str]) -> str:
    return ("WHERE " + " AND ".join(conditions)) if conditions else ""


class ActivityQueries:
    def __init__(self, conn):
        self._conn = conn

    # protected connecting time -------------------------------------------------------

    def staff_month(self, month: date) -> tuple[StaffTime, ...]:
        """Minutes and sessions per staff member in the month of ``month``, by name."""
        return connecting_time_by_staff(self._conn, month)

    def sessions_page(self, month: date, staff_id: str | None = None, *, after: tuple | None = None,
                      limit: int = PAGE_SIZE) -> Page[SessionRow]:
        """The sessions logged in a month, newest first."""
        start = month_start(month)
        where = ["t.on_date >= ?", "t.on_date < ?"]
        params: list = [start.isoformat(), add_months(start, 1).isoformat()]
        if staff_id:
            where.append("t.staff_id = ?")
            params.append(staff_id)
        if after is not None:
            where.append("(t.on_date < ? OR (t.on_date = ? AND t.id < ?))")
            params.extend((after[0], after[0], after[1]))
        rows = self._conn.execute(
            "SELECT t.id, t.on_date, s.name, t.minutes, v.name, t.with_whom FROM connecting_time t "
            "LEFT JOIN staff s ON s.id = t.staff_id LEFT JOIN venue v ON v.id = t.venue_id "
            f"{_where(where)} ORDER BY t.on_date DESC, t.id DESC LIMIT ?", (*params, limit + 1)).fetchall()
        return _page([SessionRow(*r) for r in rows], limit, lambda r: (r.on_date, r.id))

    # strengths -------------------------------------------------------------------------

    def _strength_where(self, f: StrengthFilter) -> tuple[list[str], list] | None:
        where: list[str] = []
        params: list = []
        if f.search.strip():
            query = build_query(f.search)
            if query is None:
                return None
            where.append(f"s.person_id IN ({_MATCHING})")
            params.extend(("title : (" + query + ")", "person"))
        for column, value in (("s.kind", f.kind), ("s.readiness", f.readiness), ("s.person_id", f.person_id)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if f.next_step:
            where.append("EXISTS (SELECT 1 FROM json_each(s.next_steps) WHERE value = ?)")
            params.append(f.next_step)
        return where, params

    def strengths_page(self, f: StrengthFilter = StrengthFilter(), *, after: tuple | None = None,
                       limit: int = PAGE_SIZE) -> Page[StrengthRow]:
        """Everyone's strengths, by the person's name."""
        conditions = self._strength_where(f)
        if conditions is None:
            return Page([], None)
        where, params = conditions
        name = "coalesce(p.display_name, '')"
        if after is not None:
            where.append(f"({name} COLLATE NOCASE > ? OR ({name} COLLATE NOCASE = ? AND s.id > ?))")
            params.extend((after[0], after[0], after[1]))
        rows = self._conn.execute(
            f"SELECT s.id, s.person_id, {name}, s.kind, s.description, s.readiness, s.readiness_on, s.next_steps "
            f"FROM strength s LEFT JOIN person p ON p.id = s.person_id {_where(where)} "
            f"ORDER BY {name} COLLATE NOCASE, s.id LIMIT ?", (*params, limit + 1)).fetchall()
        strengths = [StrengthRow(*r[:7], tuple(json.loads(r[7] or "[]"))) for r in rows]
        return _page(strengths, limit, lambda r: (r.person_name, r.id))

    def count_strengths(self, f: StrengthFilter = StrengthFilter()) -> int:
        conditions = self._strength_where(f)
        if conditions is None:
            return 0
        where, params = conditions
        return self._conn.execute(f"SELECT count(*) FROM strength s {_where(where)}", params).fetchone()[0]

    # community assets and venues --------------------------------------------------------

    def _asset_where(self, f: AssetFilter) -> tuple[list[str], list] | None:
        where: list[str] = []
        params: list = []
        if f.search.strip():
            query = build_query(f.search)
            if query is None:
                return None
            where.append(f"a.id IN ({_MATCHING})")
            params.extend((query, "asset"))
        if f.kind:
            where.append("a.kind = ?")
            params.append(f.kind)
        if f.language:
            where.append("EXISTS (SELECT 1 FROM json_each(a.languages) WHERE value = ?)")
            params.append(f.language)
        if f.running_only:
            where.append("a.active = 1")
        return where, params

    def assets_page(self, f: AssetFilter = AssetFilter(), *, after: tuple | None = None,
                    limit: int = PAGE_SIZE) -> Page[AssetRow]:
        """The directory of community assets, by name, with their venue and how many people were connected."""
        conditions = self._asset_where(f)
        if conditions is None:
            return Page([], None)
        where, params = conditions
        if after is not None:
            where.append("(a.name COLLATE NOCASE > ? OR (a.name COLLATE NOCASE = ? AND a.id > ?))")
            params.extend((after[0], after[0], after[1]))
        rows = self._conn.execute(
            "SELECT a.id, a.name, a.kind, coalesce(v.name, a.place, ''), coalesce(a.times, ''), a.languages, "
            "coalesce(a.accessibility, v.accessibility, ''), a.active, "
            "(SELECT count(*) FROM connection k WHERE k.asset_id = a.id), coalesce(a.offer, ''), "
            "coalesce(a.contact, '') "
            f"FROM asset a LEFT JOIN venue v ON v.id = a.venue_id {_where(where)} "
            "ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?", (*params, limit + 1)).fetchall()
        assets = [AssetRow(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5] or "[]")), r[6], bool(r[7]), r[8],
                           r[9], r[10]) for r in rows]
        return _page(assets, limit, lambda r: (r.name, r.id))

    def count_assets(self, f: AssetFilter = AssetFilter()) -> int:
        conditions = self._asset_where(f)
        if conditions is None:
            return 0
        where, params = conditions
        return self._conn.execute(f"SELECT count(*) FROM asset a {_where(where)}", params).fetchone()[0]

    def assets_named(self, text: str, *, limit: int = 12) -> list[AssetRow]:
        """Type-ahead: running assets whose name or place has every typed word as a prefix."""
        return self.assets_page(AssetFilter(search=text), limit=limit).rows

    def name_of(self, record_type: str, record_id: str) -> str | None:
        """A person's or an asset's name (what a dialog about it shows), None if it is not here."""
        table, column = {"person": ("person", "display_name"), "asset": ("asset", "name")}[record_type]
        row = self._conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else row[0]

    def asset_languages(self) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT j.value FROM (SELECT DISTINCT languages FROM asset) a, json_each(a.languages) j "
            "ORDER BY j.value")]

    def venues_page(self, search: str = "", *, after: tuple | None = None,
                    limit: int = PAGE_SIZE) -> Page[VenueRow]:
        where: list[str] = []
        params: list = []
        if search.strip():
            query = build_query(search)
            if query is None:
                return Page([], None)
            where.append(f"v.id IN ({_MATCHING})")
            params.extend((query, "venue"))
        if after is not None:
            where.append("(v.name COLLATE NOCASE > ? OR (v.name COLLATE NOCASE = ? AND v.id > ?))")
            params.extend((after[0], after[0], after[1]))
        rows = self._conn.execute(
            "SELECT v.id, v.name, v.kind, coalesce(v.address, ''), coalesce(v.accessibility, '') FROM venue v "
            f"{_where(where)} ORDER BY v.name COLLATE NOCASE, v.id LIMIT ?", (*params, limit + 1)).fetchall()
        return _page([VenueRow(*r) for r in rows], limit, lambda r: (r.name, r.id))

    # connections -----------------------------------------------------------------------

    def connections_page(self, *, asset_id: str | None = None, person_id: str | None = None,
                         conversation_id: str | None = None, after: tuple | None = None,
                         limit: int = PAGE_SIZE) -> Page[ConnectionRow]:
        """Who was connected to an asset (or what a person was connected to, or in a conversation), newest first."""
        where: list[str] = []
        params: list = []
        for column, value in (("k.asset_id", asset_id), ("k.person_id", person_id),
                              ("k.conversation_id", conversation_id)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if after is not None:
            where.append("(k.made_on < ? OR (k.made_on = ? AND k.id < ?))")
            params.extend((after[0], after[0], after[1]))
        rows = self._conn.execute(
            "SELECT k.id, k.person_id, coalesce(p.display_name, ''), k.asset_id, coalesce(a.name, ''), k.made_on, "
            "k.outcome, k.outcome_on FROM connection k LEFT JOIN person p ON p.id = k.person_id "
            f"LEFT JOIN asset a ON a.id = k.asset_id {_where(where)} "
            "ORDER BY k.made_on DESC, k.id DESC LIMIT ?", (*params, limit + 1)).fetchall()
        return _page([ConnectionRow(*r) for r in rows], limit, lambda r: (r.made_on, r.id))
