"""Full-text search (FTS5) across notes, names, strengths and assets.

The index is written in the same transaction as the record, by the repository.
Queries are built from words, never passed through as FTS syntax, so any text a
person types is safe to search for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connector_app.domain.fields import FieldSpec
from connector_app.text.fold import fold

# Private-use characters mark matches in snippets; the UI turns them into bold.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
WORD = re.compile(r"[\w\u0610-\u061A\u06D6-\u06ED\u08CA-\u08FF\u0981-\u0983\u09BC-\u09D7\u09E2\u09E3]+")
__all__ = ["MATCH_START", "MATCH_END", "WORD", "fold", "make_snippet", "build_query", "SearchIndex"]


@dataclass(frozen=True)
class SearchHit:
    record_type: str
    record_id: str
    snippet: str  # with MATCH_START/MATCH_END around matched words
    rank: float

    def plain_snippet(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(MATCH_START, start).replace(MATCH_END, end)


def build_query(text: str) -> str | None:
    """Every word must match, each as a prefix: 'sew tues' finds 'sewing on Tuesday'."""
    words = WORD.findall(fold(text))
    if not words:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"*' for word in words[:16])


def _match_key(word: str) -> str:
    """How a word is compared when marking matches: as the index compares it."""
    return fold(word)


def make_snippet(text: str, words: list[str], width: int = 12) -> str | None:
    """A few words of the original text around the first match, matches marked.

    Made from the record's own text (the index keeps only tokens), so it shows
    exactly what was typed, accents and marks included.
    """
    keys = [_match_key(w) for w in words]
    tokens = list(WORD.finditer(text or ""))
    hits = [i for i, t in enumerate(tokens) if any(_match_key(t.group()).startswith(k) for k in keys if k)]
    if not hits:
        return None
    first = max(0, hits[0] - width // 3)
    last = min(len(tokens), first + width)
    first = max(0, min(first, last - width))
    out, cursor = [], tokens[first].start()
    for i in range(first, last):
        token = tokens[i]
        out.append(text[cursor:token.start()])
        out.append(f"{MATCH_START}{token.group()}{MATCH_END}" if i in hits else token.group())
        cursor = token.end()
    snippet = " ".join("".join(out).split())
    return ("…" if first > 0 else "") + snippet + ("…" if last < len(tokens) else "")


def document_text(values: dict, specs: tuple[FieldSpec, ...]) -> tuple[str, str] | None:
    """(title, body) for the index, or None if the record type is not searched."""
    title = [values.get(s.name) or "" for s in specs if s.search == "title"]
    body = [values.get(s.name) or "" for s in specs if s.search == "body"]
    if not any(s.search for s in specs):
        return None
    return fold(" ".join(title)), fold(" ".join(body))


class SearchIndex:
    """Tokens only (a contentless FTS5 table): the text itself lives once, in the record rows."""

    def __init__(self, conn, source_text):
        self._conn = conn
        self._source_text = source_text  # (record_type, record_id) -> (title, body) as typed

    def put(self, record_type: str, record_id: str, title: str, body: str) -> None:
        row = self._conn.execute("SELECT doc FROM search_doc WHERE record_id = ?", (record_id,)).fetchone()
        if row is None:
            cursor = self._conn.execute(
                "INSERT INTO search_doc (record_id, record_type) VALUES (?, ?)", (record_id, record_type))
            self._conn.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                               (cursor.lastrowid, title, body))
        else:
            self._conn.execute("UPDATE search_fts SET title = ?, body = ? WHERE rowid = ?", (title, body, row[0]))

    def put_many(self, record_type: str, docs: list[tuple[str, str, str]]) -> None:
        """(record_id, title, body) for each record, new or not."""
        if len(docs) == 1:
            self.put(record_type, *docs[0])
            return
        ids = [d[0] for d in docs]
        known = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            known.update(row[0] for row in self._conn.execute(
                f"SELECT record_id FROM search_doc WHERE record_id IN ({','.join('?' * len(chunk))})", chunk))
        new = [d for d in docs if d[0] not in known]
        for doc in docs:
            if doc[0] in known:
                self.put(record_type, *doc)
        if not new:
            return
        start = self._conn.execute("SELECT coalesce(max(doc), 0) + 1 FROM search_doc").fetchone()[0]
        self._conn.executemany("INSERT INTO search_doc (doc, record_id, record_type) VALUES (?, ?, ?)",
                               ((start + i, rid, record_type) for i, (rid, _t, _b) in enumerate(new)))
        self._conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                               ((start + i, title, body) for i, (_rid, title, body) in enumerate(new)))

    def remove(self, record_id: str) -> None:
        row = self._conn.execute("SELECT doc FROM search_doc WHERE record_id = ?", (record_id,)).fetchone()
        if row is not None:
            self._conn.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            self._conn.execute("DELETE FROM search_doc WHERE doc = ?", (row[0],))

    def purge(self) -> None:
        """Rewrite the index so no deleted token survives in it (after an erasure or redaction).

        FTS5's secure-delete still leaves a deleted term in a segment's key list; merging
        every segment drops it, and the database's secure_delete zeroes the freed pages.
        """
        self._conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def search(self, text: str, *, record_types: tuple[str, ...] | None = None, limit: int = 50) -> list[SearchHit]:
        query = build_query(text)
        if query is None:
            return []
        type_filter = ""
        params: list = [query]
        if record_types:
            type_filter = f" AND d.record_type IN ({','.join('?' * len(record_types))})"
            params.extend(record_types)
        params.append(limit)
        rows = self._conn.execute(
            "SELECT d.record_type, d.record_id, bm25(search_fts, 4.0, 1.0) AS score "
            "FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
            f"WHERE search_fts MATCH ?{type_filter} ORDER BY score LIMIT ?",
            params,
        ).fetchall()
        words = WORD.findall(fold(text))[:16]
        hits = []
        for record_type, record_id, score in rows:
            title, body = self._source_text(record_type, record_id)
            snippet = make_snippet(body, words) or make_snippet(title, words) or " ".join((title or "").split())
            hits.append(SearchHit(record_type, record_id, snippet, score))
        return hits
