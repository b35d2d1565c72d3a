"""A watched folder: bundles in and out through a folder another tool keeps in step.

The folder is a shared drive, or one kept in step by Syncthing, Nextcloud or
OneDrive (we never run a server). Each laptop writes its own bundle there
(``connector-<device>.cbundle``, on lock and on exit) and imports every other
laptop's bundle it has not imported in that form yet.

A scan remembers each file by (name, size, modification time), so an unchanged
bundle is not read again; a changed one is (import is idempotent, so reading one
twice costs time, never records). Files that are still arriving are left alone:
the names sync tools give partial files, and a bundle that reads as cut short
(a plain shared drive copying it) is tried again at the next scan, until it has
stayed the same (size and modification time) for SETTLE_SECONDS: then it is not
arriving but damaged. Another team's bundle, a damaged one and one from a newer
app are remembered with their reason and named again at every scan, not read
again until the file changes. Nothing in the folder is ever deleted.

Settings live in the workspace (encrypted), not in QSettings: the CLI and the
desktop app share them, and nothing about the team leaks to the user's profile.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from connector_app.errors import UserError
from connector_app.fileio import check_sync_folder
from connector_app.i18n import _, format_number, ngettext
from connector_app.sync.bundle import BundleRefused, BundleTooNew, CutShort, OtherTeam, read_header
from connector_app.store.merge import ChangeRefused, NewerChange
from connector_app.sync.exchange import ExportResult, ImportResult, export_bundle, import_bundle

SUFFIX = ".cbundle"
_FOLDER = "sync_folder"          # meta: the watched folder's path
_SEEN = "sync_folder_seen"       # meta: {file name: {"size", "mtime", "outcome"}}

# Outcomes of one file in a scan (the screen words them).
IMPORTED, UNCHANGED, OWN, PARTIAL, OTHER_TEAM, TOO_NEW, DAMAGED = (
    "imported", "unchanged", "own", "partial", "other_team", "too_new", "damaged")
_FINAL = (IMPORTED, OTHER_TEAM, TOO_NEW, DAMAGED)  # remembered: not read again until the file changes
# A file that still cannot be read after staying the same this long is damaged, not still arriving: a copy
# or a sync tool at work changes its size or time well within it.
SETTLE_SECONDS = 120


@dataclass
class FileOutcome:
    name: str
    outcome: str
    applied: int = 0


@dataclass
class ScanReport:
    files: list[FileOutcome] = field(default_factory=list)
    imported: ImportResult = field(default_factory=ImportResult)

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)


def folder(store) -> Path | None:
    value = store.meta(_FOLDER)
    return Path(value) if value else None


def set_folder(store, path: Path | str | None) -> None:
    """Choose the watched folder (None: none). What was seen in the old one is forgotten.

    Raises OutputRefused or NotAFolder (fileio.check_sync_folder) for a folder bundles must not go to.
    """
    chosen = check_sync_folder(path) if path else None
    with store.atomic():
        store.connection.execute("DELETE FROM meta WHERE key IN (?, ?)", (_FOLDER, _SEEN))
        if chosen is not None:
            store.set_meta(_FOLDER, str(chosen))


def own_name(store) -> str:
    """This laptop's bundle in the folder: named by its device id only (no record text)."""
    return f"connector-{store.device_id.lower()}{SUFFIX}"


def is_partial(name: str) -> bool:
    """Names that sync tools and our own atomic writer give files still being written."""
    lowered = name.lower()
    return (name.startswith((".", "~")) or lowered.endswith((".tmp", ".part", ".partial", ".crdownload"))
            or ".syncthing." in lowered or "~syncthing~" in lowered or not lowered.endswith(SUFFIX))


def _seen(store) -> dict:
    raw = store.meta(_SEEN)
    return json.loads(raw) if raw else {}


def candidates(path: Path) -> list[Path]:
    """The folder's complete-looking bundle files, oldest first (so a hub's relay follows its source)."""
    try:
        entries = [p for p in path.iterdir() if p.is_file() and not is_partial(p.name)]
    except OSError as exc:
        raise FolderUnavailable(str(path)) from exc
    return sorted(entries, key=lambda p: (p.stat().st_mtime_ns, p.name))


class FolderUnavailable(UserError):
    def message(self) -> str:
        return _("The sync folder {path} cannot be opened (is the drive connected?). "
                 "Nothing was imported.").format(path=self.args[0])


