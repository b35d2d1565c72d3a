"""A writer for the check tests: commits and checkpoints forever, acknowledging each commit.

Run as ``python check_writer.py WORKSPACE``; the passphrase comes from CONNECTOR_PASSPHRASE.
It adds people with conversations up to a few hundred, then keeps rewriting them
(so the file stops growing and a long loop stays fast), checkpointing every few
commits so pages of the file are written while checks read it.
"""

from __future__ import annotations

import os
import random
import sys

from connector_app.domain.records import Conversation, Person
from connector_app.store.workspace import Workspace


def main() -> None:
    store = Workspace(sys.argv[1]).unlock(os.environ["CONNECTOR_PASSPHRASE"])
    rng = random.Random(3)
    people: list[str] = []
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with store.atomic():
            if len(people) < 300:
                person = store.people.add(Person(display_name=f"Person {n}", consent_scope="record_only",
                                                 consent_on="2026-01-01", about="note " * rng.randint(1, 300)))
                store.conversations.add(Conversation(occurred_at="2026-02-03T10:00", mode="phone",
                                                     person_ids=(person.id,), notes="talked " * rng.randint(1, 200)))
                people.append(person.id)
            else:
                store.people.update(rng.choice(people), about="changed " * rng.randint(1, 300))
        if n % 5 == 0:
            store.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        print("committed", n, flush=True)


if __name__ == "__main__":
    main()
