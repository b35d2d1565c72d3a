"""Schema 10: a draft belongs to the staff member who typed it.

Hub laptops are shared: an unsaved form is offered back after unlocking only to
the staff member who was using the app when it was kept (store/drafts.py).
Drafts kept before this version belong to no one in particular (NULL) and are
offered to whoever unlocks a workspace with no staff chosen, until they expire.
"""

from __future__ import annotations

from connector_app.store.migrations import migration


@migration(10, "drafts belong to the staff member who typed them")
def _draft_staff(conn) -> None:
    # No index: a workspace holds a handful of drafts at most, read once per unlock.
    conn.execute("ALTER TABLE draft ADD COLUMN staff_id TEXT")
