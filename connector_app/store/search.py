"""Full-text search (FTS5) across notes, names, strengths and assets.

The index is written in the same transaction as the record, by the repository.
Queries are built from words, never passed through as FTS syntax, so any text a
person types is safe to search for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from connector_app.domain.fields import FieldSpec

# Private-use characters mark matches in snippets; the UI turns them into bold.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
_WORD = re.compile(r"[\w\u0610-\u061A\u06D6-\u06ED\u08CA-\u08FF\u0981-\u0983\u09BC-\u09D7\u09E2\u09E3]+")
_TASHKEEL = re.compile("[\u064B-\u065F\u0670]")


def fold(text: str | None) -> str:
    """What the index stores and queries use: Arabic short-vowel marks removed."""
    return _TASHKEEL.sub("", text or "")


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
    words = _WORD.findall(fold(text))
    if not words:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"*' for word in words[:16])


def _keep_marks_inside(snippet: str) -> str:
    """FTS ends a highlight before combining marks (Bengali vowel signs); move them inside."""
    out = []
    i = 0
    while i < len(snippet):
        ch = snippet[i]
        if ch == MATCH_END:
            j = i + 1
            while j < len(snippet) and unicodedata.category(snippet[j]).startswith("M"):
                j += 1
            out.append(snippet[i + 1:j])
            out.append(MATCH_END)
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def document_text(values: dict, specs: tuple[FieldSpec, ...]) -> tuple[str, str] | None:
    """(title, body) for the index, or None if the record type is not searched."""
    title = [values.get(s.name) or "" for s in specs if s.search == "title"]
    body = [values.get(s.name) or "" for s in specs if s.search == "body"]
    if not any(s.search for s in specs):
        return None
    return fold(" ".join(title)), fold(" ".join(body))


class SearchIndex:
    def __init__(self, conn):
        self._conn = conn

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
        """Bulk insert of new records: (record_id, title, body)."""
        if not docs:
            return
        start = self._conn.execute("SELECT coalesce(max(doc), 0) + 1 FROM search_doc").fetchone()[0]
        self._conn.executemany("INSERT INTO search_doc (doc, record_id, record_type) VALUES (?, ?, ?)",
                               ((start + i, rid, record_type) for i, (rid, _t, _b) in enumerate(docs)))
        self._conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                               ((start + i, title, body) for i, (_rid, title, body) in enumerate(docs)))

    def remove(self, record_id: str) -> None:
        row = self._conn.execute("SELECT doc FROM search_doc WHERE record_id = ?", (record_id,)).fetchone()
        if row is not None:
            self._conn.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            self._conn.execute("DELETE FROM search_doc WHERE doc = ?", (row[0],))

    def search(self, text: str, *, record_types: tuple[str, ...] | None = None, limit: int = 50) -> list[SearchHit]:
        query = build_query(text)
        if query is None:
            return []
        type_filter = ""
        params: list = [MATCH_START, MATCH_END, query]
        if record_types:
            type_filter = f" AND d.record_type IN ({','.join('?' * len(record_types))})"
            params.extend(record_types)
        params.append(limit)
        rows = self._conn.execute(
            "SELECT d.record_type, d.record_id, snippet(search_fts, -1, ?, ?, '…', 12), "
            "bm25(search_fts, 4.0, 1.0) AS score "
            "FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
            f"WHERE search_fts MATCH ?{type_filter} ORDER BY score LIMIT ?",
            params,
        ).fetchall()
        return [SearchHit(rt, rid, _keep_marks_inside(snippet), score) for rt, rid, snippet, score in rows]
