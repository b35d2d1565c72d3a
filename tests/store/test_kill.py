"""A writer killed with SIGKILL at random moments never loses a committed record."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from connector_app.store.integrity import check_store
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE

KILLS = 50
WRITER = Path(__file__).with_name("kill_writer.py")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_loses_nothing_committed(workspace_path):
    rng = random.Random(20261123)
    env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    people: set[str] = set()
    conversations: set[str] = set()
    erased: set[str] = set()
    areas: dict[str, str] = {}
    for round_number in range(KILLS):
        writer = subprocess.Popen([sys.executable, str(WRITER), str(workspace_path), str(round_number)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        # Kill after a random number of acknowledged commits: the writer is then somewhere
        # in the middle of its next transaction (or its fsync, or its checkpoint).
        for _ in range(rng.randint(0, 25)):
            line = writer.stdout.readline().split()
            kind, record_id = line[0], line[1]
            if kind == "person":
                people.add(record_id)
            elif kind == "conversation":
                conversations.add(record_id)
            elif kind == "area":
                areas[record_id] = " ".join(line[2:])
            else:
                erased.add(record_id)
        # Then a random pause, so the kill lands anywhere in the next transaction, a bulk
        # insert included, not only just after a commit (the writer never waits).
        time.sleep(rng.random() * 0.05)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for rest in writer.stdout.read().splitlines():  # printed before it died: committed too
            line = rest.split()
            if len(line) < 2:
                continue
            if line[0] == "person":
                people.add(line[1])
            elif line[0] == "conversation":
                conversations.add(line[1])
            elif line[0] == "erased":
                erased.add(line[1])
        writer.stdout.close()
        writer.stderr.close()

        store = Workspace(workspace_path).unlock(PASSPHRASE)
        try:
            present_people = {p.id for p in store.people.iter_all()}
            # An erasure the writer committed but had no time to print is not a loss.
            lost_people = {p for p in people - erased - present_people if store.people.state(p) != "erased"}
            assert not lost_people, f"round {round_number}: a committed person was lost"
            assert not (erased & present_people), f"round {round_number}: an erasure came undone"
            present_conversations = {c.id for c in store.conversations.iter_all()}
            lost = {c for c in conversations - present_conversations if store.conversations.state(c) != "erased"}
            assert not lost, f"round {round_number}: a committed conversation was lost"
            for pid, area in areas.items():
                if pid not in erased:
                    # The acknowledged value was committed; a later one may have been, just before the kill.
                    history = [version.value for version in store.people.history(pid, "area")]
                    assert area in history, f"round {round_number}: an acknowledged edit was lost"
                    assert store.people.get(pid).area == history[-1]
        finally:
            store.close()
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    try:
        report = check_store(store)
        assert report["problems"] == 0, report
        assert store.people.count() >= len(people - erased) > 0
    finally:
        store.close()
