"""How the demo workspace is marked wherever it shows: a coloured banner over every screen, the window
title and the status bar, so made-up records are never mistaken for real ones (see connector_app/demo.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from connector_app.i18n import _


def demo_title() -> str:
    # TRANSLATORS: the window title while the demo workspace is open.
    return _("DEMO: made-up people only · Connector app")


class DemoBanner(QLabel):
    """Across the top of the window while the demo is open; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="demoBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setAlignment(Qt.AlignCenter)
        self.passphrase = ""
        self.hide()

    def show_demo(self, passphrase: str) -> None:
        self.passphrase = passphrase
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        if not self.passphrase:  # a demo made on the command line opens with a passphrase of one's own
            self.setText(_("Demo workspace: every person and note here is made up. Nothing you type here is kept "
                           "with your real records."))
        else:
            self.setText(_("Demo workspace: every person and note here is made up. Nothing you type here is kept "
                           "with your real records. Its passphrase is “{passphrase}”.").format(
                               passphrase=self.passphrase))
        self.setAccessibleName(_("Demo workspace"))


def demo_status() -> str:
    # TRANSLATORS: shown at all times in the status bar while the demo workspace is open.
    return _("Demo workspace")
