"""Operations on paper talent-spotting sheets."""

from __future__ import annotations

from connector_app.i18n import _
from connector_app.store.paper_sheets import PaperSheet, save_paper_sheet
from ui.operations import Op


def type_in_sheet(workspace, sheet: PaperSheet) -> Op:
    """Save what a paper sheet says, in one transaction (connector_app/store/paper_sheets.py)."""
    return Op(_("Saving the talent-spotting sheet…"), lambda store: save_paper_sheet(store, sheet), workspace)
