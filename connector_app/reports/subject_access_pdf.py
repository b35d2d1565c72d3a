"""The subject-access copy as a readable PDF, beside the JSON (store/subject_access.export_person).

Everything held about one person: each record with its fields in words, the
earlier values of each field, and the audit entries. Other people are never
named: a conversation with others lists them as "another person".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from connector_app.clock import unpack
from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME
from connector_app.i18n import Translator
from connector_app.reports.pdf import FRAME_WIDTH, Styles, render, spacer, table
from connector_app.store.audit import ACTIONS

# Record types whose names may be shown: the workforce, places and groups, never other people.
NAMED_TYPES = ("staff", "venue", "asset")
# The date that tells a person's own records apart when one points to another.
DATE_FIELDS = {"conversation": "occurred_at", "what_matters": "recorded_on", "follow_up": "due_on",
               "checkin": "on_date", "connection": "made_on", "strength": "spotted_on", "small_step": "set_on"}


def referenced_names(store, data: dict) -> dict[str, str]:
    """Names of the staff, venues and assets the person's records point to (id -> name)."""
    wanted: dict[str, str] = {}
    for record in data["records"]:
        cls = BY_NAME[record["type"]]
        for spec in cls.specs():
            if spec.target in NAMED_TYPES:
                values = record.get(spec.name)
                for value in (values if isinstance(values, list) else [values]):
                    if value:
                        wanted[value] = spec.target
    names = {}
    for record_id, target in wanted.items():
        found = store.repositories[target].find(record_id)
        if found is not None:
            names[record_id] = getattr(found, "name", "")
    return names


def _when(hlc: int, t: Translator) -> str:
    millis, _counter = unpack(int(hlc))
    return t.format_datetime(datetime.fromtimestamp(millis / 1000), "short")


def own_record_names(data: dict, t: Translator) -> dict[str, str]:
    """How to name the person's own records when another of theirs points to one ("Conversation, 2 March 2026")."""
    names = {}
    for record in data["records"]:
        cls = BY_NAME[record["type"]]
        when = record.get(DATE_FIELDS.get(record["type"], ""), None)
        label = t.gettext(cls.label)
        if when:
            try:
                label = t.gettext("{record}, {date}").format(
                    record=label, date=t.format_date(date.fromisoformat(when[:10]), "long"))
            except ValueError:
                pass
        names[record["id"]] = label
    return names


def _value(spec, value, t: Translator, person_id: str, names: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "–"
    kind = spec.kind
    if kind is Kind.BOOL:
        return t.gettext("Yes") if value else t.gettext("No")
    if kind is Kind.CHOICE:
        return t.label(spec.vocabulary, value)
    if kind is Kind.CHOICES:
        return ", ".join(t.label(spec.vocabulary, v) for v in value)
    if kind is Kind.LANGUAGES:
        return ", ".join(t.language_name(v) for v in value)
    if kind is Kind.DATE:
        try:
            return t.format_date(date.fromisoformat(value), "long")
        except ValueError:
            return str(value)
    if kind is Kind.DATETIME:
        try:
            return t.format_datetime(datetime.fromisoformat(value), "short")
        except ValueError:
            return str(value)
    if kind in (Kind.REF, Kind.REFS):
        ids = value if isinstance(value, list) else [value]
        shown = []
        for ref in ids:
            if ref == person_id:
                shown.append(t.gettext("you"))
            elif spec.target == "person":
                shown.append(t.gettext("another person"))
            else:
                shown.append(names.get(ref) or t.gettext("a record no longer held"))
        return ", ".join(shown)
    if kind is Kind.INT:
        return t.format_number(value)
    return str(value)


def subject_access_pdf(data: dict, names: dict[str, str], translator: Translator) -> bytes:
    t = translator
    s = Styles(t)
    person_id = data["person_id"]
    names = {**own_record_names(data, t), **names}
    person = next(r for r in data["records"] if r["type"] == "person" and r["id"] == person_id)
    made = datetime.fromisoformat(data["exported_at"].replace("Z", "+00:00")).astimezone()
    title = t.gettext("Everything we hold about you")
    story = [
        s.text(title, s.title),
        s.text(person["display_name"], s.subtitle, own_words=True),
        s.text(t.gettext("Under UK GDPR you have the right to a copy of the information we hold about you. "
                         "This copy lists every record about you, the earlier values of each part of it, and what "
                         "was done with it and when. Other people are not named. Made {when}.").format(
            when=t.format_datetime(made.replace(tzinfo=None), "medium")), s.body),
    ]
    counts: dict[str, int] = {}
    for record in data["records"]:
        counts[record["type"]] = counts.get(record["type"], 0) + 1
    counts = {"person": counts.pop("person", 0), **counts}
    rows = [[s.text(t.gettext("What"), s.cell_bold), s.text(t.gettext("How many"), replace(s.cell_bold, align="end"))]]
    for record_type, count in counts.items():
        rows.append([s.text(t.gettext(BY_NAME[record_type].plural_label), s.cell),
                     s.text(t.format_number(count), s.number)])
    story.append(table(s, rows, [FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3]))

    order = ["person"] + [name for name in counts if name != "person"]
    counts = {name: counts[name] for name in order}
    for record_type in order:
        cls = BY_NAME[record_type]
        story.append(s.text(t.gettext(cls.plural_label), s.h1))
        specs = {spec.name: spec for spec in cls.specs()}
        for record in (r for r in data["records"] if r["type"] == record_type):
            rows = []
            for name, spec in specs.items():
                shown = _value(spec, record.get(name), t, person_id, names)
                own = spec.kind in (Kind.TEXT, Kind.NOTE)
                rows.append([s.text(t.gettext(spec.label), s.cell_bold), s.text(shown, s.cell, own_words=own)])
            story.append(table(s, rows, [FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.68], header=False, zebra=False))
            changes = [c for c in data["history"].get(record["id"], []) if c["op"] == "set"]
            if changes:
                story.append(s.text(t.gettext("Earlier values"), s.h2))
                rows = [[s.text(t.gettext("When"), s.cell_bold), s.text(t.gettext("What"), s.cell_bold),
                         s.text(t.gettext("Value"), s.cell_bold)]]
                for change in changes:
                    spec = specs.get(change["field"])
                    if spec is None:
                        continue
                    rows.append([s.text(_when(change["hlc"], t), s.cell), s.text(t.gettext(spec.label), s.cell),
                                 s.text(_value(spec, change["value"], t, person_id, names), s.cell,
                                        own_words=spec.kind in (Kind.TEXT, Kind.NOTE))])
                story.append(table(s, rows, [FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.28, FRAME_WIDTH * 0.5]))
            story.append(spacer(8))

    story.append(s.text(t.gettext("What was done, and when"), s.h1))
    rows = [[s.text(t.gettext("When"), s.cell_bold), s.text(t.gettext("What"), s.cell_bold),
             s.text(t.gettext("Record"), s.cell_bold)]]
    for entry in data["audit"]:
        kind = BY_NAME.get(entry.get("record_type") or "")
        rows.append([s.text(entry["at"].replace("T", " ").replace("Z", " UTC"), s.cell),
                     s.text(t.gettext(ACTIONS.get(entry["action"], entry["action"])), s.cell),
                     s.text(t.gettext(kind.label) if kind else "", s.cell)])
    story.append(table(s, rows, [FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.25]))
    footer = t.gettext("Subject access copy · personal and confidential")
    return render(story, styles=s, title=title, footer=footer)
