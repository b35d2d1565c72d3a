"""Nothing typed is lost silently: unsaved forms kept as encrypted drafts, offered back on unlock.

Every form built on ui/form_base.py has a ``DraftKeeper``. Every few seconds,
when the form has changed, the keeper writes what it holds (the form's
``draft_state()``, and ``draft_place()``: where it reopens) into the store
(store/drafts.py: inside the SQLCipher database, never settings or temp files)
through the task runner. Locking takes the latest state of every open form
(``take_all``) and saves it in the same job that closes the database; a crash
leaves the last autosave. Saving a form deletes its draft inside the save job
itself, so a lock arriving while a save runs never keeps a form already saved.

On unlock ``DraftOffer``, a bar above the screens, offers the drafts of the
staff member now using the app, one at a time, saying until when each is kept:
"Carry on" reopens the form, filled in, where it was (ui/draft_kinds.py);
"Discard" deletes it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from connector_app.i18n import _, format_date
from connector_app.ids import new_id
from connector_app.logs import log_unexpected
from connector_app.store.drafts import Draft, discard_draft, offered_drafts, save_draft
from ui.widgets import paragraph

AUTOSAVE_MS = 3000  # at most three seconds of typing is at risk in a crash


@dataclass(frozen=True)
class Pending:
    """A form's latest state, not yet in the store (taken when locking, or by the autosave)."""
    draft_id: str
    kind: str
    person_ids: tuple[str, ...]
    body: dict | None  # None: the form was emptied again, so its draft goes
    staff_id: str | None = None
    # Set by the form's save job once the record is written: this state is saved, not a draft any more.
    saved: threading.Event = field(default_factory=threading.Event, compare=False)

    def __repr__(self) -> str:  # never the typed text
        return f"<Pending {self.kind} {self.draft_id}>"


def save_pending(store, pending: list[Pending]) -> None:
    """Write drafts taken at lock, close or autosave; run on the runner before the database closes.

    A draft that cannot be written (a read-only workspace, a full disk) must not stop
    the lock: it is logged (type and place only, never the text) and the lock goes on.
    """
    if store is None or not store.is_open:
        return
    for item in pending:
        if item.saved.is_set():
            continue  # the form's save ran first: nothing is left unsaved
        try:
            if item.body is None:
                discard_draft(store, item.draft_id)
            else:
                save_draft(store, item.kind, item.body, person_ids=item.person_ids, staff_id=item.staff_id,
                           draft_id=item.draft_id)
        except Exception as exc:
            log_unexpected(exc)


class _DraftWrites(QObject):
    """Told after each draft written or discarded: the records watcher then knows the commit was this app's."""
    written = Signal()


_writes: _DraftWrites | None = None


def draft_writes() -> _DraftWrites:
    global _writes
    if _writes is None:
        _writes = _DraftWrites()
    return _writes


def _note_write(_result=None) -> None:
    draft_writes().written.emit()


