"""A table model over a short list read whole (one person's strengths, check-ins, follow-ups).

The same model as the long lists (ui/list_models.py), fed one page that is
also the last: one person's lists stay short, so they are read in one query.
"""

from __future__ import annotations

from typing import Callable

from connector_app.store.queries import Page
from ui.list_models import Column, KeysetModel


class RowsModel(KeysetModel):
    def __init__(self, columns: tuple[Column, ...], parent=None):
        super().__init__(parent)
        self.columns = columns

    def show(self, read: Callable[[], list]) -> None:
        """Show what ``read()`` returns; ``refresh()`` calls it again."""
        self.set_source(lambda after, limit: Page(read(), None))

    def set_rows(self, rows: list) -> None:
        self.show(lambda: rows)
