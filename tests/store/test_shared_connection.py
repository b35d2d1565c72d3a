"""One connection used by two threads at once must serialise, never deadlock.

The store's connection sorts names with a Python collation. If one thread is inside
SQLite (holding the connection's mutex, calling back into Python for the GIL) while
another holds the GIL and reads a row (waiting for that mutex), both wait forever.
That hung the whole CI run once: the Home screen read the staff list on the GUI
thread while a count ran on the worker. The connection now takes a lock of its own
around every call into SQLite, so the second thread waits without holding the GIL.
"""

from __future__ import annotations

import threading

from connector_app.domain.records import Person


def test_two_threads_sorting_by_collation_on_one_connection_both_finish(store):
    store.people.add_many([Person(display_name=f"Person {n:03}", consent_scope="record_only",
                                  consent_on="2026-01-01")
                           for n in range(300)])
    conn = store.connection
    errors: list[BaseException] = []

    def hammer() -> None:
        try:
            for _ in range(60):
                rows = list(conn.execute("SELECT display_name FROM person ORDER BY display_name COLLATE people, id"))
                assert len(rows) == 300
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "threads deadlocked on one connection"
    assert errors == []
