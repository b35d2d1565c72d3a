"""connector-app person list | export | erase."""

from __future__ import annotations

import json
import sys

from connector_app.cli.common import add_workspace_option, open_store, out
from connector_app.errors import UserError
from connector_app.fileio import atomic_write_bytes
from connector_app.i18n import _, ngettext
from connector_app.store.subject_access import erase_person, export_person


def list_people(store, search: str | None = None, limit: int | None = None) -> list[dict]:
    if search:
        hits = store.search(search, record_types=("person",), limit=limit or 200)
        people = [store.people.get(hit.record_id) for hit in hits]
    else:
        people = list(store.people.iter_all())
        people.sort(key=lambda p: p.display_name.casefold())
        people = people[:limit] if limit else people
    return [{"id": p.id, "name": p.display_name, "languages": list(p.languages), "area": p.area or ""}
            for p in people]


def run_list(args) -> int:
    with open_store(args) as (_workspace, store):
        people = list_people(store, args.search)
    if args.json:
        out(json.dumps(people, ensure_ascii=False, indent=2))
    else:
        for person in people:
            out(f"{person['id']}  {person['name']}  {', '.join(person['languages'])}  {person['area']}")
        out(ngettext("{count} person", "{count} people", len(people)).format(count=len(people)))
    return 0


def run_export(args) -> int:
    pdf = None
    with open_store(args) as (_workspace, store):
        data = export_person(store, args.id)
        if args.pdf:
            from connector_app.cli.report import translator_from
            from connector_app.reports.subject_access_pdf import referenced_names, subject_access_pdf
            pdf = subject_access_pdf(data, referenced_names(store, data), translator_from(args.lang))
    atomic_write_bytes(args.out, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    out(ngettext("Wrote {count} record to {path}.", "Wrote {count} records to {path}.",
                 len(data["records"])).format(count=len(data["records"]), path=args.out))
    if pdf is not None:
        from connector_app.reports.pdf import write
        write(args.pdf, pdf, force=args.force)
        out(_("Wrote the readable copy to {path}.").format(path=args.pdf))
    return 0


def run_erase(args) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(_("Erasure cannot be undone: add --yes to confirm."))
        answer = input(_("Erase this person and everything about them, on every laptop it syncs to? "
                         "Type ERASE to confirm: "))
        if answer.strip() != "ERASE":
            raise UserError(_("Not erased."))
    with open_store(args) as (_workspace, store):
        erased = erase_person(store, args.id)
    total = sum(erased.values())
    out(ngettext("Erased {count} record.", "Erased {count} records.", total).format(count=total))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("person", help=_("list, export or erase people"))
    commands = parser.add_subparsers(dest="person_command", metavar=_("ACTION"), required=True)

    listing = commands.add_parser("list", help=_("list people"))
    add_workspace_option(listing)
    listing.add_argument("--search", metavar=_("TEXT"), help=_("only people whose name or area matches"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(run=run_list)

    export = commands.add_parser("export", help=_("everything held about one person (subject access), as JSON"))
    add_workspace_option(export)
    export.add_argument("id")
    export.add_argument("--out", required=True, metavar=_("FILE"))
    export.add_argument("--pdf", metavar=_("FILE"), help=_("also write a readable PDF copy for the person"))
    export.add_argument("--lang", metavar="L", help=_("language of the PDF (default: the app's)"))
    export.add_argument("--force", action="store_true", help=_("replace the PDF if it exists"))
    export.set_defaults(run=run_export)

    erase = commands.add_parser("erase", help=_("erase a person and everything about them"))
    add_workspace_option(erase)
    erase.add_argument("id")
    erase.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    erase.set_defaults(run=run_erase)
