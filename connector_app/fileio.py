"""The one way the app writes a file: temp file beside it, 0600, fsync, rename.

A reader (or a killed process) sees either the old file or the new one, never half.

Every command that writes a file the person named calls ``check_output_path``
first: it refuses anything inside a workspace, anything but a regular file, and
an existing file unless the person asked to replace it. ``atomic_writer`` is
the last guard: it never renames over a non-regular file or a workspace's own
files (only the key file, when its owner says so).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from connector_app.errors import (
    DiskFull, FileProblem, FolderNotEmpty, NotAFolder, OutputRefused, WorkspaceExists,
)
from connector_app.i18n import _

# A folder holding either of these is a workspace (workspace.py names them; kept here so fileio stays low-level).
WORKSPACE_MARKERS = ("keys.json", "records.db")
# Longest file name we accept: leaves room for the hidden temp names made beside it (NAME_MAX is 255 bytes).
MAX_NAME_BYTES = 200


def shown(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (kept by surrogateescape) become \ufffd."""
    return os.fsencode(path).decode("utf-8", "replace")


def os_error(exc: OSError, path: Path | str | None = None) -> FileProblem:
    """One plain line for an operating-system refusal, naming the path and what to do."""
    reasons = {
        errno.ENOENT: _("it does not exist."),
        errno.ENOTDIR: _("part of the path is a file, not a folder."),
        errno.EISDIR: _("it is a folder; give a file name."),
        errno.EROFS: _("the disk is read-only; choose another place."),
        errno.EACCES: _("permission denied; choose a place you may write to."),
        errno.EPERM: _("the operation is not permitted there; choose another place."),
        errno.ENAMETOOLONG: _("the name is too long; choose a shorter one."),
        errno.ENOSPC: _("the disk is full; free some space and try again."),
        errno.EDQUOT: _("the disk quota is used up; free some space and try again."),
        errno.ELOOP: _("it is a loop of links."),
        errno.EEXIST: _("something with that name is already there."),
    }
    reason = reasons.get(exc.errno, _("the system refused ({code}).").format(
        code=errno.errorcode.get(exc.errno or 0, "error")))
    where = path if path is not None else (exc.filename if exc.filename is not None else "?")
    return FileProblem(shown(where), reason)


def workspace_folder_of(path: Path | str) -> Path | None:
    """The workspace folder holding ``path`` (its own folder or any above it), or None.

    Both the path as written and with links resolved are checked, so neither ``..``
    nor a symlinked folder can smuggle a file into a workspace.
    """
    path = Path(path)
    candidates = [Path(os.path.abspath(path))]
    try:
        candidates.append(path.resolve())
    except (OSError, RuntimeError):
        pass
    for candidate in candidates:
        for folder in candidate.parents:
            if any(os.path.lexists(folder / marker) for marker in WORKSPACE_MARKERS):
                return folder
    return None


def _nearest_existing(path: Path) -> Path:
    """``path`` or the nearest folder above it that exists (to name the file standing in the way)."""
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def check_sync_folder(path: Path | str) -> Path:
    """Refuse a sync folder that does not exist, is not a folder, or lies in (or is) a workspace.

    The app writes its bundles there and reads everyone's: inside a workspace they would
    mix with the records and their backups. Returns the folder, links resolved.
    """
    path = Path(path).expanduser()
    _require_folder(path)
    _refuse_inside_workspace(path, path / "bundle")   # the folder itself counts, not only those above it
    return path.resolve()


def _require_folder(folder: Path) -> None:
    """An existing folder, or one plain refusal naming what is wrong."""
    try:
        folder_stat = os.stat(folder)
    except FileNotFoundError:
        raise OutputRefused(_("The folder {folder} does not exist: create it first, or choose another.").format(
            folder=shown(folder))) from None
    except NotADirectoryError:
        raise NotAFolder(shown(_nearest_existing(folder))) from None
    except OSError as exc:
        raise os_error(exc, folder) from None
    if not stat.S_ISDIR(folder_stat.st_mode):
        raise NotAFolder(shown(folder))


def _refuse_inside_workspace(shown_path: Path, path: Path) -> None:
    workspace = workspace_folder_of(path)
    if workspace is not None:
        raise OutputRefused(_("{path} is inside the workspace {workspace}: choose a place outside it.").format(
            path=shown(shown_path), workspace=shown(workspace)))


