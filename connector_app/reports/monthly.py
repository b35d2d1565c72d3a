"""The monthly activity summary as plain data: figures, then cells ready to print, suppressed or not.

    summary = build_summary(store, date(2026, 3, 1), suppress=True)
    summary.cells          # one row per measure and group: what the CSV writes and the PDF draws

No SQL here: the figures come from ``store.month_figures`` (the same definitions
the home screen uses); this module decides labels, units and suppression.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from connector_app.domain import vocab
from connector_app.i18n import N_, Translator
from connector_app.reports.suppression import SUPPRESSED_TEXT, suppress_breakdown
from connector_app.store.month_figures import (
    CONNECTING_TARGET_MINUTES, ONS_BANDS, ONS_MEASURES, MonthFigures, month_figures,
)

DEFAULT_TIMEZONE = "Europe/London"

# Units: how a value prints. "people" values are suppressed in an exported copy.
PEOPLE, COUNT, HOURS, MINUTES, MEAN, CHANGE = "people", "count", "hours", "minutes", "mean", "change"

SECTIONS = {
    "activity": N_("Conversations"),
    "modes": N_("How conversations happened"),
    "features": N_("Features of health-creating practice used"),
    "people": N_("People met"),
    "themes": N_("What matters: themes"),
    "steps": N_("Small steps"),
    "strengths": N_("Strengths spotted"),
    "next_steps": N_("Ready for a next step"),
    "connections": N_("Connections made, by kind of community asset"),
    "reciprocity": N_("Giving as well as receiving"),
    "connecting_time": N_("Protected connecting time"),
    "wellbeing": N_("3Cs check-ins"),
    "ons": N_("ONS personal wellbeing"),
    "loneliness": N_("Loneliness"),
    "trend": N_("This month against the three before"),
}

MEASURES = {
    "conversations": N_("Conversations"),
    "hours": N_("Hours of conversation"),
    "without_duration": N_("Conversations with no length recorded"),
    "people_not_named": N_("People taking part who were not named"),
    "by_mode": N_("Conversations"),
    "features": N_("Conversations using it"),
    "people_met": N_("People met"),
    "what_matters_people": N_("People who said what matters to them"),
    "steps_done": N_("Small steps completed"),
    "steps_people": N_("People who completed a small step"),
    "strengths": N_("Strengths spotted"),
    "strengths_people": N_("People with a strength spotted"),
    "people_ready": N_("People ready for a next step"),
    "people_took_step": N_("People who took a next step"),
    "connections": N_("Connections made"),
    "people_connected": N_("People connected"),
    "people_giving_back": N_("People now giving back"),
    "connecting_minutes": N_("Minutes of protected connecting time"),
    "staff_met_target": N_("Staff who reached 2 hours"),
    "checkins": N_("Check-ins"),
    "checkin_people": N_("People who checked in"),
    "mean_score": N_("Average score (0 to 10)"),
    "change_people": N_("People with an earlier check-in"),
    "mean_change": N_("Average change since their first check-in"),
    "ons_people": N_("People"),
    "ons_mean": N_("Average score (0 to 10)"),
    "lonely_people": N_("People"),
    "trend_conversations": N_("Conversations"),
    "trend_hours": N_("Hours of conversation"),
    "trend_people_met": N_("People met"),
    "trend_connections": N_("Connections made"),
    "trend_steps": N_("Small steps completed"),
}

GROUPS = {
    "total": N_("Total"),
    "new": N_("New this month"),
    "returning": N_("Met before"),
    "contact": N_("Contact"),
    "confidence": N_("Confidence"),
    "control": N_("Control"),
    "satisfied": N_("Life satisfaction"),
    "worthwhile": N_("Worthwhile"),
    "happy": N_("Happiness"),
    "anxious": N_("Anxiety"),
    "very_low": N_("Very low"),
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    "very_high": N_("Very high"),
}

ONS_ATTRIBUTION = N_("ONS4 personal wellbeing questions and the loneliness question: Office for National "
                     "Statistics, used under the Open Government Licence. Bands as ONS publishes them: "
                     "life satisfaction, worthwhile and happiness 0-4 low, 5-6 medium, 7-8 high, 9-10 very high; "
                     "anxiety 0-1 very low, 2-3 low, 4-5 medium, 6-10 high.")


@dataclass(frozen=True)
class Cell:
    section: str
    measure: str
    group: str            # "" for a single figure; a vocabulary code, band, month "YYYY-MM" or staff key
    value: float | None   # None: nothing to average
    unit: str
    suppressed: bool = False
    group_text: str = ""  # a label that is not a code (an internal copy's staff names)

    def shown(self, translator: Translator) -> str:
        if self.suppressed:
            return translator.digits(SUPPRESSED_TEXT)
        if self.value is None:
            return "–"
        if self.unit in (HOURS, MEAN):
            return translator.format_decimal(self.value, 1)
        if self.unit == CHANGE:
            text = translator.format_decimal(self.value, 1)
            return ("+" + text) if self.value > 0 else text
        return translator.format_number(int(self.value))

    def csv_value(self) -> str:
        if self.suppressed:
            return SUPPRESSED_TEXT
        if self.value is None:
            return ""
        if self.unit in (HOURS, MEAN, CHANGE):
            return f"{self.value:.2f}"
        return str(int(self.value))


@dataclass(frozen=True)
class MonthlySummary:
    figures: MonthFigures
    cells: tuple[Cell, ...]
    suppressed: bool           # an exported copy (small numbers hidden) or an internal one
    staff_name: str | None     # one staff member's name, in an internal copy only
    staff_role: str | None     # one staff member's role (None: the whole team)
    timezone: str
    generated_at: datetime

    @property
    def month(self) -> date:
        return self.figures.month

    def whose_work(self, translator: Translator) -> str:
        if self.staff_name:
            return self.staff_name
        if self.staff_role:
            return translator.gettext("{role} (one staff member)").format(
                role=translator.label(vocab.STAFF_ROLES, self.staff_role))
        return translator.gettext("The whole team")

    def section(self, code: str) -> list[Cell]:
        return [c for c in self.cells if c.section == code]

    def cell(self, measure: str, group: str = "") -> Cell:
        for c in self.cells:
            if c.measure == measure and c.group == group:
                return c
        raise KeyError((measure, group))


def group_label(cell: Cell, translator: Translator) -> str:
    """The printed name of a cell's group."""
    if cell.group_text:
        return cell.group_text
    if not cell.group:
        return ""
    if cell.section == "trend":
        year, month = cell.group.split("-")
        return translator.format_month(date(int(year), int(month), 1))
    if cell.section == "ons":
        measure, _dot, band = cell.group.partition(".")
        if not band:
            return translator.gettext(GROUPS[measure])
        return translator.gettext("{measure}: {band}").format(
            measure=translator.gettext(GROUPS[measure]), band=translator.gettext(GROUPS[band]))
    if cell.section == "connecting_time":
        role, _dash, number = cell.group.rpartition("-")
        return translator.gettext("{role} {number}").format(
            role=translator.label(vocab.STAFF_ROLES, role), number=translator.format_number(int(number)))
    vocabulary = {"modes": vocab.CONVERSATION_MODES, "features": vocab.FEATURES, "themes": vocab.THEMES,
                  "strengths": vocab.STRENGTH_KINDS, "connections": vocab.ASSET_KINDS,
                  "loneliness": vocab.LONELINESS}.get(cell.section)
    if vocabulary is not None and cell.group in vocabulary:
        return translator.label(vocabulary, cell.group)
    if cell.group in GROUPS:
        return translator.gettext(GROUPS[cell.group])
    return cell.group


