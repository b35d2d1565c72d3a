"""Typing in a filled-in paper talent-spotting sheet: what each box on the paper becomes.

The blank sheet (connector_app/reports/sheets.py) asks, in the person's words:
things I love doing, skills I could share or teach, what I would like to learn,
what I could help with, a next step I might try, and what may happen to the
sheet. Typed in, each line of the first, second and fourth boxes becomes one
strength (a passion, a skill, a gift); what they would like to learn becomes a
what-matters note with the "learning" theme; the ticked next steps go with the
first strength. Every record made carries the sheet's ID, so the paper can be
matched to them, and a sheet typed in twice is noticed.

The consent boxes decide whether anything is kept at all: "this sheet is mine
to take home", or no box ticked, keeps nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.domain.records import Person, Strength, WhatMatters

# Which box on the paper becomes which kind of strength.
LOVES, SKILLS, HELP_WITH = "passion", "skill", "gift"


@dataclass(frozen=True)
class ConsentTicks:
    """The four boxes under "What happens to this sheet"."""

    keep: bool = False
    share: bool = False
    reports: bool = False
    take_home: bool = False

    def scope(self) -> str | None:
        """The consent scope the ticks give, or None when nothing may be kept.

        Reports are made from records the team shares, so "count me in reports"
        without "share with the team" is kept as record only: the narrower reading.
        """
        if self.take_home or not (self.keep or self.share or self.reports):
            return None
        if self.share and self.reports:
            return "anonymous_reports"
        if self.share:
            return "share_team"
        return "record_only"


@dataclass(frozen=True)
class PaperSheet:
    sheet_id: str                   # canonical (connector_app.reports.sheet_ids.parse_sheet_id)
    filled_on: str                  # ISO day written on the sheet
    consent: ConsentTicks
    person_id: str | None = None    # someone already known, or else
    new_person_name: str = ""       # a new person (a pseudonym if they gave no name)
    name_is_pseudonym: bool = False
    filled_by: str | None = None    # staff id
    loves: str = ""
    skills: str = ""
    learn: str = ""
    help_with: str = ""
    next_steps: tuple[str, ...] = ()
    next_step_note: str = ""


@dataclass(frozen=True)
class SheetSaved:
    person_id: str
    strengths: int
    what_matters: int
    consent_changed: bool


class NothingToKeep(ValueError):
    """The person ticked "mine to take home", or nothing at all: no record may be made."""


def lines(box: str) -> list[str]:
    """One item per written line; blank lines and stray spaces dropped."""
    return [line.strip() for line in box.splitlines() if line.strip()]


def strengths_on(sheet: PaperSheet) -> list[tuple[str, str]]:
    """(kind, description) for every strength line on the sheet, in the paper's order."""
    return [(kind, line) for kind, box in ((LOVES, sheet.loves), (SKILLS, sheet.skills), (HELP_WITH, sheet.help_with))
            for line in lines(box)]


def save_paper_sheet(store, sheet: PaperSheet) -> SheetSaved:
    """Make the sheet's records in one transaction; the person's consent becomes the sheet's."""
    scope = sheet.consent.scope()
    if scope is None:
        raise NothingToKeep(sheet.sheet_id)
    consent_changed = False
    with store.atomic():
        if sheet.person_id:
            person = store.people.get(sheet.person_id)
            person_id = person.id
            if person.consent_scope != scope:
                store.people.update(person_id, consent_scope=scope, consent_on=sheet.filled_on)
                consent_changed = True
        else:
            person_id = store.people.add(Person(
                display_name=sheet.new_person_name.strip(), is_pseudonym=sheet.name_is_pseudonym,
                consent_scope=scope, consent_on=sheet.filled_on)).id
        found = strengths_on(sheet)
        for index, (kind, description) in enumerate(found):
            first = index == 0
            store.strengths.add(Strength(
                person_id=person_id, kind=kind, description=description, spotted_by=sheet.filled_by,
                spotted_on=sheet.filled_on, readiness="spotted",
                next_steps=sheet.next_steps if first else (),
                next_step_note=(sheet.next_step_note.strip() or None) if first else None,
                sheet_id=sheet.sheet_id))
        learning = "\n".join(lines(sheet.learn))
        if learning:
            store.what_matters.add(WhatMatters(
                person_id=person_id, recorded_on=sheet.filled_on, own_words=learning, themes=("learning",),
                staff_id=sheet.filled_by, sheet_id=sheet.sheet_id))
    return SheetSaved(person_id, len(found), 1 if learning else 0, consent_changed)


def people_with_sheet(conn, sheet_id: str) -> list[tuple[str, str]]:
    """(person id, name) of everyone with records typed in from this sheet: a second typing-in is noticed."""
    return conn.execute(
        "SELECT DISTINCT p.id, p.display_name FROM person p WHERE p.id IN ("
        " SELECT person_id FROM strength WHERE sheet_id = ?"
        " UNION SELECT person_id FROM what_matters WHERE sheet_id = ?) ORDER BY p.display_name",
        (sheet_id, sheet_id)).fetchall()
