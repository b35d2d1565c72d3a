"""Forward-only schema migrations, one named function per version.

Each runs in one transaction together with the new ``user_version``, so a
migration is applied whole or not at all. The SQL is frozen: once a version has
shipped, its function never changes; new needs get a new version. Tests build a
database at every earlier version and upgrade it (tests/store/test_migrations.py).
"""

from __future__ import annotations

from typing import Callable

MIGRATIONS: list[tuple[int, str, Callable]] = []


def migration(version: int, name: str):
    def register(func: Callable) -> Callable:
        assert version == len(MIGRATIONS) + 1, "migrations must be numbered in order"
        MIGRATIONS.append((version, name, func))
        return func
    return register


def latest_version() -> int:
    return MIGRATIONS[-1][0]


_FK = "DEFERRABLE INITIALLY DEFERRED"


@migration(1, "records, change log, tombstones, audit")
def _initial(conn) -> None:
    conn.executescript(f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

    -- Devices that have written changes; rows in the change log name them by number.
    CREATE TABLE device (no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);

    -- Every write, for history and sync: per-field last-writer-wins by (hlc, device id).
    -- op 'create' carries all fields as a JSON object in value (field '*');
    -- op 'set' carries one field; 'delete' and 'erase' are tombstones (field '*').
    -- An erasure sets value to NULL in every row of the record.
    CREATE TABLE change (
        seq INTEGER PRIMARY KEY,
        hlc INTEGER NOT NULL,
        device_no INTEGER NOT NULL REFERENCES device(no),
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'set', 'delete', 'erase')),
        field TEXT NOT NULL,
        value TEXT
    );
    CREATE UNIQUE INDEX change_origin ON change (device_no, hlc, record_id, field);
    CREATE INDEX change_record ON change (record_id, field, hlc);

    CREATE TABLE tombstone (
        record_id TEXT PRIMARY KEY NOT NULL,
        record_type TEXT NOT NULL,
        hlc INTEGER NOT NULL,
        device_no INTEGER NOT NULL REFERENCES device(no),
        erased INTEGER NOT NULL DEFAULT 0
    );

    -- What was done, by whom and to which record; never record text.
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        device_no INTEGER NOT NULL REFERENCES device(no),
        actor_id TEXT,
        action TEXT NOT NULL,
        record_type TEXT,
        record_id TEXT,
        count INTEGER
    );
    CREATE INDEX audit_record ON audit (record_id);

    CREATE TABLE staff (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        changed_hlc INTEGER NOT NULL
    );
    CREATE TABLE venue (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        kind TEXT,
        address TEXT,
        accessibility TEXT,
        changed_hlc INTEGER NOT NULL
    );
    CREATE TABLE person (
        id TEXT PRIMARY KEY NOT NULL,
        display_name TEXT NOT NULL,
        is_pseudonym INTEGER NOT NULL DEFAULT 0,
        languages TEXT NOT NULL DEFAULT '[]',
        contact_preference TEXT,
        contact_details TEXT,
        area TEXT,
        consent_scope TEXT NOT NULL,
        consent_on TEXT NOT NULL,
        about TEXT,
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX person_name ON person (display_name COLLATE NOCASE);
    CREATE TABLE asset (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        offer TEXT,
        venue_id TEXT REFERENCES venue(id) {_FK},
        place TEXT,
        times TEXT,
        contact TEXT,
        languages TEXT NOT NULL DEFAULT '[]',
        accessibility TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX asset_venue ON asset (venue_id);
    CREATE TABLE conversation (
        id TEXT PRIMARY KEY NOT NULL,
        occurred_at TEXT NOT NULL,
        duration_minutes INTEGER,
        venue_id TEXT REFERENCES venue(id) {_FK},
        mode TEXT NOT NULL,
        person_ids TEXT NOT NULL DEFAULT '[]',
        anonymous_count INTEGER NOT NULL DEFAULT 0,
        staff_id TEXT REFERENCES staff(id) {_FK},
        notes TEXT,
        features TEXT NOT NULL DEFAULT '[]',
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX conversation_when ON conversation (occurred_at);
    CREATE INDEX conversation_staff ON conversation (staff_id, occurred_at);
    CREATE INDEX conversation_venue ON conversation (venue_id);
    -- Kept in step with conversation.person_ids so "conversations with X" is an index seek.
    CREATE TABLE conversation_person (
        conversation_id TEXT NOT NULL REFERENCES conversation(id) {_FK},
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        PRIMARY KEY (person_id, conversation_id)
    ) WITHOUT ROWID;
    CREATE INDEX conversation_person_conversation ON conversation_person (conversation_id);
    CREATE TABLE follow_up (
        id TEXT PRIMARY KEY NOT NULL,
        conversation_id TEXT REFERENCES conversation(id) {_FK},
        person_id TEXT REFERENCES person(id) {_FK},
        action TEXT NOT NULL,
        due_on TEXT,
        state TEXT NOT NULL,
        staff_id TEXT REFERENCES staff(id) {_FK},
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX follow_up_person ON follow_up (person_id);
    CREATE INDEX follow_up_conversation ON follow_up (conversation_id);
    CREATE INDEX follow_up_due ON follow_up (state, due_on);
    CREATE INDEX follow_up_staff ON follow_up (staff_id);
    CREATE TABLE what_matters (
        id TEXT PRIMARY KEY NOT NULL,
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        recorded_on TEXT NOT NULL,
        own_words TEXT NOT NULL,
        themes TEXT NOT NULL DEFAULT '[]',
        review_on TEXT,
        staff_id TEXT REFERENCES staff(id) {_FK},
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX what_matters_person ON what_matters (person_id, recorded_on);
    CREATE INDEX what_matters_staff ON what_matters (staff_id);
    CREATE TABLE small_step (
        id TEXT PRIMARY KEY NOT NULL,
        what_matters_id TEXT NOT NULL REFERENCES what_matters(id) {_FK},
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        description TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        set_on TEXT,
        done_on TEXT,
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX small_step_note ON small_step (what_matters_id, position);
    CREATE INDEX small_step_person ON small_step (person_id);
    CREATE TABLE connecting_time (
        id TEXT PRIMARY KEY NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff(id) {_FK},
        on_date TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        venue_id TEXT REFERENCES venue(id) {_FK},
        with_whom TEXT,
        heard TEXT,
        will_do TEXT,
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX connecting_time_staff ON connecting_time (staff_id, on_date);
    CREATE INDEX connecting_time_date ON connecting_time (on_date);
    CREATE INDEX connecting_time_venue ON connecting_time (venue_id);
    CREATE TABLE strength (
        id TEXT PRIMARY KEY NOT NULL,
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        spotted_by TEXT REFERENCES staff(id) {_FK},
        spotted_on TEXT NOT NULL,
        readiness TEXT NOT NULL,
        next_steps TEXT NOT NULL DEFAULT '[]',
        next_step_note TEXT,
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX strength_person ON strength (person_id);
    CREATE INDEX strength_staff ON strength (spotted_by);
    CREATE TABLE checkin (
        id TEXT PRIMARY KEY NOT NULL,
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        on_date TEXT NOT NULL,
        contact INTEGER NOT NULL,
        confidence INTEGER NOT NULL,
        control INTEGER NOT NULL,
        in_their_words TEXT,
        ons_satisfied INTEGER,
        ons_worthwhile INTEGER,
        ons_happy INTEGER,
        ons_anxious INTEGER,
        ons_lonely TEXT,
        staff_id TEXT REFERENCES staff(id) {_FK},
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX checkin_person ON checkin (person_id, on_date);
    CREATE INDEX checkin_date ON checkin (on_date);
    CREATE INDEX checkin_staff ON checkin (staff_id);
    CREATE TABLE connection (
        id TEXT PRIMARY KEY NOT NULL,
        person_id TEXT NOT NULL REFERENCES person(id) {_FK},
        asset_id TEXT NOT NULL REFERENCES asset(id) {_FK},
        made_on TEXT NOT NULL,
        conversation_id TEXT REFERENCES conversation(id) {_FK},
        outcome TEXT NOT NULL,
        notes TEXT,
        staff_id TEXT REFERENCES staff(id) {_FK},
        changed_hlc INTEGER NOT NULL
    );
    CREATE INDEX connection_person ON connection (person_id);
    CREATE INDEX connection_asset ON connection (asset_id);
    CREATE INDEX connection_date ON connection (made_on);
    CREATE INDEX connection_conversation ON connection (conversation_id);
    CREATE INDEX connection_staff ON connection (staff_id);
    """)


# Which text goes into the search index, per record type: (title columns, body columns).
# Frozen with migration 2; repositories read the same from the field declarations,
# and a test checks the two agree.
_SEARCH_V2 = {
    "staff": (["name"], []),
    "venue": (["name"], ["address", "accessibility"]),
    "person": (["display_name"], ["area", "about"]),
    "asset": (["name"], ["offer", "place", "accessibility"]),
    "conversation": ([], ["notes"]),
    "follow_up": ([], ["action"]),
    "what_matters": ([], ["own_words"]),
    "small_step": ([], ["description"]),
    "connecting_time": ([], ["with_whom", "heard", "will_do"]),
    "strength": ([], ["description", "next_step_note"]),
    "checkin": ([], ["in_their_words"]),
    "connection": ([], ["notes"]),
}


def _joined(columns: list[str]) -> str:
    if not columns:
        return "''"
    return " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)


# Combining marks that belong inside a word in Bengali and Arabic-script languages;
# unicode61 would otherwise split "সেলাই" into pieces. Arabic short vowels (tashkeel)
# are not here: they are folded away before indexing (search.fold), so a word
# matches with or without them.
_WORD_MARKS = "".join(chr(c) for low, high in (
    (0x0610, 0x061A), (0x06D6, 0x06DC), (0x06DF, 0x06E4), (0x06E7, 0x06E8), (0x06EA, 0x06ED),
    (0x08CA, 0x08E1), (0x08E3, 0x08FF), (0x0981, 0x0983), (0x09BC, 0x09BC), (0x09BE, 0x09C4),
    (0x09C7, 0x09C8), (0x09CB, 0x09CD), (0x09D7, 0x09D7), (0x09E2, 0x09E3), (0x09FE, 0x09FE),
) for c in range(low, high + 1))


@migration(2, "full-text search across notes, names, strengths and assets")
def _search(conn) -> None:
    from connector_app.store.search import fold
    conn.create_function("search_fold", 1, fold, deterministic=True)
    conn.executescript(f"""
    -- One row per searchable record; its rowid is the FTS rowid.
    CREATE TABLE search_doc (
        doc INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        record_type TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE search_fts USING fts5 (
        title, body, tokenize = "unicode61 remove_diacritics 2 tokenchars '{_WORD_MARKS}'"
    );
    -- Deleted text leaves the index at once, not at the next merge (erasure).
    INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);
    """)
    for record_type, (title, body) in _SEARCH_V2.items():
        conn.execute(
            f"INSERT INTO search_doc (record_id, record_type) SELECT id, ? FROM {record_type} ORDER BY id",
            (record_type,),
        )
        conn.execute(
            f"INSERT INTO search_fts (rowid, title, body) "
            f"SELECT d.doc, search_fold({_joined(title)}), search_fold({_joined(body)}) FROM {record_type} r "
            f"JOIN search_doc d ON d.record_id = r.id"
        )


@migration(3, "dates of readiness moves and connection outcomes")
def _event_dates(conn) -> None:
    # Reports count what happened in a month: a strength moved to "ready" in March
    # counts in March, whenever it was typed. Existing rows take their first date.
    conn.executescript("""
    ALTER TABLE strength ADD COLUMN readiness_on TEXT;
    UPDATE strength SET readiness_on = spotted_on;
    CREATE INDEX strength_readiness ON strength (readiness, readiness_on);
    ALTER TABLE connection ADD COLUMN outcome_on TEXT;
    UPDATE connection SET outcome_on = made_on;
    CREATE INDEX connection_outcome ON connection (outcome, outcome_on);
    """)


# Schema 4 lives in its own module (it is long); importing it registers it.
from connector_app.store import migration_v4  # noqa: E402,F401
from connector_app.store import migration_v5  # noqa: E402,F401
from connector_app.store import migration_v6  # noqa: E402,F401
from connector_app.store import migration_v7  # noqa: E402,F401
from connector_app.store import migration_v8  # noqa: E402,F401
from connector_app.store import migration_v9  # noqa: E402,F401
from connector_app.store import migration_v10  # noqa: E402,F401
