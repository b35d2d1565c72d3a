"""Schema 4: the store made ready for two writers and for remote changes.

Frozen with schema 4 (docs/store-design.md explains the shape):
- record tables lose their database foreign keys (references are checked by the
  app on local writes; changes from other laptops arrive in any order);
- the change log gains a dense per-device sequence number (the origin key), the
  staff member who made each change and flags; a value the record's row already
  holds is not repeated in the log (NULL), only superseded values are kept;
- record_state holds each record's liveness and the winning version of each field;
- known_range says which sequence numbers of each device this workspace holds;
- clock holds the newest timestamp and sequence number, minted inside each write;
- the search index keeps tokens only (contentless); snippets come from the rows.
"""

from __future__ import annotations

import json
import re

from connector_app.store.migrations import _SEARCH_V2, _WORD_MARKS, _joined, migration

# Which list fields merge element by element (as sets) at schema 4; other lists
# (languages, an ordered preference) are last-writer-wins on the whole list.
SET_FIELDS_V4 = {
    "conversation": ("person_ids", "features"),
    "what_matters": ("themes",),
    "strength": ("next_steps",),
}
# Record tables in reference order (parents first), as at schema 3.
TABLES_V4 = ("staff", "venue", "person", "asset", "conversation", "conversation_person", "follow_up",
             "what_matters", "small_step", "connecting_time", "strength", "checkin", "connection")

_REFERENCES = re.compile(r"\s+REFERENCES\s+\w+\s*\(\w+\)(\s+DEFERRABLE\s+INITIALLY\s+DEFERRED)?", re.IGNORECASE)


def _rebuild_without_foreign_keys(conn, table: str) -> None:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    indexes = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,))]
    new_sql = _REFERENCES.sub("", sql).replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_v4", 1)
    conn.execute(new_sql)
    conn.execute(f"INSERT INTO {table}_v4 SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_v4 RENAME TO {table}")
    for index_sql in indexes:
        conn.execute(index_sql)


def _version_key(hlc, device_id):
    return (hlc, device_id or "")


