"""connector-app init: create a workspace and show its recovery code once."""

from __future__ import annotations

from connector_app.cli.common import add_workspace_option, out, read_new_passphrase, workspace_path
from connector_app.i18n import _
from connector_app.store.workspace import Workspace


def create_workspace(path, passphrase: str, *, recovery: bool = True) -> tuple[Workspace, str | None]:
    workspace, code = Workspace.create(path, passphrase, with_recovery_code=recovery)
    workspace.lock()
    return workspace, code


def run(args) -> int:
    path = workspace_path(args)
    workspace, code = create_workspace(path, read_new_passphrase(creating=True), recovery=not args.no_recovery_code)
    out(_("Created an encrypted workspace at {path}.").format(path=workspace.path))
    if code:
        out(_("Recovery code (shown only now; write it down and keep it somewhere safe, away from this laptop):"))
        out(f"    {code}")
        out(_("It opens the workspace if the passphrase is forgotten."))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("init", help=_("create a workspace"))
    add_workspace_option(parser)
    parser.add_argument("--no-recovery-code", action="store_true",
                        help=_("do not make a recovery code (a forgotten passphrase then loses everything)"))
    parser.set_defaults(run=run)
