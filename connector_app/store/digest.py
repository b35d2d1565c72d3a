"""Content digest: one SHA-256 over every live record, in a canonical form.

Independent of row order, of which device wrote what and of the change history,
so two workspaces holding the same records print the same digest: the check
that backups, restores and sync converge. It also covers what is gone: every
deleted, erased or merged record's id and how it went (no timestamps, no
devices), so two laptops that disagree on delete versus erase differ.
"""

from __future__ import annotations

import hashlib

from connector_app.store.changelog import encode


def content_digest(store, *, shared=None, gone_shared=lambda record_id: True) -> str:
    """The digest of everything here, or with ``shared`` (a function from a record type and
    its values to the values as they travel, or None if they stay here) of what this
    laptop shares with its team: the figure two laptops of one team compare. There
    ``gone_shared(record id)`` says whether a record that is gone is the team's to count."""
    digest = hashlib.sha256()
    for record_type, repo in store.repositories.items():
        for record in repo.iter_all():  # id order
            values = record.values()
            if shared is not None:
                values = shared(record_type, record.id, values)
                if values is None:
                    continue
            digest.update(encode([record_type, record.id, values]).encode("utf-8"))
            digest.update(b"\n")
    # Deleted records of people who share nothing never reach the team: the shared figure
    # leaves deletions out (erasures and merges travel always, so they stay in).
    gone = "('erased', 'merged')" if shared is not None else "('deleted', 'erased', 'merged')"
    for record_id, record_type, state, merged_into in store.connection.execute(
            "SELECT record_id, record_type, state, merged_into FROM record_state "
            f"WHERE state IN {gone} ORDER BY record_id"):
        if shared is not None and not gone_shared(record_id):
            continue
        pointer = merged_into if state == "merged" else None  # an erased pair is erased, whichever went first
        digest.update(encode(["~", record_type, record_id, state, pointer]).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
