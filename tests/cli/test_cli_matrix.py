"""Every CLI command against a matrix of bad paths and bad inputs (issue 7).

Runs ``connector_app.cli.main(argv)`` in-process on copies of the fast template
workspace, so the whole matrix costs seconds. A case fails on any traceback or
"Something unexpected"; it checks the exit code (1: one plain line on stderr,
2: a usage error) and, where the failure comes before any unlock, that no
workspace file changed.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import one_line
from tests.helpers import fingerprint

NOT_UTF8 = os.fsdecode(b"caf\xe9")  # a Latin-1 name, as surrogateescape hands it to Python
LONG = "x" * 300                     # longer than any file system's name limit
NO_ID = "01900000-0000-7000-8000-000000000000"


class Ctx:
    """Paths a case builds on demand inside the test's own folder."""

    def __init__(self, workspace: Path, scratch: Path):
        self.w, self.t = workspace, scratch

    def file(self, name="plain.txt", data=b"just a file") -> Path:
        path = self.t / name
        path.write_bytes(data)
        return path

    def folder(self, name="folder", with_file=False) -> Path:
        path = self.t / name
        path.mkdir(exist_ok=True)
        if with_file:
            (path / "notes.txt").write_text("mine")
        return path

    def fifo(self, name="pipe") -> Path:
        path = self.t / name
        os.mkfifo(path)
        return path

    def zip_with_manifest(self, manifest) -> Path:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("manifest.json", json.dumps(manifest))
            archive.writestr("keys.json", "{}")
            archive.writestr("records.db", "x")
        return self.file("list.cbackup", buffer.getvalue())


# Bad places for --workspace: (name, builder, expected words in the one line)
BAD_WORKSPACES = [
    ("missing", lambda c: c.t / "nowhere", "There is no workspace"),
    ("a file", lambda c: c.file(), "There is no workspace"),
    ("under a file", lambda c: c.file() / "ws", "There is no workspace"),
    ("an empty folder", lambda c: c.folder(), "There is no workspace"),
    ("an ordinary folder", lambda c: c.folder(with_file=True), "There is no workspace"),
    ("an over-long name", lambda c: c.t / LONG, "too long"),
    ("a non-UTF-8 name", lambda c: c.t / NOT_UTF8, "There is no workspace"),
    ("a device", lambda c: Path("/dev/null"), "There is no workspace"),
]

OPENING_COMMANDS = [
    ("check",),
    ("person", "list"),
    ("person", "export", NO_ID, "--out", "{T}/out.json"),
    ("person", "erase", NO_ID, "--yes"),
    ("backup", "--out", "{T}/b.cbackup"),
    ("passphrase", "change"),
    ("demo", "--people", "0", "--months", "1"),
]


def _argv(template, ctx: Ctx):
    return [part.replace("{T}", str(ctx.t)).replace("{W}", str(ctx.w)) for part in template]


