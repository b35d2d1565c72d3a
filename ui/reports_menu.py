"""The Reports menu: its items, enabled while a workspace is unlocked, and the dialogs it has open.

The dialogs (ui/reports.py) are imported when first opened, not before the
unlock window shows (tests/ui/test_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from connector_app.i18n import _, format_number, ngettext
from ui.settings import SUPPRESS_SMALL_NUMBERS
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.reports import BlankSheetsDialog, MonthlySummaryDialog, PersonSheetDialog


class ReportsMenu(QObject):
    """The menu and its actions; enabled while a workspace is unlocked."""

    def __init__(self, window, runner: TaskRunner, store_of: Callable):
        super().__init__(window)
        self.window, self.runner, self.store_of = window, runner, store_of
        self.menu = QMenu(window)
        self.monthly_action = QAction(self, enabled=False)
        self.monthly_action.triggered.connect(self.open_monthly)
        self.sheets_action = QAction(self)
        self.sheets_action.triggered.connect(self.open_sheets)
        self.person_action = QAction(self, enabled=False)
        self.person_action.triggered.connect(self.open_person_sheet)
        self.paper_sheet_action = QAction(self, enabled=False)
        self.paper_sheet_action.triggered.connect(self.open_paper_sheet)
        self.menu.addAction(self.monthly_action)
        self.menu.addAction(self.sheets_action)
        self.menu.addAction(self.person_action)
        self.menu.addAction(self.paper_sheet_action)
        self.dialogs: list[QDialog] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Reports"))
        self.monthly_action.setText(_("&Monthly summary…"))
        self.sheets_action.setText(_("Blank &talent-spotting sheets…"))
        self.paper_sheet_action.setText(_("T&ype in a paper sheet…"))
        self.person_action.setText(_("A &person's talent-spotting sheet…"))

    def set_unlocked(self, unlocked: bool) -> None:
        self.monthly_action.setEnabled(unlocked)
        self.person_action.setEnabled(unlocked)
        self.paper_sheet_action.setEnabled(unlocked)
        if not unlocked:
            self.close_all()

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialogs.append(dialog)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        dialog.show()
        return dialog

    def open_monthly(self) -> MonthlySummaryDialog:
        from ui.reports import MonthlySummaryDialog
        settings = getattr(self.window, "settings", None)
        suppress = settings.get(SUPPRESS_SMALL_NUMBERS) if settings is not None else True
        return self._show(MonthlySummaryDialog(self.runner, self.store_of, self.window, suppress=suppress))

    def open_sheets(self) -> BlankSheetsDialog:
        from ui.reports import BlankSheetsDialog
        return self._show(BlankSheetsDialog(self.runner, self.window))

    def open_person_sheet(self) -> PersonSheetDialog:
        from ui.reports import PersonSheetDialog
        return self._show(PersonSheetDialog(self.runner, self.store_of, self.window))

    def open_paper_sheet(self) -> QDialog | None:
        """Typing in a filled-in sheet: writes through the workspace, reads through the lists' own connection."""
        workspace, reader = getattr(self.window, "workspace", None), getattr(self.window.shell, "reader", None)
        if workspace is None or reader is None:
            return None
        from ui.paper_sheet import PaperSheetDialog
        dialog = PaperSheetDialog(workspace, reader, self.runner, self.window)
        dialog.saved.connect(self._sheet_saved)
        self._show(dialog)
        dialog.raise_()
        dialog.activateWindow()  # the keyboard goes straight to the sheet's ID
        return dialog

    def _sheet_saved(self, saved) -> None:
        self.window.statusBar().showMessage(ngettext(
            "The sheet is saved: {count} strength.", "The sheet is saved: {count} strengths.",
            saved.strengths).format(count=format_number(saved.strengths)), 8000)

    def close_all(self) -> None:
        for dialog in list(self.dialogs):
            dialog.close()
