"""Long commands: an updating progress line on a terminal, and Ctrl+C that stops at a safe point.

The core's long jobs take ``progress(done, total)`` and may raise from it to stop
(the desktop's JobControl does the same). ``stoppable`` hands them a callable that
draws one line on stderr, at most a few times a second, only when stderr is a
terminal (scripts and tests see nothing), and raises ``Stopped`` once Ctrl+C was
pressed: the job then ends where it is built to end, its open transaction rolled
back or its temporary file removed, instead of wherever the signal happened to land.
A second Ctrl+C interrupts at once, as usual.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from connector_app.cli.common import is_terminal, printable
from connector_app.errors import UserError
from connector_app.i18n import format_number

_INTERVAL_S = 0.2


class Stopped(UserError):
    """Ctrl+C, acted on at a safe point; the message says what was kept."""


class Progress:
    """``progress(done, total)`` for the core. ``label(done, total)`` words the line from the two
    numbers (already formatted); ``said`` is the message ``Stopped`` carries. Both may change between files."""

    def __init__(self, stopped: Callable[[], bool], said: str, *, draw: bool):
        self._stopped, self.said, self._draw = stopped, said, draw
        self._last = 0.0
        self._shown = False
        self.label: Callable[[str, str], str] = lambda done, total: f"{done} / {total}"

    def __call__(self, done: int, total: int) -> None:
        if self._stopped():
            self.clear()
            raise Stopped(self.said)
        now = time.monotonic()
        if self._draw and (now - self._last >= _INTERVAL_S or done >= total):
            self._last = now
            line = printable(self.label(format_number(done), format_number(max(total, done))))
            self._write(f"\r{line}\x1b[K")
            self._shown = True

    def should_stop(self) -> bool:
        """For jobs that ask rather than report (the demo's ``should_cancel``)."""
        return self._stopped()

    def clear(self) -> None:
        """Remove the line, so what is printed next starts at the left edge."""
        if self._shown:
            self._write("\r\x1b[K")
            self._shown = False

    def _write(self, text: str) -> None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError):
            self._draw = False


@contextmanager
def stoppable(said: str) -> Iterator[Progress]:
    """Within: the first Ctrl+C asks the job to stop (raising ``Stopped(said)`` at its next report)."""
    pressed = threading.Event()
    progress = Progress(pressed.is_set, said, draw=is_terminal(sys.stderr))
    in_main = threading.current_thread() is threading.main_thread()
    previous = None

    def on_interrupt(signum, frame):
        if pressed.is_set():  # pressed again: the person does not want to wait for the safe point
            raise KeyboardInterrupt
        pressed.set()

    if in_main:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield progress
    finally:
        progress.clear()
        if in_main:
            signal.signal(signal.SIGINT, previous)
