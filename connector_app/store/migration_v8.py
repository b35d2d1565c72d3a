"""Schema 8: the search index rebuilt with the folding of connector_app/text/fold.py.

Search, type-ahead and duplicate matching now fold Polish ł, Welsh ŵ ŷ, Romanian
s/t with cedilla or comma, Arabic and Urdu letter variants and every script's
digits. The index holds folded tokens, so words indexed before would no longer
match what people type: every searchable record is indexed again from its own
row (the index keeps tokens only; snippets are still made from the rows).
"""

from __future__ import annotations

from connector_app.store.migrations import _SEARCH_V2, _WORD_MARKS, _joined, migration


@migration(8, "search index folded across scripts and accents")
def _refold_search(conn) -> None:
    # Dropping the table (rather than deleting its rows) leaves no old token in any segment.
    conn.executescript(f"""
    DROP TABLE search_fts;
    CREATE VIRTUAL TABLE search_fts USING fts5 (
        title, body, content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 2 tokenchars '{_WORD_MARKS}'"
    );
    INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);
    """)
    from connector_app.text.fold import fold
    conn.create_function("search_fold_v6", 1, fold, deterministic=True)
    for record_type, (title, body) in _SEARCH_V2.items():
        conn.execute(
            f"INSERT INTO search_fts (rowid, title, body) "
            f"SELECT d.doc, search_fold_v6({_joined(title)}), search_fold_v6({_joined(body)}) FROM {record_type} r "
            f"JOIN search_doc d ON d.record_id = r.id")
