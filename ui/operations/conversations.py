"""Operations on conversations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from connector_app.domain.records import Conversation, Person
from connector_app.i18n import _
from ui.operations import Op


@dataclass(frozen=True)
class NewPerson:
    display_name: str
    consent_scope: str


@dataclass(frozen=True)
class ConversationDraft:
    occurred_at: str
    mode: str
    person_ids: tuple[str, ...] = ()
    new_people: tuple[NewPerson, ...] = ()
    venue_id: str | None = None
    staff_id: str | None = None
    duration_minutes: int | None = None
    notes: str | None = None
    features: tuple[str, ...] = field(default=())


def add_conversation(workspace, draft: ConversationDraft, *, today: date | None = None) -> Op:
    """Save a quick-added conversation, and the people first met in it, in one transaction."""

    def work(store) -> Conversation:
        consent_on = (today or date.today()).isoformat()
        with store.atomic():
            ids = list(draft.person_ids)
            for person in draft.new_people:
                ids.append(store.people.add(Person(display_name=person.display_name,
                                                   consent_scope=person.consent_scope, consent_on=consent_on)).id)
            return store.conversations.add(Conversation(
                occurred_at=draft.occurred_at, mode=draft.mode, person_ids=tuple(ids), venue_id=draft.venue_id,
                staff_id=draft.staff_id, duration_minutes=draft.duration_minutes, notes=draft.notes,
                features=draft.features))

    return Op(_("Saving the conversation…"), work, workspace)
