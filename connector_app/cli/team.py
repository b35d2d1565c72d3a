"""connector-app team create | code | join CODE | leave."""

from __future__ import annotations

from connector_app.cli.common import add_workspace_option, open_store, out, plain_text
from connector_app.i18n import _
from connector_app.sync.team import create_team, join_team, leave_team, require_team


def _show_code(code: str) -> None:
    out(_("Join code (type it on each laptop that joins; anyone with it can read this team's bundles):"))
    out("")
    out(f"    {code}")
    out("")


def run_create(args) -> int:
    with open_store(args) as (_workspace, store):
        team = create_team(store)
    out(_("This laptop now keeps a team."))
    _show_code(team.join_code)
    return 0


def run_code(args) -> int:
    with open_store(args) as (_workspace, store):
        team = require_team(store)
    _show_code(team.join_code)
    return 0


def run_join(args) -> int:
    with open_store(args) as (_workspace, store):
        join_team(store, args.code)
    out(_("Joined the team. Import the hub's bundle to bring this laptop up to date."))
    return 0


def run_leave(args) -> int:
    with open_store(args) as (_workspace, store):
        leave_team(store)
    out(_("Left the team. Every record stays on this laptop."))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("team", help=_("create, join or leave the team this laptop syncs with"))
    commands = parser.add_subparsers(dest="team_command", metavar=_("ACTION"), required=True)
    for name, run, help_text in (
            ("create", run_create, _("make a new team on this laptop (the hub) and show its join code")),
            ("code", run_code, _("show the team's join code again")),
            ("leave", run_leave, _("leave the team; records stay on this laptop"))):
        command = commands.add_parser(name, help=help_text)
        add_workspace_option(command)
        command.set_defaults(run=run)
    join = commands.add_parser("join", help=_("join a team with the code shown on the hub laptop"))
    add_workspace_option(join)
    join.add_argument("code", type=plain_text, metavar=_("CODE"))
    join.set_defaults(run=run_join)
