"""Merging two records of the same person (registered twice, offline, on two laptops).

The merge is one logged change on the person merged away (``op = merge``, value:
the person kept). That person becomes a pointer: every record about them follows
to the person kept, now and whenever a record about them arrives later, on every
laptop (erasure.apply_rules follows the pointer). Merges chain. Erasing either
person erases both. Which of the two persons' own details to keep is the
connector's choice, made as ordinary edits to the person kept before merging.
"""

from __future__ import annotations

from connector_app.errors import UserError
from connector_app.i18n import _
from connector_app.store.changelog import MERGE, WHOLE_RECORD, encode
from connector_app.store.state import MERGED, RecordState


class CannotMerge(UserError):
    def message(self) -> str:
        return _("These two people cannot be merged: choose two different people who are both still here.")


def follow_merge(store, person_id: str) -> None:
    """Records that refer to a merged-away person now point to the person kept (not logged:
    every laptop applies the same rule when the merge reaches it)."""
    from connector_app.store.erasure import referring_records
    from connector_app.store.merge import reconcile
    for record_type, record_id in referring_records(store, "person", person_id):
        if record_type != "person":
            reconcile(store, record_type, record_id)


def merge_people(store, keep_id: str, merge_id: str) -> None:
    """Merge ``merge_id`` into ``keep_id``: one change, which travels by sync."""
    if keep_id == merge_id:
        raise CannotMerge()
    people = store.people
    with store.atomic():
        if people.find(keep_id) is None or people.find(merge_id) is None:
            raise CannotMerge()
        merged = people.get(merge_id)
        state = RecordState.load(store.connection, merge_id)
        ((hlc, dseq),) = store.stamps.mint(1)
        device = store.stamps.device_no
        people.hold_everything(merged, state)  # its details stay in history
        people.rows.remove(merge_id)
        state.state, state.latest, state.merged_into = MERGED, (hlc, device), keep_id
        state.save(store.connection)
        store.changes.append(device, dseq, hlc, "person", merge_id, MERGE, WHOLE_RECORD, encode(keep_id),
                             store.actor_id)
        store.changes.note_local(dseq, dseq)
        follow_merge(store, merge_id)
        store.audit.record("merge_people", "person", merge_id)


def merged_partners(store, person_id: str) -> set[str]:
    """Every person joined to this one by merges, in either direction."""
    conn = store.connection
    found, todo = set(), [person_id]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(row[0] for row in conn.execute(
            "SELECT record_id FROM record_state WHERE merged_into = ?", (current,)))
        row = conn.execute("SELECT merged_into FROM record_state WHERE record_id = ?", (current,)).fetchone()
        if row and row[0]:
            todo.append(row[0])
    return found - {person_id}
