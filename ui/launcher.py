"""The ``connector-app`` entry point: no command starts the desktop, a command runs headless.

Kept free of Qt imports so the headless commands start fast and work on a
machine without a display.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and not argv[0].startswith("--workspace"):
        from connector_app.cli import main as cli_main
        return cli_main(argv)
    from ui.app import run
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