def _convert_history(conn) -> None:
    """Per record with edits, deletes or erasure: field versions, list diffs, held values."""
    devices = dict(conn.execute("SELECT no, id FROM device"))
    list_sets = {(t, f) for t, fields in SET_FIELDS_V4.items() for f in fields}
    touched = [row[0] for row in conn.execute(
        "SELECT DISTINCT record_id FROM change WHERE op != 'create'")]
    for record_id in touched:
        entries = conn.execute(
            "SELECT seq, hlc, device_no, record_type, op, field, value FROM change "
            "WHERE record_id = ? ORDER BY hlc, seq", (record_id,)).fetchall()
        record_type = entries[0][3]
        ops = {e[4] for e in entries}
        create = next((e for e in entries if e[4] == "create"), None)
        last = entries[-1]
        state = "erased" if "erase" in ops else ("deleted" if last[4] == "delete" else "live")
        versions: dict = {}
        held_create: dict = {}
        current: dict = json.loads(create[6]) if create and create[6] else {}
        for seq, hlc, device_no, _rt, op, field, value in entries:
            if op != "set":
                continue
            new = json.loads(value) if value is not None else None
            if (record_type, field) in list_sets:
                old = current.get(field) or []
                diff = {"add": [x for x in new or [] if x not in old], "remove": [x for x in old if x not in (new or [])]}
                conn.execute("UPDATE change SET value = ? WHERE seq = ?",
                             (json.dumps(diff, ensure_ascii=False, sort_keys=True, separators=(",", ":")), seq))
                elements = versions.setdefault(field, {x: [create[1], create[2], 1] for x in old} if create else {})
                for x in diff["add"]:
                    elements[x] = [hlc, device_no, 1]
                for x in diff["remove"]:
                    elements[x] = [hlc, device_no, 0]
            else:
                versions[field] = [hlc, device_no]
            if field in current and field not in held_create:
                held_create[field] = current[field]
            current[field] = new
        if state == "erased" or create is None:
            conn.execute("INSERT INTO record_state (record_id, record_type, state, created_hlc, created_dev, "
                         "state_hlc, state_dev, versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (record_id, record_type, state, create and create[1], create and create[2],
                          last[1], last[2], None))
            continue
        if state == "live":
            # The row holds the winners: superseded values stay in the log, winners become NULL.
            latest_set = {}
            for seq, hlc, device_no, _rt, op, field, _value in entries:
                if op == "set" and (record_type, field) not in list_sets:
                    latest_set[field] = seq
            for field, seq in latest_set.items():
                conn.execute("UPDATE change SET value = NULL WHERE seq = ?", (seq,))
            conn.execute("UPDATE change SET value = ? WHERE seq = ?",
                         (json.dumps(held_create, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          if held_create else None, create[0]))
        state_entry = max(entries, key=lambda e: _version_key(e[1], devices.get(e[2])))
        conn.execute("INSERT INTO record_state (record_id, record_type, state, created_hlc, created_dev, "
                     "state_hlc, state_dev, versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (record_id, record_type, state, create[1], create[2], state_entry[1], state_entry[2],
                      json.dumps(versions, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                      if versions else None))


@migration(4, "sync-ready store: one clock, field versions, known ranges, values stored once")
def _sync_ready(conn) -> None:
    for table in TABLES_V4:
        _rebuild_without_foreign_keys(conn, table)

    conn.executescript("""
    CREATE TABLE change_v4 (
        seq INTEGER PRIMARY KEY,
        device_no INTEGER NOT NULL,
        dseq INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'set', 'delete', 'restore', 'erase', 'merge', 'redact')),
        field TEXT NOT NULL,
        value TEXT,
        actor TEXT,
        flags INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO change_v4 (seq, device_no, dseq, hlc, record_type, record_id, op, field, value)
        SELECT seq, device_no, row_number() OVER (PARTITION BY device_no ORDER BY hlc, seq),
               hlc, record_type, record_id, op, field, value FROM change;
    DROP TABLE change;
    ALTER TABLE change_v4 RENAME TO change;
    CREATE UNIQUE INDEX change_origin ON change (device_no, dseq);
    CREATE INDEX change_record ON change (record_id, field, hlc);

    CREATE TABLE record_state (
        record_id TEXT PRIMARY KEY NOT NULL,
        record_type TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('live', 'pending', 'deleted', 'erased', 'merged')),
        created_hlc INTEGER,
        created_dev INTEGER,
        state_hlc INTEGER,
        state_dev INTEGER,
        versions TEXT,
        merged_into TEXT
    ) WITHOUT ROWID;
    CREATE INDEX record_state_gone ON record_state (state) WHERE state != 'live';

    CREATE TABLE known_range (
        device_no INTEGER NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (device_no, first)
    ) WITHOUT ROWID;
    INSERT INTO known_range (device_no, first, last)
        SELECT device_no, 1, max(dseq) FROM change GROUP BY device_no;

    CREATE TABLE clock (
        device_no INTEGER PRIMARY KEY,
        hlc INTEGER NOT NULL,
        dseq INTEGER NOT NULL
    );
    INSERT INTO clock (device_no, hlc, dseq)
        SELECT d.no, coalesce((SELECT max(hlc) FROM change), 0),
               coalesce((SELECT max(dseq) FROM change WHERE device_no = d.no), 0)
        FROM device d JOIN meta m ON m.key = 'device_id' AND m.value = d.id;
    """)
    _convert_history(conn)
    # Records never edited: the create entry holds nothing the row does not.
    conn.execute("UPDATE change SET value = NULL WHERE op = 'create' "
                 "AND record_id NOT IN (SELECT record_id FROM record_state)")
    live = " UNION ALL ".join(f"SELECT id AS id, '{t}' AS t, changed_hlc AS changed_hlc FROM {t}" for t in _SEARCH_V2)
    conn.execute(
        "INSERT INTO record_state (record_id, record_type, state, created_hlc, created_dev, state_hlc, state_dev) "
        f"SELECT r.id, r.t, 'live', c.hlc, c.device_no, r.changed_hlc, c.device_no FROM ({live}) AS r "
        "LEFT JOIN change c ON c.record_id = r.id AND c.op = 'create' "
        "WHERE r.id NOT IN (SELECT record_id FROM record_state)")
    conn.execute("DROP TABLE tombstone")

    # Search: tokens only. The text lives once, in the rows; snippets are made from it.
    conn.executescript(f"""
    DROP TABLE search_fts;
    CREATE VIRTUAL TABLE search_fts USING fts5 (
        title, body, content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 2 tokenchars '{_WORD_MARKS}'"
    );
    INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);
    """)
    from connector_app.store.search import fold
    conn.create_function("search_fold_v4", 1, fold, deterministic=True)
    for record_type, (title, body) in _SEARCH_V2.items():
        conn.execute(
            f"INSERT INTO search_fts (rowid, title, body) "
            f"SELECT d.doc, search_fold_v4({_joined(title)}), search_fold_v4({_joined(body)}) FROM {record_type} r "
            f"JOIN search_doc d ON d.record_id = r.id")
