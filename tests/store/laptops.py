"""Several laptops of one team, as real workspaces, and random work on them (for merge tests)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from connector_app.domain import vocab
from connector_app.domain.records import CheckIn, Conversation, Person, Staff, Strength
from connector_app.ids import new_id
from connector_app.store.digest import content_digest
from connector_app.store.merge import outgoing
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE


def laptop(template: Path, folder: Path):
    """A copy of one team's workspace that writes as a device of its own."""
    shutil.copytree(template, folder)
    workspace = Workspace(folder, kdf=FAST_KDF)
    store = workspace.unlock(PASSPHRASE)
    with store.atomic():
        store.connection.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (new_id(),))
    workspace.lock()
    return Workspace(folder, kdf=FAST_KDF).unlock(PASSPHRASE)


def every_change(store):
    """Every change this laptop holds, from every device, as it would travel."""
    changes = []
    for device_id in store.changes.known_ranges():
        changes.extend(outgoing(store, device_id))
    return changes


def snapshot(store) -> dict:
    """What must be equal on laptops that have seen the same changes: records, states, field winners."""
    conn = store.connection
    devices = dict(conn.execute("SELECT no, id FROM device"))
    rows = {name: [r.values() | {"id": r.id} for r in repo.iter_all()] for name, repo in store.repositories.items()}
    states = {}
    for record_id, state, ch, cd, versions in conn.execute(
            "SELECT record_id, state, created_hlc, created_dev, versions FROM record_state WHERE state != 'pending'"):
        import json
        winners = {}
        for field, version in (json.loads(versions) if versions else {}).items():
            if isinstance(version, dict):
                winners[field] = {k: (v[0], devices.get(v[1]), v[2]) for k, v in version.items()}
            else:
                winners[field] = (version[0], devices.get(version[1]))
        states[record_id] = (state, winners if state == "live" else None)
    return {"rows": rows, "states": states, "digest": content_digest(store)}


def random_work(store, rng: random.Random, steps: int) -> None:
    """Creates, edits, deletes and erasures across record types, as a connector's week might."""
    people = [p.id for p in store.people.iter_all()]
    staff = [s.id for s in store.staff.iter_all()]
    for _ in range(steps):
        people = [p for p in people if store.people.find(p)]
        roll = rng.random()
        if roll < 0.2 or not people:
            people.append(store.people.add(Person(
                display_name=rng.choice(["Amira", "Jan", "Ceri", "Halima", "Ștefan"]) + f" {rng.randint(1, 99)}",
                consent_scope="share_team", consent_on="2026-01-05", area=rng.choice(["Riverside", None]))).id)
        elif roll < 0.3:
            staff.append(store.staff.add(Staff(name=f"Staff {rng.randint(1, 9)}", role="volunteer")).id)
        elif roll < 0.45:
            chosen = rng.sample(people, min(len(people), rng.randint(1, 3)))
            store.conversations.add(Conversation(
                occurred_at="2026-03-02T10:30", mode="group" if len(chosen) > 1 else "in_person",
                person_ids=tuple(chosen), notes=f"note {rng.random():.3f}",
                features=tuple(rng.sample(vocab.FEATURES.codes, 2))))
        elif roll < 0.55:
            store.checkins.add(CheckIn(person_id=rng.choice(people), on_date="2026-03-03", contact=rng.randint(0, 10),
                                       confidence=5, control=5))
        elif roll < 0.62:
            store.strengths.add(Strength(person_id=rng.choice(people), kind="skill", description="Bakes",
                                         spotted_on="2026-03-01", readiness="spotted",
                                         spotted_by=rng.choice(staff) if staff else None))
        elif roll < 0.8:
            pid = rng.choice(people)
            if store.people.find(pid):
                store.people.update(pid, area=rng.choice(["Hillside", "Docklands", None]),
                                    about=f"about {rng.randint(0, 9)}")
        elif roll < 0.88:
            conversations = [c.id for c in store.conversations.where("mode", "group")]
            if conversations:
                cid = rng.choice(conversations)
                current = store.conversations.get(cid)
                features = set(current.features) ^ {rng.choice(vocab.FEATURES.codes)}
                store.conversations.update(cid, features=sorted(features) or ["listening"])
        elif roll < 0.93:
            checkins = [c.id for c in store.checkins.iter_all()]
            if checkins:
                store.checkins.delete(rng.choice(checkins))
        elif roll < 0.96:
            gone = [rid for (rid,) in store.connection.execute(
                "SELECT record_id FROM record_state WHERE state = 'deleted' AND record_type = 'checkin'")]
            if gone:
                store.checkins.restore(rng.choice(gone))
        elif roll < 0.975:
            from connector_app.store.people_merge import merge_people
            if len(people) > 3:
                keep, twin = rng.sample(people, 2)
                merge_people(store, keep, twin)
        else:
            from connector_app.store.subject_access import erase_person
            alive = [p for p in people if store.people.find(p)]
            if len(alive) > 2:
                erase_person(store, rng.choice(alive))
