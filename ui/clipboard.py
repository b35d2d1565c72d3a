"""What this app put on the clipboard goes when the workspace locks: it may be record text (a copied name).

Only a fingerprint of the last text copied from the app is kept (never the text),
so lock empties the clipboard only if it still holds that: whatever the person
copied in another program since is left alone. Qt's ``ownsClipboard`` would do,
but not every platform answers it (macOS, Wayland, offscreen).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

CLIPBOARD_CLEAR_MS = 10_000  # DESIGN.md: anything sensitive copied is cleared after 10 s


def _fingerprint(text: str) -> bytes:
    import hashlib  # at first copy, not before the window shows (it loads OpenSSL)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardWatch(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ours: bytes | None = None
        QApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard() or QApplication.applicationState() == Qt.ApplicationActive:
            text = clipboard.text()
            self._ours = _fingerprint(text) if text else None  # copied here: a name, a note, a code
        else:
            self._ours = None

    def forget(self) -> None:
        """Empty the clipboard if it still holds what was copied in this app (locking, closing)."""
        clipboard = QApplication.clipboard()
        text = clipboard.text()
        if clipboard.ownsClipboard() or (self._ours is not None and text and _fingerprint(text) == self._ours):
            clipboard.clear()
        self._ours = None