def scan(store, path: Path | None = None, *, should_stop=lambda: False, now=time.time) -> ScanReport:
    """Import every new or changed bundle in the folder; one transaction per bundle.

    Every file gets one status at every scan (``FileOutcome``); ``now`` is the clock (seconds)."""
    path = path or folder(store)
    report = ScanReport()
    if path is None:
        return report
    seen = _seen(store)
    remembered = dict(seen)
    mine = own_name(store)
    clock = now()
    files = candidates(path)
    try:
        _scan_files(store, files, seen, report, mine, clock, should_stop)
    finally:  # what was learnt is kept even if a file fails half way: imported ones are not read again
        if not should_stop():  # files gone from the folder are forgotten
            present = {f.name for f in files}
            seen = {name: value for name, value in seen.items() if name in present}
        if seen != remembered:
            store.set_meta(_SEEN, json.dumps(seen, sort_keys=True))
    return report


def _scan_files(store, files: list[Path], seen: dict, report: ScanReport, mine: str, clock: float,
                should_stop) -> None:
    for file in files:
        if should_stop():
            break
        if file.name == mine:
            report.files.append(FileOutcome(file.name, OWN))
            continue
        try:
            info = file.stat()
        except OSError:
            continue  # gone since the folder was listed (a sync tool renaming it): the next scan sees it
        stamp = {"size": info.st_size, "mtime": info.st_mtime_ns}
        before = seen.get(file.name)
        same = bool(before) and {k: before.get(k) for k in stamp} == stamp
        if same and before.get("outcome") in _FINAL:
            outcome = before["outcome"]
            report.files.append(FileOutcome(file.name, UNCHANGED if outcome == IMPORTED else outcome))
            continue
        outcome = _import_one(store, file, report)
        if outcome.outcome == PARTIAL:
            since = before.get("since", clock) if same and before.get("outcome") == PARTIAL else clock
            if clock - since >= SETTLE_SECONDS:
                outcome = FileOutcome(file.name, DAMAGED)  # not arriving: it stopped changing, still unreadable
            else:
                seen[file.name] = {**stamp, "outcome": PARTIAL, "since": since}
        report.files.append(outcome)
        if outcome.outcome in _FINAL:
            seen[file.name] = {**stamp, "outcome": outcome.outcome}


def _import_one(store, file: Path, report: ScanReport) -> FileOutcome:
    try:
        with open(file, "rb") as handle:
            if read_header(handle).sender == store.device_id:
                return FileOutcome(file.name, OWN)  # our own, copied or renamed by someone
        before = report.imported.applied
        import_bundle(store, file, report.imported)
        return FileOutcome(file.name, IMPORTED, report.imported.applied - before)
    except OtherTeam:
        return FileOutcome(file.name, OTHER_TEAM)
    except (BundleTooNew, NewerChange):
        return FileOutcome(file.name, TOO_NEW)
    except CutShort:
        return FileOutcome(file.name, PARTIAL)  # what a file still being copied looks like: try again later
    except (BundleRefused, ChangeRefused):
        return FileOutcome(file.name, DAMAGED)
    except OSError:
        return FileOutcome(file.name, PARTIAL)  # locked or vanished while a sync tool works on it


def status_text(item: FileOutcome, shown_name: str | None = None) -> str:
    """One file's status in words, with its name (``shown_name``: the name as the screen shows it)."""
    name = shown_name or item.name
    if item.outcome == IMPORTED:
        return ngettext("{name}: imported, {count} new change.", "{name}: imported, {count} new changes.",
                        item.applied).format(name=name, count=format_number(item.applied))
    texts = {
        UNCHANGED: lambda: _("{name}: imported; nothing new since."),
        OWN: lambda: _("{name}: this laptop's own bundle."),
        PARTIAL: lambda: _("{name}: still arriving; it will be imported once it is complete."),
        OTHER_TEAM: lambda: _("{name}: from another team, so it was left alone."),
        TOO_NEW: lambda: _("{name}: made by a newer version of the app. Update the app on this laptop."),
        DAMAGED: lambda: _("{name}: damaged or not a sync bundle, so it was not imported; it stays in the folder. "
                           "Ask whoever wrote it to export it again."),
    }
    return texts[item.outcome]().format(name=name)


def write_own(store, path: Path | None = None) -> ExportResult | None:
    """Write this laptop's bundle into the folder (on lock and on exit); None if no folder is set."""
    path = path or folder(store)
    if path is None:
        return None
    return export_bundle(store, path / own_name(store))


def write_on_leaving(store) -> ExportResult | None:
    """On lock and on exit: this laptop's bundle into the folder, if it is in a team and a folder is set."""
    from connector_app.sync.team import current_team
    if current_team(store) is None or folder(store) is None:
        return None
    return write_own(store)
