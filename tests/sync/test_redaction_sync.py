"""An erasure that redacts mentions travels like any other change, and never blocks sync.

A stranger's attack found that redacting a name in a required field (a follow-up's
"what to do") blanked it in the record's creation, so every bundle that laptop wrote
afterwards was refused by the whole team. The creation now keeps the text with the
name replaced, as the record itself does.
"""

from __future__ import annotations

from connector_app.domain.records import FollowUp, Person
from connector_app.store.digest import content_digest
from connector_app.store.subject_access import erase_person
from connector_app.store.mentions import find_mentions
from connector_app.sync.exchange import export_bundle, import_bundle
from connector_app.sync.team import current_team, join_team
from tests.store.laptops import laptop
from tests.store.test_erasure import _traces
from tests.sync.test_exchange import hub_and_laptop  # noqa: F401 (a fixture)

NAME = "Gwenllian Zyxwvut"


def test_a_redacted_required_field_travels_and_the_name_goes_everywhere(hub_and_laptop, template_workspace,
                                                                             tmp_path):
    hub, other = hub_and_laptop
    her = hub.people.add(Person(display_name=NAME, consent_scope="share_team", consent_on="2026-01-05"))
    jan = hub.people.add(Person(display_name="Jan Kowalski", consent_scope="share_team", consent_on="2026-01-05"))
    task = hub.follow_ups.add(FollowUp(person_id=jan.id, action=f"Ask {NAME} to bring Jan to choir", state="open"))
    export_bundle(hub, tmp_path / "before.cbundle")
    import_bundle(other, tmp_path / "before.cbundle")   # this laptop had the name; the next bundle takes it away

    erase_person(hub, her.id, redact=find_mentions(hub, her.id))
    assert hub.follow_ups.get(task.id).action == "Ask [name removed] to bring Jan to choir"
    export_bundle(hub, tmp_path / "after.cbundle")
    import_bundle(other, tmp_path / "after.cbundle")
    assert other.follow_ups.get(task.id).action == "Ask [name removed] to bring Jan to choir"

    newcomer = laptop(template_workspace[0], tmp_path / "newcomer")   # joins later: receives every change,
    join_team(newcomer, current_team(hub).join_code)                 # the record's creation included
    export_bundle(hub, tmp_path / "all.cbundle", everything=True)
    import_bundle(newcomer, tmp_path / "all.cbundle")
    assert newcomer.follow_ups.get(task.id).action == "Ask [name removed] to bring Jan to choir"
    assert content_digest(hub) == content_digest(other) == content_digest(newcomer)
    for store in (hub, other, newcomer):
        assert _traces(store, ["Zyxwvut"]) == [], store.device_id
    newcomer.close()
