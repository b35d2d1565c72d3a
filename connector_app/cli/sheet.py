"""connector-app sheet talent (--blank [--copies N] | --person ID) --out FILE [--lang L]."""

from __future__ import annotations

from connector_app.cli.common import add_workspace_option, bounded_int, open_store, out
from connector_app.cli.documents import add_language_option, document_language
from connector_app.fileio import check_output_path
from connector_app.i18n import _, current_translator, ngettext

MAX_COPIES = 500


def run_talent(args) -> int:
    from connector_app.reports.pdf import write
    from connector_app.reports.sheets import blank_sheets_pdf, person_sheet, person_sheet_pdf, sheet_language
    check_output_path(args.out, force=args.force)  # before unlocking: a bad path costs nothing
    if args.blank:
        data, ids = blank_sheets_pdf(document_language(args.lang), copies=args.copies)
        write(args.out, data, force=args.force)
        out(ngettext("Wrote {count} blank sheet to {path}: {ids}", "Wrote {count} blank sheets to {path}: {ids}",
                     len(ids)).format(count=len(ids), path=args.out, ids=", ".join(ids)))
        return 0
    with open_store(args) as (_workspace, store):
        sheet = person_sheet(store, args.person, include_what_matters=args.include_what_matters)
    language = sheet_language(sheet, args.lang, current_translator().code)
    data = person_sheet_pdf(sheet, document_language(language))
    write(args.out, data, force=args.force)
    out(_("Wrote the sheet to {path}. It holds personal details: print it, hand it over, and delete the file.")
        .format(path=args.out))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("sheet", help=_("printable sheets"))
    commands = parser.add_subparsers(dest="sheet_command", metavar=_("SHEET"), required=True)
    talent = commands.add_parser("talent", help=_("talent-spotting sheets: blank ones, or a person's own"))
    add_workspace_option(talent)
    which = talent.add_mutually_exclusive_group(required=True)
    which.add_argument("--blank", action="store_true", help=_("blank sheets to fill in on paper"))
    which.add_argument("--person", metavar="ID", help=_("a person's own sheet, for them to keep"))
    talent.add_argument("--copies", type=bounded_int(1, MAX_COPIES), default=1, metavar="N", help=_("how many blank sheets"))
    talent.add_argument("--include-what-matters", action="store_true",
                        help=_("also print what matters to them (sheets are printed in shared places)"))
    talent.add_argument("--out", required=True, metavar=_("FILE"))
    add_language_option(talent, _("language (default: the person's, else the app's)"))
    talent.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    talent.set_defaults(run=run_talent)
