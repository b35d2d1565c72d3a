"""connector-app sync export --out FILE [--all] | sync import FILE... | sync folder [DIR | --off] | sync scan"""

from __future__ import annotations

from connector_app.cli.common import add_output_option, add_workspace_option, open_store, out, output_path
from connector_app.domain.records import BY_NAME
from connector_app.fileio import shown
from connector_app.i18n import _, format_number, ngettext
from connector_app.sync import watch
from connector_app.sync.exchange import ImportResult, export_bundle, import_bundle


def run_export(args) -> int:
    target = output_path(args)
    with open_store(args) as (_workspace, store):
        result = export_bundle(store, target, everything=args.all)
    out(ngettext("Wrote {count} change to {path}; it is safe to remove.",
                 "Wrote {count} changes to {path}; it is safe to remove.", result.changes).format(
        count=format_number(result.changes), path=shown(target)))
    if result.withheld:
        out(ngettext("{count} change stays on this laptop: it is about someone whose consent is \"record only\".",
                     "{count} changes stay on this laptop: they are about people whose consent is \"record only\".",
                     result.withheld).format(count=format_number(result.withheld)))
    return 0


def run_import(args) -> int:
    result = ImportResult()
    with open_store(args) as (_workspace, store):
        for path in args.files:
            import_bundle(store, path, result)
    out(ngettext("Imported {count} new change.", "Imported {count} new changes.", result.applied).format(
        count=format_number(result.applied)))
    for record_type, count in sorted(result.counts.items()):
        out(f"  {_(BY_NAME[record_type].plural_label)}: {format_number(count)}")
    if result.already_here:
        out(ngettext("{count} change was already here.", "{count} changes were already here.",
                     result.already_here).format(count=format_number(result.already_here)))
    return 0


def run_folder(args) -> int:
    with open_store(args) as (_workspace, store):
        if args.off or args.folder:
            watch.set_folder(store, None if args.off else args.folder)
        chosen = watch.folder(store)
    out(_("Sync folder: {path}").format(path=shown(chosen)) if chosen else _("No sync folder is set."))
    return 0


def run_scan(args) -> int:
    """Import new bundles from the sync folder, then write this laptop's own there."""
    with open_store(args) as (_workspace, store):
        if watch.folder(store) is None:
            out(_("No sync folder is set: choose one with: connector-app sync folder DIR"))
            return 1
        report = watch.scan(store)
        written = watch.write_own(store)
    out(ngettext("Imported {count} new change from the sync folder.",
                 "Imported {count} new changes from the sync folder.", report.imported.applied).format(
        count=format_number(report.imported.applied)))
    for item in report.files:
        out("  " + watch.status_text(item))
    out(_("Wrote this laptop's bundle to {path}.").format(path=shown(written.path)))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("sync", help=_("exchange sync bundles with the team's other laptops"))
    commands = parser.add_subparsers(dest="sync_command", metavar=_("ACTION"), required=True)
    export = commands.add_parser("export", help=_("write a bundle of the changes the team may not have yet"))
    add_workspace_option(export)
    add_output_option(export)
    export.add_argument("--all", action="store_true",
                        help=_("every change this laptop holds (for a laptop joining the team)"))
    export.set_defaults(run=run_export)
    importing = commands.add_parser("import", help=_("take in bundles from the team's other laptops"))
    add_workspace_option(importing)
    importing.add_argument("files", nargs="+", metavar=_("FILE"))
    importing.set_defaults(run=run_import)
    folder = commands.add_parser("folder", help=_("show or choose the shared sync folder (Syncthing, a shared drive)"))
    add_workspace_option(folder)
    folder.add_argument("folder", nargs="?", metavar=_("DIR"))
    folder.add_argument("--off", action="store_true", help=_("stop using a sync folder"))
    folder.set_defaults(run=run_folder)
    scan = commands.add_parser("scan", help=_("import new bundles from the sync folder and write this laptop's"))
    add_workspace_option(scan)
    scan.set_defaults(run=run_scan)
