"""Where a workspace lives: the folder named by ``--workspace``, ``CONNECTOR_WORKSPACE`` or the default.

Kept apart from the CLI and the store (and light: no store, no CLI) so the
desktop can find and name the workspace before it loads either of them.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

from connector_app.i18n import _

ENV_WORKSPACE = "CONNECTOR_WORKSPACE"
DB_NAME, KEYS_NAME, BACKUP_DIR = "records.db", "keys.json", "backups"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("connector-app", appauthor=False))


def default_workspace() -> Path:
    return user_data_dir() / "workspace"


def workspace_path(args) -> Path:
    chosen = getattr(args, "workspace", None) or os.environ.get(ENV_WORKSPACE)
    return Path(chosen).expanduser() if chosen else default_workspace()


def non_empty(value: str) -> str:
    """An argparse type for a path: ``--workspace "$UNSET"`` must not quietly mean the default workspace."""
    if not value.strip():
        raise argparse.ArgumentTypeError(_("give a folder; it is empty"))
    return value


def add_workspace_option(parser) -> None:
    """``--workspace DIR``: every command, and the desktop app, take it."""
    parser.add_argument("--workspace", metavar="DIR", type=non_empty,
                        help=_("workspace folder (default: ${env} or your user data folder)").format(
                            env=ENV_WORKSPACE))


def workspace_exists(path: Path | str) -> bool:
    """A workspace (or what is left of one) is there: never offer to create over it."""
    path = Path(path)
    return (path / KEYS_NAME).exists() or (path / DB_NAME).exists()
