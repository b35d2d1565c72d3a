"""Real bundle files carried between real workspaces: through the CLI, in any order, bad ones refused."""

from __future__ import annotations

import os
import random

import pytest

from connector_app.cli import main
from connector_app.domain.records import CheckIn, Conversation, Person
from connector_app.store.digest import content_digest
from connector_app.sync.bundle import BundleRefused, OtherTeam
from connector_app.sync.exchange import export_bundle, import_bundle
from connector_app.sync.team import create_team, join_team
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint
from tests.store.laptops import laptop, random_work


@pytest.fixture
def hub_and_laptop(template_workspace, tmp_path):
    hub = laptop(template_workspace[0], tmp_path / "hub")
    other = laptop(template_workspace[0], tmp_path / "laptop")
    team = create_team(hub)
    join_team(other, team.join_code)
    yield hub, other
    hub.close()
    other.close()


def test_two_laptops_converge_through_bundles_in_any_order(hub_and_laptop, tmp_path):
    hub, other = hub_and_laptop
    rng = random.Random(7)
    bundles = []
    for round_number in range(3):
        random_work(hub, rng, 15)
        random_work(other, rng, 15)
        for name, store in (("hub", hub), ("laptop", other)):
            path = tmp_path / f"{name}-{round_number}.cbundle"
            export_bundle(store, path)
            bundles.append((name, path))
    rng.shuffle(bundles)  # late, out of order; and each arrives twice
    for name, path in bundles + bundles:
        import_bundle(other if name == "hub" else hub, path)
    assert content_digest(hub) == content_digest(other)


def test_a_lost_bundle_is_sent_again_and_known_changes_are_not(hub_and_laptop, tmp_path):
    hub, other = hub_and_laptop
    hub.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    export_bundle(hub, tmp_path / "lost.cbundle")  # never arrives
    hub.people.add(Person(display_name="Jan", consent_scope="share_team", consent_on="2026-01-05"))
    first = export_bundle(hub, tmp_path / "one.cbundle")
    assert first.changes == 2  # the hub has heard from no one: everything it holds
    import_bundle(other, tmp_path / "one.cbundle")
    export_bundle(other, tmp_path / "back.cbundle")
    import_bundle(hub, tmp_path / "back.cbundle")  # now the hub knows what the laptop holds
    assert export_bundle(hub, tmp_path / "two.cbundle").changes == 2  # recent changes always travel on
    assert {p.display_name for p in other.people.iter_all()} == {"Amira", "Jan"}


def test_a_hub_relays_to_a_laptop_that_has_only_ever_imported(template_workspace, tmp_path):
    """Found by an attacker run: X heard only from Y, so it sent Z nothing of Y's."""
    from connector_app.store.subject_access import erase_person
    hub = laptop(template_workspace[0], tmp_path / "x")
    y = laptop(template_workspace[0], tmp_path / "y")
    z = laptop(template_workspace[0], tmp_path / "z")
    try:
        team = create_team(hub)
        join_team(y, team.join_code)
        join_team(z, team.join_code)
        person = hub.people.add(Person(display_name="Private matter", consent_scope="share_team",
                                       consent_on="2026-01-05"))
        export_bundle(hub, tmp_path / "x1.cbundle")
        import_bundle(y, tmp_path / "x1.cbundle")
        import_bundle(z, tmp_path / "x1.cbundle")
        y.people.add(Person(display_name="Made on Y", consent_scope="share_team", consent_on="2026-01-05"))
        erase_person(y, person.id)
        export_bundle(y, tmp_path / "y1.cbundle")
        import_bundle(hub, tmp_path / "y1.cbundle")
        export_bundle(hub, tmp_path / "x2.cbundle")
        import_bundle(z, tmp_path / "x2.cbundle")
        assert z.people.state(person.id) == "erased"
        assert {p.display_name for p in z.people.iter_all()} == {"Made on Y"}
        assert content_digest(z) == content_digest(hub) == content_digest(y)
    finally:
        for store in (hub, y, z):
            store.close()


def test_record_only_people_stay_on_their_laptop_and_groups_travel_without_them(hub_and_laptop, tmp_path):
    hub, other = hub_and_laptop
    private = hub.people.add(Person(display_name="Private Person", consent_scope="record_only",
                                    consent_on="2026-01-05"))
    shared = hub.people.add(Person(display_name="Shared Person", consent_scope="share_team",
                                   consent_on="2026-01-05"))
    hub.checkins.add(CheckIn(person_id=private.id, on_date="2026-03-03", contact=4, confidence=5, control=6))
    group = hub.conversations.add(Conversation(occurred_at="2026-03-02T10:30", mode="group",
                                               person_ids=(private.id, shared.id), notes="Garden group"))
    result = export_bundle(hub, tmp_path / "b.cbundle")
    assert result.withheld == 2
    import_bundle(other, tmp_path / "b.cbundle")
    assert other.people.find(private.id) is None and other.checkins.count() == 0
    assert other.conversations.get(group.id).person_ids == (shared.id,)
    assert b"Private Person" not in (tmp_path / "b.cbundle").read_bytes()
    from connector_app.sync.exchange import shared_digest
    assert shared_digest(hub) == shared_digest(other)  # in step on what they share
    assert content_digest(hub) != content_digest(other)  # though the hub holds more
    hub.people.update(private.id, consent_scope="share_team")  # they agree to share: the next export carries them
    export_bundle(hub, tmp_path / "c.cbundle")
    import_bundle(other, tmp_path / "c.cbundle")
    assert other.people.get(private.id).display_name == "Private Person" and other.checkins.count() == 1


