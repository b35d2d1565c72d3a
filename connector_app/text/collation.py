"""People's names in each language's own order (CLDR collation through ICU), also inside SQLite.

Welsh sorts "ch" after "c" and "ll" after "l", Polish "ł" after "l", Romanian
"ș" after "s"; Bengali, Arabic and Urdu in their alphabets' order.

Why ICU (pyicu-wheels 2.15.2, ICU 77.1, about 50 MB installed) rather than a
smaller pure-Python UCA (pyuca 1.2, 8 MB): pyuca knows no language's tailoring,
so Welsh, Polish, Romanian and Bengali would each need digraph and letter rules
written and kept by us, and it sorted 20,000 names in 1,490 ms against ICU's
21 ms on this machine (docs/languages.md has the figures).

In SQL: ``ORDER BY display_name COLLATE people, id``. Keyset pages stay exact
because the comparison is a total order (ICU's sort key, then the code points
to break ties between names that collate equal). No index can hold a collation
whose order changes with the language, so each page is a top-N sort (about
120 ms for 20,000 people); lists must re-query when the language changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from connector_app.text.languages import SOURCE, language

COLLATION = "people"


@lru_cache(maxsize=16)
def _collator(code: str):
    import icu  # pyicu-wheels

    entry = language(code)
    collator = icu.Collator.createInstance(icu.Locale(entry.locale.language if entry else "en"))
    return collator


def sort_key(text: str, code: str = SOURCE) -> bytes:
    """A byte string that sorts ``text`` as ``code``'s readers expect."""
    return _collator(code).getSortKey(text or "")


def sorted_names(names, code: str = SOURCE, key: Callable = lambda name: name) -> list:
    return sorted(names, key=lambda item: (sort_key(key(item), code), key(item)))


class _Comparator:
    """SQLite's comparison callback for one language, with each name's key computed once.

    SQLite calls it about once per row for a page (a top-N sort): 20,000 names take
    about 120 ms on this machine, most of it the call from SQLite into Python.
    """

    LIMIT = 200_000  # names whose keys are kept (about 20 MB at most)

    def __init__(self, code: str):
        self.code = code
        self.keys: dict[str, bytes] = {}

    def key(self, text: str) -> bytes:
        found = self.keys.get(text)
        if found is None:
            if len(self.keys) >= self.LIMIT:
                self.keys.clear()
            # The text itself breaks ties, so only equal names compare equal (keyset pages).
            found = self.keys[text] = sort_key(text, self.code) + b"\0" + text.encode()
        return found

    def __call__(self, a: str | None, b: str | None) -> int:
        ka, kb = self.key(a or ""), self.key(b or "")
        return (ka > kb) - (ka < kb)


@lru_cache(maxsize=16)
def comparator(code: str) -> _Comparator:
    return _Comparator(code)


def compare(a: str | None, b: str | None, code: str = SOURCE) -> int:
    """-1, 0 or 1; 0 only for equal text, so keyset pagination never loses a row."""
    return comparator(code)(a, b)


def register(conn, current_language: Callable[[], str]) -> None:
    """Define ``COLLATE people`` on ``conn``, following ``current_language()`` at each comparison."""
    conn.create_collation(COLLATION, lambda a, b: comparator(current_language())(a, b))