class DraftKeeper(QObject):
    """Keeps one form's draft while the form is open and changed; forgets it when saved or cancelled.

    The form gives ``draft_kind``, ``draft_state()``, ``restore_draft(state)``, ``draft_place()``
    and ``draft_person_ids()`` (ui/form_base.py).
    """

    def __init__(self, form, runner, *, interval_ms: int = AUTOSAVE_MS):
        super().__init__(form)
        self.form, self.runner = form, runner
        self.workspace = None
        self.draft_id: str | None = None
        self.staff_id: str | None = None
        self._saved = threading.Event()
        self._blank = self._stored = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.tick)

    def _body(self) -> dict:
        return {"place": self.form.draft_place(), "state": self.form.draft_state()}

    def start(self, workspace) -> None:
        """The form is filled in as it starts (defaults, or the record read): that is its blank."""
        self.workspace = workspace
        self.draft_id = self.staff_id = None
        self._saved = threading.Event()
        self.rebase()
        if not getattr(workspace, "read_only", False):  # a read-only disk cannot keep a draft (or the form)
            self._timer.start()

    def rebase(self) -> None:
        """What the form holds now is its untouched state (a page form's defaults followed a new staff member)."""
        self._blank = self._stored = self._body()

    def untouched(self) -> bool:
        return self.draft_id is None and self._body() == self._blank

    def adopt(self, draft: Draft) -> None:
        """The form was reopened from this draft: fill it in and keep writing to the same draft."""
        self.form.restore_draft(draft.body.get("state", draft.body))  # quick-add drafts before schema 10: flat
        self.draft_id, self.staff_id = draft.id, draft.staff_id
        self._stored = self._body()

    def _pending(self) -> Pending | None:
        if self.workspace is None:
            return None
        body = self._body()
        if body == self._stored or (body == self._blank and self.draft_id is None):
            return None
        if self.draft_id is None:   # the first change: the draft belongs to whoever is using the app now
            self.draft_id = new_id()
            self.staff_id = self.workspace.store.actor_id if self.workspace.store is not None else None
        kept = None if body == self._blank else body
        return Pending(self.draft_id, self.form.draft_kind, tuple(self.form.draft_person_ids()), kept,
                       self.staff_id, self._saved)

    def tick(self) -> None:
        """Autosave: write the draft off the GUI thread if the form changed since the last write."""
        pending = self._pending()
        if pending is None:
            return
        self._stored = self._body()
        store = self.workspace.store
        self.runner.run(lambda control: save_pending(store, [pending]), on_success=_note_write)

    def saving(self, work: Callable) -> Callable:
        """Wrap a save job's ``work(store)``: the draft goes in the same transaction as the record."""
        draft_id, saved = self.draft_id, self._saved
        self._timer.stop()

        def work_and_discard(store):
            with store.atomic():
                result = work(store)
                if draft_id is not None:
                    discard_draft(store, draft_id)
            saved.set()
            return result
        return work_and_discard

    def save_failed(self) -> None:
        if self.workspace is not None and not getattr(self.workspace, "read_only", False):
            self._timer.start()

    def take_pending(self) -> list[Pending]:
        """Locking: the latest state if the store lacks it; the keeper stops and lets go of the form."""
        pending = self._pending()
        self.stop()
        return [] if pending is None else [pending]

    def discard(self) -> None:
        """The form was cancelled (or saved): its draft goes."""
        draft_id, workspace = self.draft_id, self.workspace
        self.stop()
        if draft_id is not None and workspace is not None and workspace.store is not None:
            store = workspace.store
            self.runner.run(lambda control: discard_draft(store, draft_id), on_success=_note_write)

    def stop(self) -> None:
        self._timer.stop()
        self.workspace = None
        self.draft_id = None


def take_all(root: QObject) -> list[Pending]:
    """Locking: the latest state of every open form under ``root`` (the main window); their keepers stop."""
    return [pending for keeper in root.findChildren(DraftKeeper) for pending in keeper.take_pending()]


class DraftOffer(QFrame):
    """The bar that offers drafts back after unlocking, one at a time, newest first."""

    carry_on = Signal(object)   # the Draft to reopen
    changed = Signal()          # a draft was discarded

    def __init__(self, runner, title: Callable[[Draft], str], parent: QWidget | None = None):
        super().__init__(parent, objectName="draftOffer")
        self.runner, self.title = runner, title   # title(draft): the form's name, translated
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

    def look(self, workspace, staff_id: str | None, kinds: frozenset[str]) -> None:
        """After unlocking (once it is known who is using the app): read that staff member's drafts."""
        self.workspace = workspace
        store = workspace.store
        self.runner.run(lambda control: [d for d in offered_drafts(store, staff_id) if d.kind in kinds],
                        on_success=lambda found: self._found(workspace, found))

    def _found(self, workspace, found: list[Draft]) -> None:
        if self.workspace is not workspace:
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
        text = ""
        if self.waiting:
            draft = self.waiting[0]
            # TRANSLATORS: {form} is the name of a form, e.g. "New conversation"; {date} the last day it is kept.
            text = _("You have an unsaved form: {form}. It is kept until {date}. Carry on?").format(
                form=self.title(draft), date=format_date(draft.keep_until))
        self.message.setText(text)
        self.setAccessibleName(_("Unsaved work"))
        self.setAccessibleDescription(text)
        # TRANSLATORS: button: reopen the form that was not saved, with what was typed in it.
        self.carry_on_button.setText(_("Carry on"))
        self.carry_on_button.setAccessibleName(_("Carry on with the unsaved form"))
        # TRANSLATORS: button: delete what was typed in a form that was never saved.
        self.discard_button.setText(_("Discard"))
        self.discard_button.setAccessibleName(_("Discard what was typed"))
