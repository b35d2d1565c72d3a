"""Long commands in a real process: a progress line when stderr is a terminal, none when it is not, and
Ctrl+C (a real SIGINT) that stops at a safe point with one clear line (attack finding 6)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.sync.exchange import export_bundle
from connector_app.sync.team import create_team, join_team
from tests.cli.test_cli_sync import _people, team  # noqa: F401 (a fixture)
from tests.conftest import PASSPHRASE
from tests.store.laptops import laptop

ROOT = Path(__file__).parents[2]
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals as on Linux")

BIG = 8_000  # people in the big bundle: 4 chunks of 2,000, so Ctrl+C (after the first) lands before the end


@pytest.fixture(scope="module")
def big_team(template_workspace, tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    hub = laptop(template_workspace[0], folder / "hub")
    lap = laptop(template_workspace[0], folder / "laptop")
    join_team(lap, create_team(hub).join_code)
    _people(hub, BIG)
    export_bundle(hub, folder / "big.cbundle")
    hub.close()
    lap.close()
    return folder


def _env() -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "CONNECTOR_PASSPHRASE": PASSPHRASE}
    return env


def _on_a_terminal(argv: list[str], *, interrupt_when: bytes | None = None) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal for stdin, stdout and stderr; press Ctrl+C (SIGINT) once the
    output shows ``interrupt_when``. Returns (exit code, everything it wrote)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "connector_app", *argv], _env())
    output, sent = b"", False
    while True:
        ready, _w, _x = select.select([fd], [], [], 120)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if interrupt_when is not None and not sent and interrupt_when in output:
            os.kill(pid, signal.SIGINT)
            sent = True
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@linux_only
def test_ctrl_c_during_an_import_keeps_nothing_of_the_bundle(big_team, run):
    workspace = big_team / "laptop"
    (big_team / "cut.cbundle").write_bytes(b"CONNECTOR-BUNDLE")   # refused before the stop: still named
    code, output = _on_a_terminal(["sync", "import", str(big_team / "cut.cbundle"), str(big_team / "big.cbundle"),
                                   "--workspace", str(workspace)], interrupt_when=b" of 8,000 changes")
    assert code == 1, output
    assert "big.cbundle: 2,000 of 8,000 changes" in output  # the progress line
    assert "cut.cbundle: " in output.split("8,000 changes")[-1]   # what became of it, said after the stop
    assert output.rstrip().endswith("Stopped. big.cbundle was not imported; the files before it were."), output
    assert "Traceback" not in output
    check_code, out, _err = run("check", "--workspace", str(workspace))
    assert check_code == 0 and "Changes logged: 0" in out


def test_no_progress_when_stderr_is_not_a_terminal(team):
    done = subprocess.run([sys.executable, "-m", "connector_app", "sync", "import", str(team / "good.cbundle"),
                           "--workspace", str(team / "laptop")], capture_output=True, text=True, env=_env(),
                          timeout=600)
    assert done.returncode == 0 and done.stderr == ""
    assert "good.cbundle: imported 3 new changes." in done.stdout


@linux_only
def test_ctrl_c_during_an_export_leaves_no_file(big_team):
    target = big_team / "out" / "all.cbundle"
    target.parent.mkdir(exist_ok=True)
    code, output = _on_a_terminal(["sync", "export", "--all", "--out", str(target), "--workspace",
                                   str(big_team / "hub")], interrupt_when=b"Reading changes: ")
    assert code == 1 and output.rstrip().endswith("Stopped. No bundle was written."), output
    assert list(target.parent.iterdir()) == []


@linux_only
def test_ctrl_c_during_the_demo_keeps_nothing(workspace_path, run):
    code, output = _on_a_terminal(["demo", "--people", "3000", "--months", "2", "--workspace", str(workspace_path)],
                                  interrupt_when=b"Making demo data: step ")
    assert code == 1 and "Traceback" not in output, output
    assert output.rstrip().endswith("Stopped. Nothing was changed."), output
    check_code, _out, _err = run("check", "--workspace", str(workspace_path))
    assert check_code == 0
    list_code, listed, _err = run("person", "list", "--json", "--workspace", str(workspace_path))
    assert list_code == 0 and json.loads(listed) == []  # the demo fills an empty workspace in one transaction


def test_ctrl_c_is_acted_on_at_the_next_report_and_the_usual_handler_comes_back():
    from connector_app.cli.progress import Stopped, stoppable
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(Stopped, match="^said$"), stoppable("said") as progress:
        progress(1, 10)
        signal.raise_signal(signal.SIGINT)  # a real signal, delivered to this process
        assert progress.should_stop()
        progress(2, 10)
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("step", [1, 2, 3])
def test_a_backup_stopped_at_any_step_leaves_no_file(workspace, tmp_path, step):
    from connector_app.cli.progress import Stopped

    def stop_at(done, total):
        if done == step:
            raise Stopped("stopped")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Stopped):
        workspace.backup(out / "b.cbackup", progress=stop_at)
    assert list(out.iterdir()) == []
    assert [p.name for p in workspace.backup_dir.iterdir() if p.name.startswith(".")] == []


def test_check_reports_each_step(workspace):
    from connector_app.store.integrity import check_store
    seen = []
    report = check_store(workspace.store, workspace.db_path, progress=lambda done, total: seen.append((done, total)))
    assert report["problems"] == 0 and seen == [(1, 3), (2, 3), (3, 3)]
