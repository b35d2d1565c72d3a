"""Two programs changing the passphrase at once: never two successes with one change lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from connector_app.errors import WrongPassphrase
from connector_app.store.workspace import Workspace
from tests.conftest import PASSPHRASE

FIRST, SECOND = "orange kettle whispers under moonlight", "quiet harbour lanterns drift at dawn"
SCRIPT = """
import sys
from connector_app.store.workspace import Workspace
from connector_app.errors import UserError
try:
    Workspace(sys.argv[1]).change_passphrase(sys.argv[2], sys.argv[3])
    print("changed")
except UserError as exc:
    print("refused", type(exc).__name__)
"""


def test_two_passphrase_changes_at_once_one_wins_and_the_other_says_so(workspace_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]),
                                                        os.environ.get("PYTHONPATH", "")])}
    runs = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(workspace_path), PASSPHRASE, new],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for new in (FIRST, SECOND)]
    results = [run.communicate(timeout=120)[0].strip() for run in runs]
    assert sorted(results) == ["changed", "refused WrongPassphrase"], results
    winner = FIRST if results[0] == "changed" else SECOND
    loser = SECOND if winner == FIRST else FIRST
    Workspace(workspace_path).unlock(winner).close()  # what was reported changed opens it
    try:
        Workspace(workspace_path).unlock(loser)
        raise AssertionError("the refused passphrase must not open the workspace")
    except WrongPassphrase:
        pass
