"""Guards the pinned Qt binding against a fatal bug in PySide6 6.12.0 on Python 3.11.

6.12.0 released one reference to None on every Qt call that returns nothing; after a
few thousand calls Python aborted with "none_dealloc". This runs many such calls in
a separate process, so a future version bump that brings the bug back fails here
instead of crashing a connector's session.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(20000):
    label.setText("x")
print(before - sys.getrefcount(None))
"""


def test_many_void_qt_calls_do_not_leak_references_to_none():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
