"""Schema 6: which printed talent-spotting sheet a strength or what-matters note was typed in from.

The sheet's ID (connector_app/reports/sheet_ids.py) is printed on the paper with
its QR code; keeping it on the records typed in from that paper lets a connector
find them from the sheet, and notice a sheet typed in twice. Most records have
none, so the indexes are partial.
"""

from __future__ import annotations

from connector_app.store.migrations import migration


@migration(6, "talent-spotting sheet IDs on strengths and what-matters notes")
def _sheet_ids(conn) -> None:
    conn.executescript("""
    ALTER TABLE strength ADD COLUMN sheet_id TEXT;
    CREATE INDEX strength_sheet ON strength (sheet_id) WHERE sheet_id IS NOT NULL;
    ALTER TABLE what_matters ADD COLUMN sheet_id TEXT;
    CREATE INDEX what_matters_sheet ON what_matters (sheet_id) WHERE sheet_id IS NOT NULL;
    """)
