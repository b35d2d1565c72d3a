"""Whole-workspace health check: every page's authentication, SQLite's own checks, links.

It must never cry wolf: a false "damaged, restore from a backup" makes a connector
restore an old backup and lose real work. So the checks run on a fresh, dedicated,
read-only connection inside one read transaction: a consistent snapshot, however
long it takes, without holding writers off (a long-lived connection can carry stale
FTS5 state; a read-only one never checkpoints). SQLCipher's page authentication
reads the file itself, where a checkpoint may be writing a page at that moment, so
a page counts as failing only when it fails three reads. And before anything is
called damaged, the whole check runs again on another fresh connection.
"""

from __future__ import annotations

import logging
from pathlib import Path

from connector_app.errors import WorkspaceDamaged
from connector_app.store.database import DatabaseError, failing_pages, open_reader, probe
from connector_app.store.digest import content_digest

log = logging.getLogger(__name__)


def _structure(conn) -> tuple[bool, bool]:
    """(SQLite integrity ok, foreign keys ok) inside one read transaction."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            sqlite_ok = rows == [("ok",)]
            if not sqlite_ok:
                log.warning("integrity_check: %s", rows[:5])
        except (DatabaseError, WorkspaceDamaged) as exc:
            log.warning("integrity_check failed: %s", type(exc).__name__)
            sqlite_ok = False
        try:
            foreign_ok = conn.execute("PRAGMA foreign_key_check").fetchall() == []
        except (DatabaseError, WorkspaceDamaged):
            foreign_ok = False
    finally:
        try:
            conn.execute("COMMIT")
        except (DatabaseError, WorkspaceDamaged):
            pass
    return sqlite_ok, foreign_ok


def check_database(db_path: Path, key: bytes) -> dict:
    """Integrity of records.db and its log, judged on a snapshot. Writes nothing."""
    def once() -> dict:
        report = {"cipher_ok": True, "sqlite_ok": True, "foreign_keys_ok": True, "log_ok": True}
        try:
            probe(db_path, key, deep=False)  # the log's frames, the file's length, the schema
        except WorkspaceDamaged:
            report["log_ok"] = False
            report["cipher_ok"] = report["sqlite_ok"] = report["foreign_keys_ok"] = False
            return report
        try:
            conn = open_reader(db_path, key)
        except DatabaseError:
            return dict(report, cipher_ok=False, sqlite_ok=False, foreign_keys_ok=False)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            report["sqlite_ok"], report["foreign_keys_ok"] = _structure(conn)
            try:
                report["cipher_ok"] = not failing_pages(conn)
            except (DatabaseError, WorkspaceDamaged):
                report["cipher_ok"] = False
        finally:
            conn.close()
        return report

    report = once()
    if not all(report.values()):
        again = once()  # never say damaged on one look
        report = {name: report[name] or again[name] for name in report}
    return report


CHECK_STEPS = 3  # progress units of check_store: integrity, counts, digest


def check_store(store, db_path: Path | None = None, key: bytes | None = None,
                progress=lambda done, total: None) -> dict:
    """The health report: integrity (on a snapshot of its own), counts, changes, content digest.

    Damage found marks the store's connection, so it writes nothing more. ``progress(done, total)``
    after each step may raise to stop (the check writes nothing, so there is nothing to undo).
    """
    conn = store.connection
    db_path = Path(db_path or conn._path)
    report = check_database(db_path, key if key is not None else conn._key)
    report["problems"] = sum(1 for ok in report.values() if not ok)
    progress(1, CHECK_STEPS)
    try:
        report.update(counts=store.counts(), changes=store.changes.count())
        progress(2, CHECK_STEPS)
        report.update(digest=content_digest(store))
        progress(3, CHECK_STEPS)
    except (DatabaseError, WorkspaceDamaged):
        report.update(counts={}, changes=None, digest=None)
        report["problems"] += 1
    if report["problems"]:
        conn.note_damage()
    return report
