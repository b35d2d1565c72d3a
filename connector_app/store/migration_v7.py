"""Schema 7: drafts of unsaved forms, and the retention review's "keep and note" on a person.

Drafts (store/drafts.py) live inside the encrypted database, so a form typed
when the app locked or crashed is never in clear on disk. They are not records:
no change log, no record_state, nothing for sync or the digest.

"Kept after a retention review" is two fields of the person record
(``kept_on``, ``kept_note``): the decision is about the person, so it syncs to
the team like any other field, shows in their history and subject-access copy,
and goes when they are erased.
"""

from __future__ import annotations

from connector_app.store.migrations import migration


@migration(7, "drafts of unsaved forms; retention review notes on people")
def _drafts_and_retention(conn) -> None:
    conn.executescript("""
    CREATE TABLE draft (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        person_ids TEXT NOT NULL DEFAULT '[]',
        body TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );
    ALTER TABLE person ADD COLUMN kept_on TEXT;
    ALTER TABLE person ADD COLUMN kept_note TEXT;
    CREATE INDEX conversation_id_when ON conversation (id, occurred_at);
    """)
