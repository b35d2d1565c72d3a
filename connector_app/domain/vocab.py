"""Controlled vocabularies from the practice (see shared DOMAIN.md).

Codes are stored; labels are marked with ``N_`` and translated when shown, so a
record written in Welsh reads correctly in Polish. Codes never change once shipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.i18n import N_, _


@dataclass(frozen=True)
class Vocabulary:
    name: str
    items: tuple[tuple[str, str], ...]  # (code, untranslated label)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _label in self.items)

    def label(self, code: str) -> str:
        for item_code, label in self.items:
            if item_code == code:
                return _(label)
        return code

    def __contains__(self, code: object) -> bool:
        return code in self.codes


FEATURES = Vocabulary("features", (
    ("listening", N_("Listening and responding")),
    ("truth_telling", N_("Truth-telling")),
    ("strengths_focus", N_("Strengths-focus")),
    ("self_organising", N_("Self-organising")),
    ("reciprocity", N_("Reciprocity")),
    ("power_sharing", N_("Power-sharing and power-shifting")),
))

THEMES = Vocabulary("themes", (
    ("housing", N_("Housing")),
    ("money", N_("Money")),
    ("family", N_("Family")),
    ("loneliness", N_("Loneliness")),
    ("work", N_("Work")),
    ("learning", N_("Learning")),
    ("health", N_("Health")),
    ("faith", N_("Faith")),
    ("culture", N_("Culture")),
    ("pets", N_("Pets")),
    ("nature", N_("Nature")),
    ("safety", N_("Safety")),
    ("food", N_("Food")),
    ("getting_around", N_("Getting around")),
    ("caring", N_("Caring for someone")),
    ("friendship", N_("Friendship")),
))

ASSET_KINDS = Vocabulary("asset_kinds", (
    ("individual", N_("An individual with energy to share")),
    ("grassroots_group", N_("Grass-roots community group")),
    ("association", N_("Association or membership organisation")),
    ("community_hub", N_("Community-led centre or hub")),
    ("anchor_org", N_("Local infrastructure or anchor organisation")),
    ("faith_group", N_("Faith group")),
    ("housing_provider", N_("Housing provider")),
    ("social_enterprise", N_("Community interest company or social enterprise")),
    ("time_bank", N_("Time bank")),
    ("national_charity", N_("Large national charity")),
    ("business", N_("Business (volunteering schemes)")),
    ("statutory", N_("Statutory service")),
))

CONSENT_SCOPES = Vocabulary("consent_scopes", (
    ("record_only", N_("Record only")),
    ("share_team", N_("Share with my team")),
    ("anonymous_reports", N_("Share with my team and include anonymously in reports")),
))

CONTACT_PREFERENCES = Vocabulary("contact_preferences", (
    ("in_person", N_("In person at the hub")),
    ("phone", N_("Phone call")),
    ("text", N_("Text message")),
    ("email", N_("Email")),
    ("letter", N_("Letter")),
    ("through_someone", N_("Through someone they trust")),
    ("no_contact", N_("Please do not contact")),
))

STAFF_ROLES = Vocabulary("staff_roles", (
    ("community_connector", N_("Community connector")),
    ("link_worker", N_("Social prescribing link worker")),
    ("community_development", N_("Community development worker")),
    ("local_area_coordinator", N_("Local area coordinator")),
    ("health_champion", N_("Community health champion")),
    ("volunteer", N_("Volunteer")),
    ("other_workforce", N_("Other workforce (protected connecting time)")),
))

VENUE_KINDS = Vocabulary("venue_kinds", (
    ("community_centre", N_("Community centre")),
    ("library", N_("Library")),
    ("faith_building", N_("Church hall or faith building")),
    ("shop", N_("Shop or high-street space")),
    ("outdoors", N_("Park, allotment or outdoors")),
    ("school", N_("School or college")),
    ("health_setting", N_("GP surgery or health setting")),
    ("home", N_("Someone's home")),
    ("other", N_("Other place")),
))

CONVERSATION_MODES = Vocabulary("conversation_modes", (
    ("in_person", N_("In person")),
    ("phone", N_("Phone")),
    ("video", N_("Video call")),
    ("home_visit", N_("Home visit")),
    ("outreach", N_("Out and about")),
    ("group", N_("Group session")),
    ("message", N_("Messages")),
))

STRENGTH_KINDS = Vocabulary("strength_kinds", (
    ("skill", N_("Skill")),
    ("talent", N_("Talent")),
    ("passion", N_("Passion")),
    ("gift", N_("Gift")),
    ("knowledge", N_("Knowledge")),
))

READINESS = Vocabulary("readiness", (
    ("spotted", N_("Spotted")),
    ("exploring", N_("Exploring")),
    ("ready", N_("Ready for a next step")),
    ("taken", N_("Taken a next step")),
))

NEXT_STEPS = Vocabulary("next_steps", (
    ("run_group", N_("Run a group")),
    ("peer_mentor", N_("Become a peer mentor")),
    ("champion", N_("Become a community champion")),
    ("volunteer", N_("Volunteer")),
    ("train_others", N_("Train others")),
    ("share_skill", N_("Pass a skill on")),
))

LONELINESS = Vocabulary("loneliness", (
    ("often_always", N_("Often or always")),
    ("some_of_the_time", N_("Some of the time")),
    ("occasionally", N_("Occasionally")),
    ("hardly_ever", N_("Hardly ever")),
    ("never", N_("Never")),
))

CONNECTION_OUTCOMES = Vocabulary("connection_outcomes", (
    ("suggested", N_("Suggested")),
    ("introduced", N_("Introduced")),
    ("went_once", N_("Went along")),
    ("regular", N_("Goes regularly")),
    ("giving", N_("Now giving back (volunteering, helping run it)")),
    ("not_for_them", N_("Not for them")),
))

FOLLOW_UP_STATES = Vocabulary("follow_up_states", (
    ("open", N_("To do")),
    ("done", N_("Done")),
    ("dropped", N_("No longer needed")),
))

ALL = (
    FEATURES, THEMES, ASSET_KINDS, CONSENT_SCOPES, CONTACT_PREFERENCES, STAFF_ROLES, VENUE_KINDS,
    CONVERSATION_MODES, STRENGTH_KINDS, READINESS, NEXT_STEPS, LONELINESS, CONNECTION_OUTCOMES,
    FOLLOW_UP_STATES,
)
