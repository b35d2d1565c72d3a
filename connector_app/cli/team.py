"""connector-app team create | code | join CODE | leave."""

from __future__ import annotations

import sys

from connector_app.cli.common import add_workspace_option, is_terminal, open_store, out, plain_text
from connector_app.errors import UserError
from connector_app.i18n import _, format_number, ngettext
from connector_app.sync import membership
from connector_app.sync.team import create_team, current_team, join_team, leave_team, require_team, team_of_code


def _show_code(code: str) -> None:
    out(_("Join code (type it on each laptop that joins; anyone with it can read this team's bundles):"))
    out("")
    out(f"    {code}")
    out("")


def run_create(args) -> int:
    with open_store(args) as (_workspace, store):
        # A new team: every record claimed by a team this laptop was in before stays here.
        other = membership.switch_summary(store.connection, "").other_teams if current_team(store) is None else 0
        team = create_team(store)
    out(_("This laptop now keeps a team."))
    _other_teams(other)
    _show_code(team.join_code)
    return 0


def run_code(args) -> int:
    with open_store(args) as (_workspace, store):
        team = require_team(store)
    _show_code(team.join_code)
    return 0


def _other_teams(count: int) -> None:
    if count:
        out(ngettext("{count} record from another team stays on this laptop and will not be shared with this team.",
                     "{count} records from another team stay on this laptop and will not be shared with this team.",
                     count).format(count=format_number(count)))


def _share_earlier(args, earlier: int) -> bool:
    """Whether records made while in no team go to the team: the connector says so (flag or answer)."""
    if args.share_earlier or args.keep_earlier or not earlier:
        return not args.keep_earlier
    question = ngettext("{count} record here was made while this laptop was in no team.",
                        "{count} records here were made while this laptop was in no team.",
                        earlier).format(count=format_number(earlier))
    if not is_terminal(sys.stdin):
        raise UserError(question + " " + _("Add --share-earlier to share them with this team, or --keep-earlier "
                                           "to keep them on this laptop only."))
    out(question)
    # TRANSLATORS: the answer is typed as y (yes) or n (no), in English letters.
    answer = input(_("Share them with this team? Type y for yes or n for no: "))
    return answer.strip().lower() in ("y", "yes")


def run_join(args) -> int:
    with open_store(args) as (_workspace, store):
        team = team_of_code(args.code)
        switch = None
        if current_team(store) is None:
            switch = membership.switch_summary(store.connection, team.team_id)
            _other_teams(switch.other_teams)
        share = _share_earlier(args, switch.earlier) if switch else True
        join_team(store, args.code, share_earlier=share)
    out(_("Joined the team. Import the hub's bundle to bring this laptop up to date."))
    if switch and switch.earlier:
        out(_("The records made while in no team are shared with this team.") if share else
            _("The records made while in no team stay on this laptop only."))
    return 0


def run_leave(args) -> int:
    with open_store(args) as (_workspace, store):
        leave_team(store)
    out(_("Left the team. Every record stays on this laptop. The team's records will never be sent to another "
          "team; they are shared again only if this laptop rejoins this team."))
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
    earlier = join.add_mutually_exclusive_group()
    earlier.add_argument("--share-earlier", action="store_true",
                         help=_("share the records made while this laptop was in no team with this team"))
    earlier.add_argument("--keep-earlier", action="store_true",
                         help=_("keep the records made while this laptop was in no team on this laptop only"))
    join.set_defaults(run=run_join)
