"""``connector-app``: the headless command line (the desktop app starts from ui.launcher).

Each command lives in its own module as a function that does the work plus a
``register(subparsers)`` that declares its options. Exit codes: 0 success,
1 a problem the user can act on (one plain line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import sys

from connector_app import __version__
from connector_app.cli import backup, check, demo, init, passphrase, person, report, sheet, sync, team
from connector_app.cli.common import err, quiet_stdout
from connector_app.errors import DiskFull, UserError
from connector_app.fileio import os_error
from connector_app.i18n import _, choose_language, set_language
from connector_app.logs import log_unexpected, setup_logging
from connector_app.store.database import is_disk_full

COMMANDS = (init, demo, check, person, report, sheet, passphrase, backup, team, sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connector-app",
        description=_("Encrypted records for community connectors. With no command, starts the desktop app."),
        epilog=_("Exit codes: 0 done; 1 a problem, said in one line on stderr; 2 wrong usage. Long commands "
                 "show their progress when run at a terminal, and Ctrl+C stops them without leaving anything "
                 "half-written."),
    )
    parser.add_argument("--version", action="version", version=f"connector-app {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        return _run(argv)
    except BrokenPipeError:
        # Whoever read our output stopped reading (``check | head``): a normal end, not an error.
        quiet_stdout()
        return 1
    finally:
        _flush_stdout()


def _run(argv: list[str]) -> int:
    set_language(choose_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    setup_logging()  # never raises: without a usable log folder the app runs without a log file
    try:
        return args.run(args) or 0
    except UserError as exc:
        return _fail(exc.message())
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a prompt
        return _fail(_("Stopped."))
    except BrokenPipeError:
        raise
    except OSError as exc:  # a file the person named, or the disk, refused: say which and why
        if is_disk_full(exc):
            return _fail(DiskFull().message())
        return _fail(os_error(exc).message())
    except Exception as exc:  # a bug: say so plainly, log where, never print record text
        if is_disk_full(exc):
            return _fail(DiskFull().message())
        log_unexpected(exc)
        return _fail(_("Something unexpected went wrong ({kind}). Nothing more was changed; the log has details.")
                     .format(kind=type(exc).__name__))


def _fail(line: str) -> int:
    err(line)
    return 1


def _flush_stdout() -> None:
    """Flush now, so nothing is left for the interpreter to fail on at exit (it would print a traceback)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except (OSError, ValueError, AttributeError):  # AttributeError: stdout was closed at start (None)
        pass
