"""Erasure without gaps: no other record's log, history, index or export keeps the person."""

from __future__ import annotations

import json

from connector_app.domain.records import Conversation, Person
from connector_app.store.mentions import find_mentions
from connector_app.store.subject_access import erase_person, export_person
from tests.samples import add_everything

NAME = "Gwenllian Zyxwvut"


def _every_cell(store, erased_id: str):
    """Every value of every row of every table, decrypted, as text and bytes.

    Left out: the erased record's own tombstone rows (its id, with no value: what sync needs
    so the erasure reaches every laptop and is never undone, and the audit of what was done).
    """
    conn = store.connection
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        cursor = conn.execute(f"SELECT * FROM \"{table}\"")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            if "record_id" in names and row[names.index("record_id")] == erased_id:
                assert all(row[names.index(c)] is None for c in ("value",) if c in names), table
                continue
            for cell in row:
                if isinstance(cell, bytes):
                    yield table, cell
                elif cell is not None:
                    yield table, str(cell).encode("utf-8")


def _traces(store, needles: list[str]) -> list[str]:
    found = []
    for table, cell in _every_cell(store, needles[0]):
        lowered = cell.lower()
        for needle in needles:
            if needle.lower().encode("utf-8") in lowered:
                found.append(f"{table}: {needle}")
    return found


def _scenario(store):
    records = add_everything(store, name=NAME)
    other = records["other"]
    # Edited, so the log holds superseded values naming her, and a group conversation names her.
    store.conversations.update(records["group"].id, notes="Gwenllian brought cake for Jan's group")
    store.conversations.update(records["group"].id, notes="Gwenllian and Jan planned the garden")
    solo_with_other = store.conversations.add(Conversation(
        occurred_at="2026-03-05T09:00", mode="phone", person_ids=(other.id,),
        notes="Jan says Gwenllian helped him at the food bank"))
    return records, solo_with_other


def test_erasure_with_redaction_leaves_no_id_or_name_anywhere_in_the_store(store):
    records, solo = _scenario(store)
    pid = records["person"].id
    mentions = find_mentions(store, pid)
    assert {(m.record_type, m.record_id) for m in mentions} >= {("conversation", records["group"].id),
                                                              ("conversation", solo.id)}
    erase_person(store, pid, redact=mentions)
    assert _traces(store, [pid, "Gwenllian", "Zyxwvut"]) == []
    group = store.conversations.get(records["group"].id)
    assert group.person_ids == (records["other"].id,)
    assert "Gwenllian" not in group.notes and "[name removed]" in group.notes
    assert not store.search("Gwenllian")
    history = [v.value for v in store.conversations.history(records["group"].id, "person_ids")]
    assert all(pid not in (value or []) for value in history)
    exported = json.dumps(export_person(store, records["other"].id), ensure_ascii=False)
    assert pid not in exported and "Gwenllian" not in exported


def test_without_redaction_only_the_ids_go_and_the_mentions_are_listed_first(store):
    records, solo = _scenario(store)
    pid = records["person"].id
    mentions = find_mentions(store, pid)
    assert all("Gwenllian" in m.snippet for m in mentions)
    erase_person(store, pid)
    assert _traces(store, [pid, "Zyxwvut"]) == []  # her id and surname lived only in her own records
    assert store.conversations.get(solo.id).notes.startswith("Jan says Gwenllian")  # the connector chose to keep


def test_a_conversation_with_only_her_goes_and_its_follow_ups_for_others_stay(store):
    records = add_everything(store, name=NAME)
    pid = records["person"].id
    erased = erase_person(store, pid)
    assert erased["conversation"] == 1 and store.conversations.find(records["conversation"].id) is None
    assert store.conversations.find(records["group"].id) is not None
    assert store.people.find(records["other"].id) is not None


def test_mentions_fold_accents_and_find_first_names(store):
    person = store.people.add(Person(display_name="Zofia Żółkiewska", consent_scope="share_team",
                                     consent_on="2026-01-05"))
    other = store.people.add(Person(display_name="Ola", consent_scope="share_team", consent_on="2026-01-05"))
    note = store.conversations.add(Conversation(occurred_at="2026-03-05T09:00", mode="phone",
                                                person_ids=(other.id,), notes="Ola met ZOFIA at the library"))
    found = find_mentions(store, person.id)
    assert [(m.record_id, m.field) for m in found] == [(note.id, "notes")]


def test_a_first_name_someone_else_shares_is_never_redacted_on_its_own(store):
    ali = store.people.add(Person(display_name="Ali Hirsi", consent_scope="share_team", consent_on="2026-01-05"))
    other_ali = store.people.add(Person(display_name="Ali Mansour", consent_scope="share_team",
                                        consent_on="2026-01-05"))
    his_own = store.conversations.add(Conversation(occurred_at="2026-03-05T09:00", mode="phone",
                                                   person_ids=(other_ali.id,), notes="Ali wants to learn to cook"))
    group = store.conversations.add(Conversation(occurred_at="2026-03-06T09:00", mode="group",
                                                 person_ids=(other_ali.id,), anonymous_count=2,
                                                 notes="Ali Hirsi and Ali talked; Hirsi brought tea"))
    mentions = find_mentions(store, ali.id)
    assert [(m.record_id, m.field) for m in mentions] == [(group.id, "notes")]
    erase_person(store, ali.id, redact=mentions)
    assert store.conversations.get(his_own.id).notes == "Ali wants to learn to cook"
    assert store.conversations.get(group.id).notes == "[name removed] and Ali talked; [name removed] brought tea"
