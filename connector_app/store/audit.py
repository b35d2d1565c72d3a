"""Audit log: who did what kind of thing to which record, and when. Never record text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from connector_app.i18n import N_, _

# Action codes and their labels, for the audit screen and the subject-access export.
ACTIONS = {
    "create": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "erase": N_("Erased on request"),
    "bulk_create": N_("Created in bulk"),
    "export_person": N_("Exported everything held about a person"),
    "print_sheet": N_("Printed a person's talent-spotting sheet"),
    "backup": N_("Made a backup"),
    "restore": N_("Restored from a backup"),
    "unlock": N_("Unlocked"),
    "unlock_recovery": N_("Unlocked with the recovery code"),
    "restore_record": N_("Brought back a deleted record"),
    "sync_change": N_("Changed by sync, from another laptop"),
    "sync_import": N_("Took in changes from another laptop's sync bundle"),
    "redact": N_("Removed a mention of an erased person"),
    "merge_people": N_("Merged two records of the same person"),
    "passphrase_change": N_("Changed the passphrase"),
}


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    device_id: str
    actor_id: str | None
    action: str
    record_type: str | None
    record_id: str | None
    count: int | None

    @property
    def action_label(self) -> str:
        return _(ACTIONS.get(self.action, self.action))


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class AuditLog:
    def __init__(self, conn, device_no: int):
        self._conn = conn
        self._device_no = device_no
        self.actor_id: str | None = None  # the staff member using the app, when known
        self._pending: list[tuple] = []

    def later(self, action: str) -> None:
        """Note an event that must not need the write lock (unlocking): written with the next write."""
        assert action in ACTIONS, action
        self._pending.append((utc_now(), self._device_no, self.actor_id, action, None, None, None))

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            self._conn.executemany(
                "INSERT INTO audit (at, device_no, actor_id, action, record_type, record_id, count) "
                "VALUES (?,?,?,?,?,?,?)", pending)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def record(self, action: str, record_type: str | None = None, record_id: str | None = None,
               count: int | None = None) -> None:
        assert action in ACTIONS, action
        self._conn.execute(
            "INSERT INTO audit (at, device_no, actor_id, action, record_type, record_id, count) VALUES (?,?,?,?,?,?,?)",
            (utc_now(), self._device_no, self.actor_id, action, record_type, record_id, count),
        )

    def _entries(self, where: str, params: tuple, limit: int) -> list[AuditEntry]:
        rows = self._conn.execute(
            "SELECT a.seq, a.at, d.id, a.actor_id, a.action, a.record_type, a.record_id, a.count "
            f"FROM audit a JOIN device d ON d.no = a.device_no {where} ORDER BY a.seq DESC LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [AuditEntry(*row) for row in rows]

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        return self._entries("", (), limit)

    def for_record(self, record_id: str, limit: int | None = None) -> list[AuditEntry]:
        """Every entry about one record (a subject-access export holds them all)."""
        return self._entries("WHERE a.record_id = ?", (record_id,), -1 if limit is None else limit)
