"""Who is using this laptop: chosen after unlocking, remembered per laptop.

Hub laptops are shared, so every change names the staff member who made it
(``store.actor_id``, written into the change log and the audit). The choice is
remembered in the laptop's settings as the staff member's id (never a name) and
offered again at the next unlock; Workspace > Switch staff member changes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from connector_app.i18n import _


class StaffChoiceDialog(QDialog):
    """A short question after unlocking; Enter confirms the staff member shown first."""

    chosen = Signal(str)  # staff id

    def __init__(self, staff: list[tuple[str, str]], remembered: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModal)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.staff_box = QComboBox()
        for staff_id, name in staff:
            self.staff_box.addItem(name, staff_id)
        index = self.staff_box.findData(remembered) if remembered else -1
        self.staff_box.setCurrentIndex(max(index, 0))
        self.question.setBuddy(self.staff_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.staff_box)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Who is working?"))
        self.question.setText(_("Who is using the app now? Everything you record will say it was you."))
        self.staff_box.setAccessibleName(_("Staff member using the app"))
        self.buttons.button(QDialogButtonBox.Ok).setText(_("Start"))

    def accept(self) -> None:
        staff_id = self.staff_box.currentData()
        if staff_id:
            self.chosen.emit(staff_id)
        super().accept()

