"""Realistic, seeded demo data: a hub team, its places, community assets and people.

    counts = generate(store, people=200, months=6, seed=1)

The same seed, arguments and ``today`` always give the same field values (ids
are fresh UUIDv7s, so they differ). Only ``random.Random(seed)`` is used, and
nothing that depends on ids or hash order steers a choice.

Records are built in memory one chunk of people at a time and written with
``add_many`` (one transaction per batch), so a big workspace (20,000 people,
about 100,000 conversations) needs no per-record queries and modest memory.
Content (names, notes) is data, not interface text, so none of it goes through
``_()``; the words themselves live in ``demo_text``.
"""

from __future__ import annotations

import math
import random
import unicodedata
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Callable

from connector_app import demo_text as T
from connector_app.domain import vocab
from connector_app.errors import UserError
from connector_app.domain.records import (
    RECORD_TYPES, Asset, CheckIn, ConnectingTime, Connection, Conversation, FollowUp, Person, SmallStep, Staff,
    Strength, Venue, WhatMatters,
)
from connector_app.i18n import _
from connector_app.ids import new_id
from connector_app.locations import user_data_dir, workspace_exists
from connector_app.logs import log

PEOPLE_PER_CHUNK = 1000  # people whose activity is built and written together (~5,000 conversations)
BATCH = 5000             # records per add_many call, i.e. per transaction
SESSIONS_PER_PERSON = 0.2  # group sessions and head-count events, relative to people

# Weights for the things a connector picks; they shape the monthly summary.
MODES = (("in_person", 52), ("phone", 20), ("message", 9), ("outreach", 8), ("home_visit", 7), ("video", 4))
FEATURE_WEIGHTS = (("listening", 40), ("truth_telling", 10), ("strengths_focus", 20), ("self_organising", 8),
                   ("reciprocity", 12), ("power_sharing", 8))
CONVERSATION_STAFF_WEIGHT = {"community_connector": 10, "link_worker": 8, "local_area_coordinator": 6,
                             "community_development": 5, "health_champion": 4, "volunteer": 2, "other_workforce": 0}
CONSENT = (("record_only", 15), ("share_team", 35), ("anonymous_reports", 50))
CONTACT = (("in_person", 35), ("phone", 25), ("text", 18), ("email", 7), ("letter", 4), ("through_someone", 7),
           ("no_contact", 4))
READINESS = (("spotted", 40), ("exploring", 30), ("ready", 18), ("taken", 12))
OUTCOMES = (("suggested", 20), ("introduced", 25), ("went_once", 15), ("regular", 20), ("giving", 10),
            ("not_for_them", 10))
STRENGTH_KINDS = (("skill", 35), ("talent", 15), ("passion", 25), ("gift", 10), ("knowledge", 15))
GROUP_ASSET_KINDS = ("grassroots_group", "faith_group", "community_hub", "association", "time_bank")
HOURS = (9, 10, 10, 10, 11, 11, 11, 12, 13, 14, 14, 14, 15, 15, 16)
MINUTES = (0, 0, 0, 15, 30, 30, 45, 10, 20, 40, 50)
DURATIONS = (15, 20, 30, 30, 30, 45, 45, 60, 60, 90)
CLOSED = ((12, 25), (12, 26), (1, 1))  # the hub is shut on these bank holidays
PRONOUNS = ({"p": "he", "P": "He", "pos": "his", "obj": "him"}, {"p": "she", "P": "She", "pos": "her", "obj": "her"})
_FOLD = str.maketrans({"ł": "l", "Ł": "L"})

ProgressFn = Callable[[int, int], None]


class DemoFolderTaken(UserError):
    def __init__(self, path: Path):
        super().__init__(_("The demo's folder holds another workspace: {path}. Move it elsewhere to try the demo.")
                         .format(path=path))


class Cancelled(Exception):
    """``should_cancel`` said stop. Batches already written stay written."""


