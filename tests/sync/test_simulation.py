"""A team of real laptops working offline and exchanging real bundle files, checked against a model.

3 to 12 workspaces make random creates, edits, deletes, erasures and person merges
while bundles travel in random order: some twice, some never (lost), clocks skewed
by days, a hub relaying. When every laptop has finally exchanged bundles with every
other, the test checks, on every laptop, against its own small model of the rules
(not against the code under test):

- every shared content digest is equal;
- each field's value is the write with the greatest (timestamp, device id), and
  every value ever written to it is in its history;
- a check-in is live exactly when its latest change is not a delete;
- every person erased (or merged with someone erased) is erased, and no text ever
  written about them survives in any decrypted table, the log files or a later export.

25 fixed examples in `make test`; 500 fresh ones under `make test-long`.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from connector_app.domain.records import CheckIn, Person
from connector_app.store.people_merge import merge_people
from connector_app.store.subject_access import erase_person
from connector_app.sync.bundle import read_body, read_header
from connector_app.sync.exchange import export_bundle, import_bundle, shared_digest
from connector_app.sync.team import create_team, current_team, join_team
from tests.store.laptops import laptop

_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
QUICK = settings(max_examples=25, deadline=None, suppress_health_check=_HEALTH, derandomize=True)
LONG = settings(max_examples=500, deadline=None, suppress_health_check=_HEALTH)
DAY_MS = 24 * 3600 * 1000
SKEWS = (0, 0, -3 * DAY_MS, 2 * 3600 * 1000, 3 * DAY_MS)  # some laptops' dates are days wrong


@dataclass
class Model:
    """What the rules say, kept by the test: every write with its (timestamp, device id)."""
    writes: dict = field(default_factory=dict)     # (record id, field) -> [(hlc, device, value)]
    events: dict = field(default_factory=dict)     # check-in id -> [(hlc, device, op)]
    texts: dict = field(default_factory=dict)      # person id -> every text written about them
    person_of: dict = field(default_factory=dict)  # check-in id -> person id
    erased: set = field(default_factory=set)
    merges: list = field(default_factory=list)     # (merged away, kept)

    def write(self, record_id, name, stamp, value):
        self.writes.setdefault((record_id, name), []).append((*stamp, value))

    def winner(self, record_id, name):
        return max(self.writes[(record_id, name)], key=lambda w: (w[0], w[1]))[2]

    def gone(self) -> set:
        """Erased people, and everyone joined to one of them by merges (erasing either erases both)."""
        gone = set(self.erased)
        changed = True
        while changed:
            changed = False
            for away, kept in self.merges:
                if (away in gone) != (kept in gone):
                    gone |= {away, kept}
                    changed = True
        return gone

    def merged(self) -> set:
        return {p for pair in self.merges for p in pair}


def _last_stamp(store) -> tuple[int, str]:
    hlc = store.connection.execute("SELECT hlc FROM change WHERE device_no = ? ORDER BY dseq DESC LIMIT 1",
                                   (store.changes.device_no,)).fetchone()[0]
    return hlc, store.device_id


class Team:
    def __init__(self, template: Path, count: int, rng: random.Random):
        self.folder = Path(tempfile.mkdtemp(prefix="simulation-"))
        self.laptops = [laptop(template, self.folder / f"laptop{i}") for i in range(count)]
        code = create_team(self.laptops[0]).join_code  # laptop 0 is the hub
        for store in self.laptops[1:]:
            join_team(store, code)
        for store in self.laptops:
            skew = rng.choice(SKEWS)
            store.stamps._wall = lambda skew=skew: int(time.time() * 1000) + skew
        self.pool: list[Path] = []

    def close(self):
        for store in self.laptops:
            store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def export(self, store, **options) -> Path:
        path = self.folder / f"bundle{len(self.pool)}.cbundle"
        export_bundle(store, path, **options)
        self.pool.append(path)
        return path


def _step(team: Team, model: Model, rng: random.Random, uid: int) -> None:
    store = rng.choice(team.laptops)
    people = [p.id for p in store.people.iter_all()]
    roll = rng.random()
    if roll < 0.18 or not people:
        name, area = f"Name{uid:05d}Q", f"Area{uid:05d}Q"
        person = store.people.add(Person(display_name=name, area=area, consent_scope="share_team",
                                         consent_on="2026-01-05"))
        stamp = _last_stamp(store)
        model.texts[person.id] = {name, area}
        model.write(person.id, "area", stamp, area)
        model.write(person.id, "about", stamp, None)
    elif roll < 0.38:
        pid, name = rng.choice(people), rng.choice(["area", "about"])
        value = f"{name.title()}{uid:05d}Q"
        store.people.update(pid, **{name: value})
        model.texts[pid].add(value)
        model.write(pid, name, _last_stamp(store), value)
    elif roll < 0.5:
        checkin = store.checkins.add(CheckIn(person_id=rng.choice(people), on_date="2026-03-03",
                                             contact=rng.randint(0, 10), confidence=5, control=5))
        stamp = _last_stamp(store)
        model.person_of[checkin.id] = checkin.person_id
        model.write(checkin.id, "contact", stamp, checkin.contact)
        model.events[checkin.id] = [(*stamp, "create")]
    elif roll < 0.62:
        live = [c.id for c in store.checkins.iter_all()]
        if live:
            cid, contact = rng.choice(live), rng.randint(0, 10)
            store.checkins.update(cid, contact=contact)
            stamp = _last_stamp(store)
            model.write(cid, "contact", stamp, contact)
            model.events[cid].append((*stamp, "set"))
    elif roll < 0.7:
        live = [c.id for c in store.checkins.iter_all()]
        if live:
            cid = rng.choice(live)
            store.checkins.delete(cid)
            model.events[cid].append((*_last_stamp(store), "delete"))
    elif roll < 0.74 and len(people) > 2:
        pid = rng.choice(people)
        erase_person(store, pid)
        model.erased.add(pid)
    elif roll < 0.78 and len(people) > 2:
        keep, away = rng.sample(people, 2)
        merge_people(store, keep, away)
        model.merges.append((away, keep))
    elif roll < 0.9:
        team.export(store if rng.random() < 0.6 else team.laptops[0])  # the hub writes more often
    elif team.pool:
        bundle = rng.choice(team.pool)  # any bundle, late, again, or never (lost)
        importer = team.laptops[0] if rng.random() < 0.4 else rng.choice(team.laptops)
        import_bundle(importer, bundle)


def _every_text(store) -> str:
    """Every text in every decrypted table, the log included."""
    conn = store.connection
    chunks = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            chunks.extend(str(v) for v in row if isinstance(v, (str, bytes)))
    return "\n".join(chunks)


def _bundle_text(path: Path, key: bytes) -> str:
    with open(path, "rb") as handle:
        header = read_header(handle)
        return "\n".join(str(item) for item in read_body(handle, header, key))


def _simulate(template: Path, seed: int, count: int, steps: int, tmp_logs: Path) -> None:
    rng = random.Random(seed)
    team = Team(template, count, rng)
    model = Model()
    try:
        for uid in range(steps):
            _step(team, model, rng, uid)
        # Finally every laptop hears from every other, twice round (ordinary bundles: what peers lack).
        for _round in range(2):
            final = [(store, team.export(store)) for store in team.laptops]
            for store in team.laptops:
                for sender, path in final:
                    if sender is not store:
                        import_bundle(store, path)
        _check(team, model, tmp_logs)
    finally:
        team.close()


def _check(team: Team, model: Model, tmp_logs: Path) -> None:
    digests = {shared_digest(store) for store in team.laptops}
    assert len(digests) == 1
    gone, merged = model.gone(), model.merged()
    forbidden = {text for pid in gone for text in model.texts.get(pid, ())}
    key = current_team(team.laptops[0]).bundle_key
    for store in team.laptops:
        for pid in gone:
            assert store.people.find(pid) is None and store.people.state(pid) == "erased"
        for pid in model.texts:
            if pid in gone or pid in merged:
                continue
            person = store.people.get(pid)
            for name in ("area", "about"):
                assert getattr(person, name) == model.winner(pid, name)
                history = [v.value for v in store.people.history(pid, name)]
                assert {w[2] for w in model.writes[(pid, name)] if w[2] is not None} <= set(history)
        for cid, events in model.events.items():
            if model.person_of[cid] in gone:
                assert store.checkins.find(cid) is None
                continue
            latest = max(events, key=lambda e: (e[0], e[1]))[2]
            found = store.checkins.find(cid)
            assert (found is not None) == (latest != "delete")
            if found is not None:
                assert found.contact == model.winner(cid, "contact")
        text = _every_text(store)
        leaked = [t for t in forbidden if t in text]
        assert not leaked
        after = team.export(store, everything=True)
        bundle = _bundle_text(after, key)
        assert not [t for t in forbidden if t in bundle]
    logs = "\n".join(p.read_text(errors="replace") for p in tmp_logs.rglob("*") if p.is_file())
    assert not [t for t in forbidden if t in logs]


@QUICK
@given(seed=st.integers(0, 2 ** 32), count=st.integers(3, 4), steps=st.integers(10, 30))
def test_a_team_ends_the_same_everywhere(template_workspace, tmp_path, seed, count, steps):
    _simulate(template_workspace[0], seed, count, steps, tmp_path / "logs")


@pytest.mark.long
@LONG
@given(seed=st.integers(0, 2 ** 32), count=st.integers(3, 12), steps=st.integers(20, 120))
def test_a_team_ends_the_same_everywhere_many_cases(template_workspace, tmp_path, seed, count, steps):
    _simulate(template_workspace[0], seed, count, steps, tmp_path / "logs")
