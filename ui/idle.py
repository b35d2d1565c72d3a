"""Idle time: auto-lock after minutes without input, and folding the write-ahead log away when writes pause."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from connector_app.logs import log

IDLE_LOCK_MS = 5 * 60 * 1000  # DESIGN.md: five minutes without input locks the workspace
CHECKPOINT_AFTER_MS = 60 * 1000  # a minute without writes: fold the WAL into the database file

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
        """A new length (the setting changed); a running countdown starts again with it."""
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

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


class IdleCheckpoint(QObject):
    """Checkpoints the write-ahead log a while after the last write, on the task runner (off the GUI thread).

    The log then stays small, and the newest records are in records.db itself,
    which is what a backup or a copy of the folder holds. ``wrote()`` is called
    for every "records changed"; ``start``/``stop`` follow unlock and lock.
    """

    def __init__(self, runner, delay_ms: int = CHECKPOINT_AFTER_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self._workspace = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.checkpoint_now)

    def start(self, workspace) -> None:
        self._workspace = workspace

    def stop(self) -> None:
        self._workspace = None
        self._timer.stop()

    def wrote(self, _types=None) -> None:
        if self._workspace is not None:
            self._timer.start()  # restarts: a minute after the last write

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def checkpoint_now(self) -> None:
        workspace = self._workspace
        if workspace is None:
            return
        self.runner.run(lambda control: checkpoint(workspace))


def checkpoint(workspace) -> bool:
    """Fold the log into records.db if the workspace is open and writable; False if it could not be now.

    Quietly skips a read-only or damaged workspace: nothing may be written there,
    and closing it never checkpoints either.
    """
    store = workspace.store
    if store is None or not store.is_open or workspace.read_only or getattr(store, "damaged", False):
        return False
    try:
        return store.checkpoint(tries=3)
    except Exception as exc:  # a busy or failing disk: the log stays, as safe as before; closing tries again
        log.warning("checkpoint not made: %s", type(exc).__name__)
        return False
