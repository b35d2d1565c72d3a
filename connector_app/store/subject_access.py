"""What UK GDPR asks of the data about one person: a copy of it all, and erasure.

"Everything about a person" is: their person record; every record whose person
field points to them (what matters, small steps, strengths, check-ins,
connections, follow-ups); every conversation they took part in; each of those
records' field history; and the audit entries about them.
"""

from __future__ import annotations

from dataclasses import asdict

from connector_app import __version__
from connector_app.store.audit import utc_now

EXPORT_FORMAT = "connector-app-subject-access"


def _owned_records(store, person_id: str):
    """(record_type, record) for every record tied to the person, the person last."""
    for record_type, repo in store.repositories.items():
        field = repo.record_class.person_field
        if record_type == "person" or field is None:
            continue
        if record_type == "conversation":
            ids = [row[0] for row in store.connection.execute(
                "SELECT conversation_id FROM conversation_person WHERE person_id = ? ORDER BY conversation_id",
                (person_id,))]
            for conversation_id in ids:
                yield record_type, repo.get(conversation_id)
        else:
            for record in repo.where(field, person_id):
                yield record_type, record
    yield "person", store.people.get(person_id)


def export_person(store, person_id: str) -> dict:
    """Everything held about one person, as plain data ready for JSON."""
    person = store.people.get(person_id)
    records, history, audit = [], {}, []
    for record_type, record in _owned_records(store, person.id):
        records.append({"type": record_type, "id": record.id, **record.values()})
        history[record.id] = [
            {"hlc": c.hlc, "device": c.device_id, "op": c.op, "field": c.field, "value": c.value, "by": c.actor}
            for c in store.history.changes(record.id)
        ]
        audit.extend(asdict(entry) for entry in store.audit.for_record(record.id))
    with store.atomic():
        store.audit.record("export_person", "person", person.id)
    return {
        "format": EXPORT_FORMAT, "version": 1, "app_version": __version__, "exported_at": utc_now(),
        "person_id": person.id, "records": records, "history": history,
        "audit": sorted(audit, key=lambda entry: entry["seq"]),
    }


def erase_person(store, person_id: str, *, redact=()) -> dict[str, int]:
    """Erase a person and everything about them, here and (through sync) on every laptop.

    One erasure is logged, for the person; the records about them follow by the
    erasure rules (store/erasure.py), which every laptop applies the same way,
    whatever order things reach it in. A group conversation loses only this
    person. ``redact`` lists mentions (mentions.find_mentions) whose text names the
    person: each is redacted in the same transaction. Returns how many records of
    each type were erased.
    """
    from connector_app.store.erasure import cascade
    from connector_app.store.mentions import NameMatcher, redact as redact_mention
    with store.atomic():
        store.people.get(person_id)
        matcher = NameMatcher.for_person(store, person_id)
        for mention in redact:
            redact_mention(store, mention, matcher)
        store.people.erase(person_id)
        erased = {"person": 1}
        for record_type, count in cascade(store, "person", person_id).items():
            erased[record_type] = erased.get(record_type, 0) + count
        store.search_index.purge()
    store.checkpoint()  # the WAL no longer holds the erased pages
    return erased
