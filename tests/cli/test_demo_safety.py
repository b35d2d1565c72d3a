"""`demo` appears whole or not at all, never adds to records, and has a bound (issue 11, finding 4)."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.demo import MAX_PEOPLE
from connector_app.domain.records import Person
from connector_app.store.workspace import Workspace
from tests.cli.conftest import one_line
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint

ROOT = Path(__file__).parents[2]
SMALL = ("--people", "40", "--months", "1")


def _counts(run, path: Path) -> dict:
    code, out, err = run("check", "--json", "--workspace", str(path))
    assert code == 0, err
    report = json.loads(out)
    assert report["problems"] == 0
    return report["counts"]


@pytest.fixture
def place(tmp_path) -> Path:
    """A folder of its own for the demo, so what is left beside it can be listed."""
    folder = tmp_path / "place"
    folder.mkdir()
    return folder


def test_demo_twice_refuses_the_second_time_and_adds_nothing(run, place):
    target = place / "demo"
    code, out, err = run("demo", *SMALL, "--workspace", str(target))
    assert code == 0 and "Created a workspace for the demo" in out, err
    assert list(place.iterdir()) == [target]  # no hidden build folder left beside it
    first = _counts(run, target)
    assert first["staff"] > 0 and first["person"] == 40

    code, out, err = run("demo", *SMALL, "--workspace", str(target))
    assert code == 2 and "already holds records" in err and "--replace" in err, err
    assert _counts(run, target) == first  # staff and venues not twice


def test_replace_rebuilds_an_untouched_demo_only(run, place):
    target = place / "demo"
    assert run("demo", *SMALL, "--workspace", str(target))[0] == 0
    first = _counts(run, target)
    code, out, err = run("demo", *SMALL, "--replace", "--workspace", str(target))
    assert code == 0, err
    assert _counts(run, target) == first and sorted(p.name for p in place.iterdir()) == ["demo"]

    store = Workspace(target).unlock(PASSPHRASE)  # someone types a real person into the demo
    store.people.add(Person(display_name="Typed by hand", consent_scope="record_only", consent_on="2026-01-01"))
    store.close()
    code, _out, err = run("demo", *SMALL, "--replace", "--workspace", str(target))
    assert code == 2 and "Nothing was changed" in err, err
    assert _counts(run, target)["person"] == 41


def test_replace_never_touches_a_real_workspace(run, filled):
    path, _records = filled
    before = _counts(run, path)
    code, _out, err = run("demo", *SMALL, "--replace", "--workspace", str(path))
    assert code == 2 and "Nothing was changed" in err, err
    assert _counts(run, path) == before


def test_an_empty_workspace_is_filled_and_gets_its_daily_backup(run, workspace_path):
    code, _out, err = run("demo", *SMALL, "--workspace", str(workspace_path))
    assert code == 0, err
    assert _counts(run, workspace_path)["person"] == 40
    assert list((workspace_path / "backups").glob("*.cbackup"))


def test_people_over_the_bound_is_a_usage_error_that_says_the_bound(run, place):
    code, _out, err = run("demo", "--people", str(MAX_PEOPLE + 1), "--workspace", str(place / "demo"))
    assert code == 2 and "--people" in err and str(MAX_PEOPLE) in err, err
    assert not list(place.iterdir())
    code, out, _err = run("demo", "--help")
    assert "50,000" in out and "--replace" in out


def test_a_leftover_build_folder_is_removed_with_a_line(run, place):
    leftover = place / ".demo.demo-999999999"  # no such process
    (leftover / "workspace").mkdir(parents=True)
    code, _out, err = run("demo", *SMALL, "--workspace", str(place / "demo"))
    assert code == 0 and "Removed an unfinished demo workspace" in err, err
    assert not leftover.exists()


def _demo_process(target: Path, env: dict, people: int = 300):
    """The real command with stderr on a terminal, so it shows its progress (where it is killed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "connector_app", "demo", "--people", str(people),
                             "--months", "2", "--workspace", str(target)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    return proc, leader


def _read_until_percent(leader: int, percent: int) -> bool:
    """Read the progress line until it reaches ``percent``; False if the process ended first."""
    seen = ""
    while True:
        try:
            chunk = os.read(leader, 1024)
        except OSError:  # the terminal closed: the process ended
            return False
        if not chunk:
            return False
        seen += chunk.decode("ascii", "replace")
        shown = re.findall(r"step ([\d,]+) of ([\d,]+)", seen)  # the progress line (cli/progress.py)
        if shown and int(shown[-1][0].replace(",", "")) * 100 >= percent * int(shown[-1][1].replace(",", "")):
            return True


# -1: killed before any progress (making the workspace); 101: after the last progress line (renaming, backup).
@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_at", [-1, 1, 40, 90, 101])
def test_a_demo_killed_at_any_point_leaves_no_workspace_or_a_whole_one(run, place, kill_at):
    env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    reference = place / "reference"
    proc, leader = _demo_process(reference, env)
    proc.wait()
    os.close(leader)
    whole = _counts(run, reference)

    target = place / "demo"
    proc, leader = _demo_process(target, env)
    if kill_at == 101:
        _read_until_percent(leader, 100)
    elif kill_at >= 0:
        assert _read_until_percent(leader, kill_at)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    os.close(leader)

    code, out, err = run("check", "--json", "--workspace", str(target))
    if code == 0:
        assert json.loads(out)["counts"] == whole  # complete, never partial
    else:
        assert "There is no workspace" in one_line(err) and not target.exists()
    left_behind = [p for p in place.iterdir() if p.name.startswith(".demo.")]
    if 0 <= kill_at <= 90:  # killed mid-build: nothing at the target yet, the build folder beside it
        assert code == 1 and left_behind
    code, _out, err = run("demo", "--people", "300", "--months", "2", "--workspace", str(target))
    assert not [p for p in place.iterdir() if p.name.startswith(".demo.")]
    assert ("Removed an unfinished demo workspace" in err) == bool(left_behind), err
    if code == 2:
        assert "already holds records" in err
    else:
        assert code == 0, err
    assert _counts(run, target) == whole


def test_a_demo_is_refused_in_a_workspace_that_is_in_a_team(run, place):
    """Its made-up records would travel to every laptop of the team with the next bundle."""
    target = place / "hub"
    assert run("init", "--workspace", str(target))[0] == 0
    assert run("team", "create", "--workspace", str(target))[0] == 0
    code, _out, err = run("demo", "--people", "5", "--months", "1", "--workspace", str(target))
    assert code == 2 and "is in a team" in err
    listed = run("person", "list", "--json", "--workspace", str(target))
    assert listed[0] == 0 and json.loads(listed[1]) == []
