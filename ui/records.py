"""The Qt side of "records changed": one signal every view listens to.

The core calls plain listeners after each commit (``Store.on_records_changed``);
here one listener turns that into the ``changed`` signal, on the GUI thread
whatever thread committed. Writes by another process on the same workspace (the
command line, a sync import) are noticed by polling ``PRAGMA data_version`` on
the lists' read-only connection in idle time: they refresh every view.

Views refresh themselves from the signal; nothing calls a screen's refresh by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from connector_app.domain.records import RECORD_TYPES

EVERY_TYPE = frozenset(cls.type_name for cls in RECORD_TYPES)
POLL_MS = 2000  # how often, when idle, the app looks for another program's writes


class RecordsWatcher(QObject):
    changed = Signal(object)   # frozenset of record type names
    _heard = Signal(object)    # from whichever thread committed; delivered queued on the GUI thread

    def __init__(self, parent: QObject | None = None, *, poll_ms: int = POLL_MS):
        super().__init__(parent)
        self._store = None
        self._reader = None
        self._version: int | None = None
        self._listener = None
        self._heard.connect(self._local_change)
        self._timer = QTimer(self, interval=poll_ms)
        self._timer.timeout.connect(self.poll)

    def attach(self, store, reader) -> None:
        """Start listening to ``store`` (this app's writes) and ``reader`` (everyone's commits)."""
        self.detach()
        self._store, self._reader = store, reader
        self._version = reader.data_version()
        self._listener = self._heard.emit  # kept, so the same callable is removed again
        store.on_records_changed(self._listener)
        self._timer.start()

    def detach(self) -> None:
        self._timer.stop()
        if self._store is not None and self._listener is not None:
            self._store.remove_records_listener(self._listener)
        self._listener = None
        self._store = self._reader = None
        self._version = None

    @property
    def attached(self) -> bool:
        return self._reader is not None

    def _local_change(self, types: frozenset) -> None:
        if self._reader is None:
            return  # locked since
        self._version = self._reader.data_version()  # our own commit: not another program's
        self.changed.emit(frozenset(types))

    def note_own_write(self) -> None:
        """This app wrote something that is not a record (a draft): not another program's write."""
        if self._reader is not None:
            self._version = self._reader.data_version()

    def poll(self) -> None:
        """Look once for commits by another connection; refresh every view if there were any."""
        if self._reader is None:
            return
        try:
            version = self._reader.data_version()
        except Exception:  # closed or damaged: the next unlock starts again
            return
        if version != self._version:
            self._version = version
            self.changed.emit(EVERY_TYPE)
