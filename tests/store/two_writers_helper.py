"""One of two processes writing the same workspace at once: ``python two_writers_helper.py WS N TAG``."""

from __future__ import annotations

import os
import sys

from connector_app.domain.records import Person
from connector_app.store.workspace import Workspace


def main() -> None:
    path, count, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    store = Workspace(path).unlock(os.environ["CONNECTOR_PASSPHRASE"])
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for n in range(count):
        if n % 5 == 4:
            store.people.add_many(Person(display_name=f"{tag} bulk {n}-{k}", consent_scope="share_team",
                                         consent_on="2026-01-01") for k in range(3))
        else:
            store.people.add(Person(display_name=f"{tag} {n}", consent_scope="share_team", consent_on="2026-01-01"))
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
