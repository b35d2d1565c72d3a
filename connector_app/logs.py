"""Logging to a rotating file in the user's log folder.

Log lines name events and record ids, never record text, passphrases or keys.
Exceptions are logged by type and traceback (code locations), not by message,
because a database error message could quote a value.
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


def log_dir() -> Path:
    override = os.environ.get("CONNECTOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "connector-app.log"
    for handler in list(log.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            log.removeHandler(handler)  # the log folder changed (tests, or CONNECTOR_LOG_DIR)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    return path


def log_unexpected(exc: BaseException) -> None:
    """The exception's type and where it happened, without its message."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s\n%s", type(exc).__name__, frames)
