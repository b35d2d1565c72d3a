"""Drafts of unsaved forms: kept encrypted in the store, never records, erased with their person."""

from __future__ import annotations

from connector_app.domain.records import Person
from connector_app.store.digest import content_digest
from datetime import datetime, timedelta, timezone

from connector_app.store.drafts import KEEP_DAYS, discard_draft, drafts, offered_drafts, save_draft
from connector_app.store.subject_access import erase_person
from connector_app.sync.exchange import export_bundle, import_bundle
from connector_app.sync.team import create_team, join_team
from tests.samples import add_everything
from tests.store.laptops import laptop

TYPED = "Talked about the allotment waiting list"


def _log_size(store) -> int:
    return store.connection.execute("SELECT count(*) FROM change").fetchone()[0]


def test_a_draft_is_kept_and_overwritten_but_never_logged_or_digested(workspace):
    store = workspace.store
    person = add_everything(store)["person"]
    log, digest = _log_size(store), content_digest(store)
    draft_id = save_draft(store, "conversation", {"notes": "first"}, person_ids=[person.id])
    save_draft(store, "conversation", {"notes": TYPED}, person_ids=[person.id], draft_id=draft_id)
    (kept,) = drafts(store, "conversation")
    assert (kept.id, kept.body, kept.person_ids) == (draft_id, {"notes": TYPED}, (person.id,))
    assert TYPED not in repr(kept)
    assert _log_size(store) == log and content_digest(store) == digest
    assert store.connection.execute("SELECT count(*) FROM record_state WHERE record_id = ?",
                                    (draft_id,)).fetchone()[0] == 0
    discard_draft(store, draft_id)
    assert drafts(store) == []


def test_erasing_a_person_erases_their_drafts_and_no_one_elses(workspace):
    store = workspace.store
    records = add_everything(store)
    person, other = records["person"], records["other"]
    theirs = save_draft(store, "conversation", {"notes": TYPED}, person_ids=[person.id, other.id])
    others = save_draft(store, "conversation", {"notes": "Jan only"}, person_ids=[other.id])
    nobody = save_draft(store, "conversation", {"notes": "no one chosen yet"})
    erase_person(store, person.id)
    assert {d.id for d in drafts(store)} == {others, nobody}
    assert theirs not in {d.id for d in drafts(store)}


def test_drafts_never_travel_in_a_sync_bundle(template_workspace, tmp_path):
    hub = laptop(template_workspace[0], tmp_path / "hub")
    other = laptop(template_workspace[0], tmp_path / "laptop")
    try:
        join_team(other, create_team(hub).join_code)
        person = hub.people.add(Person(display_name="Shared Person", consent_scope="share_team",
                                       consent_on="2026-01-05"))
        before = export_bundle(hub, tmp_path / "before.cbundle", everything=True).changes
        save_draft(hub, "conversation", {"notes": TYPED}, person_ids=[person.id])
        after = export_bundle(hub, tmp_path / "after.cbundle", everything=True)
        assert after.changes == before
        import_bundle(other, tmp_path / "after.cbundle")
        assert other.people.get(person.id).display_name == "Shared Person"
        assert drafts(other) == []
    finally:
        hub.close()
        other.close()


def test_drafts_are_offered_only_to_the_staff_member_who_typed_them(workspace):
    store = workspace.store
    ceri = save_draft(store, "record", {"state": {"own_words": TYPED}}, staff_id="ceri")
    jan = save_draft(store, "record", {"state": {"own_words": "Jan's"}}, staff_id="jan")
    no_one = save_draft(store, "conversation", {"state": {}})
    assert [d.id for d in offered_drafts(store, "ceri")] == [ceri]
    assert [d.id for d in offered_drafts(store, "jan")] == [jan]
    assert [d.id for d in offered_drafts(store, None)] == [no_one]
    assert {d.id for d in drafts(store)} == {ceri, jan, no_one}


def test_a_draft_is_kept_for_two_weeks_after_it_was_last_written(workspace):
    store = workspace.store
    draft_id = save_draft(store, "record", {"state": {"own_words": TYPED}}, staff_id="ceri")
    (kept,) = drafts(store)
    written = datetime.strptime(kept.saved_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert kept.keep_until == (written + timedelta(days=KEEP_DAYS)).date()
    assert [d.id for d in offered_drafts(store, "ceri", now=written + timedelta(days=KEEP_DAYS))] == [draft_id]
    assert offered_drafts(store, "ceri", now=written + timedelta(days=KEEP_DAYS, seconds=1)) == []
    assert drafts(store) == []   # deleted, not only hidden
