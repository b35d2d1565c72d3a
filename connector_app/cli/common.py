"""What every CLI command shares: finding the workspace, asking for secrets, opening the store."""

from __future__ import annotations

import argparse
import getpass
import math
import os
import re
import sys
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from connector_app.errors import DiskFull, TooManyTries, UserError, WorkspaceDamaged, WrongPassphrase
from connector_app.fileio import check_output_path, os_error
from connector_app.i18n import _
from connector_app.locations import add_workspace_option, workspace_path  # noqa: F401 (shared by every command)
from connector_app.logs import log
from connector_app.passphrase import UnlockThrottle
from connector_app.store.database import is_damage, is_disk_full
from connector_app.store.store import Store
from connector_app.store.workspace import Workspace

ENV_PASSPHRASE = "CONNECTOR_PASSPHRASE"          # for automation; documented in the README
ENV_NEW_PASSPHRASE = "CONNECTOR_NEW_PASSPHRASE"
ENV_RECOVERY_CODE = "CONNECTOR_RECOVERY_CODE"


def add_output_option(parser) -> None:
    """``--out FILE`` and ``--force``: every command that writes a file the person names uses this,
    and calls ``output_path(args)`` before unlocking."""
    parser.add_argument("--out", required=True, metavar=_("FILE"), help=_("the file to write"))
    parser.add_argument("--force", action="store_true", help=_("replace FILE if it already exists"))


def output_path(args) -> Path:
    """The checked ``--out`` path (see fileio.check_output_path). Call before unlocking."""
    return check_output_path(args.out, force=args.force)


def plain_text(value: str) -> str:
    """An argparse type for ids and search text: no undecodable bytes (surrogates) or control characters.
    (Paths are left alone: a folder may really have a non-UTF-8 name.)"""
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise argparse.ArgumentTypeError(
            _("it holds bytes that are not UTF-8 text, or control characters; retype it"))
    return value


def bounded_int(low: int, high: int):
    """An argparse type for a whole number from ``low`` to ``high``: anything else is a usage error."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text)) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(_("use a number from {low} to {high}").format(low=low, high=high))
        return value
    return parse


def quiet_stdout() -> None:
    """Point stdout at the null device: later writes, and the flush at exit, go nowhere and say nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def is_terminal(stream) -> bool:
    """Whether a person can answer (stdin) or watch (stderr) there; a closed stream (``<&-``) is None."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False


def read_secret(prompt: str, env_var: str) -> str:
    value = os.environ.get(env_var)
    if value is not None:
        return value
    if not is_terminal(sys.stdin):
        raise UserError(_("No terminal to ask for it: set {env} to run without one.").format(env=env_var))
    return getpass.getpass(prompt)


def read_new_passphrase(*, creating: bool = False) -> str:
    """A new passphrase, typed twice. When creating a workspace, CONNECTOR_PASSPHRASE also serves."""
    for env_var in (ENV_NEW_PASSPHRASE, ENV_PASSPHRASE) if creating else (ENV_NEW_PASSPHRASE,):
        if env_var in os.environ:
            return os.environ[env_var]
    first = read_secret(_("New passphrase: "), ENV_NEW_PASSPHRASE)
    second = read_secret(_("The same passphrase again: "), ENV_NEW_PASSPHRASE)
    if first != second:
        raise UserError(_("The two passphrases are different; nothing was changed."))
    return first


def throttled(workspace_path: Path, attempt, *, interactive: bool):
    """Run ``attempt()`` (one try of a passphrase) under the workspace's shared back-off.

    Wrong tries are counted in the app's state folder, not in the workspace, so the
    wait holds across processes: a script cannot start a fresh process per guess.
    A script is refused at once while it must wait; a person at a terminal waits.
    """
    throttle = UnlockThrottle.for_workspace(workspace_path)
    wait = math.ceil(throttle.wait_seconds())
    if wait > 0:
        if not interactive:
            raise TooManyTries(wait)
        print(TooManyTries(wait).message(), file=sys.stderr)
        time.sleep(wait)
    try:
        result = attempt()
    except WrongPassphrase:
        throttle.failed()
        raise
    throttle.succeeded()
    return result


def unlock(workspace: Workspace, *, tries: int = 3) -> Store:
    """Unlock with the passphrase; at a terminal, allow a few tries with a growing wait."""
    interactive = ENV_PASSPHRASE not in os.environ and is_terminal(sys.stdin)
    attempts = tries if interactive else 1
    for attempt in range(attempts):
        try:
            return throttled(workspace.path,
                             lambda: workspace.unlock(read_secret(_("Passphrase: "), ENV_PASSPHRASE)),
                             interactive=interactive)
        except WrongPassphrase:
            if attempt + 1 >= attempts:
                raise
            print(WrongPassphrase().message(), file=sys.stderr)
    raise WrongPassphrase()


@contextmanager
def open_store(args) -> Iterator[tuple[Workspace, Store]]:
    """The workspace unlocked for one command, locked again after it.

    The one rule for automatic backups: a command that unlocks a writable workspace makes
    today's backup once its work is done, if none exists yet (``daily_backup``). A read-only
    or damaged workspace never gets one: nothing is written into it.
    """
    workspace = Workspace(workspace_path(args))
    store = unlock(workspace)
    try:
        yield workspace, store
        daily_backup(workspace)  # after the work: it never holds the command up, and follows an erasure
    except Exception as exc:
        if is_damage(exc):  # met by a read (list, search, digest): the same plain message as a write gets
            store.damaged = True  # write nothing more on the way out
            raise WorkspaceDamaged() from None
        raise
    finally:
        workspace.lock()


def daily_backup(workspace: Workspace) -> None:
    """Today's automatic backup, unless the workspace is read-only or was found damaged.

    A full or refusing disk is said in one line and the command goes on.
    """
    store = workspace.store
    if workspace.read_only or store is None or store.damaged or getattr(store.connection, "damaged", False):
        return
    try:
        workspace.daily_backup()
    except Exception as exc:
        if isinstance(exc, DiskFull) or is_disk_full(exc):
            # Not DiskFull's own words ("nothing was saved"): the command's work was saved.
            reason = _("The disk is full; free some space and it will be made next time.")
        elif isinstance(exc, OSError):
            reason = os_error(exc).message()
        elif isinstance(exc, UserError) and not isinstance(exc, WorkspaceDamaged):
            # Busy (another program is writing) or the like: the command's own work is done and
            # stays done; failing it now would say "nothing was changed" over a file it wrote.
            reason = exc.message()
        else:
            raise
        log.warning("daily backup not made: %s", type(exc).__name__)
        print(_("Today's automatic backup was not made. {reason}").format(reason=reason), file=sys.stderr)


# Control characters other than tab and newline: printed raw, a name or file name holding ESC or CSI
# could drive the terminal (move the cursor, retitle the window, hide the lines above).
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print: bytes that were not UTF-8 (surrogates) and terminal controls become \ufffd."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _TERMINAL_CONTROLS.sub("\ufffd", text)


def out(text: str = "") -> None:
    """One line on stdout. A closed pipe (``| head``) silences the rest instead of failing."""
    text = printable(text)
    try:
        print(text)
    except BrokenPipeError:
        quiet_stdout()
    except UnicodeEncodeError:  # a terminal that cannot show every character (or a non-UTF-8 path)
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        print(text.encode(encoding, "replace").decode(encoding))


def err(line: str) -> None:
    """One line on stderr, always one: a name holding a line break is shown with it written as \\n."""
    print(printable(line.replace("\r", "\\r").replace("\n", "\\n")), file=sys.stderr)
