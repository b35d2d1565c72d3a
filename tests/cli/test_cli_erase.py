"""person erase lists the other records that name the person, and redacts them when asked."""

from __future__ import annotations

import pytest

from connector_app.cli import main
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.samples import add_everything


@pytest.fixture
def mentioned(workspace_path):
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    records = add_everything(store, name="Gwenllian Zyxwvut")
    store.conversations.update(records["group"].id, notes="Gwenllian and Jan planned the garden")
    store.close()
    return workspace_path, records


def test_erase_lists_mentions_and_keeps_them_unless_asked(mentioned, capsys, monkeypatch):
    path, records = mentioned
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    assert main(["person", "erase", records["person"].id, "--yes", "--workspace", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 other record mentions this person by name:" in out and "[Gwenllian]" in out
    assert "--redact-mentions" in out
    store = Workspace(path).unlock(PASSPHRASE)
    assert store.conversations.get(records["group"].id).notes.startswith("Gwenllian")
    store.close()


def test_erase_with_redact_mentions_removes_the_name(mentioned, capsys, monkeypatch):
    path, records = mentioned
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    code = main(["person", "erase", records["person"].id, "--yes", "--redact-mentions", "--workspace", str(path)])
    assert code == 0
    assert "Removed the name from 1 other record." in capsys.readouterr().out
    store = Workspace(path).unlock(PASSPHRASE)
    try:
        notes = store.conversations.get(records["group"].id).notes
        assert notes == "[name removed] and Jan planned the garden"
        history = [v.value for v in store.conversations.history(records["group"].id, "notes")]
        assert not any("Gwenllian" in (value or "") for value in history)
    finally:
        store.close()
