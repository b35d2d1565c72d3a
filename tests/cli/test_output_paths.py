"""An output path can never destroy a workspace or leak into it (issue 7).

Every case runs the real command on a real workspace copy and compares the
SHA-256 of every workspace file before and after.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from connector_app.errors import OutputRefused, UserError
from connector_app.fileio import atomic_write_bytes, check_output_path
from tests.cli.conftest import one_line
from tests.helpers import fingerprint

# (name, how to make the bad target from the workspace W and a scratch folder T, words the refusal must hold)
BAD_TARGETS = {
    "the database": (lambda w, t: w / "records.db", "inside the workspace"),
    "the key file": (lambda w, t: w / "keys.json", "inside the workspace"),
    "a new file in the workspace": (lambda w, t: w / "copy.json", "inside the workspace"),
    "a file in its backups folder": (lambda w, t: _mkdir(w / "backups") / "x.cbackup", "inside the workspace"),
    "a file deep below it": (lambda w, t: _mkdir(w / "a" / "b") / "x.json", "inside the workspace"),
    "dot-dot back into it": (lambda w, t: _mkdir(t / "side") / ".." / ".." / w.name / "records.db",
                             "inside the workspace"),
    "through a linked folder": (lambda w, t: _link(t / "link", w) / "x.json", "inside the workspace"),
    "a link to the database": (lambda w, t: _link(t / "db-link", w / "records.db"), "inside the workspace"),
    "a link to a file": (lambda w, t: _link(t / "f-link", _file(t / "f")), "not an ordinary file"),
    "a device": (lambda w, t: Path("/dev/null"), "not an ordinary file"),
    "a pipe": (lambda w, t: _fifo(t / "pipe"), "not an ordinary file"),
    "a folder": (lambda w, t: _mkdir(t / "folder"), "is a folder"),
    "a missing folder": (lambda w, t: t / "missing" / "x.json", "does not exist"),
    "a file as folder": (lambda w, t: _file(t / "plain") / "x.json", "not a folder"),
    "an existing file": (lambda w, t: _file(t / "exists.json"), "--force"),
    "an over-long name": (lambda w, t: t / ("n" * 250), "too long"),
}


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _file(path: Path) -> Path:
    path.write_bytes(b"keep me")
    return path


# The path is refused before unlocking, so the person need not exist (and the refusal writes nothing).
COMMANDS = {
    "person export": ("person", "export", "01900000-0000-7000-8000-000000000000"),
    "backup": ("backup",),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(BAD_TARGETS))
def test_every_writing_command_refuses_a_bad_output_path(run, workspace_path, tmp_path, command, case):
    workspace = workspace_path
    scratch = _mkdir(tmp_path / "scratch")
    make, words = BAD_TARGETS[case]
    target = make(workspace, scratch)
    before = fingerprint(workspace)
    existing = target.read_bytes() if target.is_file() else None
    argv = (*COMMANDS[command], "--out", str(target), "--workspace", str(workspace))
    code, out, err = run(*argv)
    assert code == 1 and words in one_line(err), (case, err)
    assert out == ""
    assert fingerprint(workspace) == before
    if existing is not None:
        assert target.read_bytes() == existing


def test_force_replaces_an_ordinary_file_but_never_a_workspace_file(run, filled, tmp_path):
    workspace, records = filled
    target = _file(tmp_path / "amira.json")
    code, _out, err = run("person", "export", records["person"].id, "--out", str(target), "--force",
                          "--workspace", str(workspace))
    assert code == 0, err
    assert target.read_bytes().startswith(b"{")
    before = fingerprint(workspace)
    code, _out, err = run("backup", "--out", str(workspace / "records.db"), "--force", "--workspace", str(workspace))
    assert code == 1 and "inside the workspace" in one_line(err)
    assert fingerprint(workspace) == before


@pytest.mark.skipif(not Path("/dev/full").exists() or os.geteuid() != 0,
                    reason="needs /dev/full and root (a root process could once replace the device node)")
def test_root_cannot_replace_a_device_node(run, filled):
    workspace, records = filled
    for argv in (("person", "export", records["person"].id), ("backup",)):
        code, _out, err = run(*argv, "--out", "/dev/full", "--force", "--workspace", str(workspace))
        assert code == 1 and "not an ordinary file" in one_line(err)
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_the_atomic_writer_itself_refuses_workspace_files_and_non_regular_targets(workspace_path, tmp_path):
    before = fingerprint(workspace_path)
    for target in (workspace_path / "records.db", workspace_path / "keys.json"):
        with pytest.raises(OutputRefused):
            atomic_write_bytes(target, b"plaintext")
    pipe = _fifo(tmp_path / "pipe")
    with pytest.raises(OutputRefused):
        atomic_write_bytes(pipe, b"plaintext")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert fingerprint(workspace_path) == before
    assert not [p for p in workspace_path.iterdir() if ".tmp." in p.name]
    # The key file's owner may replace it; a new file beside a half-built workspace (a restore) is fine.
    keys = (workspace_path / "keys.json").read_bytes()
    atomic_write_bytes(workspace_path / "keys.json", keys, workspace_file=True)
    staging = _mkdir(tmp_path / "staging")
    atomic_write_bytes(staging / "records.db", b"x")
    atomic_write_bytes(staging / "keys.json", b"y")


def test_check_output_path_accepts_a_new_file_in_an_ordinary_folder(tmp_path):
    assert check_output_path(tmp_path / "new.json") == tmp_path / "new.json"
    with pytest.raises(UserError):
        check_output_path(str(tmp_path) + "/")


@pytest.mark.parametrize("case, make, words", [
    ("an ordinary non-empty folder", lambda t: _file(_mkdir(t / "notes") / "a.txt").parent, "is not empty"),
    ("a file", lambda t: _file(t / "plain"), "is a file, not a folder"),
    ("below a file", lambda t: _file(t / "plain") / "ws", "is a file, not a folder"),
])
def test_init_and_restore_say_what_is_in_the_way(run, filled, tmp_path, case, make, words):
    workspace, _records = filled
    target = make(tmp_path)
    code, _out, err = run("init", "--workspace", str(target))
    assert code == 1 and words in one_line(err) and "already exists" not in err, case
    backup = tmp_path / "b.cbackup"
    assert run("backup", "--out", str(backup), "--workspace", str(workspace))[0] == 0
    code, _out, err = run("restore", str(backup), "--to", str(target))
    assert code == 1 and words in one_line(err), case


def test_a_workspace_is_never_made_inside_another(run, filled):
    workspace, _records = filled
    before = fingerprint(workspace)
    code, _out, err = run("init", "--workspace", str(workspace / "inner"))
    assert code == 1 and "inside the workspace" in one_line(err)
    assert fingerprint(workspace) == before and not (workspace / "inner").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write into any folder; the read-only tmpfs test covers root")
def test_a_folder_without_write_permission_is_said_plainly(tmp_path):
    folder = _mkdir(tmp_path / "locked")
    folder.chmod(0o555)
    try:
        with pytest.raises(UserError) as caught:
            check_output_path(folder / "x.json")
        assert "permission denied" in caught.value.message()
    finally:
        folder.chmod(0o755)
