"""A month's figures, as SQL aggregates: the one definition the monthly summary and the home screen share.

    figures = month_figures(store, date(2026, 3, 1), staff_id=None)

Definitions (the summary's method note repeats them in plain words):

- A month runs from its first day 00:00 to the next month's first day 00:00 in the
  hub's local time: ``occurred_at`` is stored as local "YYYY-MM-DDTHH:MM" and dates
  as "YYYY-MM-DD", so the bounds are plain string ranges.
- Events count in the month they happened: conversations by ``occurred_at``, small
  steps by ``done_on``, strengths by ``spotted_on``, readiness moves by
  ``readiness_on``, connections by ``made_on``, outcomes by ``outcome_on``,
  check-ins and connecting time by their date.
- Activity (conversations, hours, people not named, features, connecting time)
  counts all the work. Figures about people count only people whose consent
  scope is "anonymous_reports".
- With a staff member: their conversations, what-matters notes, strengths they
  spotted, connections and check-ins they recorded, and small steps on notes
  they recorded.

Counts come out raw; suppressing small numbers is the report's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from connector_app.store.queries import DueFilter, PeopleFilter, Queries

REPORTABLE = "anonymous_reports"  # the consent scope that lets a person be counted (domain/vocab.py)
CONNECTING_TARGET_MINUTES = 120   # protected connecting time: two hours a month

# ONS personal wellbeing bands, as ONS publishes them: (lowest, highest, code).
ONS_MEASURES = ("satisfied", "worthwhile", "happy", "anxious")
_POSITIVE_BANDS = ((0, 4, "low"), (5, 6, "medium"), (7, 8, "high"), (9, 10, "very_high"))
ONS_BANDS = {
    "satisfied": _POSITIVE_BANDS,
    "worthwhile": _POSITIVE_BANDS,
    "happy": _POSITIVE_BANDS,
    "anxious": ((0, 1, "very_low"), (2, 3, "low"), (4, 5, "medium"), (6, 10, "high")),
}


def ons_band(measure: str, value: int) -> str:
    for low, high, code in ONS_BANDS[measure]:
        if low <= value <= high:
            return code
    raise ValueError(value)


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, 1)


@dataclass(frozen=True)
class Headline:
    """The few figures shown month against month."""

    month: date
    conversations: int
    minutes: int
    people_met: int
    connections: int
    small_steps_done: int


@dataclass(frozen=True)
class StaffTime:
    staff_id: str
    name: str
    role: str
    minutes: int
    sessions: int

    @property
    def met_target(self) -> bool:
        return self.minutes >= CONNECTING_TARGET_MINUTES


@dataclass(frozen=True)
class Wellbeing:
    checkins: int = 0                 # check-ins this month (reportable people)
    people: int = 0                   # people with one
    means: dict[str, float | None] = field(default_factory=dict)    # contact, confidence, control
    change_people: int = 0            # with one this month and at least two in all
    change: dict[str, float | None] = field(default_factory=dict)   # latest minus first, mean
    ons_bands: dict[str, dict[str, int]] = field(default_factory=dict)  # measure -> band -> people
    ons_answered: dict[str, int] = field(default_factory=dict)
    ons_means: dict[str, float | None] = field(default_factory=dict)
    lonely: dict[str, int] = field(default_factory=dict)  # answer code -> people


@dataclass(frozen=True)
class MonthFigures:
    month: date
    staff_id: str | None
    conversations: int
    minutes: int
    without_duration: int
    people_not_named: int
    by_mode: dict[str, int]
    features: dict[str, int]
    people_met: int
    people_new: int
    people_returning: int
    what_matters_people: int
    themes: dict[str, int]
    small_steps_done: int
    small_steps_people: int
    strengths_spotted: int
    strengths_by_kind: dict[str, int]
    strengths_people: int
    people_ready: int
    people_took_step: int
    connections: int
    connections_by_kind: dict[str, int]
    people_connected: int
    people_giving_back: int
    connecting_time: tuple[StaffTime, ...]
    wellbeing: Wellbeing
    trend: tuple[Headline, ...]  # the three months before, oldest first, then this month


class _Query:
    def __init__(self, conn, month: date, staff_id: str | None, *, everyone: bool = False):
        start = month_start(month)
        self.conn = conn
        # everyone: the connector's own view counts every person; exported figures only the reportable.
        self.params = {"start": start.isoformat(), "end": add_months(start, 1).isoformat(),
                       "staff": staff_id, "reportable": None if everyone else REPORTABLE}

    def one(self, sql: str) -> tuple:
        return self.conn.execute(sql, self.params).fetchone()

    def pairs(self, sql: str) -> dict:
        return {row[0]: row[1] for row in self.conn.execute(sql, self.params)}


_IN_MONTH_CONVERSATIONS = """
    FROM conversation c
    WHERE c.occurred_at >= :start AND c.occurred_at < :end AND (:staff IS NULL OR c.staff_id = :staff)
