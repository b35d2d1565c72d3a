"""Strengths and talent-spotting: everyone's strengths, who is ready for which next step.

Filters by the person's name, kind, readiness and next step. The selected
strength moves along the readiness stages (spotted, exploring, ready, taken a
next step) in one step: **Move on** (Ctrl+M), or **Move back** (Ctrl+Shift+M) to
correct a slip; the store records the day it moved (readiness_on). Enter or a
double-click opens the person.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from connector_app.domain import vocab
from connector_app.i18n import _, format_number, ngettext
from connector_app.store.activity_queries import ActivityQueries, StrengthFilter
from ui.activity_models import StrengthsModel, select_row
from ui.list_page import ChoiceBox, ListPage
from ui.operations.activity import move_strength, next_readiness
from ui.tasks import failure_message
from ui.widgets import MessageLabel


def vocabulary_items(vocabulary) -> list[tuple[str, str]]:
    return [(code, vocabulary.label(code)) for code in vocabulary.codes]


class StrengthsPage(ListPage):
    open_record = Signal(str, str)

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(StrengthsModel(), parent)
        self.runner = runner
        self.workspace = None
        self.search_edit, self.search_label = QLineEdit(), QLabel()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.reload_soon)
        self.search_edit.returnPressed.connect(self.reload)
        self.search_label.setBuddy(self.search_edit)
        self.top.addWidget(self.search_label)
        self.top.addWidget(self.search_edit, 1)
        self.kind_box, self.kind_label = ChoiceBox(), QLabel()
        self.readiness_box, self.readiness_label = ChoiceBox(), QLabel()
        self.step_box, self.step_label = ChoiceBox(), QLabel()
        for label, box in ((self.kind_label, self.kind_box), (self.readiness_label, self.readiness_box),
                           (self.step_label, self.step_box)):
            self.add_filter(label, box)
            box.currentIndexChanged.connect(self.reload)

        self.forward_action = QAction(self, shortcut=QKeySequence("Ctrl+M"))
        self.back_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+M"))
        self.forward_button, self.back_button, self.open_button = QPushButton(), QPushButton(), QPushButton()
        for action, button, step in ((self.forward_action, self.forward_button, 1),
                                     (self.back_action, self.back_button, -1)):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self.move_selected(step))
            button.clicked.connect(lambda _checked=False, step=step: self.move_selected(step))
            self.addAction(action)
        self.open_button.clicked.connect(self.open_selected)
        self.message = MessageLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.forward_button)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        self.layout().addLayout(actions)
        self.layout().addWidget(self.message)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.setTabOrder(self.search_edit, self.kind_box)
        self.retranslate()

    # lifecycle -------------------------------------------------------------------------------

    def attach(self, workspace, reader) -> None:
        self.workspace = workspace
        super().attach(ActivityQueries(reader.connection))

    def clear(self) -> None:
        self.workspace = None
        self.message.clear_message()
        super().clear()

    def records_changed(self, types: frozenset) -> None:
        chosen = self.selected()
        super().records_changed(types)
        if chosen is not None:
            select_row(self.table, chosen.id)   # so Ctrl+M can be pressed again

    def watched_types(self) -> frozenset:
        return frozenset({"strength", "person"})

    def current_filter(self) -> StrengthFilter:
        return StrengthFilter(search=self.search_edit.text(), kind=self.kind_box.currentData(),
                              readiness=self.readiness_box.currentData(), next_step=self.step_box.currentData())

    def clear_filters(self) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)

    def load(self) -> None:
        self.model.show(self.queries, self.current_filter())

    def count_work(self):
        wanted = self.current_filter()
        return lambda queries: queries.count_strengths(wanted)

    def count_text(self, count: int) -> str:
        return ngettext("{count} strength", "{count} strengths", count).format(count=format_number(count))

    # the selected strength ------------------------------------------------------------------

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def move_selected(self, step: int = 1) -> None:
        row = self.selected()
        if row is None or self.workspace is None:
            return
        stage = next_readiness(row.readiness, step)
        if stage is None:
            return
        self.message.clear_message()
        move_strength(self.workspace, row.id, stage).run(self.runner, on_failure=self._failed)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_record.emit("person", row.person_id)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_message(failure_message(exc))

    def _selection_changed(self, *_args) -> None:
        row = self.selected()
        after = next_readiness(row.readiness, 1) if row else None
        before = next_readiness(row.readiness, -1) if row else None
        self.forward_button.setEnabled(after is not None)
        self.back_button.setEnabled(before is not None)
        self.open_button.setEnabled(row is not None)
        # The button says where the strength goes, so one press needs no second look.
        self.forward_button.setText(_("Move on to: {stage} (Ctrl+M)").format(stage=vocab.READINESS.label(after))
                                    if after else _("Move on (Ctrl+M)"))
        self.back_button.setText(_("Move back to: {stage}").format(stage=vocab.READINESS.label(before))
                                 if before else _("Move back"))
        self.forward_button.setAccessibleName(self.forward_button.text())
        self.back_button.setAccessibleName(self.back_button.text())

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("Strengths and talent-spotting"))
        self.search_label.setText(_("&Search"))
        self.search_edit.setPlaceholderText(_("Part of the person's name"))
        self.search_edit.setAccessibleName(_("Search strengths by the person's name"))
        self.kind_label.setText(_("&Kind"))
        self.readiness_label.setText(_("&Readiness"))
        self.step_label.setText(_("Ne&xt step"))
        for box, label in ((self.kind_box, self.kind_label), (self.readiness_box, self.readiness_label),
                           (self.step_box, self.step_label)):
            box.setAccessibleName(label.text().replace("&", ""))
        self.kind_box.fill(_("Any kind"), vocabulary_items(vocab.STRENGTH_KINDS))
        self.readiness_box.fill(_("Any readiness"), vocabulary_items(vocab.READINESS))
        self.step_box.fill(_("Any next step"), vocabulary_items(vocab.NEXT_STEPS))
        self.table.setAccessibleName(_("Strengths"))
        self.table.setAccessibleDescription(
            _("Enter opens the person. Ctrl+M moves the strength on to the next stage of readiness."))
        self.forward_button.setAccessibleDescription(_("Moves the chosen strength on one stage; today's date is kept."))
        self.back_button.setAccessibleDescription(_("Moves the chosen strength back one stage, to correct a slip."))
        self.open_button.setText(_("Open the person"))
        self.open_button.setAccessibleName(_("Open the person"))
        self._selection_changed()
