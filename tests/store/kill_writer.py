"""A writer for the kill test: writes records forever, printing each id once committed.

Run as a separate process: ``python kill_writer.py WORKSPACE SEED``. The passphrase
comes from CONNECTOR_PASSPHRASE, as in automation.
"""

from __future__ import annotations

import os
import random
import sys

from connector_app.domain.records import Conversation, Person, WhatMatters
from connector_app.ids import new_id
from connector_app.store.subject_access import erase_person
from connector_app.store.workspace import Workspace


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    store = Workspace(path).unlock(os.environ["CONNECTOR_PASSPHRASE"])
    people = [p.id for p in store.people.iter_all()]
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        choice = rng.random()
        if choice < 0.5 or not people:
            with store.atomic():
                person = store.people.add(Person(display_name=f"Person {seed}-{n}", consent_scope="share_team",
                                                 consent_on="2026-01-01", about="note " * rng.randint(1, 400)))
                store.what_matters.add(WhatMatters(person_id=person.id, recorded_on="2026-01-02",
                                                   own_words="wants to garden " * rng.randint(1, 50)))
            people.append(person.id)
            print("person", person.id, flush=True)
        elif choice < 0.6:
            batch = [Person(id=new_id(), display_name=f"Bulk {seed}-{n}-{k}", consent_scope="share_team",
                            consent_on="2026-01-01", about="note " * rng.randint(1, 200)) for k in range(20)]
            store.people.add_many(batch)  # committed when this returns
            for person in batch:
                people.append(person.id)
                print("person", person.id, flush=True)
        elif choice < 0.85:
            conversation = store.conversations.add(Conversation(
                occurred_at="2026-02-03T10:00", mode="phone", person_ids=(rng.choice(people),),
                notes="talked " * rng.randint(1, 300)))
            print("conversation", conversation.id, flush=True)
        elif choice < 0.95:
            pid = rng.choice(people)
            store.people.update(pid, area=f"Area {n}")
            print("area", pid, f"Area {n}", flush=True)
        else:
            pid = people.pop(rng.randrange(len(people)))
            erase_person(store, pid)
            print("erased", pid, flush=True)


if __name__ == "__main__":
    main()
