"""The ``connector-app`` entry point: no command starts the desktop, a command runs headless.

Kept free of Qt imports so the headless commands start fast and work on a
machine without a display.
"""

from __future__ import annotations

import sys


def _only_desktop_options(argv: list[str]) -> bool:
    """True for ``[]``, ``--workspace DIR`` or ``--workspace=DIR``: the desktop app's own options."""
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head == "--workspace" and rest:
            rest.pop(0)
        elif not head.startswith("--workspace="):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["screenshots"]:  # a desktop command: it needs Qt, which the core CLI never imports
        from ui.screenshots import main as screenshots
        return screenshots(argv[1:])
    if not _only_desktop_options(argv):
        from connector_app.cli import main as cli_main
        return cli_main(argv)
    from ui.app import run
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
