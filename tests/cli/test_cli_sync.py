"""``sync import`` of several files: each named with what happened, each once, failures in the exit code
(attack findings 2 and 8)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from connector_app.domain.records import Person
from connector_app.sync.exchange import export_bundle
from connector_app.sync.team import create_team, join_team
from tests.conftest import PASSPHRASE
from tests.store.laptops import laptop


def _people(store, count: int, prefix: str = "Person") -> None:
    store.people.add_many(Person(display_name=f"{prefix} {i}", consent_scope="share_team", consent_on="2026-01-05")
                          for i in range(count))


@pytest.fixture
def team(template_workspace, tmp_path):
    """A hub with three people and a laptop of its team, both locked; the hub's bundle in ``tmp_path``."""
    hub = laptop(template_workspace[0], tmp_path / "hub")
    lap = laptop(template_workspace[0], tmp_path / "laptop")
    join_team(lap, create_team(hub).join_code)
    _people(hub, 3)
    export_bundle(hub, tmp_path / "good.cbundle")
    hub.close()
    lap.close()
    return tmp_path


def _import(run, folder: Path, *names: str):
    return run("sync", "import", *(str(folder / name) for name in names), "--workspace", str(folder / "laptop"))


def test_a_damaged_file_is_named_and_the_good_one_is_imported(run, team):
    data = (team / "good.cbundle").read_bytes()
    (team / "truncated.cbundle").write_bytes(data[:len(data) // 2])
    code, out, err = _import(run, team, "good.cbundle", "truncated.cbundle")
    assert code == 1
    assert "good.cbundle: imported 3 new changes." in out and "Imported 3 new changes." in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("truncated.cbundle: ") and "cut short" in lines[0]
    assert "nothing from this file was changed" in lines[0] and str(team) not in lines[0]
    code, out, _err = _import(run, team, "good.cbundle")
    assert code == 0 and "good.cbundle: already here, nothing new." in out


def test_another_teams_bundle_and_a_missing_file_are_each_named(run, team, template_workspace):
    stranger = laptop(template_workspace[0], team / "stranger")
    create_team(stranger)
    _people(stranger, 1)
    export_bundle(stranger, team / "theirs.cbundle")
    stranger.close()
    code, out, err = _import(run, team, "theirs.cbundle", "missing.cbundle", "good.cbundle")
    assert code == 1 and "good.cbundle: imported 3 new changes." in out
    lines = err.strip().splitlines()
    assert lines[0] == "theirs.cbundle: from another team, so it was left alone"
    assert lines[1].startswith("missing.cbundle: ") and "does not exist" in lines[1]


def test_the_same_bundle_named_twice_is_imported_once_and_counted_once(run, team):
    shutil.copy(team / "good.cbundle", team / "copy.cbundle")
    os.mkdir(team / "stick")
    shutil.copy(team / "good.cbundle", team / "stick" / "good.cbundle")
    code, out, err = _import(run, team, "good.cbundle", "good.cbundle", "copy.cbundle", "stick/good.cbundle")
    assert code == 0 and err == ""
    assert out.count("imported 3 new changes") == 1 and "already here" not in out
    assert f"copy.cbundle: the same bundle as {team / 'good.cbundle'}, so it was read only once." in out
    assert out.count("so it was read only once") == 3
    assert "Imported 3 new changes." in out


def test_two_bundles_of_one_size_are_both_read(run, team):
    from connector_app.store.workspace import Workspace
    store = Workspace(team / "hub").unlock(PASSPHRASE)
    export_bundle(store, team / "again.cbundle")  # the same changes, sealed afresh: other bytes, same size
    store.close()
    assert (team / "again.cbundle").stat().st_size == (team / "good.cbundle").stat().st_size
    code, out, _err = _import(run, team, "good.cbundle", "again.cbundle")
    assert code == 0 and "again.cbundle: already here, nothing new." in out and "read only once" not in out
    assert "3 changes were already here." in out


def test_a_well_sealed_bundle_with_a_bad_change_is_named_and_the_next_file_still_goes_in(run, team):
    """A change no app could write (forged by a holder of the team's key) is refused like damage, per file."""
    import json
    from connector_app.store.workspace import Workspace
    from connector_app.sync.bundle import Header, write_bundle
    from connector_app.sync.team import current_team
    store = Workspace(team / "hub").unlock(PASSPHRASE)
    key, team_id = current_team(store).bundle_key, current_team(store).team_id
    store.close()
    header = Header(team_id, "0190a000-0000-7000-8000-0000000000aa", {}, {}, {}, "2026-11-24T00:00:00Z")
    with open(team / "forged.cbundle", "wb") as handle:
        write_bundle(handle, header, [json.dumps({"d": 1, "s": "x"}).encode("utf-8")], key)
    code, out, err = _import(run, team, "forged.cbundle", "good.cbundle")
    assert code == 1 and "good.cbundle: imported 3 new changes." in out
    assert err.startswith("forged.cbundle: it cannot be used (badly formed change)"), err
