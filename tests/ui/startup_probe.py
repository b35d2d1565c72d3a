"""Start to the first painted frame, then out: the app's unlock screen, or (``--bare``) a bare PySide6 window.

For timing start-up from outside, e.g. ``/usr/bin/time -v python -m tests.ui.startup_probe --workspace DIR``
against ``... --bare``; also used by tests/ui/test_startup.py to check the start path imports no store.
``--modules`` prints the modules loaded by then.
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
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        """Out once the window's first frame is painted. Qt paints on an update request that comes a few
        milliseconds into the event loop, after a zero timer started before it: quitting on such a timer
        would time a window that was never drawn."""

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Paint:
                QTimer.singleShot(0, _out)  # after this frame's painting and flushing are done
            return False

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    app.exec()
    return 1  # not reached: _out leaves from inside the event loop


def _out() -> None:
    if "--modules" in sys.argv:
        print("\n".join(sorted(sys.modules)))
    sys.stdout.flush()
    # Out at once, for both: timed is the way to the first frame, not closing the window (the app then saves
    # its size and place) or the interpreter's tidying up (nor the app's background warm-up, which starts
    # once the window shows and belongs to the time after it).
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if a != "--modules"]))