def generate(store, *, people: int = 200, months: int = 6, seed: int = 1, today: date | None = None,
             progress: ProgressFn | None = None, should_cancel: Callable[[], bool] | None = None,
             now: datetime | None = None) -> dict[str, int]:
    """Fill ``store`` with a believable hub's records; returns how many of each type were written.

    ``progress(done, total)`` counts units of work (about one per person), not records.
    Nothing happens later today than ``now`` (default: the clock): a conversation drawn
    for later today is moved back to now.
    """
    if people < 0 or months < 1:
        raise ValueError(_("Demo data needs at least 0 people and 1 month."))
    now = now or datetime.now()
    generator = _Generator(store, random.Random(seed), today or now.date(), months, progress, should_cancel)
    if generator.today == now.date():  # a chosen day other than today is taken as a whole
        generator.latest = now.strftime("%Y-%m-%dT%H:%M")
    return generator.run(people)


# The demo workspace: made-up people only, in a folder of its own, opened with a passphrase everyone may know.
DEMO_PASSPHRASE = "demo walnut lantern harbour"  # shown on screen: it protects nothing real
DEMO_MARK = "demo"  # meta key: a workspace carrying it is marked as demo wherever it is shown
DEMO_SHARED_PASSPHRASE, DEMO_OWN = "1", "own"  # its values: opened with DEMO_PASSPHRASE, or a chosen one (CLI)
MAX_PEOPLE = 50_000  # the CLI's bound: 20,000 take about 150 s (README), so a slip of a zero is not an hour
DEMO_PEOPLE, DEMO_MONTHS = 60, 6  # enough to see every screen at work, made in a few seconds


def demo_workspace_path() -> Path:
    return user_data_dir() / "demo-workspace"


def open_demo(path: Path | str | None = None, *, people: int = DEMO_PEOPLE, months: int = DEMO_MONTHS,
              kdf=None, progress: ProgressFn | None = None, should_cancel: Callable[[], bool] | None = None):
    """The demo workspace, unlocked: made and filled on first use, opened with ``DEMO_PASSPHRASE`` after.

    Returns the ``Workspace``; its store says ``is_demo``. The folder is never a real workspace's.
    It appears complete or not at all (see demo_workspace.build_demo): a cancel leaves nothing.
    """
    from connector_app.demo_workspace import build_demo, clean_leftovers
    from connector_app.store.workspace import Workspace

    path = Path(path) if path is not None else demo_workspace_path()
    for folder in clean_leftovers(path):
        log.info("removed an unfinished demo build: %s", folder.name)
    if workspace_exists(path):
        workspace = Workspace(path, kdf=kdf)
        workspace.unlock(DEMO_PASSPHRASE)
        if not is_demo(workspace.store):  # someone else's workspace in that folder: never show it as a demo
            workspace.lock()
            raise DemoFolderTaken(path)
        return workspace
    workspace, _counts = build_demo(path, DEMO_PASSPHRASE, people=people, months=months, kdf=kdf,
                                    progress=progress, should_cancel=should_cancel)
    return workspace


def is_demo(store) -> bool:
    return store.meta(DEMO_MARK) in (DEMO_SHARED_PASSPHRASE, DEMO_OWN)


def shown_passphrase(store) -> str:
    """The passphrase the demo banner may show: the shared one, or none for a demo made with one's own."""
    return DEMO_PASSPHRASE if store.meta(DEMO_MARK) == DEMO_SHARED_PASSPHRASE else ""


def _pick(cum: tuple[tuple, list[int]], rng: random.Random):
    """One item from a (items, cumulative weights) pair: ``random.choices`` without re-summing."""
    items, weights = cum
    return rng.choices(items, cum_weights=weights)[0]


def _cum(pairs) -> tuple[tuple, list[int]]:
    return tuple(p[0] for p in pairs), list(accumulate(p[1] for p in pairs))


def _form(text: str, female: bool) -> str:
    """The gendered form of a ``"her form||his form"`` phrase."""
    if "||" not in text:
        return text
    her, his = text.split("||", 1)
    return her if female else his


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode().lower()