"""

# One pass over the month's conversations gives the activity by mode, the features and the people met
# (each conversation row is read once: they are the widest rows in the file).
_CONVERSATIONS = """
    WITH m AS MATERIALIZED (
        SELECT c.id, c.mode, c.duration_minutes, c.anonymous_count, c.features""" + _IN_MONTH_CONVERSATIONS + """),
    met AS MATERIALIZED (
        SELECT DISTINCT cp.person_id AS person_id
        FROM m CROSS JOIN conversation_person cp ON cp.conversation_id = m.id
        JOIN person p ON p.id = cp.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
    )
    SELECT 'mode', m.mode, count(*), coalesce(sum(m.duration_minutes), 0),
           coalesce(sum(m.duration_minutes IS NULL), 0), coalesce(sum(m.anonymous_count), 0)
    FROM m GROUP BY m.mode
    UNION ALL
    SELECT 'feature', f.value, count(*), 0, 0, 0 FROM m, json_each(m.features) f GROUP BY f.value
    UNION ALL
    SELECT 'met', NULL, count(*), coalesce(sum(EXISTS (
        SELECT 1 FROM conversation_person cp2 JOIN conversation c2 ON c2.id = cp2.conversation_id
        WHERE cp2.person_id = met.person_id AND c2.occurred_at < :start)), 0), 0, 0
    FROM met
"""


@dataclass(frozen=True)
class _Conversations:
    count: int
    minutes: int
    without_duration: int
    people_not_named: int
    by_mode: dict[str, int]
    features: dict[str, int]
    people_met: int
    returning: int


def _conversations(q: "_Query") -> _Conversations:
    by_mode, features = {}, {}
    minutes = missing = anonymous = met = returning = 0
    for kind, code, count, a, b, c in q.conn.execute(_CONVERSATIONS, q.params):  # a row per mode, feature
        if kind == "mode":
            by_mode[code] = count
            minutes, missing, anonymous = minutes + a, missing + b, anonymous + c
        elif kind == "feature":
            features[code] = count
        else:
            met, returning = count, a
    return _Conversations(sum(by_mode.values()), minutes, missing, anonymous, by_mode, features, met, returning)


# The month-against-month figures read only columns stored before the notes, so no long text is decoded.
# CROSS JOIN keeps SQLite from scanning every conversation_person row to meet the month's few thousand.
_HEADLINE = """
    WITH m AS MATERIALIZED (SELECT c.id, c.duration_minutes""" + _IN_MONTH_CONVERSATIONS + """)
    SELECT (SELECT count(*) FROM m), (SELECT coalesce(sum(m.duration_minutes), 0) FROM m),
           (SELECT count(DISTINCT cp.person_id) FROM m CROSS JOIN conversation_person cp ON cp.conversation_id = m.id
            JOIN person p ON p.id = cp.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable))
"""


def _connections(q: _Query) -> tuple[int, int]:
    """Connections made in the month, and the people they were made for."""
    count, people = q.one("""
        SELECT count(*), count(DISTINCT k.person_id) FROM connection k
        JOIN person p ON p.id = k.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE k.made_on >= :start AND k.made_on < :end AND (:staff IS NULL OR k.staff_id = :staff)""")
    return int(count), int(people)


def _small_steps(q: _Query) -> tuple[int, int]:
    row = q.one("""
        SELECT count(*), count(DISTINCT s.person_id)
        FROM small_step s JOIN person p ON p.id = s.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE s.done_on >= :start AND s.done_on < :end
          AND (:staff IS NULL OR EXISTS (
                SELECT 1 FROM what_matters w WHERE w.id = s.what_matters_id AND w.staff_id = :staff))""")
    return int(row[0]), int(row[1])


def headline(conn, month: date, staff_id: str | None = None) -> Headline:
    """The figures the home screen and the summary's month-against-month table show."""
    q = _Query(conn, month, staff_id)
    conversations, minutes, met = q.one(_HEADLINE)
    steps, _people = _small_steps(q)
    return Headline(month_start(month), conversations, minutes, met, _connections(q)[0], steps)


@dataclass(frozen=True)
class MyMonth:
    """The Home screen's month for one staff member: their work, every person counted (not only reportable).

    Same definitions as the summary (``_conversations``, ``_connections``); the summary
    differs only in counting people whose consent lets them be reported.
    """

    month: date
    conversations: int
    people_met: int
    people_new: int
    people_returning: int
    connections: int
    people_connected: int
    connecting_minutes: int

    @property
    def connecting_target(self) -> int:
        return CONNECTING_TARGET_MINUTES


