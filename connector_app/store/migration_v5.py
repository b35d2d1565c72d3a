"""Schema 5: indexes for the lists' keyset pages (connector_app/store/queries.py).

A page continues "after (sort key, id)", so each list's order needs an index
that ends in the id: without it SQLite sorts every matching row for every page
(tests/store/test_queries_plans.py reads the plans). The older indexes these
replace were their prefixes, so nothing that used them gets slower.
"""

from __future__ import annotations

from connector_app.store.migrations import migration


@migration(5, "indexes for list pages")
def _list_indexes(conn) -> None:
    conn.executescript("""
    DROP INDEX IF EXISTS person_name;
    CREATE INDEX person_name_key ON person (display_name COLLATE NOCASE, id);
    DROP INDEX IF EXISTS conversation_when;
    CREATE INDEX conversation_when_key ON conversation (occurred_at, id);
    DROP INDEX IF EXISTS conversation_staff;
    CREATE INDEX conversation_staff_key ON conversation (staff_id, occurred_at, id);
    DROP INDEX IF EXISTS conversation_venue;
    CREATE INDEX conversation_venue_key ON conversation (venue_id, occurred_at, id);
    """)
