"""Where the app's data files are: a checkout, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def app_root() -> Path:
    """The folder holding ``locales/`` and ``resources/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder bundle
        return Path(frozen_root)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent, here / "_data"):
        if (candidate / "resources").is_dir():
            return candidate
    return here.parent


def locales_dir() -> Path:
    return app_root() / "locales"


def resources_dir() -> Path:
    return app_root() / "resources"
