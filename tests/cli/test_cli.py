"""The headless CLI against real workspaces: exit codes, one-line errors, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import fingerprint, truncate

NEW = "orange kettle whispers under moonlight"


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_version_and_usage():
    env = {**os.environ}
    result = subprocess.run([sys.executable, "-m", "connector_app", "--version"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("connector-app ")
    result = subprocess.run([sys.executable, "-m", "connector_app", "no-such-command"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_init_shows_the_recovery_code_once_and_refuses_to_overwrite(run, tmp_path):
    code, out, err = run("init", "--workspace", str(tmp_path / "ws"))
    assert code == 0, err
    recovery = [line.strip() for line in out.splitlines() if line.startswith("    ")][0]
    assert len(recovery) == 29 and recovery.count("-") == 4
    Workspace(tmp_path / "ws").unlock_with_recovery_code(recovery).close()
    code, _out, err = run("init", "--workspace", str(tmp_path / "ws"))
    assert code == 1 and "already exists" in _one_line(err)


def test_init_rejects_a_weak_passphrase_with_advice(run, monkeypatch, tmp_path):
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "password")
    code, _out, err = run("init", "--workspace", str(tmp_path / "ws"))
    assert code == 1 and "characters" in _one_line(err)
    assert not (tmp_path / "ws").exists()


def test_check_prints_counts_and_a_digest(run, filled):
    path, _records = filled
    code, out, err = run("check", "--workspace", str(path))
    assert code == 0, err
    assert "Encryption (page authentication): ok" in out and "People" in out
    code, out, _err = run("check", "--json", "--workspace", str(path))
    report = json.loads(out)
    assert report["counts"]["person"] == 2 and len(report["digest"]) == 64 and report["problems"] == 0


def test_environment_variable_chooses_the_workspace(run, filled, monkeypatch):
    path, _records = filled
    monkeypatch.setenv("CONNECTOR_WORKSPACE", str(path))
    code, out, _err = run("person", "list")
    assert code == 0 and "Amira Hassan" in out


def test_wrong_passphrase_missing_and_damaged_workspaces_get_one_line(run, filled, monkeypatch, tmp_path):
    path, _records = filled
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "definitely not the right one")
    code, _out, err = run("check", "--workspace", str(path))
    assert code == 1 and _one_line(err) == "That passphrase does not open this workspace."
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    code, _out, err = run("check", "--workspace", str(tmp_path / "nowhere"))
    assert code == 1 and "There is no workspace" in _one_line(err)
    truncate(path / "records.db", 2048)
    before = fingerprint(path)
    code, _out, err = run("check", "--workspace", str(path))
    assert code == 1 and "restore from a backup" in _one_line(err)
    assert fingerprint(path) == before


def test_person_list_search_and_json(run, filled):
    path, records = filled
    code, out, _err = run("person", "list", "--workspace", str(path))
    assert code == 0 and "Amira Hassan" in out and "Jan Kowalski" in out and "2 people" in out
    assert "Polish" in out and "  pl  " not in out   # languages by name for people; codes stay in --json
    code, out, _err = run("person", "list", "--search", "kowal", "--json", "--workspace", str(path))
    assert [p["id"] for p in json.loads(out)] == [records["other"].id]


def test_person_export_and_erase(run, filled, tmp_path):
    path, records = filled
    target = tmp_path / "amira.json"
    code, out, err = run("person", "export", records["person"].id, "--out", str(target), "--workspace", str(path))
    assert code == 0, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person_id"] == records["person"].id and len(data["records"]) == 9
    assert target.stat().st_mode & 0o777 == 0o600

    code, _out, err = run("person", "erase", records["person"].id, "--workspace", str(path))
    assert code == 1 and "--yes" in _one_line(err)  # no terminal to confirm at
    code, out, _err = run("person", "erase", records["person"].id, "--yes", "--workspace", str(path))
    assert code == 0 and "Erased 8 records." in out
    code, _out, err = run("person", "export", records["person"].id, "--out", str(target), "--force",
                          "--workspace", str(path))
    assert code == 1 and "No Person with id" in _one_line(err)


def test_passphrase_change_and_reset_with_recovery_code(run, workspace_path, recovery_code, monkeypatch):
    monkeypatch.setenv("CONNECTOR_NEW_PASSPHRASE", NEW)
    code, out, err = run("passphrase", "change", "--workspace", str(workspace_path))
    assert code == 0, err
    Workspace(workspace_path).unlock(NEW).close()
    monkeypatch.setenv("CONNECTOR_RECOVERY_CODE", recovery_code)
    monkeypatch.setenv("CONNECTOR_NEW_PASSPHRASE", PASSPHRASE)
    code, _out, err = run("passphrase", "change", "--recovery-code", "--workspace", str(workspace_path))
    assert code == 0, err
    Workspace(workspace_path).unlock(PASSPHRASE).close()


def test_backup_and_restore_keep_the_digest(run, filled, tmp_path):
    path, _records = filled
    code, out, err = run("backup", "--out", str(tmp_path / "b.cbackup"), "--workspace", str(path))
    assert code == 0, err
    code, out, err = run("restore", str(tmp_path / "b.cbackup"), "--to", str(tmp_path / "restored"))
    assert code == 0, err
    digests = []
    for folder in (path, tmp_path / "restored"):
        code, out, _err = run("check", "--json", "--workspace", str(folder))
        digests.append(json.loads(out)["digest"])
    assert digests[0] == digests[1]
    (tmp_path / "bad.cbackup").write_bytes(b"PK\x03\x04 not really")
    code, _out, err = run("restore", str(tmp_path / "bad.cbackup"), "--to", str(tmp_path / "other"))
    assert code == 1 and "cannot be used" in _one_line(err)


def test_an_unexpected_error_is_one_line_without_record_text(run, filled, monkeypatch):
    path, _records = filled

    detail = "Amira Hassan secret detail"

    def broken(store, search=None, limit=None):
        raise RuntimeError(detail)
    monkeypatch.setattr("connector_app.cli.person.list_people", broken)
    code, _out, err = run("person", "list", "--workspace", str(path))
    line = _one_line(err)
    assert code == 1 and "RuntimeError" in line and "Amira" not in line
    log = (path.parent / "logs" / "connector-app.log").read_text()
    assert "RuntimeError" in log and "Amira" not in log
