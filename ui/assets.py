"""Community assets and venues: the directory of groups and places people are connected to.

Two tabs. **Community assets**: search by name or place, filter by kind and
language, see languages and accessibility; the chosen asset's detail shows what
it offers and who is connected, with each connection's outcome, which can be
recorded as it changes (the store dates each change). **Venues**: the places,
with address and accessibility. Both can be added and corrected; a person is
connected from here (**Connect a person**) or from their own page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.i18n import _, format_number, language_name, ngettext
from connector_app.store.activity_queries import ActivityQueries, AssetFilter
from ui.activity_models import AssetsModel, ConnectionsModel, VenuesModel, select_row
from ui.asset_forms import AssetDialog, VenueDialog
from ui.connect_dialog import ConnectDialog
from ui.list_models import _languages
from ui.list_page import ChoiceBox, ListPage
from ui.operations.activity import load_record, set_outcome
from ui.tasks import failure_message
from ui.widgets import MessageLabel, paragraph, row_table


class DialogHolder:
    """The one form a list has open: closed, and what it holds forgotten, on lock."""

    dialog = None

    def hold(self, dialog):
        self.forget_dialog()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def forget_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.forget()
            dialog.reject()


class SearchList(ListPage, DialogHolder):
    """A list page with a search box, a row of buttons under the table and a message line."""

    def __init__(self, model, runner, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.runner, self.workspace, self.reader = runner, None, None
        self.search_edit, self.search_label = QLineEdit(), QLabel()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.reload_soon)
        self.search_edit.returnPressed.connect(self.reload)
        self.search_label.setBuddy(self.search_edit)
        self.top.addWidget(self.search_label)
        self.top.addWidget(self.search_edit, 1)
        self.buttons = QHBoxLayout()
        self.message = MessageLabel()
        self.layout().addLayout(self.buttons)
        self.layout().addWidget(self.message)

    def attach(self, workspace, reader) -> None:
        self.workspace, self.reader = workspace, reader
        super().attach(ActivityQueries(reader.connection))

    def clear(self) -> None:
        self.forget_dialog()
        self.workspace = self.reader = None
        self.message.clear_message()
        super().clear()

    def records_changed(self, types: frozenset) -> None:
        chosen = self.selected()
        super().records_changed(types)
        if chosen is not None:
            select_row(self.table, chosen.id)

    def clear_filters(self) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def edit_selected(self, repository: str, make_dialog) -> None:
        row = self.selected()
        if row is not None:
            self.edit_record(repository, row.id, make_dialog)

    def edit_record(self, repository: str, record_id: str, make_dialog, then=lambda dialog: None) -> None:
        """Read a record whole (on the runner), then open its form (and hand it to ``then``)."""
        if self.workspace is None:
            return
        load_record(self.workspace, repository, record_id).run(
            self.runner, on_success=lambda record: self._open_form(make_dialog, record, then), on_failure=self.failed)

    def _open_form(self, make_dialog, record, then) -> None:
        if self.workspace is not None:  # not locked meanwhile
            then(self.hold(make_dialog(record)))

    def failed(self, exc: BaseException) -> None:
        self.message.show_message(failure_message(exc))


class AssetDirectory(SearchList):
    open_record = Signal(str, str)

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(AssetsModel(), runner, parent)
        self.kind_box, self.kind_label = ChoiceBox(), QLabel()
        self.language_box, self.language_label = ChoiceBox(), QLabel()
        self.ended_check = QCheckBox()
        self.add_filter(self.kind_label, self.kind_box)
        self.add_filter(self.language_label, self.language_box)
        self.add_filter(None, self.ended_check)
        for box in (self.kind_box, self.language_box):
            box.currentIndexChanged.connect(self.reload)
        self.ended_check.toggled.connect(self.reload)
        self.new_button, self.edit_button, self.connect_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_asset)
        self.edit_button.clicked.connect(self.edit_asset)
        self.connect_button.clicked.connect(self.connect_person)
        for button in (self.connect_button, self.edit_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.new_button)

        # The chosen asset: what it offers, and who is connected with how it turned out.
        self.detail = QGroupBox()
        self.detail_text = paragraph()
        self.connected_label = QLabel()
        self.connections_model = ConnectionsModel(self)
        self.connections_table = row_table(self.connections_model)
        self.connections_table.setColumnHidden(1, True)  # the asset: the one shown
        self.connections_table.activated.connect(self.open_person)
        self.outcome_box, self.outcome_label = ChoiceBox(), QLabel()
        self.outcome_label.setBuddy(self.outcome_box)
        # Its longest outcome would hold the detail 350 pixels wide and squeeze the list's names: it elides instead.
        self.outcome_box.setSizeAdjustPolicy(ChoiceBox.AdjustToMinimumContentsLengthWithIcon)
        self.outcome_box.setMinimumContentsLength(10)
        self.outcome_button = QPushButton()
        self.outcome_button.clicked.connect(self.record_outcome)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome_label)
        outcome_row.addWidget(self.outcome_box, 1)
        outcome_row.addWidget(self.outcome_button)
        detail = QVBoxLayout(self.detail)
        detail.addWidget(self.detail_text)
        detail.addWidget(self.connected_label)
        detail.addWidget(self.connections_table, 1)
        detail.addLayout(outcome_row)
        self.connected_label.setBuddy(self.connections_table)
        # The list on the leading side, the chosen asset beside it (mirrored right to left).
        splitter = QSplitter(Qt.Horizontal)
        self.layout().replaceWidget(self.table, splitter)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])   # in proportion: the detail's own size hint would take most
        self.connections_table.horizontalHeader().setDefaultSectionSize(130)
        splitter.setChildrenCollapsible(False)

        self.table.activated.connect(lambda _index: self.edit_asset())
        self.table.selectionModel().currentRowChanged.connect(self.show_detail)
        self.model.modelReset.connect(self.show_detail)
        self.connections_table.selectionModel().currentRowChanged.connect(self._connection_chosen)
        self.connections_model.modelReset.connect(self._connection_chosen)
        self.setTabOrder(self.search_edit, self.kind_box)
        self.retranslate()

    def watched_types(self) -> frozenset:
        return frozenset({"asset", "venue", "connection", "person"})

    def current_filter(self) -> AssetFilter:
        return AssetFilter(search=self.search_edit.text(), kind=self.kind_box.currentData(),
                           language=self.language_box.currentData(), running_only=not self.ended_check.isChecked())

    def fill_choices(self) -> None:
        if self.queries is not None:
            self.language_box.fill(_("Any language"), sorted(
                ((code, language_name(code)) for code in self.queries.asset_languages()),
                key=lambda item: item[1].casefold()))

    def clear_filters(self) -> None:
        super().clear_filters()
        self.language_box.fill(_("Any language"), [])

    def clear(self) -> None:
        super().clear()
        self.connections_model.clear()
        self.detail_text.clear()

    def records_changed(self, types: frozenset) -> None:
        connection = self.chosen_connection()
        super().records_changed(types)   # the directory re-read; choosing the asset again re-reads its detail
        if connection is not None:
            select_row(self.connections_table, connection.id)

    def load(self) -> None:
        self.model.show(self.queries, self.current_filter())

    def count_work(self):
        wanted = self.current_filter()
        return lambda queries: queries.count_assets(wanted)

    def count_text(self, count: int) -> str:
        return ngettext("{count} community asset", "{count} community assets", count).format(
            count=format_number(count))

    # the chosen asset ------------------------------------------------------------------------

    def show_detail(self, *_args) -> None:
        row = self.selected()
        for button in (self.edit_button, self.connect_button):
            button.setEnabled(row is not None)
        if row is None or self.queries is None:
            self.detail.setTitle(_("Community asset"))
            self.detail_text.setText(_("Choose a community asset to see who is connected to it."))
            self.connections_model.clear()
            return
        self.detail.setTitle(row.name)
        lines = [vocab.ASSET_KINDS.label(row.kind)]
        for label, value in ((_("What it offers"), row.offer), (_("Where"), row.where), (_("When"), row.times),
                             (_("Contact"), row.contact), (_("Languages"), _languages(row.languages)),
                             (_("Accessibility"), row.accessibility)):
            if value:
                lines.append(_("{label}: {value}").format(label=label, value=value))
        if not row.active:
            lines.append(_("No longer running."))
        self.detail_text.setText("\n".join(lines))
        self.connections_model.show(self.queries, asset_id=row.id)

    def _connection_chosen(self, *_args) -> None:
        index = self.connections_table.currentIndex()
        chosen = self.connections_model.row_at(index.row()) if index.isValid() else None
        for widget in (self.outcome_box, self.outcome_button):
            widget.setEnabled(chosen is not None)
        if chosen is not None:
            self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(chosen.outcome)))

    def chosen_connection(self):
        index = self.connections_table.currentIndex()
        return self.connections_model.row_at(index.row()) if index.isValid() else None

    def record_outcome(self) -> None:
        chosen = self.chosen_connection()
        outcome = self.outcome_box.currentData()
        if chosen is None or self.workspace is None or outcome == chosen.outcome:
            return
        set_outcome(self.workspace, chosen.id, outcome).run(self.runner, on_failure=self.failed)

    def open_person(self, *_args) -> None:
        chosen = self.chosen_connection()
        if chosen is not None:
            self.open_record.emit("person", chosen.person_id)

    # forms ---------------------------------------------------------------------------------------

    def new_asset(self) -> AssetDialog | None:
        if self.workspace is not None:
            return self.hold(AssetDialog(self.workspace, self.reader, self.runner, None, self))
        return None

    def make_asset_dialog(self, asset) -> AssetDialog:
        return AssetDialog(self.workspace, self.reader, self.runner, asset, self)

    def edit_asset(self) -> None:
        self.edit_selected("assets", self.make_asset_dialog)

    def connect_person(self) -> None:
        row = self.selected()
        if row is not None:
            self.connect_to(row.id)

    def connect_to(self, asset_id: str) -> ConnectDialog | None:
        if self.workspace is None:
            return None
        return self.hold(ConnectDialog(self.workspace, self.reader, self.runner, asset_id=asset_id, parent=self))

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("Community assets"))
        self.search_label.setText(_("&Search"))
        self.search_edit.setPlaceholderText(_("Name of the group or place, or where it is"))
        self.search_edit.setAccessibleName(_("Search community assets"))
        self.kind_label.setText(_("&Kind"))
        self.language_label.setText(_("Lan&guage"))
        for box, label in ((self.kind_box, self.kind_label), (self.language_box, self.language_label)):
            box.setAccessibleName(label.text().replace("&", ""))
        self.kind_box.fill(_("Any kind"), [(c, vocab.ASSET_KINDS.label(c)) for c in vocab.ASSET_KINDS.codes])
        self.ended_check.setText(_("Show those no longer &running"))
        self.ended_check.setAccessibleName(_("Show community assets no longer running"))
        self.table.setAccessibleName(_("Community assets"))
        self.table.setAccessibleDescription(_("Enter opens the community asset to correct it."))
        for button, text in ((self.new_button, _("&New community asset…")), (self.edit_button, _("&Edit…")),
                             (self.connect_button, _("&Connect a person…"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").replace("…", ""))
        self.connected_label.setText(_("&Who is connected"))
        self.connections_table.setAccessibleName(_("People connected to the chosen community asset"))
        self.connections_table.setAccessibleDescription(_("Enter opens the person."))
        self.outcome_label.setText(_("&Outcome"))
        self.outcome_box.setAccessibleName(_("Outcome of the chosen connection"))
        self.outcome_box.fill(vocab.CONNECTION_OUTCOMES.label("suggested"), [
            (code, vocab.CONNECTION_OUTCOMES.label(code)) for code in vocab.CONNECTION_OUTCOMES.codes[1:]])
        self.outcome_box.setItemData(0, "suggested")
        self.outcome_button.setText(_("Record the outcome"))
        self.outcome_button.setAccessibleName(_("Record the outcome"))
        self.connections_model.retranslate()
        self.show_detail()
        self._connection_chosen()


class VenueList(SearchList):
    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(VenuesModel(), runner, parent)
        self.new_button, self.edit_button = QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_venue)
        self.edit_button.clicked.connect(self.edit_venue)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.new_button)
        self.table.activated.connect(lambda _index: self.edit_venue())
        self.retranslate()

    def watched_types(self) -> frozenset:
        return frozenset({"venue"})

    def load(self) -> None:
        self.model.show(self.queries, self.search_edit.text())

    def update_count(self) -> None:
        """Venues are few: the count is what the list holds (a fetched page at most)."""
        if self.queries is None:
            return
        count = self.model.rowCount()
        more = self.model.canFetchMore()
        self.count_label.setText((_("More than {count} venues") if more else ngettext(
            "{count} venue", "{count} venues", count)).format(count=format_number(count)))

    def new_venue(self) -> VenueDialog | None:
        if self.workspace is not None:
            return self.hold(VenueDialog(self.workspace, self.runner, None, self))
        return None

    def make_venue_dialog(self, venue) -> VenueDialog:
        return VenueDialog(self.workspace, self.runner, venue, self)

    def edit_venue(self) -> None:
        self.edit_selected("venues", self.make_venue_dialog)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(_("Venues"))
        self.search_label.setText(_("&Search"))
        self.search_edit.setPlaceholderText(_("Name or address"))
        self.search_edit.setAccessibleName(_("Search venues"))
        self.table.setAccessibleName(_("Venues"))
        self.table.setAccessibleDescription(_("Enter opens the venue to correct it."))
        for button, text in ((self.new_button, _("&New venue…")), (self.edit_button, _("&Edit…"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").replace("…", ""))


class AssetsPage(QWidget):
    """The screen: the directory of community assets, and the venues, as two tabs."""

    open_record = Signal(str, str)

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(parent, objectName="pageBackground")
        self.directory = AssetDirectory(runner)
        self.venues = VenueList(runner)
        self.directory.open_record.connect(self.open_record)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.directory, "")
        self.tabs.addTab(self.venues, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def select_asset(self, asset_id: str) -> None:
        """Show one community asset (opened from elsewhere): the directory searched for its name, its row chosen."""
        directory = self.directory
        name = directory.queries.name_of("asset", asset_id) if directory.queries is not None else None
        if name is None:
            return
        self.tabs.setCurrentWidget(directory)
        for control, set_value in ((directory.search_edit, lambda: directory.search_edit.setText(name)),
                                   (directory.ended_check, lambda: directory.ended_check.setChecked(True))):
            control.blockSignals(True)   # one reload below, not one per change
            set_value()
            control.blockSignals(False)
        directory.reload()
        if select_row(directory.table, asset_id):
            directory.table.setFocus()

    @property
    def search_edit(self) -> QLineEdit:  # where the screen puts the focus when shown
        return self.tabs.currentWidget().search_edit

    def attach(self, workspace, reader) -> None:
        self.directory.attach(workspace, reader)
        self.venues.attach(workspace, reader)

    def clear(self) -> None:
        self.directory.clear()
        self.venues.clear()
        self.tabs.setCurrentIndex(0)

    def records_changed(self, types: frozenset) -> None:
        self.directory.records_changed(types)
        self.venues.records_changed(types)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Community assets"))
        self.tabs.setTabText(1, _("Venues"))
        self.tabs.setAccessibleName(_("Community assets and venues"))
        self.tabs.tabBar().setAccessibleName(_("Community assets or venues"))
        self.directory.retranslate()
        self.venues.retranslate()