class _Cells:
    def __init__(self, suppress: bool):
        self.suppress = suppress
        self.cells: list[Cell] = []

    def one(self, section: str, measure: str, value, unit: str, group: str = "", group_text: str = "") -> None:
        hidden = self.suppress and unit == PEOPLE and value is not None and 0 < value < 5
        self.cells.append(Cell(section, measure, group, value, unit, hidden, group_text))

    def breakdown(self, section: str, measure: str, values: dict[str, int], codes, unit: str,
                  total: int | None = None) -> None:
        """One cell per code (zeros included, in vocabulary order), then the total."""
        values = {code: values.get(code, 0) for code in codes}
        hidden, total_hidden = (suppress_breakdown(values, total) if self.suppress and unit == PEOPLE
                                else (set(), False))
        for code, value in values.items():
            self.cells.append(Cell(section, measure, code, value, unit, code in hidden))
        if total is not None:
            self.cells.append(Cell(section, measure, "total", total, unit, total_hidden))

    def mean(self, section: str, measure: str, group: str, value: float | None, people: int,
             unit: str = MEAN) -> None:
        """An average over ``people``: hidden in an exported copy when fewer than 5 people are behind it."""
        hidden = self.suppress and 0 < people < 5
        self.cells.append(Cell(section, measure, group, value, unit, hidden))


def build_summary(store, month: date, *, staff_id: str | None = None, suppress: bool = True,
                  timezone: str | None = None, now: datetime | None = None,
                  progress: Callable[[int, int], None] | None = None) -> MonthlySummary:
    figures = month_figures(store, month, staff_id, progress=progress)
    staff = store.staff.get(staff_id) if staff_id else None
    timezone = timezone or store.meta("timezone") or DEFAULT_TIMEZONE
    return summarise(figures, suppress=suppress, staff_name=staff.name if staff else None,
                     staff_role=staff.role if staff else None, timezone=timezone,
                     now=now or _now(timezone))


def _now(timezone: str) -> datetime:
    try:
        from zoneinfo import ZoneInfo
        return datetime.now(ZoneInfo(timezone))
    except Exception:  # no time zone database (some Windows installs): the laptop's own clock
        return datetime.now().astimezone()


