"""Mentions of a person in other records' free text, and redacting them.

Erasing a person cannot find every way someone wrote about them, but it can find
their name: in a group conversation's notes, someone else's what-matters note, a
connecting-time log. Before an erasure the connector sees each mention and
chooses which to redact; a redaction is a change like any other (it travels by
sync) and also wipes the earlier values of that field from history.
"""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.domain.fields import Kind
from connector_app.i18n import _
from connector_app.store.changelog import REDACT
from connector_app.store.search import MATCH_END, MATCH_START, WORD, _match_key, make_snippet
from connector_app.store.state import RecordState


@dataclass(frozen=True)
class Mention:
    record_type: str
    record_id: str
    field: str
    snippet: str  # search.MATCH_START/END around the name


def name_words(display_name: str) -> list[str]:
    """The parts of a name worth looking for (initials and short particles would match everything)."""
    return [w for w in WORD.findall(display_name or "") if len(w) >= 3]


@dataclass(frozen=True)
class NameMatcher:
    """How a person's name is recognised in someone else's text.

    The whole name (its words in order) always counts. A single word counts only
    when no other person here has it in their name: erasing "Ali Hirsi" must never
    touch "Ali" in Ali Mansour's notes.
    """
    full: tuple[str, ...]       # match keys of every name word, in order
    distinct: frozenset[str]    # match keys of words no one else's name has

    @classmethod
    def for_person(cls, store, person_id: str) -> "NameMatcher":
        person = store.people.get(person_id)
        full = tuple(_match_key(w) for w in name_words(person.display_name))
        shared: set[str] = set()
        for (other_id, other_name) in store.connection.execute("SELECT id, display_name FROM person"):
            if other_id != person_id:
                shared.update(_match_key(w) for w in name_words(other_name))
        return cls(full, frozenset(k for k in full if k not in shared))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each mention in ``text``: whole-name runs first, then distinct words."""
        tokens = list(WORD.finditer(text or ""))
        keys = [_match_key(t.group()) for t in tokens]
        found, used = [], set()
        n = len(self.full)
        if n > 1:
            for i in range(len(tokens) - n + 1):
                if tuple(keys[i:i + n]) == self.full:
                    found.append((tokens[i].start(), tokens[i + n - 1].end()))
                    used.update(range(i, i + n))
        for i, key in enumerate(keys):
            if i not in used and (key in self.distinct or (n == 1 and key in self.full and key in self.distinct)):
                found.append((tokens[i].start(), tokens[i].end()))
        return sorted(found)


def find_mentions(store, person_id: str) -> list[Mention]:
    """Other records whose text names the person (folded: accents and letter forms aside)."""
    matcher = NameMatcher.for_person(store, person_id)
    person = store.people.get(person_id)
    words = name_words(person.display_name)
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
                    spans = matcher.spans(text)
                    if spans:
                        start, end = spans[0]
                        shown = (text[:start] + MATCH_START + text[start:end] + MATCH_END + text[end:])
                        snippet = make_snippet(text, [text[start:end]]) or shown
                        found[(hit.record_type, hit.record_id, spec.name)] = Mention(
                            hit.record_type, hit.record_id, spec.name, snippet)
    return sorted(found.values(), key=lambda m: (m.record_type, m.record_id, m.field))


def redacted_text(text: str, matcher: NameMatcher) -> str:
    # TRANSLATORS: replaces the name of an erased person inside someone else's note.
    marker = _("[name removed]")
    out, cursor = [], 0
    for start, end in matcher.spans(text):
        out.append(text[cursor:start])
        out.append(marker)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def redact(store, mention: Mention, matcher: NameMatcher) -> None:
    """Replace the name in one field and wipe the field's earlier values from history."""
    repo = store.repositories[mention.record_type]
    conn = store.connection
    with store.atomic():
        record = repo.get(mention.record_id)
        new_text = redacted_text(getattr(record, mention.field) or "", matcher)
        state = RecordState.load(conn, record.id)
        ((hlc, dseq),) = store.stamps.mint(1)
        device = store.stamps.device_no
        # Every earlier value of this field, wherever the log keeps one, is wiped.
        conn.execute("UPDATE change SET value = 'null' WHERE record_id = ? AND field = ? AND op IN ('set', 'redact')",
                     (record.id, mention.field))
        # The creation keeps its text with the name replaced, never blank: a required field left
        # empty there would make every laptop refuse the record, and with it every bundle.
        for rowid, original in conn.execute("SELECT rowid, json_extract(value, ?) FROM change "
                                            "WHERE record_id = ? AND op = 'create'",
                                            ("$." + mention.field, record.id)).fetchall():
            if isinstance(original, str):
                conn.execute("UPDATE change SET value = json_set(value, ?, ?) WHERE rowid = ?",
                             ("$." + mention.field, redacted_text(original, matcher), rowid))
        updated = record.with_changes(**{mention.field: new_text})
        repo.rows.update(updated, [mention.field], hlc)
        state.versions[mention.field] = [hlc, device]
        state.latest = (hlc, device)
        state.save(conn)
        store.changes.append(device, dseq, hlc, mention.record_type, record.id, REDACT, mention.field, None,
                             store.actor_id)
        store.changes.note_local(dseq, dseq)
        store.audit.record("redact", mention.record_type, record.id)


