"""A writer for the check tests: commits records and checkpoints forever, acknowledging each commit.

Run as ``python check_writer.py WORKSPACE``; the passphrase comes from CONNECTOR_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys

from connector_app.domain.records import Conversation, Person
from connector_app.store.workspace import Workspace


def main() -> None:
    store = Workspace(sys.argv[1]).unlock(os.environ["CONNECTOR_PASSPHRASE"])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with store.atomic():
            person = store.people.add(Person(display_name=f"Person {n}", consent_scope="record_only",
                                             consent_on="2026-01-01", about="note " * (n % 300 + 1)))
            store.conversations.add(Conversation(occurred_at="2026-02-03T10:00", mode="phone",
                                                 person_ids=(person.id,), notes="talked " * (n % 200 + 1)))
        if n % 5 == 0:  # checkpoints write pages of the file while the checks read it
            store.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        print("committed", n, flush=True)


if __name__ == "__main__":
    main()
