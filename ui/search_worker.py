"""Searching off the GUI thread, on a read-only connection of its own, newest request only.

A word as short as "a" matches most of a 100,000-conversation workspace, and
counting and ranking that takes seconds: never on the GUI thread, and never in
the task runner's queue (a backup would hold typing up). One worker thread owns
the connection (SQLite connections stay on the thread that opened them); a new
request interrupts the running one (``interrupt()`` is safe from any thread),
and only the newest request's answer is delivered. ``stop()`` (locking) drops
every answer still to come and closes the connection on the worker thread.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from connector_app.errors import UserError
from connector_app.logs import log_unexpected
from ui.tasks import failure_message


class _Session:
    """One unlock's worth of searching: a thread and the connection only that thread uses."""

    def __init__(self, open_reader: Callable[[], Any]):
        self.open = open_reader
        self.queries = None
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")

    def interrupt(self) -> None:
        queries = self.queries
        if queries is not None and queries.connection is not None:
            queries.connection.interrupt()

    def close(self) -> None:  # on the worker thread
        queries, self.queries = self.queries, None
        if queries is not None:
            queries.close()


class SearchWorker(QObject):
    answered = Signal(int, object)   # (request number, what the work returned); on the GUI thread
    failed = Signal(int, str)        # (request number, the sentence to show)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._session: _Session | None = None
        self._latest = 0
        self._lock = threading.Lock()

    def start(self, open_reader: Callable[[], Any]) -> None:
        """Ready to search; the connection is opened by ``open_reader()`` on the first request."""
        self.stop()
        self._session = _Session(open_reader)

    def ask(self, work: Callable[[Any], Any]) -> int:
        """Run ``work(connection)`` on the worker; returns the request's number (``answered`` says it)."""
        with self._lock:
            self._latest += 1
            number = self._latest
        session = self._session
        if session is not None:
            session.interrupt()
            session.executor.submit(self._run, session, number, work)
        return number

    def stop(self) -> None:
        with self._lock:
            self._latest += 1   # nothing asked before now is answered
        session, self._session = self._session, None
        if session is not None:
            session.interrupt()
            session.executor.submit(session.close)
            session.executor.shutdown(wait=False)

    # the worker thread --------------------------------------------------------------------

    def _current(self, number: int) -> bool:
        with self._lock:
            return number == self._latest

    def _run(self, session: _Session, number: int, work: Callable[[Any], Any]) -> None:
        if not self._current(number):
            return  # a newer request came before this one started
        try:
            if session.queries is None:
                session.queries = session.open()
            result = work(session.queries.connection)
        except Exception as exc:  # noqa: BLE001 (an interrupted search is normal; others are told)
            if self._current(number):
                if not isinstance(exc, UserError):
                    log_unexpected(exc)
                self.failed.emit(number, failure_message(exc))
            return
        if self._current(number):
            self.answered.emit(number, result)
