"""Whole-workspace health check: every page's authentication, SQLite's own checks, links.

Reads every page, so it finds damage that opening the workspace cannot see.
"""

from __future__ import annotations

from connector_app.store.database import DatabaseError
from connector_app.store.digest import content_digest


def _rows(conn, pragma: str) -> list | None:
    """The pragma's rows, or None when the file is too damaged to run it at all."""
    try:
        return conn.execute(pragma).fetchall()
    except DatabaseError:
        return None


def check_store(store) -> dict:
    conn = store.connection
    cipher = _rows(conn, "PRAGMA cipher_integrity_check")
    sqlite = _rows(conn, "PRAGMA integrity_check")
    foreign = _rows(conn, "PRAGMA foreign_key_check")
    report = {
        "cipher_ok": cipher == [],
        "sqlite_ok": sqlite == [("ok",)],
        "foreign_keys_ok": foreign == [],
    }
    report["problems"] = sum(1 for ok in report.values() if not ok)
    try:
        report.update(counts=store.counts(), changes=store.changes.count(), digest=content_digest(store))
    except DatabaseError:
        report.update(counts={}, changes=None, digest=None)
        report["problems"] += 1
    return report