def my_month(conn, month: date, staff_id: str | None) -> MyMonth:
    """``staff_id``'s month (any day in it); None for the whole team's."""
    conn = getattr(conn, "connection", conn)
    q = _Query(conn, month, staff_id, everyone=True)
    talk = _conversations(q)
    minutes = q.one("""
        SELECT coalesce(sum(t.minutes), 0) FROM connecting_time t
        WHERE t.on_date >= :start AND t.on_date < :end AND (:staff IS NULL OR t.staff_id = :staff)""")[0]
    connections, people_connected = _connections(q)
    return MyMonth(month_start(month), talk.count, talk.people_met, talk.people_met - talk.returning,
                   talk.returning, connections, people_connected, int(minutes))


@dataclass(frozen=True)
class Glance:
    """Everything the Home screen shows: this month's work, and what is due today."""

    today: date
    staff_id: str | None
    month: MyMonth
    follow_ups_due: int
    reviews_due: int
    small_steps_open: int   # not done, on the reviews due
    people_ready: int       # everyone's: people with a strength ready for a next step


def at_a_glance(store_or_conn, today: date, staff_id: str | None) -> Glance:
    """Home's figures; each is the count of the list it opens (the same query, so they agree)."""
    conn = getattr(store_or_conn, "connection", store_or_conn)
    queries = Queries(conn)
    follow_ups, reviews, steps = queries.count_due(DueFilter(by=today, staff_id=staff_id))
    return Glance(today, staff_id, my_month(conn, today, staff_id), follow_ups, reviews, steps,
                  queries.count_people(PeopleFilter(ready=True)))


def _wellbeing(q: _Query) -> Wellbeing:
    latest = """
        WITH month_checkins AS MATERIALIZED (
            SELECT c.id, c.person_id, c.on_date, c.contact, c.confidence, c.control, c.ons_satisfied,
                   c.ons_worthwhile, c.ons_happy, c.ons_anxious, c.ons_lonely,
                   row_number() OVER (PARTITION BY c.person_id ORDER BY c.on_date DESC, c.id DESC) AS rn
            FROM checkin c
            JOIN person p ON p.id = c.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
            WHERE c.on_date >= :start AND c.on_date < :end AND (:staff IS NULL OR c.staff_id = :staff)
        ),
        latest AS MATERIALIZED (SELECT * FROM month_checkins WHERE rn = 1)
    """
    row = q.one(latest + """
        SELECT (SELECT count(*) FROM month_checkins), count(*), avg(contact), avg(confidence), avg(control)
        FROM latest""")
    checkins, people = int(row[0]), int(row[1])
    means = {"contact": row[2], "confidence": row[3], "control": row[4]}

    # Each person's first check-in ever and their latest up to the month's end, in one windowed pass.
    row = q.one(latest + """,
        history AS MATERIALIZED (
            SELECT c.person_id,
                   first_value(c.contact) OVER ordered AS first_contact,
                   first_value(c.confidence) OVER ordered AS first_confidence,
                   first_value(c.control) OVER ordered AS first_control,
                   last_value(c.contact) OVER ordered AS last_contact,
                   last_value(c.confidence) OVER ordered AS last_confidence,
                   last_value(c.control) OVER ordered AS last_control,
                   count(*) OVER ordered AS n,
                   row_number() OVER (PARTITION BY c.person_id ORDER BY c.on_date, c.id) AS rn
            FROM checkin c
            WHERE c.person_id IN (SELECT person_id FROM latest) AND c.on_date < :end
            WINDOW ordered AS (PARTITION BY c.person_id ORDER BY c.on_date, c.id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        )
        SELECT count(*), avg(last_contact - first_contact), avg(last_confidence - first_confidence),
               avg(last_control - first_control)
        FROM history WHERE rn = 1 AND n >= 2""")
    change_people = int(row[0])
    change = {"contact": row[1], "confidence": row[2], "control": row[3]}

    union = " UNION ALL ".join(
        [f"SELECT '{m}', ons_{m}, count(*) FROM latest WHERE ons_{m} IS NOT NULL GROUP BY ons_{m}"
         for m in ONS_MEASURES]
        + ["SELECT 'lonely', ons_lonely, count(*) FROM latest WHERE ons_lonely IS NOT NULL GROUP BY ons_lonely"])
    bands = {m: {code: 0 for _l, _h, code in ONS_BANDS[m]} for m in ONS_MEASURES}
    answered = {m: 0 for m in ONS_MEASURES}
    totals = {m: 0 for m in ONS_MEASURES}
    lonely: dict[str, int] = {}
    for measure, value, count in q.conn.execute(latest + union, q.params):  # at most 49 rows: one per answer
        if measure == "lonely":
            lonely[value] = count
            continue
        bands[measure][ons_band(measure, value)] += count
        answered[measure] += count
        totals[measure] += value * count
    ons_means = {m: (totals[m] / answered[m] if answered[m] else None) for m in ONS_MEASURES}
    return Wellbeing(checkins, people, means, change_people, change, bands, answered, ons_means, lonely)