@pytest.fixture
def ctx(workspace_path, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("CONNECTOR_NEW_PASSPHRASE", "orange kettle whispers under moonlight")
    return Ctx(workspace_path, scratch)


# demo makes a workspace where there is none (test_passphrases.py runs that); here only where it cannot.
WORKSPACE_CASES = [(command, *bad) for command in OPENING_COMMANDS for bad in BAD_WORKSPACES
                   if command[0] != "demo" or bad[0] not in ("missing", "an empty folder", "a non-UTF-8 name")]


@pytest.mark.parametrize("command, place, build, words", WORKSPACE_CASES,
                         ids=[f"{' '.join(c[0][:2])}-{c[1]}" for c in WORKSPACE_CASES])
def test_every_command_on_a_bad_workspace_path(run, ctx, command, place, build, words):
    target = build(ctx)
    if command[0] == "demo" and words == "There is no workspace":
        words = ""  # demo says why it cannot make one there
    code, out, err = run(*_argv(command, ctx), "--workspace", str(target))
    line = one_line(err)
    assert code == 1 and words in line, (place, command, err)
    assert not list(ctx.t.glob("out.json")) and not list(ctx.t.glob("b.cbackup"))


# (name, argv template, exit code, words in the last stderr line, unlocks?)
CASES = [
    # usage errors: exit 2, argparse's message, never a traceback
    ("negative people", ("demo", "--people", "-5", "--workspace", "{W}"), 2, "--people", False),
    ("zero months", ("demo", "--months", "0", "--workspace", "{W}"), 2, "--months", False),
    ("months far away", ("demo", "--months", "100000", "--workspace", "{W}"), 2, "--months", False),
    ("ten billion people", ("demo", "--people", "10000000000", "--workspace", "{W}"), 2, "--people", False),
    ("people not a number", ("demo", "--people", "many", "--workspace", "{W}"), 2, "--people", False),
    ("non-UTF-8 id to export", ("person", "export", NOT_UTF8, "--out", "{T}/x.json", "--workspace", "{W}"),
     2, "id", False),
    ("non-UTF-8 id to erase", ("person", "erase", NOT_UTF8, "--yes", "--workspace", "{W}"), 2, "id", False),
    ("control character in an id", ("person", "erase", "a\x1bb", "--yes", "--workspace", "{W}"), 2, "id", False),
    ("non-UTF-8 search", ("person", "list", "--search", NOT_UTF8, "--workspace", "{W}"), 2, "--search", False),
    ("export without --out", ("person", "export", NO_ID, "--workspace", "{W}"), 2, "--out", False),
    ("no such command", ("frobnicate",), 2, "invalid choice", False),
    ("an empty --workspace (an unset variable)", ("demo", "--people", "1", "--workspace", ""), 2, "--workspace",
     False),
    # options taking a value from a closed set: a value outside it is wrong usage, whichever command (finding 9)
    ("unknown --lang for a report", ("report", "monthly", "--month", "2026-03", "--lang", "xx-nowhere", "--out",
                                     "{T}/r.pdf", "--workspace", "{W}"), 2, "not a language code", False),
    ("unknown --lang for a blank sheet", ("sheet", "talent", "--blank", "--lang", "zz", "--out", "{T}/s.pdf"), 2,
     "not a language code", False),
    ("unknown --lang for a person's sheet", ("sheet", "talent", "--person", NO_ID, "--lang", "qq", "--out",
                                             "{T}/s.pdf", "--workspace", "{W}"), 2, "not a language code", False),
    ("unknown --lang for a subject-access copy", ("person", "export", NO_ID, "--out", "{T}/x.json", "--pdf",
                                                  "{T}/x.pdf", "--lang", "??", "--workspace", "{W}"), 2,
     "not a language code", False),
    ("an empty --lang", ("sheet", "talent", "--blank", "--lang", "", "--out", "{T}/s.pdf"), 2, "--lang", False),
    ("no copies", ("sheet", "talent", "--blank", "--copies", "0", "--out", "{T}/s.pdf"), 2, "--copies", False),
    ("too many copies", ("sheet", "talent", "--blank", "--copies", "501", "--out", "{T}/s.pdf"), 2, "--copies",
     False),
    ("copies not a number", ("sheet", "talent", "--blank", "--copies", "some", "--out", "{T}/s.pdf"), 2, "--copies",
     False),
    ("unknown --format", ("report", "monthly", "--month", "2026-03", "--format", "docx", "--out", "{T}/r.docx",
                          "--workspace", "{W}"), 2, "--format", False),
    # plain one-line failures: exit 1
    ("unknown id", ("person", "export", NO_ID, "--out", "{T}/x.json", "--workspace", "{W}"), 1,
     "No Person with id", True),
    ("unknown id to erase", ("person", "erase", NO_ID, "--yes", "--workspace", "{W}"), 1, "No Person with id", True),
    ("over-long --out", ("backup", "--out", "{T}/" + LONG, "--workspace", "{W}"), 1, "too long", False),
    ("non-UTF-8 --out in a missing folder", ("backup", "--out", "{T}/" + NOT_UTF8 + "/b", "--workspace", "{W}"),
     1, "does not exist", False),
    ("init on a workspace", ("init", "--workspace", "{W}"), 1, "already exists", False),
    ("init on an over-long name", ("init", "--workspace", "{T}/" + LONG), 1, "too long", False),
    ("restore a missing file", ("restore", "{T}/none.cbackup", "--to", "{T}/r"), 1, "does not exist", False),
    ("restore a folder", ("restore", "{T}", "--to", "{T}/r"), 1, "cannot be used", False),
    ("restore a device", ("restore", "/dev/null", "--to", "{T}/r"), 1, "cannot be used", False),
    ("restore over a workspace", ("restore", "{T}/b.cbackup", "--to", "{W}"), 1, "already exists", False),
    ("restore under a file", ("restore", "{T}/b.cbackup", "--to", "{T}/plain.txt/r"), 1, "is a file", False),
    ("restore into an ordinary folder", ("restore", "{T}/b.cbackup", "--to", "{T}/folder"), 1, "not empty", False),
    ("restore to an over-long name", ("restore", "{T}/b.cbackup", "--to", "{T}/" + LONG), 1, "too long", False),
]


@pytest.mark.parametrize("name, template, code, words, unlocks", CASES, ids=[c[0] for c in CASES])
def test_bad_inputs_end_in_one_plain_line(run, ctx, name, template, code, words, unlocks):
    ctx.file()
    ctx.folder(with_file=True)
    if any("b.cbackup" in part for part in template):
        assert run("backup", "--out", str(ctx.t / "b.cbackup"), "--workspace", str(ctx.w))[0] == 0
    before = fingerprint(ctx.w)
    exit_code, _out, err = run(*_argv(template, ctx))
    assert "Traceback" not in err and "Something unexpected" not in err, err
    assert exit_code == code, (name, err)
    if code == 1:
        assert words in one_line(err), (name, err)
    else:
        assert words in err.strip().splitlines()[-1], (name, err)
    if not unlocks:
        assert fingerprint(ctx.w) == before


def test_restore_refuses_a_pipe_without_waiting_on_it(run, ctx):
    code, _out, err = run("restore", str(ctx.fifo()), "--to", str(ctx.t / "r"))
    assert code == 1 and "cannot be used" in one_line(err)


@pytest.mark.parametrize("manifest", [[1, 2, 3], "text", {"format": "connector-app-backup", "version": 1,
                                                             "sha256": ["a", "b"]}])
def test_a_backup_manifest_of_the_wrong_shape_is_refused(run, ctx, manifest):
    code, _out, err = run("restore", str(ctx.zip_with_manifest(manifest)), "--to", str(ctx.t / "r"))
    assert code == 1 and "cannot be used" in one_line(err)
    assert not (ctx.t / "r").exists()


@pytest.mark.parametrize("secret, words", [("", "That passphrase does not open"),
                                           ("wrong but typable", "That passphrase does not open"),
                                           ("with a\nnewline", "control characters"),
                                           (os.fsdecode(b"caf\xe9 au lait"), "control characters")])
def test_bad_passphrases_from_the_environment(run, ctx, monkeypatch, secret, words):
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", secret)
    before = fingerprint(ctx.w)
    code, _out, err = run("check", "--workspace", str(ctx.w))
    assert code == 1 and words in one_line(err)
    assert fingerprint(ctx.w) == before


def test_init_with_an_untypable_new_passphrase(run, ctx, monkeypatch):
    monkeypatch.delenv("CONNECTOR_NEW_PASSPHRASE")
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "violet tractor remembers\tseven puddles")
    code, _out, err = run("init", "--workspace", str(ctx.t / "ws"))
    assert code == 1 and "control characters" in one_line(err)
    assert not (ctx.t / "ws").exists()


