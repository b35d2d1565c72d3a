"""connector-app person list | export | erase."""

from __future__ import annotations

import json
import sys

from connector_app.cli.common import (
    add_output_option, add_workspace_option, is_terminal, open_store, out, output_path, plain_text,
)
from connector_app.cli.documents import add_language_option, document_language
from connector_app.errors import UserError
from connector_app.fileio import check_output_path, shown
from connector_app.i18n import _, format_list, language_name, ngettext
from connector_app.store.queries import PeopleFilter
from connector_app.reports.subject_access_copy import write_copy
from connector_app.store.subject_access import erase_person


def list_people(store, search: str | None = None, limit: int | None = None) -> list[dict]:
    """By name (sorted and searched in SQL, page by page: connector_app/store/queries.py)."""
    wanted = PeopleFilter(search=search or "")
    people, after = [], None
    while limit is None or len(people) < limit:
        page = store.queries.people_page(wanted, after=after, limit=min(1000, limit - len(people)) if limit else 1000)
        people.extend(page.rows)
        if page.is_last:
            break
        after = page.after
    return [{"id": p.id, "name": p.name, "languages": list(p.languages), "area": p.area} for p in people]


def run_list(args) -> int:
    with open_store(args) as (_workspace, store):
        people = list_people(store, args.search)
    if args.json:
        out(json.dumps(people, ensure_ascii=False, indent=2))
    else:
        for person in people:
            # Read by people: languages by name ("Polish and English"); --json keeps the stored codes.
            spoken = format_list([language_name(code) for code in person["languages"]])
            out(f"{person['id']}  {person['name']}  {spoken}  {person['area'] or ''}")
        out(ngettext("{count} person", "{count} people", len(people)).format(count=len(people)))
    return 0


def run_export(args) -> int:
    target = output_path(args)  # refused before unlocking: a bad path costs nothing and writes nothing
    pdf_target = check_output_path(args.pdf, force=args.force) if args.pdf else None
    translator = None
    if pdf_target is not None:
        translator = document_language(args.lang)
    with open_store(args) as (_workspace, store):
        data = write_copy(store, args.id, target, pdf_target, translator, force=args.force)
    out(ngettext("Wrote {count} record to {path}.", "Wrote {count} records to {path}.",
                 len(data["records"])).format(count=len(data["records"]), path=shown(target)))
    if pdf_target is not None:
        out(_("Wrote the readable copy to {path}.").format(path=shown(pdf_target)))
    return 0


def run_erase(args) -> int:
    from connector_app.store.mentions import find_mentions
    from connector_app.store.search import MATCH_END, MATCH_START
    if not args.yes and not is_terminal(sys.stdin):
        raise UserError(_("Erasure cannot be undone: add --yes to confirm."))
    with open_store(args) as (_workspace, store):
        store.people.get(args.id)
        mentions = find_mentions(store, args.id)
        if mentions:
            out(ngettext("{count} other record mentions this person by name:",
                         "{count} other records mention this person by name:", len(mentions)).format(
                count=len(mentions)))
            for mention in mentions:
                label = _(store.repositories[mention.record_type].record_class.label)
                snippet = mention.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")
                out(f"  {label} {mention.record_id} ({mention.field}): {snippet}")
            if args.redact_mentions:
                out(_("The name will be replaced with \"[name removed]\" in each of them."))
            else:
                out(_("They will be kept as they are; add --redact-mentions to remove the name from them."))
        if not args.yes:
            answer = input(_("Erase this person and everything about them, on every laptop it syncs to? "
                             "Type ERASE to confirm: "))
            if answer.strip() != "ERASE":
                raise UserError(_("Not erased."))
        erased = erase_person(store, args.id, redact=mentions if args.redact_mentions else ())
    total = sum(erased.values())
    out(ngettext("Erased {count} record.", "Erased {count} records.", total).format(count=total))
    if args.redact_mentions and mentions:
        out(ngettext("Removed the name from {count} other record.", "Removed the name from {count} other records.",
                     len(mentions)).format(count=len(mentions)))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("person", help=_("list, export or erase people"))
    commands = parser.add_subparsers(dest="person_command", metavar=_("ACTION"), required=True)

    listing = commands.add_parser("list", help=_("list people"))
    add_workspace_option(listing)
    listing.add_argument("--search", metavar=_("TEXT"), type=plain_text,
                         help=_("only people whose name or area matches"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(run=run_list)

    export = commands.add_parser("export", help=_("everything held about one person (subject access), as JSON"))
    add_workspace_option(export)
    export.add_argument("id", type=plain_text)
    add_output_option(export)
    export.add_argument("--pdf", metavar=_("FILE"), help=_("also write a readable PDF copy for the person"))
    add_language_option(export, _("language of the PDF (default: the app's)"))
    export.set_defaults(run=run_export)

    erase = commands.add_parser("erase", help=_("erase a person and everything about them"))
    add_workspace_option(erase)
    erase.add_argument("id", type=plain_text)
    erase.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    erase.add_argument("--redact-mentions", action="store_true",
                       help=_("also remove the person's name from other records that mention it"))
    erase.set_defaults(run=run_erase)
