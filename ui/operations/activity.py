"""Operations of the activity screens: connecting time, strengths, assets, venues and connections."""

from __future__ import annotations

from connector_app.domain import vocab
from connector_app.domain.records import Asset, ConnectingTime, Connection, Venue
from connector_app.i18n import _
from ui.operations import Op


def log_connecting_time(workspace, session: ConnectingTime) -> Op:
    return Op(_("Saving the connecting time…"), lambda store: store.connecting_time.add(session), workspace)


def next_readiness(readiness: str, step: int = 1) -> str | None:
    """The stage after (or before, with ``step=-1``) this one; None at either end."""
    stages = vocab.READINESS.codes
    index = stages.index(readiness) + step if readiness in stages else -1
    return stages[index] if 0 <= index < len(stages) else None


def move_strength(workspace, strength_id: str, readiness: str) -> Op:
    """Move a strength to another readiness stage; the store stamps readiness_on with today."""
    return Op(_("Saving the strength…"),
              lambda store: store.strengths.update(strength_id, readiness=readiness), workspace)


def save_asset(workspace, asset: Asset) -> Op:
    """Add a new asset, or save changes to an existing one (it has an id)."""
    return _save(workspace, "assets", asset, _("Saving the community asset…"))


def save_venue(workspace, venue: Venue) -> Op:
    return _save(workspace, "venues", venue, _("Saving the venue…"))


def _save(workspace, repository: str, record, label: str) -> Op:
    def work(store):
        repo = getattr(store, repository)
        if not record.id:
            return repo.add(record)
        return repo.update(record.id, **record.values())
    return Op(label, work, workspace)


def connect(workspace, connection: Connection) -> Op:
    return Op(_("Saving the connection…"), lambda store: store.connections.add(connection), workspace)


def set_outcome(workspace, connection_id: str, outcome: str) -> Op:
    """Record how a connection turned out; the store stamps outcome_on with today."""
    return Op(_("Saving the outcome…"),
              lambda store: store.connections.update(connection_id, outcome=outcome), workspace)


def load_record(workspace, repository: str, record_id: str) -> Op:
    """Read one whole record (to correct it) on the runner's thread, where the store's connection lives."""
    return Op(_("Opening…"), lambda store: getattr(store, repository).get(record_id), workspace)
