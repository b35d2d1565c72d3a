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
import logging.handlers
import os
import traceback
from pathlib import Path

import platformdirs

APP_NAME = "connector-app"
log = logging.getLogger("connector_app")
# Without it, records logged while there is no log file would reach logging's last-resort stderr handler.
log.addHandler(logging.NullHandler())


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that fails silently (disk full, folder gone) instead of printing a traceback to stderr."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        pass


def log_dir() -> Path:
    override = os.environ.get("CONNECTOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the log folder; returns the log file, or None when there is none (never raises)."""
    log.setLevel(level)
    try:
        folder = log_dir()
        path = folder / "connector-app.log"
        for handler in list(log.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                if Path(handler.baseFilename) == path.resolve():
                    return path
                log.removeHandler(handler)  # the log folder changed (tests, or CONNECTOR_LOG_DIR)
                handler.close()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():  # owner-only from the start: even tracebacks are nobody else's business
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler = _QuietFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except (OSError, ValueError, RuntimeError):
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    return path


def log_unexpected(exc: BaseException) -> None:
    """The exception's type and where it happened, without its message."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s\n%s", type(exc).__name__, frames)