def test_bad_bundles_are_refused_and_change_nothing(hub_and_laptop, tmp_path, template_workspace):
    hub, other = hub_and_laptop
    hub.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05",
                          about="A long note " * 1500))
    good = tmp_path / "good.cbundle"
    export_bundle(hub, good)
    data = good.read_bytes()
    stranger = laptop(template_workspace[0], tmp_path / "stranger")
    create_team(stranger)
    foreign = tmp_path / "foreign.cbundle"
    export_bundle(stranger, foreign)
    stranger.close()
    cases = {
        "truncated": data[: len(data) - 100],
        "cut at the header": data[:40],
        "random": os.urandom(5000),
        "empty": b"",
        "bit flipped in the body": data[:-50] + bytes([data[-50] ^ 1]) + data[-49:],
        "header edited": data.replace(b'"counts"', b'"counts" ', 1),
        "newer format": data[:7] + b"\x00\x09" + data[9:],
        "trailing bytes": data + b"extra",
    }
    before = content_digest(other), other.changes.count()
    for name, content in cases.items():
        path = tmp_path / f"{name}.cbundle"
        path.write_bytes(content)
        with pytest.raises(BundleRefused):
            import_bundle(other, path)
        assert (content_digest(other), other.changes.count()) == before, name
    with pytest.raises(OtherTeam):
        import_bundle(other, foreign)
    rng = random.Random(3)
    for _ in range(300):  # many small mutations: never a crash, never a partial import
        mutated = bytearray(data)
        for _flip in range(rng.randint(1, 3)):
            mutated[rng.randrange(len(mutated))] ^= 1 << rng.randrange(8)
        path = tmp_path / "mutated.cbundle"
        path.write_bytes(bytes(mutated))
        with pytest.raises(BundleRefused):
            import_bundle(other, path)
    assert (content_digest(other), other.changes.count()) == before
    import_bundle(other, good)
    assert other.people.count() == 1


def test_cli_exchange_between_two_workspaces(template_workspace, tmp_path, monkeypatch, capsys):
    import shutil
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    for name in ("hub", "laptop"):
        laptop(template_workspace[0], tmp_path / name).close()
    hub, lap = str(tmp_path / "hub"), str(tmp_path / "laptop")
    assert main(["team", "create", "--workspace", hub]) == 0
    code = [line.strip() for line in capsys.readouterr().out.splitlines() if line.startswith("    ")][0]
    assert main(["team", "join", code, "--workspace", lap]) == 0
    assert main(["sync", "import", str(tmp_path / "nothing.cbundle"), "--workspace", lap]) == 1
    capsys.readouterr()
    from connector_app.store.workspace import Workspace
    store = Workspace(hub).unlock(PASSPHRASE)
    store.people.add(Person(display_name="Halima", consent_scope="share_team", consent_on="2026-01-05"))
    store.close()
    bundle = tmp_path / "outbox" / "hub.cbundle"
    bundle.parent.mkdir()
    assert main(["sync", "export", "--out", str(bundle), "--workspace", hub]) == 0
    assert "safe to remove" in capsys.readouterr().out
    assert main(["sync", "export", "--out", str(tmp_path / "hub" / "x.cbundle"), "--workspace", hub]) == 1
    before = fingerprint(tmp_path / "laptop")
    assert main(["sync", "import", str(bundle), str(bundle), "--workspace", lap]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 new change." in out and "so it was read only once" in out and "already here" not in out
    assert fingerprint(tmp_path / "laptop") != before
    shared = []
    for folder in (hub, lap):
        assert main(["check", "--workspace", folder]) == 0
        shared.append([line for line in capsys.readouterr().out.splitlines() if line.startswith("Shared with")])
    assert shared[0] == shared[1] and len(shared[0]) == 1  # the two laptops are in step
    shutil.rmtree(bundle.parent)


def test_every_plaintext_byte_of_a_bundle_is_authenticated(hub_and_laptop, tmp_path):
    """Found by an attacker run: a flipped version byte was accepted."""
    hub, other = hub_and_laptop
    hub.people.add(Person(display_name="Amira", consent_scope="share_team", consent_on="2026-01-05"))
    good = tmp_path / "good.cbundle"
    export_bundle(hub, good)
    data = good.read_bytes()
    for offset in range(0, 13):
        for bit in range(8):
            bad = tmp_path / "bad.cbundle"
            bad.write_bytes(data[:offset] + bytes([data[offset] ^ (1 << bit)]) + data[offset + 1:])
            with pytest.raises(BundleRefused):
                import_bundle(other, bad)
    assert other.people.count() == 0


def test_a_bundle_import_records_ranges_clock_and_audit_once(hub_and_laptop, tmp_path):
    hub, other = hub_and_laptop
    for n in range(5):
        hub.people.add(Person(display_name=f"P{n}", consent_scope="share_team", consent_on="2026-01-05"))
    export_bundle(hub, tmp_path / "b.cbundle")
    before_clock = other.stamps.last()
    import_bundle(other, tmp_path / "b.cbundle")
    assert other.changes.known_ranges()[hub.device_id] == [(1, 5)]
    assert other.stamps.last() > before_clock  # the clock moved past the newest change it took in
    entries = [e for e in other.audit.recent(10) if e.action == "sync_import"]
    assert [(e.record_type, e.count) for e in entries] == [("person", 5)]
