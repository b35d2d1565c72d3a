"""Mentions of a person in other records' free text, and redacting them.

Erasing a person cannot find every way someone wrote about them, but it can find
their name: in a group conversation's notes, someone else's what-matters note, a
connecting-time log. Before an erasure the connector sees each mention and
chooses which to redact; a redaction is a change like any other (it travels by
sync) and also wipes the earlier values of that field from history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connector_app.domain.fields import Kind
from connector_app.i18n import _
from connector_app.store.changelog import REDACT, encode
from connector_app.store.search import _match_key, make_snippet
from connector_app.store.state import RecordState

_WORD = re.compile(r"[\w\u0610-\u061A\u06D6-\u06ED\u08CA-\u08FF\u0981-\u0983\u09BC-\u09D7\u09E2\u09E3]+")


@dataclass(frozen=True)
class Mention:
    record_type: str
    record_id: str
    field: str
    snippet: str  # search.MATCH_START/END around the name


def name_words(display_name: str) -> list[str]:
    """The parts of a name worth looking for (initials and short particles would match everything)."""
    return [w for w in _WORD.findall(display_name or "") if len(w) >= 3]


def _mentions_in(text: str | None, keys: set[str]) -> bool:
    return any(_match_key(word) in keys for word in _WORD.findall(text or ""))


def find_mentions(store, person_id: str) -> list[Mention]:
    """Other records whose text names the person (folded: accents and letter forms aside)."""
    person = store.people.get(person_id)
    words = name_words(person.display_name)
    keys = {_match_key(w) for w in words}
    found: dict[tuple[str, str, str], Mention] = {}
    for word in words:
        for hit in store.search(word, limit=500):
            if hit.record_id == person_id:
                continue
            repo = store.repositories[hit.record_type]
            record = repo.find(hit.record_id)
            if record is None or getattr(record, repo.record_class.person_field or "", None) == person_id:
                continue  # about the person themself: erased with them
            for spec in repo.specs:
                if spec.kind in (Kind.TEXT, Kind.NOTE) and spec.name not in ("display_name",):
                    text = getattr(record, spec.name)
                    if _mentions_in(text, keys):
                        snippet = make_snippet(text, words) or text
                        found[(hit.record_type, hit.record_id, spec.name)] = Mention(
                            hit.record_type, hit.record_id, spec.name, snippet)
    return sorted(found.values(), key=lambda m: (m.record_type, m.record_id, m.field))


def redacted_text(text: str, words: list[str]) -> str:
    keys = {_match_key(w) for w in words}
    # TRANSLATORS: replaces the name of an erased person inside someone else's note.
    marker = _("[name removed]")
    return _WORD.sub(lambda m: marker if _match_key(m.group()) in keys else m.group(), text)


def redact(store, mention: Mention, words: list[str]) -> None:
    """Replace the name in one field and wipe the field's earlier values from history."""
    repo = store.repositories[mention.record_type]
    conn = store.connection
    with store.atomic():
        record = repo.get(mention.record_id)
        new_text = redacted_text(getattr(record, mention.field) or "", words)
        state = RecordState.load(conn, record.id)
        ((hlc, dseq),) = store.stamps.mint(1)
        device = store.stamps.device_no
        # Every earlier value of this field, wherever the log keeps one, is wiped.
        conn.execute("UPDATE change SET value = 'null' WHERE record_id = ? AND field = ? AND op IN ('set', 'redact')",
                     (record.id, mention.field))
        conn.execute("UPDATE change SET value = json_set(coalesce(value, '{}'), ?, json('null')) "
                     "WHERE record_id = ? AND op = 'create'", ("$." + mention.field, record.id))
        updated = record.with_changes(**{mention.field: new_text})
        repo.rows.update(updated, [mention.field], hlc)
        state.versions[mention.field] = [hlc, device]
        state.latest = (hlc, device)
        state.save(conn)
        store.changes.append(device, dseq, hlc, mention.record_type, record.id, REDACT, mention.field, None,
                             store.actor_id)
        store.changes.note_local(dseq, dseq)
        store.audit.record("redact", mention.record_type, record.id)


__all__ = ["Mention", "find_mentions", "redact", "redacted_text", "name_words", "encode"]
