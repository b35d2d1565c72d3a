"""connector-app report monthly --month YYYY-MM [--staff ID] --format pdf|csv --out FILE [--lang L] [--no-suppress]."""

from __future__ import annotations

import argparse

import re
from pathlib import Path
from datetime import date

from connector_app.cli.common import add_workspace_option, open_store, out
from connector_app.cli.documents import add_language_option, document_language
from connector_app.errors import UserError
from connector_app.fileio import check_output_path
from connector_app.i18n import _


def parse_month(text: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError(_("A month looks like 2026-03 (year, then month)."))
    # The summary compares with the three months before and ends at the month's end:
    # years far outside any record (0001, 9999) would run off the calendar.
    if not 1900 <= int(match.group(1)) <= 2999:
        raise UserError(_("Choose a month between 1900 and 2999."))
    return date(int(match.group(1)), int(match.group(2)), 1)


def month_option(text: str) -> date:
    """An argparse type: a month that is not one is wrong usage (exit 2), like any other bad option."""
    try:
        return parse_month(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.message()) from None


def run_monthly(args) -> int:
    from connector_app.reports.monthly import monthly_report
    from connector_app.reports.pdf import write
    check_output_path(args.out, force=args.force)  # before unlocking: a bad path costs nothing
    month = args.month
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if args.format is None:
        args.format = suffix if suffix in ("pdf", "csv") else "pdf"
    elif suffix in ("pdf", "csv") and suffix != args.format:
        raise UserError(_("The file name ends in .{suffix} but the format asked for is {format}: "
                          "change one of them.").format(suffix=suffix, format=args.format))
    translator = document_language(args.lang)
    with open_store(args) as (_workspace, store):
        if args.staff:
            store.staff.get(args.staff)  # a clear message for an unknown id
        data = monthly_report(store, month, staff_id=args.staff, fmt=args.format, translator=translator,
                              suppress=not args.no_suppress)
    write(args.out, data, force=args.force)
    copy = _("internal copy, small numbers shown") if args.no_suppress else _("small numbers suppressed")
    out(_("Wrote the summary for {month} to {path} ({copy}).").format(
        month=translator.format_month(month), path=args.out, copy=copy))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help=_("monthly activity summaries"))
    commands = parser.add_subparsers(dest="report_command", metavar=_("REPORT"), required=True)
    monthly = commands.add_parser("monthly", help=_("the monthly activity summary, as PDF or CSV"))
    add_workspace_option(monthly)
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", type=month_option)
    monthly.add_argument("--staff", metavar="ID", help=_("one staff member's work (default: the whole team)"))
    monthly.add_argument("--format", choices=("pdf", "csv"), default=None,
                         help=_("pdf or csv (default: from the file name's ending, else pdf)"))
    monthly.add_argument("--out", required=True, metavar=_("FILE"))
    add_language_option(monthly, _("language of the document (default: the app's)"))
    monthly.add_argument("--no-suppress", action="store_true",
                         help=_("an internal copy: show counts of people below 5 and staff names"))
    monthly.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    monthly.set_defaults(run=run_monthly)
