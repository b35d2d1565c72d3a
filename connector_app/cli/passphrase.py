"""connector-app passphrase change [--recovery-code]."""

from __future__ import annotations

from connector_app.cli.common import (
    ENV_PASSPHRASE, ENV_RECOVERY_CODE, add_workspace_option, out, read_new_passphrase, read_secret, throttled,
    workspace_path,
)
from connector_app.i18n import _
from connector_app.store.workspace import Workspace


def run_change(args) -> int:
    workspace = Workspace(workspace_path(args))
    if args.recovery_code:
        code = read_secret(_("Recovery code: "), ENV_RECOVERY_CODE)
        workspace.reset_passphrase_with_recovery_code(code, read_new_passphrase())
    else:
        old = read_secret(_("Current passphrase: "), ENV_PASSPHRASE)
        new = read_new_passphrase()
        # The current passphrase is a guess like any other: the same shared back-off as unlocking.
        throttled(workspace.path, lambda: workspace.change_passphrase(old, new), interactive=False)
    out(_("Passphrase changed. The old one no longer opens this workspace; backups made before keep the old one."))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("passphrase", help=_("change the passphrase"))
    commands = parser.add_subparsers(dest="passphrase_command", metavar=_("ACTION"), required=True)
    change = commands.add_parser("change", help=_("set a new passphrase"))
    add_workspace_option(change)
    change.add_argument("--recovery-code", action="store_true",
                        help=_("use the recovery code instead of the current passphrase"))
    change.set_defaults(run=run_change)
