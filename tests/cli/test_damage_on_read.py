"""Damage met by a read (list, search) says damaged in one line, as a write does."""

from __future__ import annotations

from connector_app.cli import main
from connector_app.domain.records import Person
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_a_damaged_page_met_while_listing_says_damaged(workspace_path, capsys, monkeypatch):
    store = Workspace(workspace_path).unlock(PASSPHRASE)
    store.people.add_many(Person(display_name=f"Person {n}", consent_scope="share_team", consent_on="2026-01-01",
                                 about="long note " * 200) for n in range(300))
    store.checkpoint()
    root = store.connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    store.close()
    page_size = 4096
    db = workspace_path / "records.db"
    data = bytearray(db.read_bytes())
    # A leaf page of the person table well after its root: opening reads the schema, not this.
    offset = (root + 40) * page_size + 1000
    assert offset < len(data)
    data[offset] ^= 0x40
    db.write_bytes(bytes(data))
    monkeypatch.setenv("CONNECTOR_PASSPHRASE", PASSPHRASE)
    code = main(["person", "list", "--workspace", str(workspace_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "damaged" in err and "Something unexpected" not in err and len(err.strip().splitlines()) == 1
