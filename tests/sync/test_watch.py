"""Two real workspaces in separate folders exchanging bundles through one watched folder."""

from __future__ import annotations

import shutil

import pytest

from connector_app.domain.records import Person
from connector_app.errors import UserError
from connector_app.sync.exchange import export_bundle, shared_digest
from connector_app.sync.team import create_team, join_team
from connector_app.sync import watch
from tests.store.laptops import laptop


@pytest.fixture
def pair(template_workspace, tmp_path):
    hub = laptop(template_workspace[0], tmp_path / "hub")
    other = laptop(template_workspace[0], tmp_path / "laptop")
    join_team(other, create_team(hub).join_code)
    shared = tmp_path / "Syncthing" / "team"
    shared.mkdir(parents=True)
    for store in (hub, other):
        watch.set_folder(store, shared)
    yield hub, other, shared
    hub.close()
    other.close()


def _person(store, name):
    return store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-05"))


def test_two_laptops_meet_through_a_watched_folder(pair):
    hub, other, shared = pair
    _person(hub, "Amira Haddad")
    _person(other, "Jan Kowalski")
    watch.write_own(hub)
    watch.write_own(other)
    assert sorted(p.name for p in shared.iterdir()) == sorted([watch.own_name(hub), watch.own_name(other)])
    first = watch.scan(other)
    assert [(f.name, f.outcome) for f in first.files if f.outcome == watch.IMPORTED] == [
        (watch.own_name(hub), watch.IMPORTED)]
    assert first.count(watch.OWN) == 1
    watch.scan(hub)
    assert {p.display_name for p in hub.people.iter_all()} == {"Amira Haddad", "Jan Kowalski"}
    assert shared_digest(hub) == shared_digest(other)
    # Nothing new: the same file is not read again.
    again = watch.scan(other)
    assert again.count(watch.UNCHANGED) == 1 and again.imported.applied == 0
    # A new bundle from the hub replaces its file and is taken in.
    _person(hub, "Ceri Jones")
    watch.write_own(hub)
    assert watch.scan(other).imported.applied >= 1
    assert "Ceri Jones" in {p.display_name for p in other.people.iter_all()}


