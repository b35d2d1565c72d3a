"""connector-app sync export --out FILE [--all] | sync import FILE... | sync folder [DIR | --off] | sync scan"""

from __future__ import annotations

from pathlib import Path

from connector_app.cli.common import add_output_option, add_workspace_option, err, open_store, out, output_path
from connector_app.cli.progress import Stopped, stoppable
from connector_app.domain.records import BY_NAME
from connector_app.fileio import shown
from connector_app.i18n import _, format_number, ngettext
from connector_app.sync import files, watch
from connector_app.sync.exchange import ImportResult, export_bundle


def run_export(args) -> int:
    target = output_path(args)
    with open_store(args) as (_workspace, store), stoppable(_("Stopped. No bundle was written.")) as progress:
        progress.label = lambda done, total: _("Reading changes: {done} of {total}").format(done=done, total=total)
        result = export_bundle(store, target, everything=args.all, progress=progress)
    out(ngettext("Wrote {count} change to {path}; it is safe to remove.",
                 "Wrote {count} changes to {path}; it is safe to remove.", result.changes).format(
        count=format_number(result.changes), path=shown(target)))
    if result.withheld:
        out(ngettext("{count} change stays on this laptop: it is about someone whose consent is \"record only\".",
                     "{count} changes stay on this laptop: they are about people whose consent is \"record only\".",
                     result.withheld).format(count=format_number(result.withheld)))
    return 0


def _names(paths: list[Path]) -> dict[Path, str]:
    """Each file by its name; by its whole path only where two named files share a name."""
    names = [path.name for path in set(paths)]
    return {path: path.name if names.count(path.name) == 1 else shown(path) for path in paths}


def _refusal(item: files.FileImport) -> str:
    """Why a file was refused, as the part of a sentence its message already holds."""
    if item.outcome == files.OTHER_TEAM:
        return _("from another team, so it was left alone")
    if item.outcome == files.TOO_NEW:
        return _("made by a newer version of the app: update the app on this laptop")
    reason = item.refusal.args[-1] if item.refusal is not None and item.refusal.args else ""
    return _("it cannot be used ({reason}); nothing from this file was changed").format(
        reason=str(reason).rstrip(".\u06d4\u0964") or _("it is damaged or not a sync bundle"))


def run_import(args) -> int:
    """Each named file once, each all or nothing, each named with what happened; then the totals."""
    result = ImportResult()
    items = files.plan(args.files)
    names = _names([item.path for item in items])
    finished: list[files.FileImport] = []
    try:
        with open_store(args) as (_workspace, store), stoppable("") as progress:
            for item in items:
                name = names[item.path]
                # TRANSLATORS: a line that keeps updating on the terminal while a sync bundle is read.
                progress.label = lambda done, total, name=name: _("{file}: {done} of {total} changes").format(
                    file=name, done=done, total=total)
                progress.said = _("Stopped. {file} was not imported; the files before it were.").format(file=name)
                files.import_file(store, item, result, progress)
                finished.append(item)
    except Stopped:
        _tell(finished, names)   # what became of the files before the stop, refused ones included
        raise
    failed = _tell(items, names)
    out(ngettext("Imported {count} new change.", "Imported {count} new changes.", result.applied).format(
        count=format_number(result.applied)))
    for record_type, count in sorted(result.counts.items()):
        out(f"  {_(BY_NAME[record_type].plural_label)}: {format_number(count)}")
    if result.already_here:
        out(ngettext("{count} change was already here.", "{count} changes were already here.",
                     result.already_here).format(count=format_number(result.already_here)))
    return 1 if failed else 0


def _tell(items, names) -> int:
    """One line per file saying what became of it; returns how many were refused."""
    failed = 0
    for item in items:
        name = names[item.path]
        if item.outcome == files.IMPORTED:
            out(ngettext("{file}: imported {count} new change.", "{file}: imported {count} new changes.",
                         item.applied).format(file=name, count=format_number(item.applied)))
        elif item.outcome == files.ALREADY_HERE:
            out(_("{file}: already here, nothing new.").format(file=name))
        elif item.outcome == files.SAME_AS:
            out(_("{file}: the same bundle as {other}, so it was read only once.").format(
                file=name, other=names[item.same_as]))
        else:
            failed += 1
            err(f"{name}: {_refusal(item)}")
    return failed


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
    importing = commands.add_parser(
        "import", help=_("take in bundles from the team's other laptops"),
        epilog=_("Each file is named with what happened to it. The exit code is 1 if any file could not be "
                 "imported (each such file is named on stderr; the others are imported), else 0."))
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
