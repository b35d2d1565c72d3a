"""Runs CLI commands in-process and prints their results as one JSON line.

``python inprocess_driver.py SETUP_SHELL_IS_DONE_BY_CALLER '[["check", ...], ...]'``: used inside a private
mount namespace (a read-only or tiny tmpfs), where one Python process serves every case. A case
that is a string is a shell command run between the CLI cases (freeing space, say).
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

from connector_app.cli import main as cli_main


def run(argv: list[str]) -> dict:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(argv)
        except SystemExit as exc:
            code = exc.code
    return {"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue()}


def main() -> None:
    results = []
    for case in json.loads(sys.argv[1]):
        if isinstance(case, str):
            subprocess.run(case, shell=True, check=True)
        else:
            results.append(run(case))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
