"""Start to the first painted frame, then quit: the app's unlock screen, or (``--bare``) a bare PySide6 window.

For timing start-up from outside, e.g. ``/usr/bin/time -v python -m tests.ui.startup_probe --workspace DIR``
against ``... --bare``; also used by tests/ui/test_startup.py to check the start path imports no store.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bare"]:
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
    else:
        from ui.app import prepare_application
        app, window = prepare_application(argv)
    from PySide6.QtCore import QTimer
    window.show()
    QTimer.singleShot(0, app.quit)  # after the first paint has been queued and done
    app.exec()
    if "--modules" in sys.argv:
        print("\n".join(sorted(sys.modules)))
    sys.stdout.flush()
    # Out at once, for both: timed is the way to the first frame, not the interpreter's tidying up (nor the
    # app's background warm-up, which starts once the window shows and belongs to the time after it).
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if a != "--modules"]))