@pytest.mark.parametrize("log_dir", ["under a file", "a file"])
def test_a_log_folder_that_cannot_be_made_never_stops_a_command(run, ctx, monkeypatch, log_dir):
    blocker = ctx.file("blocker")
    monkeypatch.setenv("CONNECTOR_LOG_DIR", str(blocker / "logs" if log_dir == "under a file" else blocker))
    code, out, err = run("check", "--workspace", str(ctx.w))
    assert code == 0 and err == "" and "Content digest" in out
    # Even an unexpected error (a bug) is then one line: nothing from logging's last resort on stderr.
    def broken(store, search=None, limit=None):
        raise RuntimeError("a bug")
    monkeypatch.setattr("connector_app.cli.person.list_people", broken)
    code, _out, err = run("person", "list", "--workspace", str(ctx.w))
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "RuntimeError" in lines[0] and "Traceback" not in err, err


def test_terminal_controls_in_record_text_and_paths_are_not_printed_raw(run, ctx):
    from connector_app.domain.records import Person
    from connector_app.store.workspace import Workspace
    from tests.conftest import PASSPHRASE
    store = Workspace(ctx.w).unlock(PASSPHRASE)
    store.people.add(Person(display_name="Evil\x1b]0;pwned\x07\x1b[2J\x9b31m", consent_scope="record_only",
                            consent_on="2026-01-01"))
    store.close()
    code, out, _err = run("person", "list", "--workspace", str(ctx.w))
    assert code == 0 and "Evil" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    code, _out, err = run("check", "--workspace", str(ctx.t / "esc\x1b[2Jape"))
    assert code == 1 and "\x1b" not in one_line(err)


