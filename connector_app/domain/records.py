"""Every record type the app keeps, with its fields declared once.

Words follow the practice (shared DOMAIN.md). A record is an immutable
dataclass; the store hands out new instances rather than mutating them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields as dc_fields, replace
from typing import Any, ClassVar

from connector_app.domain import vocab
from connector_app.domain.fields import (
    FieldSpec, boolean, choice, choices, day, fields_of, integer, languages, moment, note, ref, refs, text,
)
from connector_app.i18n import N_

SCALE = {"minimum": 0, "maximum": 10}


@dataclass(frozen=True, kw_only=True, repr=False)
class Record:
    type_name: ClassVar[str]
    label: ClassVar[str]
    plural_label: ClassVar[str]
    # The field that ties a record to a person: used by subject access and erasure.
    person_field: ClassVar[str | None] = None
    # Dated events: {date field: (field it dates, field giving its value at creation)}.
    # Reports count what happened in a month, so a change of the watched field
    # stamps the date it happened (today, unless the caller says otherwise).
    stamps: ClassVar[dict[str, tuple[str, str]]] = {}

    id: str = ""

    def __repr__(self) -> str:
        # Never the field values: a record printed into a log or traceback must not leak its text.
        return f"<{type(self).__name__} {self.id or 'unsaved'}>"

    @classmethod
    def specs(cls) -> tuple[FieldSpec, ...]:
        return fields_of(cls)

    def values(self) -> dict[str, Any]:
        """Field values by name, lists as lists (the form stored and logged)."""
        out = {}
        for item in dc_fields(self):
            if item.name == "id":
                continue
            value = getattr(self, item.name)
            out[item.name] = list(value) if isinstance(value, tuple) else value
        return out

    def with_changes(self, **changes: Any) -> "Record":
        return replace(self, **{k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()})

    def stamped(self, previous: "Record | None", today: str, given: frozenset[str] = frozenset()) -> "Record":
        """Fill in the dates of events: at creation from the record's own date, later today.

        ``given`` names fields the caller set explicitly; those are never overridden.
        """
        changes = {}
        for stamp, (watched, initial) in self.stamps.items():
            if stamp in given:
                continue
            if previous is None:
                if getattr(self, stamp) is None:
                    changes[stamp] = getattr(self, initial)
            elif getattr(previous, watched) != getattr(self, watched):
                changes[stamp] = today
        return self.with_changes(**changes) if changes else self


@dataclass(frozen=True, kw_only=True, repr=False)
class Person(Record):
    type_name = "person"
    label = N_("Person")
    plural_label = N_("People")
    person_field = "id"

    display_name: str = text(N_("Name or pseudonym"), required=True, max_len=120, search="title")
    is_pseudonym: bool = boolean(N_("This is a pseudonym"))
    languages: tuple[str, ...] = languages(N_("Languages spoken"))
    contact_preference: str | None = choice(N_("How they like to be contacted"), vocab.CONTACT_PREFERENCES)
    contact_details: str | None = text(N_("Contact details"), max_len=200)
    area: str | None = text(N_("Area or neighbourhood"), max_len=120, search="body")
    consent_scope: str = choice(N_("Consent"), vocab.CONSENT_SCOPES, required=True)
    consent_on: str = day(N_("Consent given on"), required=True)
    about: str | None = note(N_("About them, in their words"))
    # Retention review (store/retention.py): kept on this day, for this reason, so they
    # leave the review list until the retention period has passed again.
    kept_on: str | None = day(N_("Kept after a retention review on"))
    kept_note: str | None = text(N_("Why they were kept"), max_len=300)


@dataclass(frozen=True, kw_only=True, repr=False)
class Staff(Record):
    type_name = "staff"
    label = N_("Staff member")
    plural_label = N_("Staff")

    name: str = text(N_("Name"), required=True, max_len=120, search="title")
    role: str = choice(N_("Role"), vocab.STAFF_ROLES, required=True)
    organisation: str | None = text(N_("Organisation"), max_len=160)
    active: bool = boolean(N_("Currently working"), default=True)


@dataclass(frozen=True, kw_only=True, repr=False)
class Venue(Record):
    type_name = "venue"
    label = N_("Venue")
    plural_label = N_("Venues")

    name: str = text(N_("Name"), required=True, max_len=160, search="title")
    kind: str | None = choice(N_("Kind of place"), vocab.VENUE_KINDS)
    address: str | None = text(N_("Address"), max_len=240, search="body")
    accessibility: str | None = note(N_("Accessibility"), max_len=2000)


@dataclass(frozen=True, kw_only=True, repr=False)
class Asset(Record):
    type_name = "asset"
    label = N_("Community asset")
    plural_label = N_("Community assets")

    name: str = text(N_("Name"), required=True, max_len=160, search="title")
    kind: str = choice(N_("Kind"), vocab.ASSET_KINDS, required=True)
    offer: str | None = note(N_("What it offers"), max_len=4000)
    venue_id: str | None = ref(N_("Venue"), "venue")
    place: str | None = text(N_("Where"), max_len=240, search="body")
    times: str | None = text(N_("When"), max_len=160)
    contact: str | None = text(N_("Contact"), max_len=200)
    languages: tuple[str, ...] = languages(N_("Languages"))
    accessibility: str | None = note(N_("Accessibility"), max_len=2000)
    active: bool = boolean(N_("Still running"), default=True)


@dataclass(frozen=True, kw_only=True, repr=False)
class Conversation(Record):
    type_name = "conversation"
    label = N_("Conversation")
    plural_label = N_("Conversations")
    person_field = "person_ids"

    occurred_at: str = moment(N_("When"), required=True)
    duration_minutes: int | None = integer(N_("Minutes"), minimum=1, maximum=600)
    venue_id: str | None = ref(N_("Venue"), "venue")
    mode: str = choice(N_("How"), vocab.CONVERSATION_MODES, required=True)
    person_ids: tuple[str, ...] = refs(N_("People"), "person", link="conversation_person")
    anonymous_count: int = integer(N_("People not named"), minimum=0, maximum=500, default=0)
    staff_id: str | None = ref(N_("Staff member"), "staff")
    notes: str | None = note(N_("Notes"))
    features: tuple[str, ...] = choices(N_("Features of practice"), vocab.FEATURES)


@dataclass(frozen=True, kw_only=True, repr=False)
class FollowUp(Record):
    type_name = "follow_up"
    label = N_("Follow-up")
    plural_label = N_("Follow-ups")
    person_field = "person_id"

    conversation_id: str | None = ref(N_("Conversation"), "conversation")
    person_id: str | None = ref(N_("Person"), "person")
    action: str = text(N_("What to do"), required=True, max_len=400, search="body")
    due_on: str | None = day(N_("Due"))
    state: str = choice(N_("State"), vocab.FOLLOW_UP_STATES, required=True)
    staff_id: str | None = ref(N_("Staff member"), "staff")


@dataclass(frozen=True, kw_only=True, repr=False)
class WhatMatters(Record):
    type_name = "what_matters"
    label = N_("What matters to me")
    plural_label = N_("What matters to me")
    person_field = "person_id"

    person_id: str = ref(N_("Person"), "person", required=True)
    recorded_on: str = day(N_("Recorded on"), required=True)
    own_words: str = note(N_("In their own words"), required=True)
    themes: tuple[str, ...] = choices(N_("Themes"), vocab.THEMES)
    review_on: str | None = day(N_("Review on"))
    staff_id: str | None = ref(N_("Staff member"), "staff")
    # The printed talent-spotting sheet this was typed in from (connector_app/store/paper_sheets.py).
    sheet_id: str | None = text(N_("Talent-spotting sheet ID"), max_len=16)


@dataclass(frozen=True, kw_only=True, repr=False)
class SmallStep(Record):
    type_name = "small_step"
    label = N_("Small step")
    plural_label = N_("Small steps")
    person_field = "person_id"

    what_matters_id: str = ref(N_("What matters to me"), "what_matters", required=True)
    person_id: str = ref(N_("Person"), "person", required=True)
    description: str = text(N_("Small step"), required=True, max_len=400, search="body")
    position: int = integer(N_("Order"), minimum=0, maximum=10_000, default=0)
    set_on: str | None = day(N_("Agreed on"))
    done_on: str | None = day(N_("Done on"))


@dataclass(frozen=True, kw_only=True, repr=False)
class ConnectingTime(Record):
    type_name = "connecting_time"
    label = N_("Protected connecting time")
    plural_label = N_("Protected connecting time")

    staff_id: str = ref(N_("Staff member"), "staff", required=True)
    on_date: str = day(N_("Date"), required=True)
    minutes: int = integer(N_("Minutes"), required=True, minimum=1, maximum=720)
    venue_id: str | None = ref(N_("Venue"), "venue")
    with_whom: str | None = text(N_("With whom"), max_len=300, search="body")
    heard: str | None = note(N_("What I heard"))
    will_do: str | None = note(N_("What I will do"))


@dataclass(frozen=True, kw_only=True, repr=False)
class Strength(Record):
    type_name = "strength"
    label = N_("Strength")
    plural_label = N_("Strengths")
    person_field = "person_id"
    stamps = {"readiness_on": ("readiness", "spotted_on")}

    person_id: str = ref(N_("Person"), "person", required=True)
    kind: str = choice(N_("Kind"), vocab.STRENGTH_KINDS, required=True)
    description: str = text(N_("Strength"), required=True, max_len=400, search="body")
    spotted_by: str | None = ref(N_("Spotted by"), "staff")
    spotted_on: str = day(N_("Spotted on"), required=True)
    readiness: str = choice(N_("Readiness"), vocab.READINESS, required=True)
    readiness_on: str | None = day(N_("Readiness changed on"))
    next_steps: tuple[str, ...] = choices(N_("Next step"), vocab.NEXT_STEPS)
    next_step_note: str | None = note(N_("About the next step"), max_len=2000)
    sheet_id: str | None = text(N_("Talent-spotting sheet ID"), max_len=16)


@dataclass(frozen=True, kw_only=True, repr=False)
class CheckIn(Record):
    type_name = "checkin"
    label = N_("3Cs check-in")
    plural_label = N_("3Cs check-ins")
    person_field = "person_id"

    person_id: str = ref(N_("Person"), "person", required=True)
    on_date: str = day(N_("Date"), required=True)
    contact: int = integer(N_("Contact"), required=True, **SCALE)
    confidence: int = integer(N_("Confidence"), required=True, **SCALE)
    control: int = integer(N_("Control"), required=True, **SCALE)
    in_their_words: str | None = note(N_("In their words"))
    # ONS4 personal wellbeing (Office for National Statistics), optional.
    ons_satisfied: int | None = integer(N_("Overall, how satisfied are you with your life nowadays?"), **SCALE)
    ons_worthwhile: int | None = integer(
        N_("Overall, to what extent do you feel that the things you do in your life are worthwhile?"), **SCALE)
    ons_happy: int | None = integer(N_("Overall, how happy did you feel yesterday?"), **SCALE)
    ons_anxious: int | None = integer(N_("On a scale where 0 is not at all anxious and 10 is completely anxious, "
                                         "overall, how anxious did you feel yesterday?"), **SCALE)
    ons_lonely: str | None = choice(N_("How often do you feel lonely?"), vocab.LONELINESS)
    staff_id: str | None = ref(N_("Staff member"), "staff")


@dataclass(frozen=True, kw_only=True, repr=False)
class Connection(Record):
    type_name = "connection"
    label = N_("Connection")
    plural_label = N_("Connections")
    person_field = "person_id"
    stamps = {"outcome_on": ("outcome", "made_on")}

    person_id: str = ref(N_("Person"), "person", required=True)
    asset_id: str = ref(N_("Community asset"), "asset", required=True)
    made_on: str = day(N_("Date"), required=True)
    conversation_id: str | None = ref(N_("Conversation"), "conversation")
    outcome: str = choice(N_("Outcome"), vocab.CONNECTION_OUTCOMES, required=True)
    outcome_on: str | None = day(N_("Outcome changed on"))
    notes: str | None = note(N_("Notes"), max_len=4000)
    staff_id: str | None = ref(N_("Staff member"), "staff")


# Order matters: a record type only refers to types before it (or to itself),
# so creating tables, exporting and digesting in this order never dangles.
RECORD_TYPES: tuple[type[Record], ...] = (
    Staff, Venue, Person, Asset, Conversation, FollowUp, WhatMatters, SmallStep,
    ConnectingTime, Strength, CheckIn, Connection,
)
BY_NAME: dict[str, type[Record]] = {cls.type_name: cls for cls in RECORD_TYPES}
