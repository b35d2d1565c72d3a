"""A field for a paper sheet's ID: typed in, or read from a scan or photo of the sheet's QR code.

The form for typing in a filled-in talent-spotting sheet embeds it, so the paper
is matched to the record. Reading the image runs in the background (zxing-cpp).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from connector_app.i18n import _
from connector_app.reports.sheet_ids import DATA_LENGTH, NotASheetId, parse_sheet_id, read_sheet_ids_from_image
from ui.tasks import TaskRunner, failure_message


class SheetIdField(QWidget):
    """Emits ``changed(sheet_id)`` with the canonical ID, or "" while what is typed is not one."""

    changed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        # An example of the printed ID's shape (letters and digits, not words): nothing to translate.
        self.edit = QLineEdit(placeholderText="7KQ3-M9XR-5")
        self.edit.textChanged.connect(self._typed)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self.choose_image)
        self.message = QLabel(objectName="hint")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._id = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.scan_button.setText(_("Read from a scan or photo…"))

    def sheet_id(self) -> str:
        return self._id

    def _typed(self, text: str) -> None:
        try:
            self._id = parse_sheet_id(text) if text.strip() else ""
            self.message.setText("")
        except NotASheetId as exc:
            self._id = ""
            # Not a complaint while the ID is still being typed: only once it is as long as an ID or longer.
            typed = "".join(ch for ch in text if ch.isalnum())
            self.message.setText(exc.message() if len(typed) >= DATA_LENGTH + 1 or ":" in text else "")
        self.changed.emit(self._id)

    def choose_image(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(self, _("Scan or photo of the sheet"), "",
                                                    _("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"))
        if path:
            self.read_image(path)

    def read_image(self, path: str) -> None:
        self.message.setText(_("Looking for the sheet's QR code…"))
        self.runner.run(lambda control: read_sheet_ids_from_image(path), label=_("Reading the scan…"),
                        on_success=self._found, on_failure=lambda exc: self.message.setText(failure_message(exc)))

    def _found(self, ids: list[str]) -> None:
        if not ids:
            self.message.setText(_("No sheet QR code was found in that picture. Type the ID printed under it."))
            return
        self.edit.setText(ids[0])
        if len(ids) > 1:
            self.message.setText(_("More than one sheet is in that picture; the first was taken."))
