"""Runs CLI commands against a workspace inside a read-only bind mount; prints one JSON line.

``python read_only_runner.py WORKSPACE OUTDIR``: OUTDIR is writable (for backup --out).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from connector_app.cli import main as cli


def run(*argv: str) -> dict:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(argv))
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def main() -> None:
    workspace, outdir = sys.argv[1], sys.argv[2]
    print(json.dumps({
        "list": run("person", "list", "--workspace", workspace),
        "check": run("check", "--json", "--workspace", workspace),
        "backup": run("backup", "--out", f"{outdir}/ro.cbackup", "--workspace", workspace),
        "demo": run("demo", "--people", "2", "--months", "1", "--workspace", workspace),
        "team": run("team", "create", "--workspace", workspace),  # a write
    }))


if __name__ == "__main__":
    main()
