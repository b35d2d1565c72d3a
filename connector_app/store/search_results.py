"""Search results for people to read: grouped by record type, counted, with snippets and names.

    groups = search_groups(conn, "sew tues")          # every type that matched, a first page each
    more = search_page(conn, "sew tues", "asset", after=groups[0].after)

Reads the existing full-text index (search.py: its query building and snippets,
its tokens untouched) on any connection, the desktop's read-only one included.
Each group is one keyset page, ordered by relevance then by index row, so "more"
continues exactly where the page stopped however many records matched. A
result carries what a person needs to recognise it: the record's name (or its
date), the marked snippet and the names of the people it is about; the text
itself is read from the live record rows, never from the index.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME, RECORD_TYPES
from connector_app.store.queries import Page
from connector_app.store.search import MATCH_END, MATCH_START, WORD, build_query, fold, make_snippet

PER_GROUP = 8          # first results shown in each group
MORE_PAGE = 25         # results added by each "show more"
TITLE_WIDTH = 40       # words of a name kept when marking it
# People first (what a connector most often looks for), then the order records are declared in.
GROUP_ORDER = ("person",) + tuple(cls.type_name for cls in RECORD_TYPES if cls.type_name != "person")
_SCORE = "bm25(search_fts, 4.0, 1.0)"   # as search.SearchIndex ranks: a match in a name counts more
_MATCHES = ("SELECT d.doc AS doc, d.record_type AS record_type, d.record_id AS record_id, "
            f"{_SCORE} AS score FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
            "WHERE search_fts MATCH ?")


@dataclass(frozen=True)
class Result:
    record_type: str
    record_id: str
    title: str                  # the record's name, matches marked; "" for a type without one
    on: str | None              # the date (ISO) that places the record, for a type without a name
    snippet: str                # a few words around the first match in its text, marked; may be ""
    people: tuple[str, ...]     # whom it is about (empty for a person, a venue, an asset...)
    key: tuple                  # where this result sits in its group's order (for the next page)


@dataclass(frozen=True)
class Group:
    record_type: str
    count: int                  # every match of this type, not only those in ``results``
    results: list[Result]
    after: tuple | None         # pass to ``search_page`` for more; None when all are in ``results``


def marked_html(text: str) -> str:
    """Record text as safe rich text: escaped first, then the match marks become bold."""
    return html.escape(text).replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")


def plain(text: str) -> str:
    """The marked text without its marks (for screen readers and plain labels)."""
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


def search_groups(conn, text: str, *, per_group: int = PER_GROUP) -> list[Group]:
    """Every record type with a match, in GROUP_ORDER, each with its count and first page."""
    query = build_query(text)
    if query is None:
        return []
    # One pass over the matches: each type's count, and its best ``per_group + 1`` (one more says "there is more").
    rows = conn.execute(
        "SELECT doc, record_type, record_id, score, total FROM (SELECT *, row_number() OVER "
        "(PARTITION BY record_type ORDER BY score, doc) AS n, count(*) OVER (PARTITION BY record_type) AS total "
        f"FROM ({_MATCHES})) WHERE n <= ? ORDER BY record_type, score, doc", (query, per_group + 1)).fetchall()
    counts = {r[1]: r[4] for r in rows}
    words = _words(text)
    groups = []
    for record_type in GROUP_ORDER:
        if not counts.get(record_type):
            continue
        page = _page([r[:4] for r in rows if r[1] == record_type], per_group, conn, record_type, words)
        groups.append(Group(record_type, counts[record_type], page.rows, page.after))
    return groups


def search_page(conn, text: str, record_type: str, *, after: tuple | None = None,
                limit: int = MORE_PAGE) -> Page[Result]:
    """The next results of one type, after the key a previous page ended on."""
    query = build_query(text)
    if query is None or record_type not in BY_NAME:
        return Page([], None)
    keyset, params = "", [query, record_type]
    if after is not None:
        keyset = " AND (score, doc) > (?, ?)"
        params.extend(after)
    rows = conn.execute(
        f"SELECT doc, record_type, record_id, score FROM ({_MATCHES} AND d.record_type = ?) "
        f"WHERE 1{keyset} ORDER BY score, doc LIMIT ?", (*params, limit + 1)).fetchall()
    return _page(rows, limit, conn, record_type, _words(text))


def _words(text: str) -> list[str]:
    return WORD.findall(fold(text))[:16]  # as build_query reads the text


def _page(rows: list, limit: int, conn, record_type: str, words: list[str]) -> Page[Result]:
    more = len(rows) > limit
    rows = rows[:limit]
    details = _details(conn, record_type, [r[2] for r in rows])
    results = []
    for doc, _type, record_id, score in rows:
        found = details.get(record_id)
        if found is None:  # gone since the index was read (deleted on another connection)
            continue
        title, body, on, people = found
        results.append(Result(record_type, record_id, _marked_title(title, words), on,
                              make_snippet(_unmarked(body), words) or "", people, (score, doc)))
    after = (rows[-1][3], rows[-1][0]) if more and rows else None
    return Page(results, after)


def _unmarked(text: str) -> str:
    """Record text cannot fake a highlight: our private-use marks are removed before marking."""
    return (text or "").replace(MATCH_START, "").replace(MATCH_END, "")


def _marked_title(title: str, words: list[str]) -> str:
    title = " ".join(_unmarked(title).split())
    if not title:
        return ""
    return make_snippet(title, words, width=TITLE_WIDTH) or title


def _date_field(specs) -> str | None:
    """The date that places a record: its first required date, else its first date."""
    dated = [s for s in specs if s.kind in (Kind.DATE, Kind.DATETIME)]
    required = [s for s in dated if s.required]
    chosen = required or dated
    return chosen[0].name if chosen else None


def _people_sql(record_class) -> str:
    """SQL giving the JSON list of names of the people a record is about (a row of table ``t``)."""
    field = record_class.person_field
    spec = next((s for s in record_class.specs() if s.name == field), None)
    if spec is None or field == "id":
        return "NULL"
    if spec.kind is Kind.REFS and spec.link:
        own = f"{record_class.type_name}_id"
        return (f"(SELECT json_group_array(name) FROM (SELECT p.display_name AS name FROM {spec.link} l "
                f"JOIN person p ON p.id = l.person_id WHERE l.{own} = t.id ORDER BY p.display_name COLLATE NOCASE))")
    return f"(SELECT json_array(p.display_name) FROM person p WHERE p.id = t.{field})"


def _details(conn, record_type: str, ids: list[str]) -> dict[str, tuple[str, str, str | None, tuple[str, ...]]]:
    """(title, body, date, people) of each live record among ``ids``, in one query."""
    if not ids:
        return {}
    record_class = BY_NAME[record_type]
    specs = record_class.specs()
    title = [s.name for s in specs if s.search == "title"]
    body = [s.name for s in specs if s.search == "body"]
    dated = _date_field(specs)

    def joined(names: list[str]) -> str:
        return " || ' ' || ".join(f"coalesce(t.{n}, '')" for n in names) if names else "''"

    rows = conn.execute(
        f"SELECT t.id, {joined(title)}, {joined(body)}, {f't.{dated}' if dated else 'NULL'}, "
        f"{_people_sql(record_class)} FROM {record_type} t WHERE t.id IN ({','.join('?' * len(ids))})",
        ids).fetchall()
    return {r[0]: (r[1], r[2], r[3], tuple(json.loads(r[4] or "[]"))) for r in rows}
