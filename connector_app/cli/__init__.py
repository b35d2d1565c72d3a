"""``connector-app``: the headless command line (the desktop app starts from ui.launcher).

Each command lives in its own module as a function that does the work plus a
``register(subparsers)`` that declares its options. Exit codes: 0 success,
1 a problem the user can act on (one plain line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import sys

from connector_app import __version__
from connector_app.cli import backup, check, demo, init, passphrase, person, report, sheet
from connector_app.errors import UserError
from connector_app.i18n import _, choose_language, set_language
from connector_app.logs import log_unexpected, setup_logging

COMMANDS = (init, demo, check, person, report, sheet, passphrase, backup)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connector-app",
        description=_("Encrypted records for community connectors. With no command, starts the desktop app."),
    )
    parser.add_argument("--version", action="version", version=f"connector-app {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(choose_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    setup_logging()
    try:
        return args.run(args) or 0
    except UserError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, log where, never print record text
        log_unexpected(exc)
        print(_("Something unexpected went wrong ({kind}). Nothing more was changed; the log has details.").format(
            kind=type(exc).__name__), file=sys.stderr)
        return 1
