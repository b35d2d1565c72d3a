"""connector-app check: integrity of the encrypted file, counts, backups, and the content digest."""

from __future__ import annotations

import json

from connector_app.cli.common import add_workspace_option, open_store, out
from connector_app.cli.progress import stoppable
from connector_app.domain.records import BY_NAME
from connector_app.i18n import _, format_number, ngettext
from connector_app.store.backup import automatic_backups, total_size
from connector_app.store.integrity import check_store
from connector_app.sync.exchange import shared_digest
from connector_app.sync.team import current_team


def _size(n: int) -> str:
    for unit, scale in ((_("GB"), 1024 ** 3), (_("MB"), 1024 ** 2), (_("KB"), 1024)):
        if n >= scale:
            return f"{format_number(round(n / scale, 1))} {unit}"
    return ngettext("{count} byte", "{count} bytes", n).format(count=format_number(n))


def run(args) -> int:
    with open_store(args) as (workspace, store), stoppable(_("Stopped.")) as progress:
        progress.label = lambda done, total: _("Checking: step {done} of {total}").format(done=done, total=total)
        report = check_store(store, workspace.db_path, progress=progress)
        if report["problems"]:
            store.damaged = True  # so the daily backup and the lock write nothing into it
        backups = automatic_backups(workspace.backup_dir)
        report["backups"] = {"count": len(backups), "bytes": total_size(workspace.backup_dir)}
        if report["problems"] == 0 and current_team(store) is not None:
            report["shared_digest"] = shared_digest(store)
    if args.json:
        out(json.dumps(report, indent=2))
        return 0 if report["problems"] == 0 else 1

    def verdict(ok: bool) -> str:
        return _("ok") if ok else _("PROBLEMS FOUND")
    out(_("Encryption (page authentication): {verdict}").format(verdict=verdict(report["cipher_ok"])))
    out(_("Database structure: {verdict}").format(verdict=verdict(report["sqlite_ok"])))
    out(_("Write-ahead log: {verdict}").format(verdict=verdict(report["log_ok"])))
    out(_("Links between records: {verdict}").format(verdict=verdict(report["foreign_keys_ok"])))
    if report["problems"]:
        out(_("This workspace is damaged; restore from a backup. The damaged files have not been changed."))
        return 1
    for record_type, count in report["counts"].items():
        out(f"  {_(BY_NAME[record_type].plural_label):<28} {format_number(count):>10}")
    out(_("Changes logged: {count}").format(count=report["changes"]))
    out(ngettext("Automatic backups: {count}, {size} in all", "Automatic backups: {count}, {size} in all",
                 report["backups"]["count"]).format(count=report["backups"]["count"],
                                                    size=_size(report["backups"]["bytes"])))
    out(_("Content digest: {digest}").format(digest=report["digest"]))
    if "shared_digest" in report:
        # TRANSLATORS: the figure two laptops of one team compare to see they are in step.
        out(_("Shared with the team: {digest}").format(digest=report["shared_digest"]))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help=_("check integrity, count records, print the content digest"))
    add_workspace_option(parser)
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.set_defaults(run=run)
