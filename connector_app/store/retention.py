"""Retention review: people with no activity for a while, so nothing is kept longer than needed.

A person is **inactive** when the newest of these dates is older than the
retention period (default 24 months): their consent, a conversation they took
part in, a what-matters note, a 3Cs check-in, a strength spotted or moved, a
connection made or its outcome, and the day they were last **kept** after a
review. Keeping someone (``keep``) records the day and a short reason on the
person (fields ``kept_on``/``kept_note``, schema 6: they sync, show in the
person's history and go when the person is erased), so they leave the list
until the period has passed again.

Pages are keyset pages, oldest activity first, computed in SQL (one query per
page, never a Python loop over everyone).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from connector_app.store.queries import PAGE_SIZE, Page

DEFAULT_MONTHS = 24

# Each source of activity: the newest ISO date (YYYY-MM-DD) it gives for person p, and
# the condition "it gives one on or after :cutoff" (an index seek that stops at the first).
_SOURCES = (
    ("substr((SELECT max(c.occurred_at) FROM conversation_person cp JOIN conversation c "
     "ON c.id = cp.conversation_id WHERE cp.person_id = p.id), 1, 10)",
     "EXISTS (SELECT 1 FROM conversation_person cp JOIN conversation c ON c.id = cp.conversation_id "
     "WHERE cp.person_id = p.id AND c.occurred_at >= :cutoff)"),
    ("(SELECT max(recorded_on) FROM what_matters WHERE person_id = p.id)",
     "EXISTS (SELECT 1 FROM what_matters WHERE person_id = p.id AND recorded_on >= :cutoff)"),
    ("(SELECT max(on_date) FROM checkin WHERE person_id = p.id)",
     "EXISTS (SELECT 1 FROM checkin WHERE person_id = p.id AND on_date >= :cutoff)"),
    ("(SELECT max(max(spotted_on, coalesce(readiness_on, ''))) FROM strength WHERE person_id = p.id)",
     "EXISTS (SELECT 1 FROM strength WHERE person_id = p.id AND (spotted_on >= :cutoff OR readiness_on >= :cutoff))"),
    ("(SELECT max(max(made_on, coalesce(outcome_on, ''))) FROM connection WHERE person_id = p.id)",
     "EXISTS (SELECT 1 FROM connection WHERE person_id = p.id AND (made_on >= :cutoff OR outcome_on >= :cutoff))"),
)
_LAST_ACTIVE = ("max(p.consent_on, coalesce(p.kept_on, ''), "
                + ", ".join(f"coalesce({newest}, '')" for newest, _recent in _SOURCES) + ")")
# The cheap conditions on the person's own row first; then each source, which stops at
# the first recent date. The newest date is worked out only for the people left.
_INACTIVE = ("p.consent_on < :cutoff AND coalesce(p.kept_on, '') < :cutoff AND "
             + " AND ".join(f"NOT {recent}" for _newest, recent in _SOURCES))


@dataclass(frozen=True)
class InactivePerson:
    id: str
    name: str
    area: str
    last_active: str            # ISO date of their newest activity (or consent)
    kept_on: str | None         # the last review that kept them, if any
    kept_note: str | None


def cutoff(today: date, months: int = DEFAULT_MONTHS) -> date:
    """The day ``months`` before ``today`` (the 31st becomes the month's last day)."""
    year, month0 = divmod(today.year * 12 + today.month - 1 - months, 12)
    month = month0 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def inactive_page(conn, before: date, *, after: tuple[str, str] | None = None,
                  limit: int = PAGE_SIZE) -> Page[InactivePerson]:
    """People whose newest activity is before ``before``, oldest first; continue with ``after=page.after``."""
    # MATERIALIZED: the newest date is computed once per person, not again for the order.
    sql = (f"WITH inactive AS MATERIALIZED (SELECT p.id, p.display_name, p.area, p.kept_on, p.kept_note, "
           f"{_LAST_ACTIVE} AS last_at FROM person p WHERE {_INACTIVE}) SELECT * FROM inactive")
    params = {"cutoff": before.isoformat(), "limit": limit + 1}
    if after is not None:
        sql += " WHERE (last_at, id) > (:at, :id)"
        params.update(at=after[0], id=after[1])
    rows = conn.execute(sql + " ORDER BY last_at, id LIMIT :limit", params).fetchall()
    people = [InactivePerson(r[0], r[1], r[2] or "", r[5], r[3], r[4]) for r in rows[:limit]]
    if len(rows) <= limit or not people:
        return Page(people, None)
    return Page(people, (people[-1].last_active, people[-1].id))


def count_inactive(conn, before: date) -> int:
    return conn.execute(f"SELECT count(*) FROM person p WHERE {_INACTIVE}", {"cutoff": before.isoformat()}).fetchone()[0]


def keep(store, person_id: str, note: str, on: date):
    """Record that a review kept this person, and why: they leave the list until the period passes again."""
    return store.people.update(person_id, kept_on=on.isoformat(), kept_note=note.strip() or None)
