"""``connector-app``: the headless command line (the desktop app starts from ui.launcher).

Each command lives in its own module as a function that does the work plus a
``register(subparsers)`` that declares its options. Exit codes: 0 success,
1 a problem the user can act on (one plain line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys

from connector_app import __version__
from connector_app.cli import backup, check, demo, init, passphrase, person
from connector_app.errors import UserError
from connector_app.i18n import _, available_languages, set_language
from connector_app.logs import log_unexpected, setup_logging

COMMANDS = (init, demo, check, person, passphrase, backup)


def _choose_language() -> None:
    """The CLI speaks the first language from the environment that has a catalogue."""
    wanted = os.environ.get("CONNECTOR_LANG") or os.environ.get("LANGUAGE") or os.environ.get("LANG") or ""
    have = available_languages()
    for code in (part.split(".")[0] for part in wanted.split(":") if part):
        for candidate in (code, code.split("_")[0]):
            if candidate in have:
                set_language(candidate)
                return


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
    _choose_language()
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
