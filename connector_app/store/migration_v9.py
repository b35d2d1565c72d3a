"""Schema 9: which team each record belongs to, so records shared with one team never travel to another.

``sync_team`` numbers the teams this laptop has been in. ``record_team`` says which
of them a record belongs to (``0``: kept on this laptop, shared with no team). A
record with no row here was made or received during the current membership (or,
while the laptop is in no team, outside any team): it is claimed when the laptop
leaves or joins (connector_app/sync/membership.py). Existing workspaces start with
no claims: everything here is the current team's, as it was.
"""

from __future__ import annotations

from connector_app.store.migrations import migration


@migration(9, "records belong to the team they were made in")
def _record_team(conn) -> None:
    conn.executescript("""
    CREATE TABLE sync_team (no INTEGER PRIMARY KEY, team_id TEXT NOT NULL UNIQUE);
    CREATE TABLE record_team (
        record_id TEXT PRIMARY KEY NOT NULL,
        team_no INTEGER NOT NULL
    ) WITHOUT ROWID;
    """)
