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


def content_digest(store) -> str:
    digest = hashlib.sha256()
    for record_type, repo in store.repositories.items():
        for record in repo.iter_all():  # id order
            digest.update(encode([record_type, record.id, record.values()]).encode("utf-8"))
            digest.update(b"\n")
    for record_id, record_type, state, merged_into in store.connection.execute(
            "SELECT record_id, record_type, state, merged_into FROM record_state "
            "WHERE state IN ('deleted', 'erased', 'merged') ORDER BY record_id"):
        pointer = merged_into if state == "merged" else None  # an erased pair is erased, whichever went first
        digest.update(encode(["~", record_type, record_id, state, pointer]).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
