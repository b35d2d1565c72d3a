"""Every migration upgrades a database built by the schema before it; the SQL matches the declarations."""

from __future__ import annotations

import os

import pytest

from connector_app.domain.fields import Kind
from connector_app.domain.records import RECORD_TYPES
from connector_app.errors import WorkspaceTooNew
from connector_app.ids import new_id
from connector_app.store import migrations
from connector_app.store.database import connect, migrate, schema_version
from connector_app.store.keyslots import PASSPHRASE, KeyFile
from connector_app.store.migrations import MIGRATIONS, latest_version
from connector_app.store.store import Store
from connector_app.store.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE as GOOD

PERSON_ID = "0190a000-0000-7000-8000-000000000001"
CONVERSATION_ID = "0190a000-0000-7000-8000-000000000002"
STAFF_ID = "0190a000-0000-7000-8000-000000000003"
STRENGTH_ID = "0190a000-0000-7000-8000-000000000004"
ASSET_ID = "0190a000-0000-7000-8000-000000000005"
CONNECTION_ID = "0190a000-0000-7000-8000-000000000006"


def _schema(conn) -> dict[str, str]:
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"))


def _fill_version_1(conn) -> None:
    """Rows as an app at schema 1 would have written them."""
    conn.execute("INSERT INTO person (id, display_name, languages, consent_scope, consent_on, about, changed_hlc) "
                 "VALUES (?, 'Halima Yusuf', '[\"so\"]', 'share_team', '2025-05-01', 'Loves baking bread', 1)",
                 (PERSON_ID,))
    conn.execute("INSERT INTO conversation (id, occurred_at, mode, person_ids, notes, changed_hlc) "
                 "VALUES (?, '2025-05-02T10:00', 'in_person', ?, 'Talked about the bread oven', 2)",
                 (CONVERSATION_ID, f'["{PERSON_ID}"]'))
    conn.execute("INSERT INTO conversation_person VALUES (?, ?)", (CONVERSATION_ID, PERSON_ID))


def _build_at(path, version: int):
    conn = connect(path, os.urandom(32), create=True)
    migrate(conn, target=version)
    return conn


def test_each_migration_upgrades_the_schema_before_it(tmp_path):
    for version, _name, _func in MIGRATIONS[1:]:
        conn = _build_at(tmp_path / f"v{version - 1}.db", version - 1)
        conn.execute("BEGIN")
        _fill_version_1(conn)
        conn.execute("COMMIT")
        assert migrate(conn, target=version) == [version]
        assert schema_version(conn) == version
        migrate(conn)  # and on to the newest, which the store needs
        store = Store(conn, new_id())
        assert store.people.get(PERSON_ID).display_name == "Halima Yusuf"
        if version == 2:  # the search migration indexes what was already there
            assert [h.record_id for h in store.search("bread oven")] == [CONVERSATION_ID]
            assert [h.record_id for h in store.search("Halima")] == [PERSON_ID]
        conn.close()


def test_upgrading_step_by_step_gives_the_same_schema_as_a_new_database(tmp_path):
    fresh = _build_at(tmp_path / "fresh.db", latest_version())
    stepped = _build_at(tmp_path / "stepped.db", 1)
    for version in range(2, latest_version() + 1):
        migrate(stepped, target=version)
    assert _schema(stepped) == _schema(fresh)


def test_a_failing_migration_leaves_the_previous_version_whole(tmp_path, monkeypatch):
    conn = _build_at(tmp_path / "v1.db", 1)

    def broken(c):
        c.executescript("CREATE TABLE half_done (x);")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [MIGRATIONS[0], (2, "broken", broken)])
    monkeypatch.setattr("connector_app.store.database.MIGRATIONS", migrations.MIGRATIONS)
    with pytest.raises(RuntimeError):
        migrate(conn, target=2)
    assert schema_version(conn) == 1
    assert "half_done" not in _schema(conn)


