"""Erasure rules, applied the same way to local writes and to changes arriving by sync.

An erased person (or any erased record) is final everywhere: records about them
go too, a group conversation loses only them, and no other record's log entry
keeps their id. Because each laptop applies these rules whenever a record is
placed, the order in which an erasure and the records about the person arrive
does not matter (docs/store-design.md, "Erasure").
"""

from __future__ import annotations

from typing import Any

from connector_app.domain.fields import Kind
from connector_app.store.changelog import decode, encode
from connector_app.store.state import ERASED


def _targets(values: dict, specs) -> list[str]:
    ids: list[str] = []
    for spec in specs:
        if spec.kind is Kind.REF and values.get(spec.name):
            ids.append(values[spec.name])
        elif spec.kind is Kind.REFS:
            ids.extend(values.get(spec.name) or ())
    return ids


def gone_or_moved(conn, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Of these ids, the erased and merged ones: id -> (state, merged into)."""
    found: dict[str, tuple[str, str | None]] = {}
    unique = list(dict.fromkeys(i for i in ids if isinstance(i, str)))
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        for record_id, state, into in conn.execute(
                f"SELECT record_id, state, merged_into FROM record_state WHERE state IN ('erased', 'merged') "
                f"AND record_id IN ({','.join('?' * len(chunk))})", chunk):
            found[record_id] = (state, into)
    return found


def _follow(moved: dict, record_id: str, conn) -> str | None:
    """Where a reference ends up: the person kept after merges, or None if erased."""
    seen = set()
    while record_id in moved and record_id not in seen:
        seen.add(record_id)
        state, into = moved[record_id]
        if state == ERASED or not into:
            return None
        more = gone_or_moved(conn, [into])
        moved.update(more)
        record_id = into
    return record_id


def apply_rules(conn, record_class, values: dict) -> dict | None:
    """``values`` with references to erased records dropped and merged people followed,
    or None when the record itself must be erased."""
    specs = record_class.specs()
    moved = gone_or_moved(conn, _targets(values, specs))
    if not moved:
        return _whole(record_class, values)
    values = dict(values)
    for spec in specs:
        if spec.kind is Kind.REF and values.get(spec.name) in moved:
            target = _follow(moved, values[spec.name], conn)
            if target is None and (spec.required or spec.name == record_class.person_field):
                return None
            values[spec.name] = target
        elif spec.kind is Kind.REFS and any(i in moved for i in values.get(spec.name) or ()):
            kept = [t for t in (_follow(moved, i, conn) if i in moved else i for i in values[spec.name]) if t]
            values[spec.name] = sorted(dict.fromkeys(kept))
    return _whole(record_class, values)


def _whole(record_class, values: dict) -> dict | None:
    """A record that has lost the person it is about (an erased id taken out of its log) goes too."""
    for spec in record_class.specs():
        if spec.kind is Kind.REF and spec.required and not values.get(spec.name):
            return None
        if spec.kind is Kind.REFS and spec.name == record_class.person_field and not values.get(spec.name) \
                and not values.get("anonymous_count"):
            return None
    return values


def originals_to_hold(conn, record_class, values: dict, ruled: dict) -> dict:
    """Fields a rule rewrote by following a merge: their original values, minus erased ids.

    The row then holds the followed value while the log keeps what was written, so a
    later merge of the same person (a concurrent one elsewhere that wins) is followed
    from the original, on every laptop alike. Ids of erased records are never kept.
    """
    changed = [name for name in values if ruled.get(name) != values.get(name)]
    if not changed:
        return {}
    erased = {i for i, (state, _into) in gone_or_moved(conn, _targets(values, record_class.specs())).items()
              if state == ERASED}
    held = {}
    for name in changed:
        original = scrub(values[name], erased) if erased else values[name]
        if original != ruled.get(name):
            held[name] = original
    return held


def scrub(value: Any, ids: set[str]) -> Any:
    """A logged value with every mention of these ids taken out (lists) or emptied (single refs)."""
    if isinstance(value, str):
        return None if value in ids else value
    if isinstance(value, list):
        return [scrub(v, ids) for v in value if not (isinstance(v, str) and v in ids)]
    if isinstance(value, dict):
        return {k: scrub(v, ids) for k, v in value.items()}
    return value


def scrub_log(store, record_id: str, skip_record: str) -> int:
    """Remove ``record_id`` from every other record's logged values; returns entries changed."""
    conn = store.connection
    rows = conn.execute("SELECT seq, value FROM change WHERE value IS NOT NULL AND instr(value, ?) > 0 "
                        "AND record_id != ? AND op != 'merge'", (record_id, skip_record)).fetchall()
    for seq, stored in rows:
        conn.execute("UPDATE change SET value = ? WHERE seq = ?", (encode(scrub(decode(stored), {record_id})), seq))
    return len(rows)


def referring_records(store, record_type: str, record_id: str) -> list[tuple[str, str]]:
    """(record type, id) of every record whose row or log refers to this one."""
    conn = store.connection
    found: dict[str, str] = {}
    for repo in store.repositories.values():
        for spec in repo.specs:
            if spec.target != record_type:
                continue
            if spec.kind is Kind.REF:
                for (rid,) in conn.execute(f"SELECT id FROM {repo.table} WHERE {spec.name} = ?", (record_id,)):
                    found[rid] = repo.table
            elif spec.link:
                for (rid,) in conn.execute(
                        f"SELECT {repo.table}_id FROM {spec.link} WHERE {spec.target}_id = ?", (record_id,)):
                    found[rid] = repo.table
    for rid, rtype in conn.execute(
            "SELECT DISTINCT record_id, record_type FROM change WHERE value IS NOT NULL AND instr(value, ?) > 0 "
            "AND record_id != ?", (record_id, record_id)):
        found.setdefault(rid, rtype)
    return sorted((rtype, rid) for rid, rtype in found.items())


def _erase_derived(store, record_type: str, record_id: str) -> None:
    """Erased by rule, not by a logged change of its own (every laptop does the same)."""
    from connector_app.store.state import RecordState
    repo = store.repositories[record_type]
    if repo.find(record_id) is not None:
        repo.rows.remove(record_id)
    store.changes.wipe(record_id)
    state = RecordState.load(store.connection, record_id)
    RecordState(record_id, record_type, ERASED, None, state.latest if state else None,
                merged_into=state.merged_into if state else None).save(store.connection)
    store.audit.record("erase", record_type, record_id)


def erase_by_rule(store, record_type: str, record_id: str) -> dict[str, int]:
    """Erase a record by the rules (not a logged change of its own), with everything that follows."""
    if store.repositories[record_type].state(record_id) == ERASED:
        return {}
    _erase_derived(store, record_type, record_id)
    erased = {record_type: 1}
    for kind, count in cascade(store, record_type, record_id).items():
        erased[kind] = erased.get(kind, 0) + count
    return erased


def cascade(store, record_type: str, record_id: str) -> dict[str, int]:
    """After a record is erased here (by this laptop or by sync): apply the rules to every
    record that refers to it, then take its id out of their logs. Returns erased counts."""
    from connector_app.store.merge import reconcile
    erased: dict[str, int] = {}
    if record_type == "person":  # erasing either of two merged people erases both
        from connector_app.store.drafts import erase_for_person
        from connector_app.store.people_merge import merged_partners
        erase_for_person(store.connection, record_id)  # unsaved forms about them go too
        for partner in merged_partners(store, record_id):
            for kind, count in erase_by_rule(store, "person", partner).items():
                erased[kind] = erased.get(kind, 0) + count
    for rtype, rid in referring_records(store, record_type, record_id):
        before = store.repositories[rtype].state(rid)
        after = reconcile(store, rtype, rid)
        if after == ERASED and before != ERASED:
            erased[rtype] = erased.get(rtype, 0) + 1
            store.audit.record("erase", rtype, rid)
            for kind, count in cascade(store, rtype, rid).items():
                erased[kind] = erased.get(kind, 0) + count
    scrub_log(store, record_id, skip_record=record_id)
    return erased

