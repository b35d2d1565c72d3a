"""connector-app screenshots: every screen (WorkspaceView's registry) and dialog (DIALOGS) as a PNG, offscreen."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from ui.screenshots import DIALOGS

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", path.name
    return struct.unpack(">II", data[16:24])


def test_every_screen_and_dialog_is_saved_as_a_png_at_the_scale_asked(tmp_path):
    out = tmp_path / "shots"
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "ui.launcher", "screenshots", "--out", str(out), "--theme", "dark",
                           "--scale", "2"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    names = {path.stem for path in out.glob("*.png")}
    screens = {"home", "people", "conversations"}  # at least these; later screens come from the same registry
    assert screens | {"first-run", "recovery-code", "unlock", "forgot-passphrase"} <= names
    assert {f"dialog-{name}" for name in DIALOGS} <= names
    for name in screens | {"unlock"}:
        assert _png_size(out / f"{name}.png") == (2400, 1600), name  # 1200 x 800 at 200%
    for name in DIALOGS:
        width, height = _png_size(out / f"dialog-{name}.png")
        assert width >= 400 and height >= 100, name
    assert not list(tmp_path.glob("connector-screenshots-*"))  # the demo folder is gone afterwards
