"""The person's conversations, newest first, paged as they scroll (a person may have hundreds).

New conversations come from quick-add (Ctrl+N); here one is opened to correct it.
"""

from __future__ import annotations

from connector_app.store.queries import ConversationFilter
from ui.list_models import ConversationsModel
from ui.person.records_table import RecordsTable


class ConversationsTab(RecordsTable):
    types = frozenset({"conversation", "person", "venue", "staff"})

    def __init__(self, page):
        super().__init__(page, "conversation", None, None, model=ConversationsModel(), can_add=False)

    def load(self, person_id: str) -> None:
        if self.page.queries is not None:
            self.model.show(self.page.queries, ConversationFilter(person_id=person_id))
