"""Importing several bundle files named by a person: each once, each judged on its own.

``sync import a.cbundle b.cbundle`` (and the Sync screen's file choice) hand over a
list that may name one bundle twice: the same path, or the same content under two
names (a copy on a stick and in Downloads). ``plan`` keeps the first of each; a
bundle is all or nothing (one transaction), so one damaged file never undoes the
files before it and every file gets its own outcome.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from connector_app.errors import UserError
from connector_app.fileio import os_error
from connector_app.store.merge import ChangeRefused, NewerChange
from connector_app.sync.bundle import BundleRefused, BundleTooNew, OtherTeam
from connector_app.sync.exchange import ImportResult, import_bundle

# Outcomes of one named file (the caller words them).
IMPORTED, ALREADY_HERE, SAME_AS, OTHER_TEAM, TOO_NEW, REFUSED = (
    "imported", "already_here", "same_as", "other_team", "too_new", "refused")
FAILED = (OTHER_TEAM, TOO_NEW, REFUSED)


@dataclass
class FileImport:
    path: Path
    outcome: str = IMPORTED
    applied: int = 0
    already_here: int = 0
    same_as: Path | None = None     # SAME_AS: the earlier name of this bundle
    refusal: UserError | None = None  # REFUSED: why (its message says what to do)


def _identity(path: Path) -> str:
    """The same file under any spelling of its path (symbolic links, ``./``, hard links)."""
    try:
        info = path.stat()
        return f"inode:{info.st_dev}:{info.st_ino}"
    except OSError:
        return f"path:{os.path.abspath(path)}"


def _digest(path: Path) -> str | None:
    try:
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        return sha.hexdigest()
    except OSError:
        return None  # import_bundle says why it cannot be read


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def plan(paths) -> list[FileImport]:
    """One entry per named path, in order; a repeat of an earlier bundle is marked SAME_AS it.

    Content is hashed only for files whose size another named file shares: naming
    two different bundles costs no extra reading."""
    items = [FileImport(Path(p)) for p in paths]
    sizes = [_size(item.path) for item in items]
    first_by_key: dict[str, Path] = {}
    for item, size in zip(items, sizes):
        keys = [_identity(item.path)]
        if size is not None and sizes.count(size) > 1:
            digest = _digest(item.path)
            if digest is not None:
                keys.append(f"sha256:{digest}")
        earlier = next((first_by_key[k] for k in keys if k in first_by_key), None)
        if earlier is not None:
            item.outcome, item.same_as = SAME_AS, earlier
            continue
        for key in keys:
            first_by_key[key] = item.path
    return items


def import_file(store, item: FileImport, result: ImportResult, progress=lambda done, total: None) -> FileImport:
    """Import one planned file into ``result`` and set its outcome; a refusal changes nothing.

    ``progress(done, total)`` may raise to stop: the file being read is then not imported."""
    if item.outcome == SAME_AS:
        return item
    applied, already = result.applied, result.already_here
    try:
        import_bundle(store, item.path, result, progress=progress)
    except OtherTeam:
        item.outcome = OTHER_TEAM
    except (BundleTooNew, NewerChange):
        item.outcome = TOO_NEW
    except (BundleRefused, ChangeRefused) as exc:  # a change no app could write: damaged or forged
        item.outcome, item.refusal = REFUSED, exc
    except OSError as exc:  # unreadable (permissions, a drive pulled out): the next files still go in
        item.outcome, item.refusal = REFUSED, os_error(exc, item.path)
    else:
        item.applied, item.already_here = result.applied - applied, result.already_here - already
        item.outcome = IMPORTED if item.applied else ALREADY_HERE
    return item
