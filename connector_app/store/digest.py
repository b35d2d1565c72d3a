"""Content digest: one SHA-256 over every live record, in a canonical form.

Independent of row order, of which device wrote what and of the change history,
so two workspaces holding the same records print the same digest: the check
that backups, restores and (later) sync converge.
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
    return digest.hexdigest()
