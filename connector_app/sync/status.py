"""What the Sync screen shows, gathered in one place (the CLI could print the same)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from connector_app.sync import watch
from connector_app.sync.exchange import last_import, peers, shared_digest
from connector_app.sync.team import current_team


@dataclass(frozen=True)
class Peer:
    device_id: str
    bundle_created: datetime | None
    imported: datetime | None


@dataclass
class SyncStatus:
    in_team: bool
    team_id: str | None = None
    join_code: str | None = None
    peers: list[Peer] = field(default_factory=list)
    last_import: dict | None = None
    digest: str | None = None
    folder: Path | None = None


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) if text else None
    except ValueError:
        return None


def sync_status(store) -> SyncStatus:
    team = current_team(store)
    if team is None:
        return SyncStatus(False, folder=watch.folder(store))
    heard = [Peer(device, _when(info.get("bundle_created")), _when(info.get("imported")))
             for device, info in peers(store).items()]
    heard.sort(key=lambda p: p.bundle_created or datetime.min.replace(tzinfo=timezone.utc), reverse=True)
    return SyncStatus(True, team.team_id, team.join_code, heard, last_import(store), shared_digest(store),
                      watch.folder(store))


def grouped_digest(digest: str, groups: int = 6) -> str:
    """The first characters of the digest in groups of four, easy to read aloud and compare."""
    return " ".join(digest[i:i + 4] for i in range(0, groups * 4, 4)).upper()


def age_text(when: datetime | None, now: datetime | None = None) -> str:
    """"3 days ago", in the current language (Babel)."""
    from babel.dates import format_timedelta
    from connector_app.i18n import _, current_locale
    if when is None:
        return _("never")
    delta = when - (now or datetime.now(timezone.utc))
    return format_timedelta(delta, add_direction=True, locale=current_locale())