def summarise(figures: MonthFigures, *, suppress: bool = True, staff_name: str | None = None,
              staff_role: str | None = None,
              timezone: str = DEFAULT_TIMEZONE, now: datetime | None = None) -> MonthlySummary:
    f = figures
    c = _Cells(suppress)
    c.one("activity", "conversations", f.conversations, COUNT)
    c.one("activity", "hours", f.minutes / 60, HOURS)
    c.one("activity", "without_duration", f.without_duration, COUNT)
    c.one("activity", "people_not_named", f.people_not_named, COUNT)
    c.breakdown("modes", "by_mode", f.by_mode, vocab.CONVERSATION_MODES.codes, COUNT, f.conversations)
    c.breakdown("features", "features", f.features, vocab.FEATURES.codes, COUNT)

    c.breakdown("people", "people_met", {"new": f.people_new, "returning": f.people_returning},
                ("new", "returning"), PEOPLE, f.people_met)
    c.breakdown("themes", "what_matters_people", f.themes, vocab.THEMES.codes, PEOPLE, f.what_matters_people)
    c.one("steps", "steps_done", f.small_steps_done, PEOPLE)
    c.one("steps", "steps_people", f.small_steps_people, PEOPLE)
    c.breakdown("strengths", "strengths", f.strengths_by_kind, vocab.STRENGTH_KINDS.codes, PEOPLE,
                f.strengths_spotted)
    c.one("strengths", "strengths_people", f.strengths_people, PEOPLE)
    c.one("next_steps", "people_ready", f.people_ready, PEOPLE)
    c.one("next_steps", "people_took_step", f.people_took_step, PEOPLE)
    c.breakdown("connections", "connections", f.connections_by_kind, vocab.ASSET_KINDS.codes, PEOPLE,
                f.connections)
    c.one("connections", "people_connected", f.people_connected, PEOPLE)
    c.one("reciprocity", "people_giving_back", f.people_giving_back, PEOPLE)

    roles_seen: dict[str, int] = {}
    for staff in f.connecting_time:
        # An exported copy names nobody: staff appear by role and number, an internal copy by name.
        roles_seen[staff.role] = roles_seen.get(staff.role, 0) + 1
        key = f"{staff.role}-{roles_seen[staff.role]}"
        c.one("connecting_time", "connecting_minutes", staff.minutes, MINUTES, group=key,
              group_text="" if suppress else staff.name)
    c.one("connecting_time", "staff_met_target", sum(1 for s in f.connecting_time if s.met_target), COUNT)

    w = f.wellbeing
    c.one("wellbeing", "checkins", w.checkins, PEOPLE)
    c.one("wellbeing", "checkin_people", w.people, PEOPLE)
    for scale in ("contact", "confidence", "control"):
        c.mean("wellbeing", "mean_score", scale, w.means.get(scale), w.people)
    c.one("wellbeing", "change_people", w.change_people, PEOPLE)
    for scale in ("contact", "confidence", "control"):
        c.mean("wellbeing", "mean_change", scale, w.change.get(scale), w.change_people, CHANGE)
    for measure in ONS_MEASURES:
        codes = tuple(code for _l, _h, code in ONS_BANDS[measure])
        bands = w.ons_bands.get(measure, {})
        answered = w.ons_answered.get(measure, 0)
        hidden, total_hidden = suppress_breakdown(bands, answered) if suppress else (set(), False)
        for code in codes:
            c.cells.append(Cell("ons", "ons_people", f"{measure}.{code}", bands.get(code, 0), PEOPLE,
                                code in hidden))
        c.cells.append(Cell("ons", "ons_people", f"{measure}.total", answered, PEOPLE, total_hidden))
        c.mean("ons", "ons_mean", measure, w.ons_means.get(measure), answered)
    c.breakdown("loneliness", "lonely_people", w.lonely, vocab.LONELINESS.codes, PEOPLE, sum(w.lonely.values()))

    for h in f.trend:
        key = h.month.strftime("%Y-%m")
        c.one("trend", "trend_conversations", h.conversations, COUNT, key)
        c.one("trend", "trend_hours", h.minutes / 60, HOURS, key)
        c.one("trend", "trend_people_met", h.people_met, PEOPLE, key)
        c.one("trend", "trend_connections", h.connections, PEOPLE, key)
        c.one("trend", "trend_steps", h.small_steps_done, PEOPLE, key)
    # An exported copy names nobody, staff included: it says whose work it is by role.
    return MonthlySummary(f, tuple(c.cells), suppress, None if suppress else staff_name, staff_role, timezone,
                          now or _now(timezone))


def target_hours_text(translator: Translator) -> str:
    hours = CONNECTING_TARGET_MINUTES // 60
    return translator.ngettext("{count} hour", "{count} hours", hours).format(count=translator.format_number(hours))


def monthly_report(store, month: date, *, staff_id: str | None, fmt: str, translator: Translator, suppress: bool,
                   progress: Callable[[int, int], None] | None = None) -> bytes:
    """The summary as PDF or CSV bytes, ready to write: what the CLI and the desktop both call."""
    summary = build_summary(store, month, staff_id=staff_id, suppress=suppress, progress=progress)
    if fmt == "csv":
        from connector_app.reports.monthly_csv import summary_csv
        return summary_csv(summary, translator)
    from connector_app.reports.monthly_pdf import monthly_pdf
    return monthly_pdf(summary, translator)
