"""The person's conversations, newest first, paged as they scroll (a person may have hundreds).

New conversations come from quick-add (Ctrl+N). Enter opens one on its own page
(ui/conversation_page.py: who else was there, what came of it); "Edit…" corrects it here.
"""

from __future__ import annotations

from connector_app.i18n import _
from connector_app.store.queries import ConversationFilter
from ui.list_models import ROW_ID_ROLE, ConversationsModel
from ui.person.records_table import RecordsTable


class ConversationsTab(RecordsTable):
    types = frozenset({"conversation", "person", "venue", "staff"})

    def __init__(self, page):
        super().__init__(page, "conversation", None, None, model=ConversationsModel(), can_add=False)
        self.table.activated.disconnect()   # Enter opens the conversation's page, not the form
        self.table.activated.connect(lambda index: page.open_record.emit("conversation", index.data(ROW_ID_ROLE)))

    def load(self, person_id: str) -> None:
        if self.page.queries is not None:
            self.model.show(self.page.queries, ConversationFilter(person_id=person_id))

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleDescription(_("Enter opens the conversation."))
