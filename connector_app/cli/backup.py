"""connector-app backup --out FILE | restore FILE --to DIR."""

from __future__ import annotations

import os
from pathlib import Path

from connector_app.cli.common import (
    ENV_PASSPHRASE, ENV_RECOVERY_CODE, add_workspace_option, open_store, out, read_secret,
)
from connector_app.i18n import _
from connector_app.store.workspace import Workspace


def run_backup(args) -> int:
    with open_store(args, daily_backup=False) as (workspace, _store):
        workspace.backup(Path(args.out))
    out(_("Backup written to {path}. It opens with the passphrase in use today.").format(path=args.out))
    return 0


def run_restore(args) -> int:
    # The recovery code when asked for, or when automation provides only a code.
    code_only = ENV_RECOVERY_CODE in os.environ and ENV_PASSPHRASE not in os.environ
    if args.recovery_code or code_only:
        code = read_secret(_("Recovery code: "), ENV_RECOVERY_CODE)
        Workspace.restore(args.file, args.to, recovery_code=code)
    else:
        Workspace.restore(args.file, args.to, passphrase=read_secret(_("Passphrase: "), ENV_PASSPHRASE))
    out(_("Restored into {path}.").format(path=args.to))
    return 0


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help=_("write an encrypted backup of the workspace"))
    add_workspace_option(backup)
    backup.add_argument("--out", required=True, metavar=_("FILE"))
    backup.set_defaults(run=run_backup)

    restore = subparsers.add_parser("restore", help=_("restore a backup into a new folder"))
    restore.add_argument("file", metavar=_("FILE"))
    restore.add_argument("--to", required=True, metavar=_("DIR"))
    restore.add_argument("--recovery-code", action="store_true",
                         help=_("open the backup with its recovery code instead of the passphrase"))
    restore.set_defaults(run=run_restore)
