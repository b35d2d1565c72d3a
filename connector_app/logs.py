"""Logging to a rotating file in the user's log folder.

Log lines name events and record ids, never record text, passphrases or keys.
Exceptions are logged by type and traceback (code locations), not by message,
because a database error message could quote a value.

Logging must never stop the app: without a usable log folder (read-only home,
a file in the way, a full disk) it runs without a log file and says nothing on
stderr, where a command's one line of output belongs to the person.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

import platformdirs

APP_NAME = "connector-app"
log = logging.getLogger("connector_app")
# Without it, records logged while there is no log file would reach logging's last-resort stderr handler.
log.addHandler(logging.NullHandler())


class _Held(logging.Handler):
    """Records logged before the log file opens: the desktop opens it once its window is painted."""

    LIMIT = 100

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def hold_records() -> None:
    """Keep what is logged from now until ``setup_logging`` writes it to the file."""
    log.setLevel(logging.INFO)
    if not any(isinstance(handler, _Held) for handler in log.handlers):
        log.addHandler(_Held())


def _quiet(handler: logging.Handler) -> logging.Handler:
    """A log file that fails silently (disk full, folder gone) instead of printing a traceback to stderr."""
    handler.handleError = lambda record: None
    return handler


def log_dir() -> Path:
    override = os.environ.get("CONNECTOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the log folder; returns the log file, or None when there is none (never raises)."""
    # With socket, pickle and queue: 13 ms of CPU, which the desktop spends after its first frame.
    from logging.handlers import RotatingFileHandler

    log.setLevel(level)
    held = [handler for handler in log.handlers if isinstance(handler, _Held)]
    for handler in held:
        log.removeHandler(handler)
    try:
        folder = log_dir()
        path = folder / "connector-app.log"
        for handler in list(log.handlers):
            if isinstance(handler, RotatingFileHandler):
                if Path(handler.baseFilename) == path.resolve():
                    return path
                log.removeHandler(handler)  # the log folder changed (tests, or CONNECTOR_LOG_DIR)
                handler.close()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():  # owner-only from the start: even tracebacks are nobody else's business
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler = _quiet(RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"))
    except (OSError, ValueError, RuntimeError):
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    for record in (record for holder in held for record in holder.records):
        handler.handle(record)
    return path


def log_unexpected(exc: BaseException) -> None:
    """The exception's type and where it happened, without its message."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s\n%s", type(exc).__name__, frames)
