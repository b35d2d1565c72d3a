"""Drafts: what was typed into a form not yet saved, kept so nothing typed is lost silently.

A draft is written inside the encrypted database (table ``draft``, schema 6),
never to settings or temp files, so a lock or a crash leaves it safe on disk
and the app offers it back on the next unlock.

Drafts are not records: they have no change log entry, no ``record_state``
row and no search document, so sync never sends them and the content digest
never sees them. They are erased with the people they are about
(``erase_for_person``, called by the erasure rules in store/erasure.py, for a
local erasure and for one arriving by sync alike).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from connector_app.ids import new_id
from connector_app.store.audit import utc_now


@dataclass(frozen=True)
class Draft:
    id: str
    kind: str                    # which form: "conversation", ...
    person_ids: tuple[str, ...]  # the people it is about, for erasure
    body: dict                   # the form's own to_dict()
    saved_at: str                # UTC, ISO

    def __repr__(self) -> str:  # never the typed text, should one reach a log
        return f"<Draft {self.kind} {self.id}>"


def save_draft(store, kind: str, body: dict, *, person_ids=(), draft_id: str | None = None) -> str:
    """Write (or overwrite) one draft; returns its id."""
    draft_id = draft_id or new_id()
    with store.atomic():
        store.connection.execute(
            "INSERT OR REPLACE INTO draft (id, kind, person_ids, body, saved_at) VALUES (?, ?, ?, ?, ?)",
            (draft_id, kind, json.dumps(sorted(set(person_ids))), json.dumps(body, ensure_ascii=False), utc_now()))
    return draft_id


def drafts(store, kind: str | None = None) -> list[Draft]:
    """The drafts kept here, newest first."""
    rows = store.connection.execute(
        "SELECT id, kind, person_ids, body, saved_at FROM draft WHERE ? IS NULL OR kind = ? "
        "ORDER BY saved_at DESC, id DESC", (kind, kind)).fetchall()
    return [Draft(r[0], r[1], tuple(json.loads(r[2])), json.loads(r[3]), r[4]) for r in rows]


def discard_draft(store, draft_id: str) -> None:
    with store.atomic():
        store.connection.execute("DELETE FROM draft WHERE id = ?", (draft_id,))


def erase_for_person(conn, person_id: str) -> int:
    """Delete every draft about this person (inside the erasure's transaction); returns how many."""
    return conn.execute("DELETE FROM draft WHERE EXISTS (SELECT 1 FROM json_each(draft.person_ids) "
                        "WHERE value = ?)", (person_id,)).rowcount
