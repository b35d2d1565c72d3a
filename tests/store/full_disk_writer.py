"""Runs inside a private mount namespace on a tiny tmpfs: write until the disk is full.

``python full_disk_writer.py TEMPLATE_WORKSPACE MOUNT_POINT`` prints one JSON line.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

from connector_app.domain.records import Person
from connector_app.errors import DiskFull
from connector_app.store.integrity import check_store
from connector_app.store.workspace import Workspace


def main() -> None:
    template, mount = sys.argv[1], sys.argv[2]
    passphrase = os.environ["CONNECTOR_PASSPHRASE"]
    path = os.path.join(mount, "workspace")
    shutil.copytree(template, path)
    result: dict = {}
    store = Workspace(path).unlock(passphrase)
    committed = 0
    try:
        for n in range(100_000):
            if n % 2:  # the bulk path (demo, imports) and the single path both meet the full disk
                store.people.add_many([Person(display_name=f"Person {n}-{k}", consent_scope="record_only",
                                              consent_on="2026-01-01", about=os.urandom(3000).hex())
                                       for k in range(5)])
                committed += 5
            else:
                store.people.add(Person(display_name=f"Person {n}", consent_scope="record_only",
                                        consent_on="2026-01-01", about=os.urandom(3000).hex()))
                committed += 1
    except DiskFull as exc:
        result["message"] = exc.message()
    result["committed"] = committed
    # Still usable for reading after the failed write.
    result["count_after"] = store.people.count()
    keys_before = open(os.path.join(path, "keys.json"), "rb").read()
    try:
        Workspace(path).change_passphrase(passphrase, "orange kettle whispers under moonlight")
        result["passphrase_change"] = "succeeded"
    except DiskFull:
        result["passphrase_change"] = "disk full"
    result["keys_unchanged"] = keys_before == open(os.path.join(path, "keys.json"), "rb").read()
    store.close()
    # Free some room, as a connector would, and check that nothing committed was lost.
    for leftover in os.listdir(mount):
        if leftover != "workspace":
            os.unlink(os.path.join(mount, leftover))
    reopened = Workspace(path).unlock(passphrase) if result["keys_unchanged"] else None
    if reopened is not None:
        result["count_reopened"] = reopened.people.count()
        result["problems"] = check_store(reopened)["problems"]
        reopened.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