def check_output_path(path: Path | str, *, force: bool = False) -> Path:
    """Refuse an output path that could destroy or leak into a workspace; returns it as a Path.

    Call before any work (and before unlocking), so a refusal costs nothing and writes nothing.
    ``force`` allows replacing an existing regular file outside any workspace, nothing more.
    """
    written = os.fspath(path)
    path = Path(path)
    if path.name in ("", ".", "..") or written.endswith((os.sep, "/")):
        raise OutputRefused(_("{path} is not a file name: give the name of the file to write.").format(
            path=shown(path)))
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise OutputRefused(_("The file name is too long: use at most {limit} characters.").format(
            limit=MAX_NAME_BYTES))
    folder = path.parent
    _require_folder(folder)
    _refuse_inside_workspace(path, path)
    try:
        target = os.lstat(path)
    except FileNotFoundError:
        target = None
    except OSError as exc:
        raise os_error(exc, path) from None
    if target is not None:
        if stat.S_ISDIR(target.st_mode):
            raise OutputRefused(_("{path} is a folder: give the name of a file inside it.").format(path=shown(path)))
        if not stat.S_ISREG(target.st_mode):
            raise OutputRefused(_("{path} is not an ordinary file (a device, link or pipe): choose another name.")
                                .format(path=shown(path)))
        if not force:
            raise OutputRefused(_("{path} already exists: add --force to replace it, or choose another name.")
                                .format(path=shown(path)))
    if not os.access(folder, os.W_OK):
        readonly = hasattr(os, "statvfs") and bool(os.statvfs(folder).f_flag & os.ST_RDONLY)  # POSIX only
        raise os_error(OSError(errno.EROFS if readonly else errno.EACCES, ""), folder)
    return path


def _refuse_replacing(path: Path, *, workspace_file: bool) -> None:
    """The atomic writer's own guard: never rename over a non-regular file or a workspace's files."""
    try:
        target = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(target.st_mode):
        raise OutputRefused(_("{path} is not an ordinary file (a device, link or pipe): choose another name.")
                            .format(path=shown(path)))
    in_workspace = any(os.path.lexists(path.parent / marker) for marker in WORKSPACE_MARKERS)
    if in_workspace and not workspace_file:
        raise OutputRefused(_("{path} is a workspace's own file: choose a place outside the workspace.").format(
            path=shown(path)))


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
def atomic_writer(path: Path | str, *, workspace_file: bool = False, verify=None) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` atomically, on error nothing changes.

    ``workspace_file=True`` only for a workspace replacing its own file (keys.json); any other
    existing file beside a workspace's records is refused, as is any non-regular target.
    ``verify(temp_path)``, if given, reads the written, fsynced file back before it takes the
    name (a sync bundle on a failing stick is caught before anyone calls it safe to remove).
    """
    path = Path(path)
    _refuse_replacing(path, workspace_file=workspace_file)
    # Short, unpredictable temp name: fits beside a long name, and O_EXCL never follows a planted link.
    tmp = path.with_name(f".{path.name[:40]}.tmp.{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise DiskFull() if exc.errno in (errno.ENOSPC, errno.EDQUOT) else os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if verify is not None:
            verify(tmp)
        _refuse_replacing(path, workspace_file=workspace_file)  # again: it may have changed while we wrote
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull() from None
        raise os_error(exc, path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write_bytes(path: Path | str, data: bytes, *, workspace_file: bool = False) -> None:
    with atomic_writer(path, workspace_file=workspace_file) as handle:
        handle.write(data)


def make_private_dir(path: Path) -> None:
    """Create a folder only its owner can read (where the OS honours modes)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def require_new_folder(path: Path) -> None:
    """Refuse a target that exists and is not an empty folder: never write into a workspace.

    Each refusal says what is there: a workspace, a non-empty folder, a file (also
    a file where a folder above the target should be), or a place inside a workspace.
    """
    path = Path(path)
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:  # found now, not after the key derivation
        raise os_error(OSError(errno.ENAMETOOLONG, ""), path)
    try:
        if os.path.lexists(path):
            if not path.is_dir():
                raise NotAFolder(shown(path))
            if any(os.path.lexists(path / marker) for marker in WORKSPACE_MARKERS):
                raise WorkspaceExists(shown(path))
            if any(path.iterdir()):
                raise FolderNotEmpty(shown(path))
        else:
            above = _nearest_existing(Path(os.path.abspath(path)).parent)
            if not above.is_dir():
                raise NotAFolder(shown(above))
    except OSError as exc:
        raise os_error(exc, path) from None
    _refuse_inside_workspace(path, path)


@contextmanager
def staged_folder(target: Path, purpose: str) -> Iterator[Path]:
    """Build a folder beside ``target`` and rename it into place only if the block succeeds.

    A crash half-way leaves a hidden staging folder, never a half-made ``target``.
    """
    target = Path(target)
    require_new_folder(target)
    staging = target.parent / f".{target.name}.{purpose}-{os.getpid()}"
    try:
        make_private_dir(target.parent)
        shutil.rmtree(staging, ignore_errors=True)
        make_private_dir(staging)
    except OSError as exc:  # name the folder the person chose, not our hidden staging folder
        raise os_error(exc, target) from None
    try:
        yield staging
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder while its files are read, changed and written back.

    Two programs changing keys.json at once (two passphrase changes) would otherwise
    both succeed and one change would silently vanish. The lock is taken on the folder
    itself, so no lock file is ever left in a workspace. Where the system has no such
    locks (Windows), it is a no-op.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
