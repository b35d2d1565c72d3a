"""Background work: one job at a time off the GUI thread, results back on the GUI thread.

    runner.run(lambda control: workspace.unlock(passphrase),
               on_success=self._unlocked, on_failure=self._show_error)

A job is a function taking a ``JobControl``. Long core jobs get its two plain
callables, ``control.progress(done, total)`` and ``control.should_cancel()``,
so the core never needs to know about Qt.

Jobs run strictly one after another on a single worker thread: the store's one
database connection is never used by two jobs at once, and a lock queued behind
a backup waits for the backup to finish before closing the database.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from connector_app.errors import UserError
from connector_app.i18n import _
from connector_app.logs import log_unexpected

SHOW_PROGRESS_AFTER_MS = 600   # quick jobs finish before any progress bar flickers into view
_PROGRESS_INTERVAL_S = 0.05    # a tight loop reporting progress must not flood the event queue


class JobCancelled(Exception):
    """Raised by a job that stopped because ``should_cancel()`` said so."""


class JobControl:
    """What a running job can use: report progress, and learn whether to stop."""

    def __init__(self, relay: "_Relay"):
        self._relay = relay
        self._cancel = threading.Event()
        self._last_report = 0.0

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= _PROGRESS_INTERVAL_S:
            self._last_report = now
            self._relay.progressed.emit(int(done), int(total))

    def should_cancel(self) -> bool:
        return self._cancel.is_set()

    def request_cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Carries one job's results from the worker thread to the runner (a queued connection)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Worker(QRunnable):
    def __init__(self, work: Callable[[JobControl], Any], control: JobControl, relay: _Relay):
        super().__init__()
        self._work, self._control, self._relay = work, control, relay

    def run(self) -> None:
        try:
            result = self._work(self._control)
        except BaseException as exc:  # every failure goes back to the GUI thread, none is lost
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


@dataclass
class _Job:
    work: Callable[[JobControl], Any]
    label: str
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int], None] | None
    on_cancelled: Callable[[], None] | None
    relay: _Relay | None = None
    control: JobControl | None = None
    forgotten: bool = False  # callbacks dropped: the screen that asked has moved on (for example, locked)


class TaskRunner(QObject):
    """Runs jobs one at a time; tells the window when one is busy, slow, progressing or done."""

    busy_changed = Signal(bool)
    slow_job_started = Signal(str)     # the job's label, once it has run for SHOW_PROGRESS_AFTER_MS
    progress = Signal(int, int)        # done, total of the running job

    def __init__(self, parent: QObject | None = None, *, show_progress_after_ms: int = SHOW_PROGRESS_AFTER_MS):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._queue: deque[_Job] = deque()
        self._current: _Job | None = None
        self._slow_timer = QTimer(self, singleShot=True, interval=show_progress_after_ms)
        self._slow_timer.timeout.connect(self._announce_slow_job)

    # asking for work -------------------------------------------------------------

    def run(self, work: Callable[[JobControl], Any], *, label: str = "",
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None,
            on_cancelled: Callable[[], None] | None = None) -> None:
        """Queue ``work(control)``; the callbacks run later on the GUI thread."""
        self._queue.append(_Job(work, label, on_success, on_failure, on_progress, on_cancelled))
        if self._current is None:
            self._start_next()

    def cancel_current(self) -> None:
        """Ask the running job to stop; it decides when (``on_cancelled`` runs if it does)."""
        if self._current is not None and self._current.control is not None:
            self._current.control.request_cancel()

    def forget_all(self) -> None:
        """Drop queued jobs and ask the running one to stop; none of their callbacks will run.

        Used when locking: whatever was asked for belongs to a view that is being cleared.
        """
        self._queue.clear()
        if self._current is not None:
            self._current.forgotten = True
            self.cancel_current()

    @property
    def is_busy(self) -> bool:
        return self._current is not None

    def wait_for_worker(self, timeout_ms: int = -1) -> bool:
        """Block until the worker thread is free (closing the app); queued callbacks are not run."""
        return self._pool.waitForDone(timeout_ms)

    # the worker's side -------------------------------------------------------------

    def _start_next(self) -> None:
        if not self._queue:
            self._current = None
            self.busy_changed.emit(False)
            return
        was_idle = self._current is None
        job = self._current = self._queue.popleft()
        job.relay = _Relay()
        job.control = JobControl(job.relay)
        # Bound methods of this QObject: Qt queues the calls onto the GUI thread.
        job.relay.succeeded.connect(self._job_succeeded)
        job.relay.failed.connect(self._job_failed)
        job.relay.progressed.connect(self._job_progressed)
        if was_idle:
            self.busy_changed.emit(True)
        self._slow_timer.start()
        self._pool.start(_Worker(job.work, job.control, job.relay))

    def _finish(self) -> _Job:
        job = self._current
        assert job is not None
        self._slow_timer.stop()
        job.relay.deleteLater()
        return job

    @Slot(object)
    def _job_succeeded(self, result: Any) -> None:
        job = self._finish()
        try:
            if not job.forgotten and job.on_success is not None:
                job.on_success(result)
        finally:
            self._start_next()

    @Slot(object)
    def _job_failed(self, exc: BaseException) -> None:
        job = self._finish()
        try:
            if job.forgotten:
                return
            if isinstance(exc, JobCancelled):
                if job.on_cancelled is not None:
                    job.on_cancelled()
                return
            if not isinstance(exc, UserError):
                log_unexpected(exc)
            if job.on_failure is not None:
                job.on_failure(exc)
        finally:
            self._start_next()

    @Slot(int, int)
    def _job_progressed(self, done: int, total: int) -> None:
        job = self._current
        if job is None or job.forgotten:
            return
        self.progress.emit(done, total)
        if job.on_progress is not None:
            job.on_progress(done, total)

    def _announce_slow_job(self) -> None:
        if self._current is not None and not self._current.forgotten:
            self.slow_job_started.emit(self._current.label)


def failure_message(exc: BaseException) -> str:
    """The sentence to show for a failed job: the error's own words, or a plain note for a bug.

    Unexpected errors never show their message: it could quote record text.
    """
    if isinstance(exc, UserError):
        return exc.message()
    return _("Something unexpected went wrong ({kind}). Nothing more was changed; the log has details.").format(
        kind=type(exc).__name__)