def test_wrong_current_passphrase_at_change_counts_as_a_wrong_try(run, ctx, monkeypatch):
    from connector_app.passphrase import throttle_state_path
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "definitely not the right one")
    before = fingerprint(ctx.w)
    code, _out, err = run("passphrase", "change", "--workspace", str(ctx.w))
    assert code == 1 and "does not open" in one_line(err)
    assert json.loads(throttle_state_path(ctx.w).read_text())["failures"] == 1
    assert fingerprint(ctx.w) == before


# The one rule for automatic backups (connector_app/cli/common.py open_store): every command that unlocks
# a writable workspace and finishes its work makes today's backup if none exists; no other does.
DAILY_BACKUP_CASES = [  # (command, exit code, makes today's backup)
    (("check",), 0, True),
    (("check", "--json"), 0, True),
    (("person", "list"), 0, True),
    (("person", "list", "--json"), 0, True),
    (("backup", "--out", "{T}/b.cbackup"), 0, True),
    (("demo", "--people", "0", "--months", "1"), 0, True),
    (("report", "monthly", "--month", "2026-01", "--format", "csv", "--out", "{T}/r.csv"), 0, True),
    (("sync", "folder"), 0, True),
    (("team", "create"), 0, True),
    (("sheet", "talent", "--blank", "--out", "{T}/s.pdf"), 0, False),  # blank sheets never unlock
    (("person", "export", NO_ID, "--out", "{T}/out.json"), 1, False),  # failed: nothing done, nothing backed up
    (("passphrase", "change"), 0, False),  # rewraps keys.json; never opens the records
]


@pytest.mark.parametrize("command, code, makes_one", DAILY_BACKUP_CASES,
                         ids=[" ".join(c[0][:2]) for c in DAILY_BACKUP_CASES])
def test_today_s_backup_follows_one_rule_across_commands(run, ctx, command, code, makes_one):
    exit_code, _out, err = run(*_argv(command, ctx), "--workspace", str(ctx.w))
    assert exit_code == code, err
    made = list((ctx.w / "backups").glob("*.cbackup"))
    assert len(made) == (1 if makes_one else 0), (command, made)
    if makes_one:  # once a day: another command later adds none
        assert run("person", "list", "--workspace", str(ctx.w))[0] == 0
        assert list((ctx.w / "backups").glob("*.cbackup")) == made


def test_check_of_a_damaged_workspace_writes_no_backup_and_no_byte(run, ctx):
    from connector_app.store.workspace import Workspace
    from tests.conftest import PASSPHRASE
    from tests.samples import add_everything
    from tests.store.test_damage import _damage
    store = Workspace(ctx.w).unlock(PASSPHRASE)
    add_everything(store)
    store.close()
    _damage(ctx.w, "middle")
    before = fingerprint(ctx.w)
    code, _out, _err = run("check", "--workspace", str(ctx.w))
    assert code == 1
    assert not list((ctx.w / "backups").glob("*.cbackup"))
    after = fingerprint(ctx.w)
    assert {name: after[name] for name in before} == before


@pytest.mark.slow
def test_a_busy_workspace_skips_the_daily_backup_but_never_fails_the_work_done(run, workspace_path, tmp_path):
    """Another program writing (a long sync import) holds the workspace: the backup asked for is
    written and reported, and today's automatic one is said to be skipped (attack finding)."""
    from connector_app.store.workspace import Workspace
    from tests.conftest import PASSPHRASE
    holder = Workspace(workspace_path).unlock(PASSPHRASE)
    holder.connection.execute("BEGIN IMMEDIATE")   # a writer that does not let go
    try:
        code, out, err = run("backup", "--out", str(tmp_path / "mine.cbackup"), "--workspace", str(workspace_path))
    finally:
        holder.connection.execute("ROLLBACK")
        holder.close()
    assert (tmp_path / "mine.cbackup").exists()
    assert code == 0 and "Backup written" in out, err
