"""Which team each record belongs to, so records shared with one team never travel to another.

**The model.** A record belongs to the team this laptop was in when the record was
made here or arrived here; a record about one person (a check-in, a strength, a
what-matters note...) belongs to that person's team, wherever it was made. Every
change of a record, edits made later included, belongs to the record's team: an
edit made while in team B to a record of team A stays on this laptop and travels
to A once the laptop is back in A; B never sees it (not even as an edit without
its record). Records of another team stay here (they were lawfully recorded here)
and travel again when the laptop rejoins their team.

**Claims are written in SQL at the two moments membership changes** (schema 9,
store/migration_v9.py), never per change:

- leaving a team: every unclaimed record becomes that team's;
- joining or creating one: every unclaimed record (made while in no team) becomes
  the new team's if the connector agrees to share them, else ``KEPT_HERE``.

So while in a team the unclaimed records are exactly those made or received during
this membership, and export sends the changes of unclaimed records and of records
claimed by the current team (``ChangeLog.origin_entries(team_id=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.domain.fields import Kind
from connector_app.domain.records import BY_NAME

KEPT_HERE = 0  # made while in no team, and the connector chose not to share them


def _about_one_person() -> list[tuple[str, str]]:
    """(table, column) of every record type about exactly one person."""
    pairs = []
    for name, record_class in BY_NAME.items():
        field = record_class.person_field
        spec = next((s for s in record_class.specs() if s.name == field), None)
        if name != "person" and spec is not None and spec.kind is Kind.REF:
            pairs.append((name, field))
    return pairs


def _following_sql() -> str:
    """(record_id, team_no) of unclaimed records about a person who is claimed: they follow the person."""
    return " UNION ALL ".join(
        f"SELECT r.id AS record_id, pt.team_no AS team_no FROM {table} r "
        f"JOIN record_team pt ON pt.record_id = r.{column} "
        f"WHERE r.id NOT IN (SELECT record_id FROM record_team)" for table, column in _about_one_person())


def team_no(conn, team_id: str, *, register: bool = False) -> int | None:
    """The small number this laptop uses for a team (None: never been in it)."""
    row = conn.execute("SELECT no FROM sync_team WHERE team_id = ?", (team_id,)).fetchone()
    if row is None and register:
        return conn.execute("INSERT INTO sync_team (team_id) VALUES (?)", (team_id,)).lastrowid
    return row[0] if row else None


def claim(conn, no: int) -> None:
    """Every unclaimed record becomes team ``no``'s, except records about a claimed person (theirs)."""
    conn.execute(f"INSERT OR IGNORE INTO record_team (record_id, team_no) {_following_sql()}")
    conn.execute("INSERT OR IGNORE INTO record_team (record_id, team_no) "
                 "SELECT record_id, ? FROM record_state", (no,))


@dataclass(frozen=True)
class Switch:
    """What joining a team means for the records here, told to the connector before they join."""
    other_teams: int  # records that stay here and are not shared with the team joined
    earlier: int      # records made while in no team: shared with the team only if the connector agrees


def switch_summary(conn, team_id: str) -> Switch:
    """Counts of live records, for a laptop in no team about to join ``team_id``."""
    no = team_no(conn, team_id)
    other = conn.execute(
        "SELECT count(*) FROM record_state s JOIN record_team t ON t.record_id = s.record_id "
        "WHERE s.state = 'live' AND t.team_no IS NOT ?", (no,)).fetchone()[0]
    following = conn.execute(
        f"SELECT count(*), count(CASE WHEN f.team_no IS NOT ? THEN 1 END) FROM ({_following_sql()}) f "
        "JOIN record_state s ON s.record_id = f.record_id WHERE s.state = 'live'", (no,)).fetchone()
    unclaimed = conn.execute(
        "SELECT count(*) FROM record_state WHERE state = 'live' "
        "AND record_id NOT IN (SELECT record_id FROM record_team)").fetchone()[0]
    return Switch(other + following[1], unclaimed - following[0])


def on_join(conn, team_id: str, share_earlier: bool) -> None:
    """Inside the join's transaction: records made while in no team are shared, or kept here."""
    no = team_no(conn, team_id, register=True)
    claim(conn, no if share_earlier else KEPT_HERE)


def on_leave(conn, team_id: str) -> None:
    """Inside the leave's transaction: what was made or received in the team stays the team's."""
    claim(conn, team_no(conn, team_id, register=True))


def belongs_elsewhere(conn, team_id: str):
    """A function: whether a record (by id) belongs to a team other than ``team_id``.

    One query, not one per record: the shared digest asks about every record here."""
    no = team_no(conn, team_id)
    elsewhere = {record_id for (record_id,) in conn.execute(
        "SELECT record_id FROM record_team WHERE team_no IS NOT ?", (no,))}
    return elsewhere.__contains__
