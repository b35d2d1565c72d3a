"""Shared fixtures: real workspaces on disk, made fast by copying a template.

Key derivation uses cheap Argon2id parameters here so the suite stays quick;
tests/store/test_workspace.py checks the shipped defaults separately.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from connector_app.i18n import set_language  # noqa: E402
from connector_app.store.keyslots import KdfParams  # noqa: E402
from connector_app.store.workspace import Workspace  # noqa: E402

PASSPHRASE = "violet tractor remembers seven puddles"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)

# One marker per shipped script: none of them may ever appear in clear on disk.
MARKERS = {
    "latin": "Zyxwvutsmarker Gwenllian",
    "welsh": "Mae'r ardd gymunedolMARKER",
    "polish": "Zażółć gęślą jaźńMARKER",
    "romanian": "Știință și țesăturiMARKER",
    "arabic": "مساعدة في الحديقة سريMARKER",
    "urdu": "مجھے سلائی پسند ہےMARKER",
    "bengali": "আমি সেলাই ভালোবাসিMARKER",
    "somali": "Waxaan jeclahay beeraha MARKER",
}


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """No test reads or writes the real user folders, and each starts in English."""
    monkeypatch.setenv("CONNECTOR_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("CONNECTOR_STATE_DIR", str(tmp_path / "state"))  # wrong-try counts (passphrase.py)
    monkeypatch.delenv("CONNECTOR_WORKSPACE", raising=False)
    monkeypatch.delenv("CONNECTOR_PASSPHRASE", raising=False)
    set_language("en_GB")
    yield
    set_language("en_GB")


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("template") / "workspace"
    workspace, code = Workspace.create(path, PASSPHRASE, kdf=FAST_KDF)
    workspace.lock()
    return path, code


@pytest.fixture
def workspace_path(template_workspace, tmp_path) -> Path:
    """A fresh, locked workspace folder (a copy of the template)."""
    target = tmp_path / "workspace"
    shutil.copytree(template_workspace[0], target)
    return target


@pytest.fixture
def recovery_code(template_workspace) -> str:
    return template_workspace[1]


@pytest.fixture
def workspace(workspace_path):
    """An unlocked workspace; locked again after the test."""
    ws = Workspace(workspace_path, kdf=FAST_KDF)
    ws.unlock(PASSPHRASE)
    yield ws
    ws.lock()


@pytest.fixture
def store(workspace):
    return workspace.store
