"""The conflicts an import reports: fields edited on two laptops that had not seen each other's edit.

Real workspaces exchanging real bundle files. A laptop correcting what it received is not a conflict;
two laptops editing the same field before they synced is, counted once per field.
"""

from __future__ import annotations

import pytest

from connector_app.domain.records import Person
from connector_app.sync.exchange import ImportResult, export_bundle, import_bundle, last_import
from connector_app.sync.team import create_team, join_team
from tests.store.laptops import laptop


@pytest.fixture
def team(template_workspace, tmp_path):
    hub = laptop(template_workspace[0], tmp_path / "hub")
    one = laptop(template_workspace[0], tmp_path / "one")
    two = laptop(template_workspace[0], tmp_path / "two")
    code = create_team(hub).join_code
    join_team(one, code)
    join_team(two, code)
    yield hub, one, two
    for store in (hub, one, two):
        store.close()


def _send(source, target, path) -> ImportResult:
    export_bundle(source, path)
    return import_bundle(target, path)


def _person(store, **values):
    return store.people.add(Person(display_name="Ceri Jones", consent_scope="share_team", consent_on="2026-01-05",
                                   **values))


def test_editing_what_arrived_is_not_a_conflict(team, tmp_path):
    hub, one, _two = team
    person = _person(hub)
    _send(hub, one, tmp_path / "1.cbundle")
    hub.people.update(person.id, area="Hillside")
    _send(hub, one, tmp_path / "2.cbundle")
    one.people.update(person.id, area="Riverside")  # after seeing the hub's edit: a correction
    result = _send(one, hub, tmp_path / "3.cbundle")
    assert result.applied >= 1 and result.conflicts == 0
    assert hub.people.get(person.id).area == "Riverside"


def test_fields_edited_on_two_laptops_are_counted_once_each(team, tmp_path):
    hub, one, _two = team
    person = _person(hub)
    _send(hub, one, tmp_path / "1.cbundle")
    for area in ("Hillside", "Hill side"):  # two edits of one field: one field in conflict
        hub.people.update(person.id, area=area)
    hub.people.update(person.id, about="Likes the sewing group")
    one.people.update(person.id, area="Riverside")
    one.people.update(person.id, about="Runs the sewing group")
    one.people.update(person.id, contact_details="07700 900123")  # only edited here: no conflict
    result = _send(one, hub, tmp_path / "2.cbundle")
    assert result.conflicts == 2
    assert last_import(hub)["conflicts"] == 2
    back = _send(hub, one, tmp_path / "3.cbundle")
    assert back.conflicts == 2  # the other laptop meets the same two fields
    assert hub.people.get(person.id) == one.people.get(person.id)


def test_a_conflict_relayed_by_the_hub_is_counted_and_a_relayed_correction_is_not(team, tmp_path):
    hub, one, two = team
    person = _person(hub)
    for store in (one, two):
        _send(hub, store, tmp_path / f"start-{store.device_id}.cbundle")
    one.people.update(person.id, area="Hillside")
    two.people.update(person.id, area="Riverside")  # neither has seen the other's edit
    _send(one, hub, tmp_path / "one.cbundle")
    assert _send(two, hub, tmp_path / "two.cbundle").conflicts == 1
    # Laptop one takes in laptop two's bundle: the same field in conflict, said there too.
    import_bundle(one, tmp_path / "two.cbundle")
    assert last_import(one)["conflicts"] == 1
    assert _send(hub, two, tmp_path / "relay.cbundle").conflicts == 1
    # Laptop one, having seen laptop two's edit, corrects the area: no conflict anywhere.
    one.people.update(person.id, area="River Side")
    export_bundle(one, tmp_path / "fix.cbundle")
    assert import_bundle(hub, tmp_path / "fix.cbundle").conflicts == 0
    assert import_bundle(two, tmp_path / "fix.cbundle").conflicts == 0
    assert two.people.get(person.id).area == hub.people.get(person.id).area == "River Side"


def test_a_correction_relayed_by_another_laptop_is_not_a_conflict(team, tmp_path):
    hub, one, two = team
    person = _person(hub)
    for store in (one, two):
        _send(hub, store, tmp_path / f"start-{store.device_id}.cbundle")
        _send(store, hub, tmp_path / f"back-{store.device_id}.cbundle")  # the hub hears what each holds
    two.people.update(person.id, area="Riverside")
    _send(two, one, tmp_path / "two.cbundle")
    one.people.update(person.id, area="River Side")  # having seen laptop two's edit
    _send(one, two, tmp_path / "one.cbundle")
    # Laptop two's bundle carries both to the hub; what laptop one last told the hub predates its edit.
    result = _send(two, hub, tmp_path / "relay.cbundle")
    assert result.applied == 2 and result.conflicts == 0
    assert hub.people.get(person.id).area == "River Side"
