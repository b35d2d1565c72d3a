"""Drafts: what was typed into a form not yet saved, kept so nothing typed is lost silently.

A draft is written inside the encrypted database (table ``draft``, schemas 7
and 9), never to settings or temp files, so a lock or a crash leaves it safe on
disk and the app offers it back on the next unlock, to the staff member who
typed it (laptops are shared: one connector's half-typed notes are not shown to
the next). A draft is kept ``KEEP_DAYS`` after it was last written; older ones
are deleted when drafts are next looked for.

Drafts are not records: they have no change log entry, no ``record_state``
row and no search document, so sync never sends them and the content digest
never sees them. They are erased with the people they are about
(``erase_for_person``, called by the erasure rules in store/erasure.py, for a
local erasure and for one arriving by sync alike).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from connector_app.ids import new_id
from connector_app.store.audit import utc_now

KEEP_DAYS = 14   # long enough for a fortnight's leave, short enough that nobody's notes linger
ANYONE = object()  # drafts(staff_id=ANYONE): every staff member's


@dataclass(frozen=True)
class Draft:
    id: str
    kind: str                    # which form: "conversation", "record", ...
    person_ids: tuple[str, ...]  # the people it is about, for erasure
    body: dict                   # the form's own state, as plain data
    saved_at: str                # UTC, ISO
    staff_id: str | None = None  # who typed it (None: no staff member was chosen)

    @property
    def keep_until(self) -> date:
        """The last day it is kept (the app deletes it after that)."""
        return (_parse(self.saved_at) + timedelta(days=KEEP_DAYS)).date()

    def __repr__(self) -> str:  # never the typed text, should one reach a log
        return f"<Draft {self.kind} {self.id}>"


def _parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def save_draft(store, kind: str, body: dict, *, person_ids=(), staff_id: str | None = None,
               draft_id: str | None = None) -> str:
    """Write (or overwrite) one draft; returns its id."""
    draft_id = draft_id or new_id()
    with store.atomic():
        store.connection.execute(
            "INSERT OR REPLACE INTO draft (id, kind, person_ids, body, saved_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)",
            (draft_id, kind, json.dumps(sorted(set(person_ids))), json.dumps(body, ensure_ascii=False), utc_now(),
             staff_id))
    return draft_id


def drafts(store, kind: str | None = None, *, staff_id=ANYONE) -> list[Draft]:
    """The drafts kept here (of one staff member's, if given; None is "no one chosen"), newest first."""
    anyone = staff_id is ANYONE
    rows = store.connection.execute(
        "SELECT id, kind, person_ids, body, saved_at, staff_id FROM draft "
        "WHERE (? IS NULL OR kind = ?) AND (? OR staff_id IS ?) ORDER BY saved_at DESC, id DESC",
        (kind, kind, anyone, None if anyone else staff_id)).fetchall()
    return [Draft(r[0], r[1], tuple(json.loads(r[2])), json.loads(r[3]), r[4], r[5]) for r in rows]


def discard_draft(store, draft_id: str) -> None:
    with store.atomic():
        store.connection.execute("DELETE FROM draft WHERE id = ?", (draft_id,))


def discard_expired(store, *, now: datetime | None = None) -> int:
    """Delete every draft last written more than ``KEEP_DAYS`` ago; returns how many."""
    cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=KEEP_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with store.atomic():
        return store.connection.execute("DELETE FROM draft WHERE saved_at < ?", (cutoff,)).rowcount


def offered_drafts(store, staff_id: str | None, *, now: datetime | None = None) -> list[Draft]:
    """After unlocking: the expired drafts deleted, then this staff member's drafts, newest first."""
    discard_expired(store, now=now)
    return drafts(store, staff_id=staff_id)


def erase_for_person(conn, person_id: str) -> int:
    """Delete every draft about this person (inside the erasure's transaction); returns how many."""
    return conn.execute("DELETE FROM draft WHERE EXISTS (SELECT 1 FROM json_each(draft.person_ids) "
                        "WHERE value = ?)", (person_id,)).rowcount