def test_partial_files_and_other_teams_bundles_are_left_alone_with_a_reason(pair, template_workspace, tmp_path):
    hub, other, shared = pair
    _person(hub, "Amira Haddad")
    # Files a sync tool is still writing: never opened.
    for name in (".syncthing.connector-x.cbundle.tmp", "~syncthing~connector-x.cbundle.tmp",
                 "connector-x.cbundle.part", ".connector-x.cbundle.tmp.ab12cd34", "notes.txt"):
        (shared / name).write_bytes(b"half a file")
    # A bundle still being copied onto a plain shared drive: cut short, tried again next time.
    export_bundle(hub, tmp_path / "whole.cbundle")
    whole = (tmp_path / "whole.cbundle").read_bytes()
    (shared / "connector-copying.cbundle").write_bytes(whole[: len(whole) // 2])
    # Another team's bundle.
    stranger = laptop(template_workspace[0], tmp_path / "stranger")
    try:
        create_team(stranger)
        _person(stranger, "Someone else's")
        export_bundle(stranger, shared / "connector-stranger.cbundle")
    finally:
        stranger.close()
    (shared / "connector-garbage.cbundle").write_bytes(b"CNSYNC\x00\x00\x01" + b"\x00" * 40)

    report = watch.scan(other)
    outcomes = {f.name: f.outcome for f in report.files}
    assert outcomes == {"connector-copying.cbundle": watch.PARTIAL,
                        "connector-stranger.cbundle": watch.OTHER_TEAM,
                        "connector-garbage.cbundle": watch.DAMAGED}
    assert other.people.count() == 0
    # The copy finishes: the next scan takes it in; the refused ones are remembered, not retried.
    shutil.copyfile(tmp_path / "whole.cbundle", shared / "connector-copying.cbundle")
    report = watch.scan(other)
    outcomes = {f.name: f.outcome for f in report.files}
    assert outcomes["connector-copying.cbundle"] == watch.IMPORTED
    assert outcomes["connector-stranger.cbundle"] == watch.OTHER_TEAM  # named again, not read again
    assert {p.display_name for p in other.people.iter_all()} == {"Amira Haddad"}


class Clock:
    """The scan's clock, moved by the test (no sleeping)."""

    def __init__(self):
        self.seconds = 1_800_000_000.0

    def __call__(self) -> float:
        return self.seconds


def _statuses(report) -> dict:
    return {f.name: f.outcome for f in report.files}


def test_every_file_keeps_one_status_scan_after_scan(pair, template_workspace, tmp_path, monkeypatch):
    hub, other, shared = pair
    _person(hub, "Amira Haddad")
    watch.write_own(hub)
    watch.write_own(other)
    hub_name, own = watch.own_name(hub), watch.own_name(other)
    whole = (shared / hub_name).read_bytes()
    (shared / "connector-empty.cbundle").write_bytes(b"")
    (shared / "connector-truncated.cbundle").write_bytes(whole[: len(whole) // 2])
    (shared / "connector-copying.cbundle").write_bytes(whole[:40])
    stranger = laptop(template_workspace[0], tmp_path / "stranger")
    try:
        create_team(stranger)
        export_bundle(stranger, shared / "connector-stranger.cbundle")
    finally:
        stranger.close()
    clock = Clock()
    reads = []
    real_import = watch._import_one
    monkeypatch.setattr(watch, "_import_one", lambda store, file, report: (
        reads.append(file.name), real_import(store, file, report))[1])

    first = _statuses(watch.scan(other, now=clock))
    assert first == {hub_name: watch.IMPORTED, own: watch.OWN, "connector-stranger.cbundle": watch.OTHER_TEAM,
                     "connector-empty.cbundle": watch.PARTIAL, "connector-truncated.cbundle": watch.PARTIAL,
                     "connector-copying.cbundle": watch.PARTIAL}
    clock.seconds += 60
    second = _statuses(watch.scan(other, now=clock))
    assert second == {**first, hub_name: watch.UNCHANGED}  # another team's bundle is named every time
    # The copy goes on (the file changes), the others stay as they are past the settling time.
    (shared / "connector-copying.cbundle").write_bytes(whole[:80])
    clock.seconds += watch.SETTLE_SECONDS
    third = _statuses(watch.scan(other, now=clock))
    assert third == {**second, "connector-empty.cbundle": watch.DAMAGED,
                     "connector-truncated.cbundle": watch.DAMAGED}
    reads.clear()
    clock.seconds += 10 * watch.SETTLE_SECONDS
    fourth = watch.scan(other, now=clock)
    assert _statuses(fourth) == {**third, "connector-copying.cbundle": watch.DAMAGED}
    assert reads == ["connector-copying.cbundle"]  # the damaged and the stranger's are not read again
    damaged = next(f for f in fourth.files if f.name == "connector-truncated.cbundle")
    text = watch.status_text(damaged)
    assert text.startswith("connector-truncated.cbundle: damaged") and "export it again" in text
    assert (shared / "connector-empty.cbundle").exists() and (shared / "connector-truncated.cbundle").exists()
    assert other.people.count() == 1
    # Written again, whole: tried again and imported.
    shutil.copyfile(shared / hub_name, shared / "connector-truncated.cbundle")
    fifth = _statuses(watch.scan(other, now=clock))
    assert fifth["connector-truncated.cbundle"] == watch.IMPORTED
    assert fifth["connector-empty.cbundle"] == watch.DAMAGED
    # A file removed from the folder is forgotten; put back unchanged, it is judged afresh.
    (shared / "connector-empty.cbundle").unlink()
    assert "connector-empty.cbundle" not in _statuses(watch.scan(other, now=clock))
    (shared / "connector-empty.cbundle").write_bytes(b"")
    assert _statuses(watch.scan(other, now=clock))["connector-empty.cbundle"] == watch.PARTIAL


def test_a_missing_folder_says_so_and_changes_nothing(pair, tmp_path):
    hub, other, shared = pair
    (tmp_path / "unplugged").mkdir()
    watch.set_folder(other, tmp_path / "unplugged")
    (tmp_path / "unplugged").rmdir()   # the drive unplugged after it was chosen
    with pytest.raises(watch.FolderUnavailable) as caught:
        watch.scan(other)
    assert "unplugged" in caught.value.message()
    with pytest.raises(UserError):
        watch.write_own(other)
    watch.set_folder(other, None)
    assert watch.folder(other) is None and watch.write_own(other) is None


def test_an_import_reports_conflicts_and_records_that_came_back(pair, tmp_path):
    from connector_app.domain.records import CheckIn
    from connector_app.sync.exchange import import_bundle, last_import
    hub, other, _shared = pair
    person = _person(hub, "Ceri Jones")
    checkin = hub.checkins.add(CheckIn(person_id=person.id, on_date="2026-03-03", contact=4, confidence=5,
                                       control=6))
    export_bundle(hub, tmp_path / "1.cbundle")
    import_bundle(other, tmp_path / "1.cbundle")
    assert last_import(other)["counts"] == {"checkin": 1, "person": 1}
    hub.checkins.delete(checkin.id)
    hub.people.update(person.id, area="Hillside")
    export_bundle(hub, tmp_path / "2.cbundle")
    other.people.update(person.id, area="Riverside")   # later: wins over the hub's edit
    other.checkins.update(checkin.id, contact=9)       # later than the delete: brings it back
    export_bundle(other, tmp_path / "3.cbundle")
    import_bundle(other, tmp_path / "2.cbundle")
    result = import_bundle(hub, tmp_path / "3.cbundle")
    assert result.revived == {"checkin": 1} and result.conflicts == 1
    assert hub.checkins.get(checkin.id).contact == 9 and hub.people.get(person.id).area == "Riverside"
    assert last_import(other)["conflicts"] == 1  # the hub's older edit met the newer one typed here
    assert [v.value for v in hub.people.history(person.id, "area")][-2:] == ["Hillside", "Riverside"]


def test_two_workspaces_share_a_folder_through_the_cli(template_workspace, tmp_path, monkeypatch, capsys):
    from connector_app.cli import main
    from tests.conftest import PASSPHRASE
    from connector_app.store.workspace import Workspace
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    for name in ("hub", "laptop"):
        laptop(template_workspace[0], tmp_path / name).close()
    hub, lap, shared = str(tmp_path / "hub"), str(tmp_path / "laptop"), tmp_path / "Nextcloud"
    shared.mkdir()
    assert main(["team", "create", "--workspace", hub]) == 0
    code = [line.strip() for line in capsys.readouterr().out.splitlines() if line.startswith("    ")][0]
    assert main(["team", "join", code, "--workspace", lap]) == 0
    assert main(["sync", "scan", "--workspace", lap]) == 1
    assert "No sync folder is set" in capsys.readouterr().out
    for folder in (hub, lap):
        assert main(["sync", "folder", str(shared), "--workspace", folder]) == 0
    assert str(shared.resolve()) in capsys.readouterr().out
    store = Workspace(hub).unlock(PASSPHRASE)
    _person(store, "Halima Yusuf")
    store.close()
    (shared / "connector-stranger.cbundle").write_bytes(b"CNSYNC\x00\x00\x01\x00\x00\x00\x02{}")
    assert main(["sync", "scan", "--workspace", hub]) == 0
    assert main(["sync", "scan", "--workspace", lap]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 new change from the sync folder." in out
    assert "connector-stranger.cbundle: damaged or not a sync bundle" in out
    assert len(list(shared.glob("connector-*.cbundle"))) == 3
    assert main(["sync", "folder", "--off", "--workspace", lap]) == 0
    assert "No sync folder is set." in capsys.readouterr().out


def test_an_import_or_export_stopped_half_way_keeps_nothing(pair, tmp_path):
    from connector_app.sync.exchange import import_bundle

    class Stop(Exception):
        pass

    def stop(done, total):
        assert 0 < done <= total
        raise Stop()

    hub, other, _shared = pair
    for n in range(3):
        _person(hub, f"Person {n}")
    export_bundle(hub, tmp_path / "all.cbundle")
    with pytest.raises(Stop):
        import_bundle(other, tmp_path / "all.cbundle", progress=stop)
    assert other.people.count() == 0 and other.changes.known_ranges() == {}
    assert import_bundle(other, tmp_path / "all.cbundle").applied == 3
    from connector_app.sync import exchange
    exchange_chunk, exchange.CHUNK = exchange.CHUNK, 2  # progress is reported every CHUNK changes
    try:
        with pytest.raises(Stop):
            export_bundle(hub, tmp_path / "stopped.cbundle", progress=stop)
    finally:
        exchange.CHUNK = exchange_chunk
    assert not list(tmp_path.glob("*stopped*"))


def test_a_sync_folder_must_be_a_folder_outside_every_workspace(store, workspace_path, tmp_path):
    from connector_app.errors import UserError
    (tmp_path / "a-file").write_text("x")
    for refused in (tmp_path / "missing", tmp_path / "a-file", workspace_path, workspace_path / "backups"):
        if refused.name == "backups":
            refused.mkdir(exist_ok=True)
        with pytest.raises(UserError):
            watch.set_folder(store, refused)
        assert watch.folder(store) is None   # nothing chosen
    (tmp_path / "shared").mkdir()
    watch.set_folder(store, tmp_path / "shared")
    assert watch.folder(store) == (tmp_path / "shared").resolve()
