"""Idle auto-lock: a timer that any keyboard, mouse or touch input in the app restarts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

IDLE_LOCK_MS = 5 * 60 * 1000  # DESIGN.md: five minutes without input locks the workspace

_INPUT_EVENTS = frozenset({
    QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
    QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TabletPress,
})


class IdleWatcher(QObject):
    """Emits ``timed_out`` after ``timeout_ms`` without input while started.

    It filters the whole application's events, so typing in a dialog or a menu
    counts as activity too, not only input to the main window.
    """

    timed_out = Signal()

    def __init__(self, timeout_ms: int = IDLE_LOCK_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self._timer.timeout.connect(self._expire)
        self._watching = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """A new length, in force at once: a running countdown starts again with it."""
        self._timer.setInterval(timeout_ms)

    def start(self) -> None:
        if not self._watching:
            QApplication.instance().installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT_EVENTS:
            self._timer.start()  # restarts the countdown
        return False  # only watching: every event still goes where it was going

    def _expire(self) -> None:
        self.stop()
        self.timed_out.emit()