def _months_before(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month0 + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


class _Profile:
    """What the generator remembers about a person while it builds their activity (never stored)."""

    __slots__ = ("id", "group", "female", "fmt", "staff", "venue", "days", "own_words", "themes", "words_lang",
                 "giving")


class _Generator:
    def __init__(self, store, rng: random.Random, today: date, months: int, progress, should_cancel):
        self.store, self.rng, self.today = store, rng, today
        self.latest = "9999"  # no moment after this ("YYYY-MM-DDTHH:MM"), set by generate()
        self.progress, self.should_cancel = progress, should_cancel
        self.counts = {cls.type_name: 0 for cls in RECORD_TYPES}
        self.done = self.total = 0
        self.start = _months_before(today, months) + timedelta(days=1)
        span = [self.start + timedelta(days=n) for n in range((today - self.start).days + 1)]
        # Connectors work weekdays, not Christmas or New Year's Day; a window with no such day (impossible
        # for a month or more) falls back to every day.
        self.workdays = [d for d in span if d.weekday() < 5 and (d.month, d.day) not in CLOSED] or span
        self.modes = _cum(MODES)
        self.consent, self.contact = _cum(CONSENT), _cum(CONTACT)
        self.readiness, self.outcomes, self.strength_kinds = _cum(READINESS), _cum(OUTCOMES), _cum(STRENGTH_KINDS)
        self.groups = _cum(T.GROUP_WEIGHTS.items())
        self.language_sets = {g: _cum(sets) for g, sets in T.LANGUAGE_SETS.items()}
        # (female firsts, male firsts, female surnames, male surnames); most groups share surnames.
        self.names = {g: (f.split(), m.split(), s.split(), (s_m or s).split()) for g, (f, m, s, s_m) in T.NAMES.items()}
        self.follow_ups_no_language = tuple(f for f in T.FOLLOW_UPS if "{language}" not in f)

    # plumbing --------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled()

    def _write(self, type_name: str, records: list) -> None:
        repo = self.store.repositories[type_name]
        for i in range(0, len(records), BATCH):
            self._check_cancel()
            self.counts[type_name] += repo.add_many(records[i:i + BATCH])

    def _advance(self, units: int) -> None:
        self.done += units
        if self.progress is not None:
            self.progress(self.done, self.total)

    def run(self, people: int) -> dict[str, int]:
        sessions = max(4, round(people * SESSIONS_PER_PERSON))
        person_batches = math.ceil(people / BATCH)
        session_units = max(1, sessions // 5)  # a session costs about a fifth of a person's activity
        self.total = 1 + person_batches + session_units + people
        self._check_cancel()

        self._team_and_places(people)
        self._advance(1)

        profiles = [self._person() for _person in range(people)]
        for i in range(0, people, BATCH):
            self._write("person", [record for record, _profile in profiles[i:i + BATCH]])
            self._advance(1)
        profiles = [profile for _record, profile in profiles]

        self._sessions(sessions, profiles)
        self._advance(session_units)

        for i in range(0, people, PEOPLE_PER_CHUNK):
            self._check_cancel()
            chunk = profiles[i:i + PEOPLE_PER_CHUNK]
            self._activity(chunk)
            self._advance(len(chunk))
        return dict(self.counts)

    def _moment(self, day: date) -> str:
        # Drawn first, clamped after: the same seed draws the same numbers whatever the time of day.
        return min(f"{day.isoformat()}T{self.rng.choice(HOURS):02d}:{self.rng.choice(MINUTES):02d}", self.latest)

    def _features(self, count: int, extra: dict[str, int] | None = None) -> tuple[str, ...]:
        # Weighted sampling without replacement (Efraimidis-Spirakis), kept in vocabulary order.
        rng = self.rng
        keyed = sorted(((rng.random() ** (1.0 / (w + (extra or {}).get(code, 0))), code)
                        for code, w in FEATURE_WEIGHTS), reverse=True)
        chosen = [code for _key, code in keyed[:count]]
        return tuple(code for code in vocab.FEATURES.codes if code in chosen)

    # the team, places and assets ------------------------------------------

    def _team_and_places(self, people: int) -> None:
        rng = self.rng
        hub = rng.choice(T.HUB_NAMES)
        staff_count = min(12, 6 + people // 150 + rng.randint(0, 2))
        self.staff = []
        for i, (name, language) in enumerate(rng.sample(T.STAFF, staff_count)):
            role = T.ROLE_ORDER[i]
            organisation = rng.choice(T.ORGANISATIONS[role]) if role in T.ORGANISATIONS else hub
            active = not (role == "volunteer" and i >= 8)  # in a bigger team one volunteer has moved on
            self.staff.append((Staff(id=new_id(), name=name, role=role, organisation=organisation, active=active),
                               language))
        talkers = [(s.id, CONVERSATION_STAFF_WEIGHT[s.role]) for s, _l in self.staff if s.active]
        self.talkers = _cum([t for t in talkers if t[1]])

        self.venues = [Venue(id=new_id(), name=name, kind=kind, address=address, accessibility=access)
                       for name, kind, address, access in rng.sample(T.VENUES, rng.randint(8, 15))]
        self.hub_venue = self.venues[0].id  # most conversations happen at the hub's home venue
        self.venue_names = {v.id: v.name for v in self.venues}

        self.assets = self._assets(min(len(T.ASSETS), 80, max(30, 30 + people // 25)))
        self.group_assets = [a for a in self.assets if a.kind in GROUP_ASSET_KINDS]
        self.assets_by_language: dict[str, list[Asset]] = {}
        for asset in self.assets:
            for code in asset.languages:
                if code != "en":
                    self.assets_by_language.setdefault(code, []).append(asset)

        self._write("staff", [s for s, _l in self.staff])
        self._write("venue", self.venues)
        self._write("asset", self.assets)
        self._write("connecting_time", self._connecting_time())

    def _assets(self, count: int) -> list[Asset]:
        rng = self.rng
        by_kind: dict[str, list[tuple]] = {}
        for entry in T.ASSETS:
            by_kind.setdefault(entry[0], []).append(entry)
        chosen = [rng.choice(by_kind[kind]) for kind in vocab.ASSET_KINDS.codes]  # every kind at least once
        rest = [entry for entry in T.ASSETS if entry not in chosen]
        chosen += rng.sample(rest, count - len(chosen))
        assets = []
        for kind, name, offer, times, languages in chosen:
            venue = rng.choice(self.venues) if rng.random() < 0.55 else None
            slug = "".join(ch for ch in _ascii(name.split(",")[0]) if ch.isalnum())[:20]
            contact = rng.choice(("Ask at the hub", f"07700 900{rng.randrange(1000):03d}", f"hello@{slug}.example.org"))
            assets.append(Asset(
                id=new_id(), name=name, kind=kind, offer=offer, times=times, contact=contact,
                languages=tuple(languages.split()), venue_id=venue.id if venue else None,
                place=None if venue else rng.choice(T.ASSET_PLACES),
                accessibility=venue.accessibility if venue and rng.random() < 0.3 else None,
                active=rng.random() < 0.95,
            ))
        return assets

    def _connecting_time(self) -> list[ConnectingTime]:
        """Each staff member's protected connecting time: 1-3 sessions a month, about 60-150 minutes."""
        rng, records = self.rng, []
        months: dict[tuple[int, int], list[date]] = {}
        for day in self.workdays:
            months.setdefault((day.year, day.month), []).append(day)
        for staff, language in self.staff:
            for (year, month), days in months.items():
                if not staff.active and (self.today - days[0]).days < 60:
                    continue
                coverage = len(days) / 21.7  # weekdays in an average month
                if coverage < 1 and rng.random() > coverage:
                    continue  # a part month at either end of the window
                sessions = rng.choice((1, 1, 2, 2, 2, 3))
                total = rng.randint(12, 30) * 5
                shares = [rng.random() + 0.5 for _session in range(sessions)]
                for share, day in zip(shares, sorted(rng.choice(days) for _session in range(sessions))):
                    own = language if language in T.CT_HEARD and rng.random() < 0.2 else "en"
                    records.append(ConnectingTime(
                        staff_id=staff.id, on_date=day.isoformat(),
                        minutes=max(15, round(total * share / sum(shares) / 5) * 5),
                        venue_id=rng.choice(self.venues).id if rng.random() < 0.5 else None,
                        with_whom=rng.choice(T.CT_WITH_WHOM),
                        heard=rng.choice(T.CT_HEARD[own]) if rng.random() < 0.9 else None,
                        will_do=rng.choice(T.CT_WILL_DO[own]) if rng.random() < 0.85 else None,
                    ))
        return records

    # people -----------------------------------------------------------------

    def _person(self) -> tuple[Person, _Profile]:
        rng = self.rng
        group = _pick(self.groups, rng)
        female = rng.random() < 0.58  # hub visitors are more often women
        first, surname, display = self._name(group, female)
        pseudonym = rng.random() < 0.1
        if pseudonym:
            display = _form(rng.choice(T.PSEUDONYMS), female)

        # Plan their conversations now: the first one is when they consented.
        count = min(60, max(1, int(rng.lognormvariate(1.05, 1.1))))  # mean ~4.8; many 1-2, some 15+
        n = len(self.workdays)
        first_index = int(rng.random() ** (1 + max(0, count - 3) / 6) * n)  # busy people have been coming longer
        days = [first_index] + sorted(rng.randrange(first_index, n) for _talk in range(count - 1))

        profile = _Profile()
        profile.id, profile.group, profile.female, profile.days, profile.giving = new_id(), group, female, days, False
        profile.fmt = dict(PRONOUNS[female], name=display if pseudonym else first)
        profile.staff = _pick(self.talkers, rng)
        profile.venue = self.hub_venue if rng.random() < 0.6 else rng.choice(self.venues).id
        profile.words_lang = group if group in T.OWN_WORDS and group != "en" and rng.random() < 0.35 else "en"
        words, themes = rng.choice(T.OWN_WORDS[profile.words_lang])
        profile.own_words, profile.themes = _form(words, female), themes

        preference = _pick(self.contact, rng)
        if pseudonym and preference in ("email", "letter"):
            preference = "in_person"
        details = None
        if preference in ("phone", "text"):
            details = f"07700 900{rng.randrange(1000):03d}"
        elif preference == "email":
            details = f"{_ascii(first)}.{_ascii(surname)}{rng.randint(1, 99)}@example.com"
        elif preference == "letter":
            details = f"{rng.randint(1, 120)} {rng.choice(T.STREETS)}"
        elif preference == "through_someone":
            details = _form(rng.choice(T.THROUGH_SOMEONE), female)
        about = None
        if rng.random() < 0.3:
            lang = group if group != "en" and rng.random() < 0.4 else "en"
            about = _form(rng.choice(T.ABOUT[lang]), female)
        person = Person(
            id=profile.id, display_name=display, is_pseudonym=pseudonym,
            languages=_pick(self.language_sets[group], rng), contact_preference=preference, contact_details=details,
            area=rng.choice(T.AREAS[:8] if rng.random() < 0.7 else T.AREAS) if rng.random() < 0.92 else None,
            consent_scope=_pick(self.consent, rng), consent_on=self.workdays[first_index].isoformat(), about=about,
        )
        return person, profile

    def _name(self, group: str, female: bool) -> tuple[str, str, str]:
        """(first name in Latin script, surname in Latin script, name as recorded)."""
        rng = self.rng
        if group in T.SCRIPT_NAMES:
            firsts_f, firsts_m, surnames_f, surnames_m = T.SCRIPT_NAMES[group]
            first = rng.choice(firsts_f if female else firsts_m)
            surname = rng.choice(surnames_f if female and surnames_f else surnames_m)
            if rng.random() < T.NATIVE_SCRIPT_SHARE[group]:
                return first[0], surname[0], f"{first[1]} {surname[1]}"
            return first[0], surname[0], f"{first[0]} {surname[0]}"
        firsts_f, firsts_m, surnames_f, surnames_m = self.names[group]
        first = rng.choice(firsts_f if female else firsts_m)
        surname = rng.choice(surnames_f if female and surnames_f else surnames_m)
        if group == "so" and rng.random() < 0.3:  # Somali names often carry father's and grandfather's names
            return first, surname, f"{first} {rng.choice(self.names['so'][1])} {surname}"
        if rng.random() < 0.08:  # some connectors only note a first name and initial
            return first, surname, f"{first} {surname[0]}."
        return first, surname, f"{first} {surname}"

    # group sessions and head-counts ----------------------------------------

    def _sessions(self, count: int, profiles: list[_Profile]) -> None:
        rng = self.rng
        by_language: dict[str, list[_Profile]] = {}
        for profile in profiles:
            by_language.setdefault(profile.group, []).append(profile)
        conversations, follow_ups = [], []
        for _session in range(count):
            asset = rng.choice(self.group_assets)
            day = rng.choice(self.workdays)
            staff = _pick(self.talkers, rng)
            venue = asset.venue_id or self.hub_venue
            if rng.random() < 0.15 or not profiles:
                heads = rng.randint(5, 40)
                conversations.append(Conversation(
                    id=new_id(), occurred_at=self._moment(day), duration_minutes=rng.choice((60, 90, 120, 180)),
                    venue_id=rng.choice(self.venues).id, mode="outreach", anonymous_count=heads, staff_id=staff,
                    notes=rng.choice(T.HEADCOUNT_NOTES).format(n=heads), features=self._features(rng.randint(1, 2)),
                ))
                continue
            language = next((code for code in asset.languages if code != "en"), None)
            pool = by_language.get(language) if language and rng.random() < 0.7 else None
            pool = pool if pool and len(pool) >= 2 else profiles
            people = rng.sample(pool, min(rng.randint(2, 8), len(pool)))
            unnamed = rng.randint(1, 6) if rng.random() < 0.3 else 0
            conversation = Conversation(
                id=new_id(), occurred_at=self._moment(day), duration_minutes=rng.choice((60, 90, 90, 120)),
                venue_id=venue, mode="group", person_ids=tuple(p.id for p in people), anonymous_count=unnamed,
                staff_id=staff, features=self._features(rng.randint(1, 3), {"self_organising": 15, "reciprocity": 15}),
                notes=rng.choice(T.GROUP_NOTES).format(asset=asset.name, n=len(people) + unnamed,
                                                       name=people[0].fmt["name"]),
            )
            conversations.append(conversation)
            if rng.random() < 0.1:
                follow_ups.append(self._follow_up(conversation, people[0], day))
        self._write("conversation", conversations)
        self._write("follow_up", follow_ups)

    # one chunk of people's activity -----------------------------------------

    def _activity(self, chunk: list[_Profile]) -> None:
        out: dict[str, list] = {name: [] for name in (
            "conversation", "follow_up", "what_matters", "small_step", "strength", "checkin", "connection")}
        rng = self.rng
        for profile in chunk:
            talks = [self._conversation(profile, index, out) for index in profile.days]
            if rng.random() < 0.6:
                self._what_matters(profile, talks[min(1, len(talks) - 1)][1], profile.own_words, profile.themes, out)
                if len(talks) >= 4 and rng.random() < 0.25:  # revisited later: history kept, not overwritten
                    words, themes = rng.choice(T.OWN_WORDS[profile.words_lang])
                    self._what_matters(profile, rng.choice(talks[3:])[1], _form(words, profile.female), themes, out)
            if rng.random() < 0.4:
                self._strengths(profile, talks, out)
            if rng.random() < 0.3:
                self._checkins(profile, talks[0][1], out)
            if profile.giving or rng.random() < 0.5:
                self._connections(profile, talks, out)
        # In reference order: each batch commits before the records that point to it.
        for type_name, records in out.items():
            self._write(type_name, records)

    def _conversation(self, profile: _Profile, index: int, out: dict) -> tuple[str, date]:
        rng = self.rng
        day = self.workdays[index]
        mode = _pick(self.modes, rng)
        if mode == "in_person":
            venue = profile.venue if rng.random() < 0.75 else rng.choice(self.venues).id
        elif mode == "outreach":
            venue = rng.choice(self.venues).id
        else:
            venue = None
        if mode == "message":
            minutes = rng.choice((None, 10, 10, 15))
        elif mode == "phone":
            minutes = rng.choice((10, 15, 15, 20, 30))
        else:
            minutes = rng.choice(DURATIONS)
        notes = self._note(profile, mode, venue) if rng.random() < 0.88 else None
        conversation = Conversation(
            id=new_id(), occurred_at=self._moment(day), duration_minutes=minutes, venue_id=venue, mode=mode,
            person_ids=(profile.id,), staff_id=profile.staff if rng.random() < 0.8 else _pick(self.talkers, rng),
            notes=notes, features=self._features(rng.choice((1, 1, 1, 2, 2, 3))),
        )
        out["conversation"].append(conversation)
        if rng.random() < 0.2:
            out["follow_up"].append(self._follow_up(conversation, profile, day))
        return conversation.id, day

    def _note(self, profile: _Profile, mode: str, venue_id: str | None) -> str:
        rng = self.rng
        if profile.group in T.NOTES_OWN and rng.random() < 0.2:
            return _form(rng.choice(T.NOTES_OWN[profile.group]), profile.female)
        theme = rng.choice(profile.themes) if rng.random() < 0.8 else rng.choice(vocab.THEMES.codes)
        parts = [rng.choice(T.OPENERS[mode]), rng.choice(T.MIDDLES[theme])]
        if rng.random() < 0.7:
            parts.append(rng.choice(T.CLOSERS))
        fields = dict(profile.fmt, venue=self.venue_names.get(venue_id, "the hub"), asset=rng.choice(self.assets).name,
                      day=rng.choice(T.WEEKDAYS))
        return " ".join(_form(part, profile.female) for part in parts).format(**fields)

    def _follow_up(self, conversation: Conversation, profile: _Profile, day: date) -> FollowUp:
        rng = self.rng
        templates = T.FOLLOW_UPS if profile.group in T.LANGUAGE_NAMES else self.follow_ups_no_language
        action = rng.choice(templates).format(name=profile.fmt["name"], day=rng.choice(T.WEEKDAYS),
                                              asset=rng.choice(self.assets).name,
                                              language=T.LANGUAGE_NAMES.get(profile.group, ""))
        due = day + timedelta(days=rng.randint(2, 21))
        state = rng.choices(("done", "dropped", "open"), (72, 8, 20))[0] if due < self.today else "open"
        return FollowUp(conversation_id=conversation.id, person_id=profile.id, action=action,
                        due_on=due.isoformat(), state=state, staff_id=conversation.staff_id)

    def _what_matters(self, profile: _Profile, day: date, words: str, themes: tuple, out: dict) -> None:
        rng = self.rng
        note = WhatMatters(
            id=new_id(), person_id=profile.id, recorded_on=day.isoformat(), own_words=words, themes=themes,
            review_on=(day + timedelta(days=rng.randint(28, 84))).isoformat() if rng.random() < 0.7 else None,
            staff_id=profile.staff,
        )
        out["what_matters"].append(note)
        if profile.words_lang != "en" and rng.random() < 0.3:
            pool = list(T.STEPS_OWN[profile.words_lang])
        else:
            pool = [step.format(**profile.fmt) for theme in themes for step in T.STEPS[theme]]
        elapsed = (self.today - day).days
        for position, step in enumerate(rng.sample(pool, min(len(pool), rng.randint(1, 4)))):
            done = elapsed >= 3 and rng.random() < (0.65 - 0.15 * position) * min(1.0, elapsed / 60)
            out["small_step"].append(SmallStep(
                what_matters_id=note.id, person_id=profile.id, description=step, position=position,
                set_on=day.isoformat(),
                done_on=(day + timedelta(days=rng.randint(3, elapsed))).isoformat() if done else None,
            ))

    def _strengths(self, profile: _Profile, talks: list, out: dict) -> None:
        rng, seen = self.rng, set()
        for _strength in range(rng.choices((1, 2, 3), (60, 30, 10))[0]):
            if profile.group in T.STRENGTHS_OWN and rng.random() < 0.2:
                kind, description = rng.choice(T.STRENGTHS_OWN[profile.group])
            else:
                kind = _pick(self.strength_kinds, rng)
                description = rng.choice(T.STRENGTHS[kind])
            description = _form(description, profile.female).format(**profile.fmt)
            if description in seen:
                continue
            seen.add(description)
            readiness = _pick(self.readiness, rng)
            steps: tuple[str, ...] = ()
            if readiness in ("ready", "taken") or (readiness == "exploring" and rng.random() < 0.6):
                chosen = rng.sample(vocab.NEXT_STEPS.codes, 2 if readiness == "ready" and rng.random() < 0.3 else 1)
                steps = tuple(code for code in vocab.NEXT_STEPS.codes if code in chosen)
            step_note = None
            if steps and readiness in ("ready", "taken") and rng.random() < 0.8:
                step_note = rng.choice(T.NEXT_STEP_NOTES[steps[0]]).format(**profile.fmt)
            profile.giving = profile.giving or readiness == "taken"
            out["strength"].append(Strength(
                person_id=profile.id, kind=kind, description=description, spotted_by=profile.staff,
                spotted_on=rng.choice(talks)[1].isoformat(), readiness=readiness, next_steps=steps,
                next_step_note=step_note,
            ))

    def _checkins(self, profile: _Profile, first: date, out: dict) -> None:
        """2-4 check-ins whose scores tend to rise: Contact first, then Confidence, then Control."""
        rng = self.rng
        span = (self.today - first).days
        count = max(1, min(rng.randint(2, 4), 1 + span // 21))
        step = span / max(1, count - 1)
        contact0 = rng.randint(1, 6)
        confidence0 = max(0, contact0 + rng.randint(-2, 1))
        control0 = max(0, confidence0 + rng.randint(-2, 0))
        gains = (rng.randint(1, 5), rng.randint(1, 4), rng.randint(0, 4))
        dip = rng.randrange(1, count) if count > 2 and rng.random() < 0.15 else -1  # two steps forward, one back
        ons = rng.random() < 0.5
        own = profile.group if profile.group in T.CHECKIN_WORDS and rng.random() < 0.3 else "en"
        clamp = lambda v: max(0, min(10, round(v)))  # noqa: E731
        for j in range(count):
            t = j / max(1, count - 1)
            shift = (-2 if j == dip else 0) + rng.choice((-1, 0, 0, 0, 1))
            contact = clamp(contact0 + gains[0] * min(1.0, 1.6 * t) + shift)
            confidence = clamp(confidence0 + gains[1] * t + shift)
            control = clamp(control0 + gains[2] * max(0.0, 1.4 * t - 0.4) + shift)
            mean = (contact + confidence + control) / 3
            stage = 0 if mean < 4 else 1 if mean < 7 else 2
            day = first + timedelta(days=round(j * step - rng.random() * step * 0.3) if j else 0)
            filled = ons and rng.random() < 0.9
            # LONELINESS runs from "often or always" to "never": more contact, less lonely.
            lonely = vocab.LONELINESS.codes[min(4, max(0, contact // 2 - 1 + rng.choice((-1, 0, 0, 1))))]
            out["checkin"].append(CheckIn(
                person_id=profile.id, on_date=day.isoformat(), contact=contact, confidence=confidence, control=control,
                in_their_words=_form(rng.choice(T.CHECKIN_WORDS[own][stage]), profile.female)
                if rng.random() < 0.6 else None,
                ons_satisfied=clamp(2 + 0.6 * mean + rng.choice((-1, 0, 1))) if filled else None,
                ons_worthwhile=clamp(3 + 0.5 * control + rng.choice((-1, 0, 1))) if filled else None,
                ons_happy=clamp(2 + 0.6 * contact + rng.choice((-1, 0, 1))) if filled else None,
                ons_anxious=clamp(8 - 0.5 * confidence + rng.choice((-1, 0, 1))) if filled else None,
                ons_lonely=lonely if filled else None, staff_id=profile.staff,
            ))

    def _connections(self, profile: _Profile, talks: list, out: dict) -> None:
        rng, used = self.rng, set()
        matching = self.assets_by_language.get(profile.group)
        for n in range(rng.choices((1, 2, 3), (55, 30, 15))[0]):
            asset = rng.choice(matching if matching and rng.random() < 0.5 else self.assets)
            if asset.id in used:
                continue
            used.add(asset.id)
            conversation_id, day = rng.choice(talks)
            outcome = "giving" if profile.giving and n == 0 else _pick(self.outcomes, rng)
            out["connection"].append(Connection(
                person_id=profile.id, asset_id=asset.id, made_on=day.isoformat(),
                conversation_id=conversation_id if rng.random() < 0.75 else None, outcome=outcome,
                notes=_form(rng.choice(T.CONNECTION_NOTES[outcome]), profile.female).format(**profile.fmt)
                if rng.random() < 0.5 else None,
                staff_id=profile.staff,
            ))