def test_opening_an_older_workspace_backs_it_up_then_upgrades(tmp_path):
    """A workspace left at schema 1 by an older app."""
    workspace, _code = Workspace.create(tmp_path / "ws", GOOD, kdf=FAST_KDF)
    workspace.lock()
    key = KeyFile.load(tmp_path / "ws" / "keys.json").open_slot(PASSPHRASE, GOOD)
    old = tmp_path / "old.db"
    conn = _build_at(old, 1)
    conn.execute("BEGIN")
    _fill_version_1(conn)
    conn.execute("COMMIT")
    current = connect(tmp_path / "ws" / "records.db", key)
    meta = current.execute("SELECT key, value FROM meta").fetchall()
    devices = current.execute("SELECT no, id FROM device").fetchall()
    current.close()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta)
    conn.executemany("INSERT INTO device VALUES (?, ?)", devices)
    conn.execute("COMMIT")
    conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / "ws" / f"records.db{suffix}").unlink(missing_ok=True)
    os.replace(old, tmp_path / "ws" / "records.db")

    store = Workspace(tmp_path / "ws").unlock(GOOD)
    assert schema_version(store.connection) == latest_version()
    assert store.search("bread")
    store.close()
    backups = list((tmp_path / "ws" / "backups").glob("before-upgrade-from-v1-*.cbackup"))
    assert len(backups) == 1


def test_newer_schema_is_refused(tmp_path):
    conn = _build_at(tmp_path / "x.db", latest_version())
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(WorkspaceTooNew):
        migrate(conn)
    conn.close()


def test_tables_match_the_field_declarations(tmp_path):
    conn = _build_at(tmp_path / "x.db", latest_version())
    for cls in RECORD_TYPES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({cls.type_name})")]
        # Columns added by a later migration come after changed_hlc: compare as sets.
        assert sorted(columns) == sorted(["id", *(s.name for s in cls.specs()), "changed_hlc"]), cls.type_name
        # Since schema 4 the app checks references (changes from other laptops arrive in any order).
        assert conn.execute(f"PRAGMA foreign_key_list({cls.type_name})").fetchall() == [], cls.type_name
    conn.close()


def test_search_index_columns_match_the_field_declarations():
    for cls in RECORD_TYPES:
        title = [s.name for s in cls.specs() if s.search == "title"]
        body = [s.name for s in cls.specs() if s.search == "body"]
        assert migrations._SEARCH_V2[cls.type_name] == (title, body), cls.type_name


def test_event_dates_start_from_the_record_dates(tmp_path):
    conn = _build_at(tmp_path / "v2.db", 2)
    conn.execute("BEGIN")
    _fill_version_1(conn)
    conn.execute("INSERT INTO staff (id, name, role, changed_hlc) VALUES (?, 'Sam', 'link_worker', 3)",
                 (STAFF_ID,))
    conn.execute("INSERT INTO strength (id, person_id, kind, description, spotted_on, readiness, changed_hlc) "
                 "VALUES (?, ?, 'skill', 'Bakes bread', '2025-05-03', 'ready', 4)", (STRENGTH_ID, PERSON_ID))
    conn.execute("INSERT INTO asset (id, name, kind, changed_hlc) VALUES (?, 'Bread club', 'grassroots_group', 5)",
                 (ASSET_ID,))
    conn.execute("INSERT INTO connection (id, person_id, asset_id, made_on, outcome, changed_hlc) "
                 "VALUES (?, ?, ?, '2025-05-04', 'introduced', 6)", (CONNECTION_ID, PERSON_ID, ASSET_ID))
    conn.execute("COMMIT")
    migrate(conn)
    store = Store(conn, new_id())
    assert store.strengths.get(STRENGTH_ID).readiness_on == "2025-05-03"
    assert store.connections.get(CONNECTION_ID).outcome_on == "2025-05-04"
    conn.close()
