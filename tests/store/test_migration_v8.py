"""Schema 8 indexes every record again with today's folding, so words indexed before match what people type."""

from __future__ import annotations

import os

from connector_app.ids import new_id
from connector_app.store.database import connect, migrate
from connector_app.store.search import build_query
from connector_app.store.store import Store

PERSON_ID = "0190a000-0000-7000-8000-000000000001"


def _matches(conn, text: str) -> int:
    return conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (build_query(text),)).fetchone()[0]


def test_words_indexed_with_the_old_folding_are_found_after_the_upgrade(tmp_path):
    conn = connect(tmp_path / "v5.db", os.urandom(32), create=True)
    migrate(conn, target=5)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO person (id, display_name, consent_scope, consent_on, about, changed_hlc) "
                 "VALUES (?, 'Łucja Żółkiewska', 'share_team', '2025-05-01', 'Ma żółwia', 1)", (PERSON_ID,))
    doc = conn.execute("INSERT INTO search_doc (record_id, record_type) VALUES (?, 'person')", (PERSON_ID,)).lastrowid
    # As schema 5 indexed it: FTS5 itself drops ż's and ó's accents, never ł's stroke.
    conn.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, 'Łucja Żółkiewska', 'Ma żółwia')", (doc,))
    conn.execute("COMMIT")
    assert _matches(conn, "lucja zolkiewska") == 0

    assert migrate(conn, target=8) == [6, 7, 8]
    assert _matches(conn, "lucja zolkiewska") == 1
    migrate(conn)
    store = Store(conn, new_id())
    hit = store.search("zolwia")[0]
    assert hit.record_id == PERSON_ID
    assert "żółwia" in hit.snippet  # snippets come from the text as written
    conn.close()
