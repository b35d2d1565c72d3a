"""connector-app demo --people N --months M: fill a workspace with realistic demo data."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from connector_app.cli.common import (
    add_workspace_option, bounded_int, open_store, out, read_new_passphrase, workspace_path,
)
from connector_app.cli.progress import Stopped, stoppable
from connector_app.errors import DiskFull, DiskFullPartly
from connector_app.i18n import _, format_number, ngettext
from connector_app.store.workspace import Workspace

# Sane maxima: beyond them the demo would run for hours or until memory is gone.
MAX_PEOPLE = 100_000
MAX_MONTHS = 120


def _record_count(store) -> int:
    return sum(repo.count() for repo in store.repositories.values())


@contextmanager
def _workspace_for_demo(args) -> Iterator[tuple[Workspace, object]]:
    """The workspace to fill: made now (and kept open) where there is none, else unlocked."""
    path = workspace_path(args)
    if Workspace(path).exists():
        with open_store(args, daily_backup=False) as opened:
            yield opened
        return
    workspace, _code = Workspace.create(path, read_new_passphrase(creating=True), with_recovery_code=False)
    out(_("Created a workspace for the demo at {path} (no recovery code).").format(path=workspace.path))
    try:
        yield workspace, workspace.store
    finally:
        workspace.lock()


def run(args) -> int:
    from connector_app import demo as demo_data  # its word lists are large; load only when asked

    started = time.perf_counter()
    with _workspace_for_demo(args) as (_workspace, store), stoppable("") as progress:
        progress.label = lambda done, total: _("Making demo data: step {done} of {total}").format(
            done=done, total=total)
        before = _record_count(store)
        try:
            counts = demo_data.generate(store, people=args.people, months=args.months, seed=args.seed,
                                        progress=progress, should_cancel=progress.should_stop)
        except (demo_data.Cancelled, Stopped):
            # Each batch is committed whole: say how many records stay.
            kept = _record_count(store) - before
            raise Stopped(ngettext("Stopped. {count} demo record made so far stays in the workspace.",
                                   "Stopped. {count} demo records made so far stay in the workspace.", kept)
                          .format(count=format_number(kept))) from None
        except DiskFull:
            # The demo commits in batches: what was committed before the disk filled stays. Say how much.
            kept = _record_count(store) - before
            if kept:
                raise DiskFullPartly(kept) from None
            raise
    out(_("Demo data written in {seconds} s: {total} records.").format(
        seconds=format_number(round(time.perf_counter() - started, 1)), total=format_number(sum(counts.values()))))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("fill a workspace with realistic demo data"))
    add_workspace_option(parser)
    parser.add_argument("--people", type=bounded_int(0, MAX_PEOPLE), default=200, metavar="N")
    parser.add_argument("--months", type=bounded_int(1, MAX_MONTHS), default=6, metavar="M")
    parser.add_argument("--seed", type=int, default=1)
    parser.set_defaults(run=run)
