"""A small, complete set of records (every type, every script) for tests to write."""

from __future__ import annotations

from connector_app.domain.records import (
    Asset, CheckIn, ConnectingTime, Connection, Conversation, FollowUp, Person, SmallStep, Staff, Strength, Venue,
    WhatMatters,
)


def add_everything(store, text: str = "Loves the allotment", name: str = "Amira Hassan") -> dict:
    """Add one record of every type; ``text`` goes into every free-text field."""
    staff = store.staff.add(Staff(name="Ceri Jones", role="community_connector", organisation="Hub"))
    venue = store.venues.add(Venue(name="St Mary's hall", kind="faith_building", address="1 Church St",
                                   accessibility=text))
    person = store.people.add(Person(
        display_name=name, languages=("ar", "en"), contact_preference="phone", contact_details="07700 900123",
        area="Riverside", consent_scope="share_team", consent_on="2026-01-05", about=text))
    other = store.people.add(Person(display_name="Jan Kowalski", languages=("pl",), consent_scope="record_only",
                                    consent_on="2026-02-01"))
    asset = store.assets.add(Asset(name="Tuesday sewing group", kind="grassroots_group", offer=text,
                                   venue_id=venue.id, place="Back room", times="Tuesdays 10-12",
                                   languages=("en", "ur"), accessibility=text))
    conversation = store.conversations.add(Conversation(
        occurred_at="2026-03-02T10:30", duration_minutes=40, venue_id=venue.id, mode="in_person",
        person_ids=(person.id,), staff_id=staff.id, notes=text, features=("listening", "strengths_focus")))
    group = store.conversations.add(Conversation(
        occurred_at="2026-03-03T14:00", duration_minutes=60, mode="group", person_ids=(person.id, other.id),
        anonymous_count=3, staff_id=staff.id, notes="Group chat about the garden", features=("reciprocity",)))
    follow_up = store.follow_ups.add(FollowUp(conversation_id=conversation.id, person_id=person.id,
                                              action=text, due_on="2026-03-09", state="open", staff_id=staff.id))
    matters = store.what_matters.add(WhatMatters(person_id=person.id, recorded_on="2026-03-02", own_words=text,
                                                 themes=("nature", "loneliness"), review_on="2026-04-02",
                                                 staff_id=staff.id))
    step = store.small_steps.add(SmallStep(what_matters_id=matters.id, person_id=person.id, description=text,
                                           position=1, set_on="2026-03-02"))
    connecting = store.connecting_time.add(ConnectingTime(staff_id=staff.id, on_date="2026-03-04", minutes=120,
                                                          venue_id=venue.id, with_whom="Parents at the school gate",
                                                          heard=text, will_do=text))
    strength = store.strengths.add(Strength(person_id=person.id, kind="skill", description=text,
                                            spotted_by=staff.id, spotted_on="2026-03-02", readiness="ready",
                                            next_steps=("run_group",), next_step_note=text))
    checkin = store.checkins.add(CheckIn(person_id=person.id, on_date="2026-03-02", contact=4, confidence=3,
                                         control=2, in_their_words=text, ons_satisfied=5, ons_worthwhile=6,
                                         ons_happy=5, ons_anxious=7, ons_lonely="some_of_the_time",
                                         staff_id=staff.id))
    connection = store.connections.add(Connection(person_id=person.id, asset_id=asset.id, made_on="2026-03-02",
                                                  conversation_id=conversation.id, outcome="introduced",
                                                  notes=text, staff_id=staff.id))
    return {
        "staff": staff, "venue": venue, "person": person, "other": other, "asset": asset,
        "conversation": conversation, "group": group, "follow_up": follow_up, "what_matters": matters,
        "small_step": step, "connecting_time": connecting, "strength": strength, "checkin": checkin,
        "connection": connection,
    }
