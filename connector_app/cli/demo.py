"""connector-app demo --people N --months M [--replace]: a workspace full of realistic made-up records.

A new folder gets a complete demo workspace or none (built aside, renamed into place:
connector_app/demo_workspace.py). An existing empty workspace is filled in one
transaction, so a kill leaves it empty. A workspace that already holds records is
refused (exit 2); ``--replace`` rebuilds only an untouched demo workspace.
"""

from __future__ import annotations

import sys
import time

from connector_app.cli.common import (
    add_workspace_option, bounded_int, daily_backup, open_store, out, printable, read_new_passphrase, workspace_path,
)
from connector_app.cli.progress import Stopped, stoppable
from connector_app.demo import MAX_PEOPLE
from connector_app.i18n import _, format_number
from connector_app.store.workspace import Workspace

MAX_MONTHS = 120  # a sane maximum: beyond it the demo would run for hours


def _refuse(line: str) -> int:
    print(printable(line), file=sys.stderr)
    return 2


def run(args) -> int:
    from connector_app import demo as demo_data  # its word lists are large; load only when asked
    from connector_app.demo_workspace import build_demo, clean_leftovers, untouched_demo

    started = time.perf_counter()
    path = workspace_path(args)
    for folder in clean_leftovers(path):
        print(printable(_("Removed an unfinished demo workspace that an interrupted run left behind: {path}")
                        .format(path=folder)), file=sys.stderr)
    replace = False
    # A stopped demo keeps nothing: it is built aside, or written in one transaction.
    with stoppable(_("Stopped. Nothing was changed.")) as progress:
        progress.label = lambda done, total: _("Making demo data: step {done} of {total}").format(
            done=done, total=total)
        options = dict(people=args.people, months=args.months, seed=args.seed, progress=progress,
                       should_cancel=progress.should_stop)
        try:
            if Workspace(path).exists():
                with open_store(args) as (_workspace, store):
                    from connector_app.sync.team import current_team
                    if current_team(store) is not None:   # made-up records would travel to the whole team
                        return _refuse(_("{path} is in a team, so the demo's made-up records would reach every "
                                         "laptop in it. Make the demo in a new folder with --workspace.")
                                       .format(path=path))
                    if sum(repo.count() for repo in store.repositories.values()) == 0:
                        with store.atomic():  # all or nothing: a kill or a full disk leaves it empty
                            counts = demo_data.generate(store, **options)
                    elif not args.replace:
                        return _refuse(_("{path} already holds records, so the demo adds nothing to it. Choose a "
                                         "new folder with --workspace, or add --replace to rebuild a demo "
                                         "workspace.").format(path=path))
                    elif not untouched_demo(store):
                        return _refuse(_("--replace rebuilds only a demo workspace nobody has changed, and {path} "
                                         "is not one. Nothing was changed.").format(path=path))
                    else:
                        replace = True
            if replace or not Workspace(path).exists():
                workspace, counts = build_demo(path, read_new_passphrase(creating=True), replace=replace,
                                               mark=demo_data.DEMO_OWN, **options)
                try:
                    daily_backup(workspace)  # the one rule (cli/common.py), even for a workspace made just now
                finally:
                    workspace.lock()
                out(_("Created a workspace for the demo at {path} (no recovery code).").format(path=path))
        except demo_data.Cancelled:
            raise Stopped(_("Stopped. Nothing was changed.")) from None
    out(_("Demo data written in {seconds} s: {total} records.").format(
        seconds=format_number(round(time.perf_counter() - started, 1)), total=format_number(sum(counts.values()))))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("fill a workspace with realistic demo data"))
    add_workspace_option(parser)
    parser.add_argument("--people", type=bounded_int(0, MAX_PEOPLE), default=200, metavar="N",
                        help=_("how many made-up people, at most {max}").format(max=format_number(MAX_PEOPLE)))
    parser.add_argument("--months", type=bounded_int(1, MAX_MONTHS), default=6, metavar="M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replace", action="store_true",
                        help=_("rebuild a demo workspace made here before (never one anybody has changed)"))
    parser.set_defaults(run=run)
