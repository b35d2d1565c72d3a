"""connector-app backup --out FILE | restore FILE --to DIR."""

from __future__ import annotations

import os
import stat

from connector_app.cli.common import (
    ENV_PASSPHRASE, ENV_RECOVERY_CODE, add_output_option, add_workspace_option, open_store, out, output_path,
    read_secret,
)
from connector_app.cli.progress import stoppable
from connector_app.errors import BackupInvalid
from connector_app.fileio import os_error, shown
from connector_app.i18n import _
from connector_app.store.workspace import Workspace


def run_backup(args) -> int:
    target = output_path(args)
    with open_store(args) as (workspace, _store), \
            stoppable(_("Stopped. No backup was written.")) as progress:
        progress.label = lambda done, total: _("Writing the backup: step {done} of {total}").format(
            done=done, total=total)
        workspace.backup(target, progress=progress)
    out(_("Backup written to {path}. It opens with the passphrase in use today.").format(path=shown(target)))
    return 0


def _require_backup_file(path: str) -> None:
    """Only a regular file can be a backup: a pipe would hang the reader, a device never ends."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise BackupInvalid(_("the file does not exist")) from None
    except OSError as exc:
        raise os_error(exc, path) from None
    if not stat.S_ISREG(mode):
        raise BackupInvalid(_("it is not an ordinary file"))


def run_restore(args) -> int:
    _require_backup_file(args.file)
    # The recovery code when asked for, or when automation provides only a code.
    code_only = ENV_RECOVERY_CODE in os.environ and ENV_PASSPHRASE not in os.environ
    if args.recovery_code or code_only:
        code = read_secret(_("Recovery code: "), ENV_RECOVERY_CODE)
        Workspace.restore(args.file, args.to, recovery_code=code)
    else:
        Workspace.restore(args.file, args.to, passphrase=read_secret(_("Passphrase: "), ENV_PASSPHRASE))
    out(_("Restored into {path}.").format(path=shown(args.to)))
    return 0


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help=_("write an encrypted backup of the workspace"))
    add_workspace_option(backup)
    add_output_option(backup)
    backup.set_defaults(run=run_backup)

    restore = subparsers.add_parser("restore", help=_("restore a backup into a new folder"))
    restore.add_argument("file", metavar=_("FILE"))
    restore.add_argument("--to", required=True, metavar=_("DIR"))
    restore.add_argument("--recovery-code", action="store_true",
                         help=_("open the backup with its recovery code instead of the passphrase"))
    restore.set_defaults(run=run_restore)
