"""A full disk: a clear message, nothing committed lost, the key file untouched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

WRITER = Path(__file__).with_name("full_disk_writer.py")


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(sys.platform != "linux" or not _can_mount_tmpfs(),
                    reason="needs Linux user namespaces to mount a small tmpfs")
def test_full_disk_gives_a_clear_message_and_loses_nothing(template_workspace, tmp_path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    env = {**os.environ, "CONNECTOR_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    script = (f"mount -t tmpfs -o size=3m none {mount} && "
              f"exec {sys.executable} {WRITER} {template_workspace[0]} {mount}")
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["message"].startswith("The disk is full.")
    assert report["committed"] > 10
    assert report["count_after"] == report["committed"]
    assert report["keys_unchanged"] is True
    assert report["count_reopened"] == report["committed"]
    assert report["problems"] == 0