def connecting_time_by_staff(conn, month: date, staff_id: str | None = None) -> tuple[StaffTime, ...]:
    """Each staff member's protected connecting time in ``month``: the working ones, and anyone who logged some."""
    return tuple(StaffTime(*row) for row in conn.execute("""
        SELECT s.id, s.name, s.role, coalesce(sum(t.minutes), 0), count(t.id)
        FROM staff s LEFT JOIN connecting_time t ON t.staff_id = s.id AND t.on_date >= :start AND t.on_date < :end
        WHERE (:staff IS NULL OR s.id = :staff)
        GROUP BY s.id
        HAVING max(s.active) = 1 OR count(t.id) > 0
        ORDER BY s.name COLLATE NOCASE, s.id""", _Query(conn, month, staff_id).params))


STEPS = 12  # progress units of month_figures


def month_figures(store_or_conn, month: date, staff_id: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> MonthFigures:
    """Every figure of the monthly summary for ``month`` (any day in it), the team or one staff member."""
    conn = getattr(store_or_conn, "connection", store_or_conn)
    month = month_start(month)
    q = _Query(conn, month, staff_id)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, STEPS)

    talk = _conversations(q)
    step()
    step()
    what_matters_from = """
        FROM what_matters w
        JOIN person p ON p.id = w.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE w.recorded_on >= :start AND w.recorded_on < :end AND (:staff IS NULL OR w.staff_id = :staff)"""
    what_matters_people = q.one("SELECT count(DISTINCT w.person_id)" + what_matters_from)[0]
    themes = q.pairs("SELECT t.value, count(DISTINCT w.person_id) FROM (SELECT w.* " + what_matters_from
                     + ") w, json_each(w.themes) t GROUP BY t.value")
    step()
    steps_done, steps_people = _small_steps(q)
    step()
    strength_from = """
        FROM strength s JOIN person p ON p.id = s.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE s.spotted_on >= :start AND s.spotted_on < :end AND (:staff IS NULL OR s.spotted_by = :staff)"""
    strengths, strengths_people = q.one("SELECT count(*), count(DISTINCT s.person_id)" + strength_from)
    by_kind = q.pairs("SELECT s.kind, count(*)" + strength_from + " GROUP BY s.kind")
    step()
    readiness = q.pairs("""
        SELECT s.readiness, count(DISTINCT s.person_id)
        FROM strength s JOIN person p ON p.id = s.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE s.readiness IN ('ready', 'taken') AND s.readiness_on >= :start AND s.readiness_on < :end
          AND (:staff IS NULL OR s.spotted_by = :staff)
        GROUP BY s.readiness""")
    step()
    connection_from = """
        FROM connection k JOIN person p ON p.id = k.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        JOIN asset a ON a.id = k.asset_id
        WHERE k.made_on >= :start AND k.made_on < :end AND (:staff IS NULL OR k.staff_id = :staff)"""
    connections, people_connected = q.one("SELECT count(*), count(DISTINCT k.person_id)" + connection_from)
    connections_by_kind = q.pairs("SELECT a.kind, count(*)" + connection_from + " GROUP BY a.kind")
    giving = q.one("""
        SELECT count(DISTINCT k.person_id)
        FROM connection k JOIN person p ON p.id = k.person_id AND (:reportable IS NULL OR p.consent_scope = :reportable)
        WHERE k.outcome = 'giving' AND k.outcome_on >= :start AND k.outcome_on < :end
          AND (:staff IS NULL OR k.staff_id = :staff)""")[0]
    step()
    connecting = connecting_time_by_staff(conn, month, staff_id)
    step()
    wellbeing = _wellbeing(q)
    step()
    trend = []
    for back in (3, 2, 1):
        trend.append(headline(conn, add_months(month, -back), staff_id))
        step()
    trend.append(Headline(month, talk.count, talk.minutes, talk.people_met, connections, steps_done))
    return MonthFigures(
        month=month, staff_id=staff_id,
        conversations=talk.count, minutes=talk.minutes, without_duration=talk.without_duration,
        people_not_named=talk.people_not_named, by_mode=talk.by_mode, features=talk.features,
        people_met=talk.people_met, people_new=talk.people_met - talk.returning, people_returning=talk.returning,
        what_matters_people=what_matters_people, themes=themes,
        small_steps_done=steps_done, small_steps_people=steps_people,
        strengths_spotted=strengths, strengths_by_kind=by_kind, strengths_people=strengths_people,
        people_ready=readiness.get("ready", 0), people_took_step=readiness.get("taken", 0),
        connections=connections, connections_by_kind=connections_by_kind, people_connected=people_connected,
        people_giving_back=giving, connecting_time=connecting, wellbeing=wellbeing, trend=tuple(trend),
    )
