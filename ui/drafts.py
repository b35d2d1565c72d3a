"""Nothing typed is lost silently: unsaved forms kept as encrypted drafts, offered back on unlock.

A form registers with a ``DraftKeeper``, giving a form kind and three methods:
``to_dict()`` (what is typed, as plain data), ``from_dict(data)`` (put it
back) and ``draft_person_ids()`` (the people it is about, so erasing one of them
erases the draft too). Every few seconds, when the form has changed, the
keeper writes the draft into the store (store/drafts.py: inside the SQLCipher
database, never settings or temp files) through the task runner. Locking takes
the latest state (``take_pending``) and saves it in the same job that closes
the database; a crash leaves the last autosave.

On unlock ``DraftOffer``, a bar above the screens, offers each draft back:
"Carry on" reopens the form with what was typed, "Discard" deletes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from connector_app.i18n import N_, _
from connector_app.ids import new_id
from connector_app.logs import log_unexpected
from connector_app.store.drafts import Draft, discard_draft, drafts, save_draft
from ui.widgets import paragraph

AUTOSAVE_MS = 3000  # at most three seconds of typing is at risk in a crash

# What the offer says for each kind of form (translated when shown).
OFFERS = {
    "conversation": N_("You were adding a conversation when the app locked. Carry on?"),
}


@dataclass(frozen=True)
class Pending:
    """A form's latest state, not yet in the store (taken when locking)."""
    draft_id: str
    kind: str
    person_ids: tuple[str, ...]
    body: dict | None  # None: the form was emptied again, so its draft goes

    def __repr__(self) -> str:  # never the typed text
        return f"<Pending {self.kind} {self.draft_id}>"


def save_pending(store, pending: list[Pending]) -> None:
    """Write drafts taken at lock or close; run on the runner before the database closes.

    A draft that cannot be written (a read-only workspace, a full disk) must not stop
    the lock: it is logged (type and place only, never the text) and the lock goes on.
    """
    if store is None or not store.is_open:
        return
    for item in pending:
        try:
            if item.body is None:
                discard_draft(store, item.draft_id)
            else:
                save_draft(store, item.kind, item.body, person_ids=item.person_ids, draft_id=item.draft_id)
        except Exception as exc:
            log_unexpected(exc)


class DraftKeeper(QObject):
    """Saves one form's draft while it is dirty, every ``interval_ms``; forgets it when saved or cancelled."""

    def __init__(self, form, kind: str, runner, workspace, *, interval_ms: int = AUTOSAVE_MS,
                 parent: QObject | None = None):
        super().__init__(parent or form)
        self.form, self.kind, self.runner, self.workspace = form, kind, runner, workspace
        self.draft_id: str | None = None
        # Called after each write: the view's records watcher then knows the commit was this app's.
        # A plain callable, not a signal: a discard finishes after the form (and keeper) are gone.
        self.on_write: Callable[[], None] = lambda: None
        self._blank = form.to_dict()      # an untouched form is not worth keeping
        self._stored = self._blank        # what the store holds for this form
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.tick)
        if not getattr(workspace, "read_only", False):  # a read-only disk cannot keep a draft (or the form)
            self._timer.start()

    def adopt(self, draft: Draft) -> None:
        """The form was refilled from this draft: keep writing to it."""
        self.form.from_dict(draft.body)
        self.draft_id = draft.id
        self._stored = self.form.to_dict()

    def _pending(self) -> Pending | None:
        if self.workspace is None:
            return None
        body = self.form.to_dict()
        if body == self._stored or (body == self._blank and self.draft_id is None):
            return None
        self.draft_id = self.draft_id or new_id()
        kept = None if body == self._blank else body
        return Pending(self.draft_id, self.kind, tuple(self.form.draft_person_ids()), kept)

    def tick(self) -> None:
        """Autosave: write the draft off the GUI thread if the form changed since the last write."""
        pending = self._pending()
        if pending is None:
            return
        self._stored = self.form.to_dict()
        store, note = self.workspace.store, self.on_write
        self.runner.run(lambda control: save_pending(store, [pending]), on_success=lambda _r: note())

    def take_pending(self) -> list[Pending]:
        """Locking: the latest state if the store lacks it; the keeper stops and lets go of the form."""
        pending = self._pending()
        self._detach()
        return [] if pending is None else [pending]

    def discard(self) -> None:
        """The form was saved or cancelled: its draft goes."""
        draft_id, workspace = self.draft_id, self.workspace
        self._detach()
        if draft_id is not None and workspace is not None and workspace.store is not None:
            store, note = workspace.store, self.on_write
            self.runner.run(lambda control: discard_draft(store, draft_id), on_success=lambda _r: note())

    def _detach(self) -> None:
        self._timer.stop()
        self.workspace = None
        self.draft_id = None


class DraftOffer(QFrame):
    """The bar that offers drafts back after unlocking, one at a time, newest first."""

    carry_on = Signal(object)   # the Draft to reopen
    changed = Signal()          # a draft was discarded

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(parent, objectName="draftOffer")
        self.runner = runner
        self.workspace = None
        self.waiting: list[Draft] = []
        self.message = paragraph()
        self.carry_on_button = QPushButton()
        self.carry_on_button.clicked.connect(self._carry_on)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self._discard)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.carry_on_button)
        layout.addWidget(self.discard_button)
        self.hide()
        self.retranslate()

    def look(self, workspace, kinds: Callable[[], tuple[str, ...]] = lambda: tuple(OFFERS)) -> None:
        """After unlocking: read the drafts kept (off the GUI thread) and offer the newest."""
        self.workspace = workspace
        store = workspace.store
        wanted = kinds()
        self.runner.run(lambda control: [d for d in drafts(store) if d.kind in wanted], on_success=self._found)

    def _found(self, found: list[Draft]) -> None:
        if self.workspace is None:
            return  # locked since
        self.waiting = found
        self._show_next()

    def _show_next(self) -> None:
        self.setVisible(bool(self.waiting))
        self.retranslate()
        if self.waiting:
            self.carry_on_button.setFocus()

    def _carry_on(self) -> None:
        if self.waiting:
            self.carry_on.emit(self.waiting.pop(0))
            self._show_next()

    def _discard(self) -> None:
        if self.waiting and self.workspace is not None:
            draft, store = self.waiting.pop(0), self.workspace.store
            self.runner.run(lambda control: discard_draft(store, draft.id), on_success=lambda _r: self.changed.emit())
            self._show_next()

    def clear(self) -> None:
        """Locking: forget the drafts read (they hold typed text)."""
        self.workspace = None
        self.waiting = []
        self.hide()

    def retranslate(self) -> None:
        text = _(OFFERS[self.waiting[0].kind]) if self.waiting else ""
        self.message.setText(text)
        self.setAccessibleName(_("Unsaved work"))
        self.setAccessibleDescription(text)
        # TRANSLATORS: button: reopen the form that was not saved, with what was typed in it.
        self.carry_on_button.setText(_("Carry on"))
        self.carry_on_button.setAccessibleName(_("Carry on with the unsaved form"))
        # TRANSLATORS: button: delete what was typed in a form that was never saved.
        self.discard_button.setText(_("Discard"))
        self.discard_button.setAccessibleName(_("Discard what was typed"))
