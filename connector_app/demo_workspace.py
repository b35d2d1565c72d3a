"""A demo workspace appears whole or not at all (issue 11, finding 4).

    workspace, counts = build_demo(path, passphrase, people=200, months=6)

It is made and filled in a hidden folder beside ``path`` (``.NAME.demo-PID``) and renamed
into place only once complete, so a kill, a full disk or a cancel at any moment leaves
either no workspace at ``path`` or a complete demo. What a killed build left behind is
removed by the next build (``clean_leftovers``). ``replace=True`` swaps out an untouched
demo workspace (``untouched_demo``): never one holding anything a person typed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable

from connector_app.demo import DEMO_MARK, DEMO_SHARED_PASSPHRASE, ProgressFn, generate
from connector_app.fileio import make_private_dir, os_error, require_new_folder
from connector_app.locations import workspace_exists

BUILT_CHANGES = "demo_changes"  # meta key: the change-log length when the build ended
STALE_AFTER_S = 24 * 3600        # a leftover this old is removed even if its process id is in use again


def staging_folder(path: Path, pid: int | None = None) -> Path:
    return path.parent / f".{path.name}.demo-{os.getpid() if pid is None else pid}"


def clean_leftovers(path: Path | str) -> list[Path]:
    """Remove what killed demo builds for ``path`` left behind; returns the folders removed.

    A folder whose build is still running (its process is alive) is left alone.
    """
    path = Path(path)
    removed = []
    try:
        leftovers = sorted(path.parent.glob(f".{path.name}.demo-*"))
    except OSError:
        return removed
    for folder in leftovers:
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and _running(int(pid)) and not _stale(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: go by age alone there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _stale(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime > STALE_AFTER_S
    except OSError:
        return True


def untouched_demo(store) -> bool:
    """A demo workspace nobody has changed since it was built: safe to throw away and build again."""
    from connector_app.demo import is_demo
    built = store.meta(BUILT_CHANGES)
    return is_demo(store) and built is not None and built == str(store.changes.count())


def build_demo(path: Path | str, passphrase: str, *, people: int, months: int, seed: int = 1, kdf=None,
               replace: bool = False, mark: str = DEMO_SHARED_PASSPHRASE, progress: ProgressFn | None = None,
               should_cancel: Callable[[], bool] | None = None):
    """Make a complete demo workspace at ``path``; returns it unlocked, and the counts written.

    ``path`` must be new or an empty folder, or with ``replace`` a demo workspace the caller has
    found ``untouched_demo`` (it is moved aside and removed only once the new one is in place).
    ``mark``: DEMO_SHARED_PASSPHRASE when ``passphrase`` is DEMO_PASSPHRASE (the app shows it), else DEMO_OWN.
    """
    from connector_app.store.workspace import Workspace

    path = Path(path)
    if not replace:
        require_new_folder(path)
    staging = staging_folder(path)
    try:
        make_private_dir(path.parent)
        shutil.rmtree(staging, ignore_errors=True)
        make_private_dir(staging)
    except OSError as exc:  # name the folder the person chose, not the hidden one
        raise os_error(exc, path) from None
    replaced = staging / "replaced"
    try:
        workspace, _code = Workspace.create(staging / "workspace", passphrase, with_recovery_code=False, kdf=kdf)
        try:
            store = workspace.store
            store.set_meta(DEMO_MARK, mark)
            counts = generate(store, people=people, months=months, seed=seed, progress=progress,
                              should_cancel=should_cancel)
            store.set_meta(BUILT_CHANGES, str(store.changes.count()))
            if replace and workspace_exists(path):
                os.replace(path, replaced)
            workspace.move_to(path)
        except BaseException:
            workspace.lock()
            if replaced.exists() and not os.path.lexists(path):
                os.replace(replaced, path)  # the old demo goes back: never neither
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return workspace, counts
