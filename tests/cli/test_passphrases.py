"""Passphrases people actually choose: long ones, NFD typing, no control characters, and a
back-off on wrong tries that holds across processes without writing the workspace (issue 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from connector_app.errors import PassphraseNotTypable, WrongPassphrase
from connector_app.passphrase import UnlockThrottle, assess, throttle_state_path
from connector_app.store.workspace import Workspace
from tests.cli.conftest import one_line
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import fingerprint

SENTENCE = "the blue heron waits by the canal every morning while the allotment kettle sings softly"
SENTENCE_2 = "my grandmother kept bees behind the chapel and sold honey at the saturday market for years"
NFC_WORDS = "Zażółć gęślą jaźń, café crème brûlée"


def test_passphrases_over_72_characters_are_judged_not_refused():
    assert len(SENTENCE) > 72 and len(SENTENCE_2) > 72
    assert assess(SENTENCE).acceptable
    assert assess("x" * 5000 + " violet tractor remembers").acceptable is not None  # no ValueError, any length
    # Length past 72 counts only when it adds something: a repeated phrase stays weak.
    assert not assess("password " * 20).acceptable
    assert not assess("a" * 200).acceptable
    assert assess("a" * 72 + " violet tractor remembers seven puddles").acceptable


def test_a_long_passphrase_works_for_create_unlock_and_change(tmp_path):
    workspace, _code = Workspace.create(tmp_path / "ws", SENTENCE, kdf=FAST_KDF)
    workspace.lock()
    Workspace(tmp_path / "ws", kdf=FAST_KDF).change_passphrase(SENTENCE, SENTENCE_2)
    Workspace(tmp_path / "ws").unlock(SENTENCE_2).close()


def test_a_long_passphrase_works_in_the_cli(run, tmp_path, monkeypatch):
    # Made with the fast test KDF (the CLI's init would derive with the shipped 256 MiB cost).
    Workspace.create(tmp_path / "ws", SENTENCE, kdf=FAST_KDF, with_recovery_code=False)[0].lock()
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", SENTENCE)
    code, _out, err = run("demo", "--people", "0", "--months", "1", "--workspace", str(tmp_path / "ws"))
    assert code == 0, err
    monkeypatch.setenv("CONNECTOR_NEW_PASSPHRASE", SENTENCE_2)
    code, _out, err = run("passphrase", "change", "--workspace", str(tmp_path / "ws"))
    assert code == 0, err
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", SENTENCE_2)
    assert run("check", "--workspace", str(tmp_path / "ws"))[0] == 0


def test_nfd_and_nfc_typing_open_the_same_workspace(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", NFC_WORDS), unicodedata.normalize("NFD", NFC_WORDS)
    assert nfc != nfd
    workspace, _code = Workspace.create(tmp_path / "ws", nfd, kdf=FAST_KDF)  # typed on a Mac
    workspace.lock()
    Workspace(tmp_path / "ws").unlock(nfc).close()
    Workspace(tmp_path / "ws").unlock(nfd).close()


@pytest.mark.parametrize("bad", ["violet tractor\nremembers seven puddles", "violet\ttractor remembers seven",
                                 "violet tractor remembers seven\r", "violet tractor \x1b[0m remembers seven",
                                 "violet tractor remembers\u2028seven", "violet tractor \udcff remembers seven"])
def test_control_characters_are_refused_at_create_change_and_unlock(tmp_path, workspace_path, bad):
    assert not assess(bad).acceptable and "control characters" in assess(bad).feedback[0]
    with pytest.raises(PassphraseNotTypable):
        Workspace.create(tmp_path / "new", bad, kdf=FAST_KDF, check_strength=False)
    assert not (tmp_path / "new").exists()
    before = fingerprint(workspace_path)
    with pytest.raises(PassphraseNotTypable):
        Workspace(workspace_path, kdf=FAST_KDF).change_passphrase(PASSPHRASE, bad)
    with pytest.raises(PassphraseNotTypable):
        Workspace(workspace_path).unlock(bad)
    assert fingerprint(workspace_path) == before


def test_joiners_used_in_bengali_and_urdu_are_not_control_characters(tmp_path):
    words = "আমি সেলাই ভালোবাসি র\u200dযাব নদীর ধারে গান গাই"
    assert assess(words).acceptable
    workspace, _code = Workspace.create(tmp_path / "ws", words, kdf=FAST_KDF)
    workspace.lock()
    Workspace(tmp_path / "ws").unlock(words).close()


def _state(workspace_path: Path) -> dict:
    return json.loads(throttle_state_path(workspace_path).read_text())


def test_wrong_tries_back_off_across_runs_without_writing_the_workspace(run, workspace_path, monkeypatch):
    before = fingerprint(workspace_path)
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "definitely not the right one")
    for _try in range(UnlockThrottle.FREE_TRIES):
        code, _out, err = run("check", "--workspace", str(workspace_path))
        assert code == 1 and one_line(err) == WrongPassphrase().message()
    state = _state(workspace_path)
    assert state["failures"] == UnlockThrottle.FREE_TRIES and state["not_before"] > time.time()
    # Even the right passphrase must wait now; nothing is tried, nothing written.
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    code, _out, err = run("check", "--workspace", str(workspace_path))
    assert code == 1 and "Too many wrong tries" in one_line(err)
    assert fingerprint(workspace_path) == before
    # The state names neither the workspace nor the passphrase: a hash, and two numbers.
    path = throttle_state_path(workspace_path)
    assert workspace_path.name not in path.name and set(state) == {"failures", "not_before"}
    assert path.stat().st_mode & 0o777 == 0o600
    # Once the wait is over (as if time had passed), the right passphrase opens and the count is cleared.
    path.write_text(json.dumps({**state, "not_before": time.time() - 1}))
    code, _out, err = run("check", "--workspace", str(workspace_path))
    assert code == 0, err
    assert not path.exists()


def test_wrong_tries_are_counted_across_real_processes(workspace_path, tmp_path):
    env = {**os.environ, "CONNECTOR_PASSPHRASE": "definitely not the right one",
           "PYTHONPATH": str(Path(__file__).parents[2])}
    for expected in (1, 2):
        result = subprocess.run([sys.executable, "-m", "connector_app", "check", "--workspace", str(workspace_path)],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 1 and one_line(result.stderr) == WrongPassphrase().message()
        assert _state(workspace_path)["failures"] == expected


def test_a_control_character_at_unlock_is_not_counted_as_a_guess(run, workspace_path, monkeypatch):
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE + "\n")
    code, _out, err = run("check", "--workspace", str(workspace_path))
    assert code == 1 and "control characters" in one_line(err)
    assert not throttle_state_path(workspace_path).exists()


def test_an_unusable_state_folder_never_stops_unlocking(run, workspace_path, monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("CONNECTOR_STATE_DIR", str(tmp_path / "a-file" / "state"))
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", "definitely not the right one")
    code, _out, err = run("check", "--workspace", str(workspace_path))
    assert code == 1 and one_line(err) == WrongPassphrase().message()
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    assert run("check", "--workspace", str(workspace_path))[0] == 0


@pytest.mark.parametrize("content", ['{"failures": 1e999, "not_before": 1e999}', "[1, 2]", "\x00" * 10,
                                     '{"failures": 3, "not_before": NaN}', "x" * 100_000])
def test_a_garbled_state_file_is_ignored(run, workspace_path, content):
    path = throttle_state_path(workspace_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    code, _out, err = run("check", "--workspace", str(workspace_path))
    assert code == 0, err


def test_a_far_future_wait_is_capped():
    now = [1000.0]
    throttle = UnlockThrottle(clock=lambda: now[0])
    throttle._not_before = 10 ** 12  # a clock set back by years, or a hand-edited state file
    assert throttle.wait_seconds() == UnlockThrottle.MAX_WAIT
