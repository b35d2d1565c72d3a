"""What only a real process shows: a closed stdout pipe, Ctrl-D at a terminal prompt, a read-only
disk and a disk that fills (issue 7). Each mounts or opens what a user would meet: a pty, a
pipe, a tmpfs in a private mount namespace (skipped with a reason where the machine cannot)."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app.cli import main
from tests.cli.conftest import one_line
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint

ROOT = Path(__file__).parents[2]
DRIVER = Path(__file__).with_name("inprocess_driver.py")


def _env(**extra) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.update(extra)
    return env


# --- a closed pipe ------------------------------------------------------------------------------

def test_a_reader_that_stops_early_ends_the_command_quietly(filled):
    workspace, _records = filled
    proc = subprocess.Popen([sys.executable, "-m", "connector_app", "check", "--workspace", str(workspace)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(CONNECTOR_PASSPHRASE=PASSPHRASE))
    proc.stdout.close()  # like `| head` exiting before the command writes
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert err == "" and code in (0, 1)


def test_a_pipe_closed_mid_listing_silences_the_rest_in_process(run, filled, monkeypatch, capsys):
    workspace, _records = filled
    read_end, write_end = os.pipe()
    os.close(read_end)
    closed = open(write_end, "w", buffering=1)  # line-buffered: the first line meets the closed pipe
    monkeypatch.setattr(sys, "stdout", closed)
    code = main(["person", "list", "--workspace", str(workspace)])
    assert code == 0 and capsys.readouterr().err == ""
    monkeypatch.undo()
    closed.close()


# --- Ctrl-D at a prompt -------------------------------------------------------------------------

def _at_terminal(argv: list[str], answers: int = 0) -> tuple[int, str]:
    """Run the CLI on a real pseudo-terminal, press Ctrl-D at the first prompt; (exit code, all output)."""
    env = _env()
    for name in ("CONNECTOR_PASSPHRASE", "CONNECTOR_NEW_PASSPHRASE", "CONNECTOR_RECOVERY_CODE"):
        env.pop(name, None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal, as in a real shell
        os.execve(sys.executable, [sys.executable, "-m", "connector_app", *argv], env)
    output = b""
    sent = False
    while True:
        ready, _w, _x = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has gone
            break
        if not chunk:
            break
        output += chunk
        if not sent and b": " in output:  # a prompt is waiting
            os.write(fd, b"\x04")
            sent = True
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


@pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals as on Linux")
@pytest.mark.parametrize("argv", [["check"], ["init"], ["person", "erase", "01900000-0000-7000-8000-000000000000"]],
                         ids=" ".join)
def test_ctrl_d_at_any_prompt_stops_with_one_plain_line(workspace_path, tmp_path, argv):
    target = tmp_path / "new" if argv == ["init"] else workspace_path
    before = fingerprint(workspace_path)
    code, output = _at_terminal([*argv, "--workspace", str(target)])
    assert code == 1 and "Stopped." in output, output
    assert "Traceback" not in output and "Something unexpected" not in output
    assert fingerprint(workspace_path) == before and not (tmp_path / "new").exists()


# --- read-only and full disks -------------------------------------------------------------------

def _can_mount_tmpfs() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs Linux user namespaces to mount a tmpfs")


def _in_namespace(mount_script: str, cases: list, **env) -> list[dict]:
    """Mount (shell), then run the CLI cases in one Python process inside a private mount namespace."""
    script = f'{mount_script} && exec "$0" "$1" "$2"'
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script, sys.executable, str(DRIVER), json.dumps(cases)],
                            capture_output=True, text=True, env=_env(CONNECTOR_PASSPHRASE=PASSPHRASE, **env),
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_tmpfs
def test_a_read_only_disk_is_said_in_one_line(run, filled, tmp_path):
    workspace, records = filled
    backup = tmp_path / "b.cbackup"
    assert run("backup", "--out", str(backup), "--workspace", str(workspace))[0] == 0
    mount = tmp_path / "ro"
    mount.mkdir()
    before = fingerprint(workspace)
    results = _in_namespace(f"mount -t tmpfs -o ro,size=1m none {mount}", [
        ["backup", "--out", str(mount / "b.cbackup"), "--workspace", str(workspace)],
        ["person", "export", records["person"].id, "--out", str(mount / "p.json"), "--workspace", str(workspace)],
        ["restore", str(backup), "--to", str(mount / "restored")],
        ["init", "--workspace", str(mount / "ws")],
    ])
    for result in results:
        assert result["code"] == 1 and "read-only" in one_line(result["err"]), result
    assert fingerprint(workspace) == before


@needs_tmpfs
def test_a_disk_that_fills_during_a_backup_is_said_in_one_line(filled, tmp_path):
    workspace, _records = filled
    mount = tmp_path / "small"
    mount.mkdir()
    results = _in_namespace(f"mount -t tmpfs -o size=64k none {mount}", [
        ["backup", "--out", str(mount / "b.cbackup"), "--workspace", str(workspace)],
        f"ls -A {mount} > {tmp_path / 'left.txt'}",
    ])
    assert results[0]["code"] == 1 and "disk is full" in one_line(results[0]["err"]), results
    assert (tmp_path / "left.txt").read_text() == ""  # no half-written backup, no hidden snapshot


@needs_tmpfs
def test_demo_on_a_full_disk_keeps_nothing_of_itself(template_workspace, tmp_path):
    """All or nothing: an empty workspace stays empty, a new folder is not made, no build folder is left."""
    mount = tmp_path / "small"
    mount.mkdir()
    ws, ballast = mount / "ws", mount / "ballast"
    results = _in_namespace(f"mount -t tmpfs -o size=3m none {mount}", [
        f"cp -r {template_workspace[0]} {ws} && head -c 600000 /dev/zero > {ballast}",
        ["demo", "--people", "3000", "--months", "2", "--workspace", str(ws)],
        ["demo", "--people", "3000", "--months", "2", "--workspace", str(mount / "new")],
        f"rm {ballast} && ls -A {mount} > {tmp_path / 'left.txt'}",
        ["check", "--json", "--workspace", str(ws)],
    ])
    in_place, new_folder, check = results
    for demo in (in_place, new_folder):
        assert demo["code"] == 1 and "The disk is full. Nothing was saved" in one_line(demo["err"]), demo
    report = json.loads(check["out"])
    assert sum(report["counts"].values()) == 0 and report["problems"] == 0
    assert (tmp_path / "left.txt").read_text().split() == ["ws"]


@needs_tmpfs
def test_a_daily_backup_on_a_full_disk_warns_and_the_command_still_works(filled, tmp_path):
    workspace, _records = filled
    mount = tmp_path / "small"
    mount.mkdir()
    ws, ballast = mount / "ws", mount / "ballast"
    results = _in_namespace(f"mount -t tmpfs -o size=2m none {mount}", [
        # Leave room for the unlock's audit row (a few pages of WAL), not for a copy of records.db.
        f"cp -r {workspace} {ws} && avail=$(df -k --output=avail {mount} | tail -1) && "
        f"head -c $(( (avail - 160) * 1024 )) /dev/zero > {ballast}",
        ["person", "list", "--workspace", str(ws)],
        f"rm {ballast} && ls -A {ws}/backups > {tmp_path / 'backups.txt'} 2>/dev/null || true",
    ], CONNECTOR_LOG_DIR=str(ballast / "logs"))  # no log folder either: its warning must not reach stderr
    listing = results[0]
    assert listing["code"] == 0 and "Amira Hassan" in listing["out"], listing
    line = one_line(listing["err"])
    assert line.startswith("Today's automatic backup was not made.") and "disk is full" in line
    assert not (tmp_path / "backups.txt").read_text().strip()  # no half-made backup left behind


@pytest.mark.parametrize("argv", [["check"], ["init"], ["person", "erase", "01900000-0000-7000-8000-000000000000"]],
                         ids=" ".join)
def test_a_closed_stdin_is_no_terminal(workspace_path, tmp_path, argv):
    target = tmp_path / "new" if argv == ["init"] else workspace_path
    env = _env()
    env.pop("CONNECTOR_PASSPHRASE", None)
    # `<&-`: started with stdin closed, Python's sys.stdin is None.
    result = subprocess.run(["sh", "-c", 'exec "$0" -m connector_app "$@" <&-', sys.executable, *argv,
                             "--workspace", str(target)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and ("--yes" in one_line(result.stderr) or "No terminal" in result.stderr)
