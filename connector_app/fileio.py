"""The one way the app writes a file: temp file beside it, 0600, fsync, rename.

A reader (or a killed process) sees either the old file or the new one, never half.
"""

from __future__ import annotations

import errno
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from connector_app.errors import DiskFull, WorkspaceExists


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_writer(path: Path | str) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` atomically, on error nothing changes."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull() from None
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)


def make_private_dir(path: Path) -> None:
    """Create a folder only its owner can read (where the OS honours modes)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def require_new_folder(path: Path) -> None:
    """Refuse a target that exists and is not an empty folder: never write into a workspace."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise WorkspaceExists(path)


@contextmanager
def staged_folder(target: Path, purpose: str) -> Iterator[Path]:
    """Build a folder beside ``target`` and rename it into place only if the block succeeds.

    A crash half-way leaves a hidden staging folder, never a half-made ``target``.
    """
    target = Path(target)
    require_new_folder(target)
    make_private_dir(target.parent)
    staging = target.parent / f".{target.name}.{purpose}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    make_private_dir(staging)
    try:
        yield staging
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
