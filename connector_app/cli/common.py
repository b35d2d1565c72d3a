"""What every CLI command shares: finding the workspace, asking for secrets, opening the store."""

from __future__ import annotations

import getpass
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import platformdirs

from connector_app.errors import UserError, WrongPassphrase
from connector_app.i18n import _
from connector_app.passphrase import UnlockThrottle
from connector_app.store.store import Store
from connector_app.store.workspace import Workspace

ENV_WORKSPACE = "CONNECTOR_WORKSPACE"
ENV_PASSPHRASE = "CONNECTOR_PASSPHRASE"          # for automation; documented in the README
ENV_NEW_PASSPHRASE = "CONNECTOR_NEW_PASSPHRASE"
ENV_RECOVERY_CODE = "CONNECTOR_RECOVERY_CODE"


def default_workspace() -> Path:
    return Path(platformdirs.user_data_dir("connector-app", appauthor=False)) / "workspace"


def workspace_path(args) -> Path:
    chosen = getattr(args, "workspace", None) or os.environ.get(ENV_WORKSPACE)
    return Path(chosen).expanduser() if chosen else default_workspace()


def add_workspace_option(parser) -> None:
    parser.add_argument("--workspace", metavar="DIR",
                        help=_("workspace folder (default: ${env} or your user data folder)").format(
                            env=ENV_WORKSPACE))


def read_secret(prompt: str, env_var: str) -> str:
    value = os.environ.get(env_var)
    if value is not None:
        return value
    if not sys.stdin.isatty():
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


def unlock(workspace: Workspace, *, tries: int = 3) -> Store:
    """Unlock with the passphrase; at a terminal, allow a few tries with a growing wait."""
    interactive = ENV_PASSPHRASE not in os.environ and sys.stdin.isatty()
    throttle = UnlockThrottle()
    for attempt in range(tries if interactive else 1):
        time.sleep(throttle.wait_seconds())
        try:
            return workspace.unlock(read_secret(_("Passphrase: "), ENV_PASSPHRASE))
        except WrongPassphrase:
            throttle.failed()
            if attempt + 1 >= (tries if interactive else 1):
                raise
            print(WrongPassphrase().message(), file=sys.stderr)
    raise WrongPassphrase()


@contextmanager
def open_store(args, *, daily_backup: bool = True) -> Iterator[tuple[Workspace, Store]]:
    workspace = Workspace(workspace_path(args))
    store = unlock(workspace)
    try:
        if daily_backup:
            workspace.daily_backup()
        yield workspace, store
    finally:
        workspace.lock()


def out(text: str = "") -> None:
    print(text)
