"""Languages a person speaks, chosen by name: type to narrow the list, Space or Enter ticks one.

The list (connector_app.text.spoken) names every language in the connector's
language with its own name beside it ("Polish (polski)"), sorted as that
language sorts. The ones chosen show above it as buttons in the order they
were chosen (a person's first language first); pressing one removes it. The
value is the list of codes a record stores ("pl", "en").
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QToolButton, QVBoxLayout, QWidget

from connector_app.i18n import _, current_translator
from connector_app.text.fold import fold
from connector_app.text.spoken import spoken_languages
from ui.flow_layout import FlowLayout

CODE_ROLE = Qt.UserRole + 1
FOLDED_ROLE = Qt.UserRole + 2
NAME_ROLE = Qt.UserRole + 3
SHOWN_ROWS = 6


class LanguagePicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._chosen: list[str] = []
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FOLDED_ROLE)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda text: self.proxy.setFilterFixedString(fold(text)))
        self.filter_edit.installEventFilter(self)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.installEventFilter(self)
        self.setFocusProxy(self.filter_edit)   # a label's buddy, Alt+key, lands in the search box
        self.none_label = QLabel(objectName="muted", wordWrap=True)
        self.chips_box = QWidget()
        self.chips = FlowLayout(self.chips_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none_label)
        layout.addWidget(self.chips_box)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        self.model.itemChanged.connect(self._ticked)
        self.set_languages(())

    # value --------------------------------------------------------------------------------

    def value(self) -> list[str]:
        return list(self._chosen)

    def set_languages(self, codes, offered=()) -> None:
        """Show ``codes`` chosen (in their order); the list holds the hubs' languages, ``offered`` and them."""
        self._chosen = list(dict.fromkeys(codes or ()))
        self.model.blockSignals(True)
        self.model.clear()
        for spoken in spoken_languages(current_translator(), (*offered, *self._chosen)):
            # TRANSLATORS: a language in the list: its name in your language, then in itself: "Polish (polski)".
            text = _("{name} ({own_name})").format(name=spoken.name, own_name=spoken.own_name) \
                if spoken.own_name else spoken.name
            item = QStandardItem(text)
            item.setData(spoken.code, CODE_ROLE)
            item.setData(spoken.folded, FOLDED_ROLE)
            item.setData(spoken.name, NAME_ROLE)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if spoken.code in self._chosen else Qt.Unchecked)
            self.model.appendRow(item)
        self.model.blockSignals(False)
        self.proxy.invalidate()
        self._show_chosen()
        self.retranslate()
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * SHOWN_ROWS + 2 * self.list.frameWidth())

    def draft_value(self) -> list[str]:
        """The codes chosen, for a kept draft (ui/form_base.py)."""
        return self.value()

    def set_draft_value(self, codes) -> None:
        offered = [self.model.item(row).data(CODE_ROLE) for row in range(self.model.rowCount())]
        self.set_languages(codes, offered=offered)

    def name_of(self, code: str) -> str:
        item = self._item(code)
        return item.data(NAME_ROLE) if item is not None else code

    # ticking --------------------------------------------------------------------------------

    def _item(self, code: str) -> QStandardItem | None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(CODE_ROLE) == code:
                return item
        return None

    def _toggle(self, index) -> None:
        item = self.model.itemFromIndex(self.proxy.mapToSource(index))
        if item is not None:
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)

    def _tick_first_match(self) -> None:
        """Enter in the search box ticks the first language it finds, and empties the box for the next."""
        if self.filter_edit.text().strip() and self.proxy.rowCount():
            item = self.model.itemFromIndex(self.proxy.mapToSource(self.proxy.index(0, 0)))
            item.setCheckState(Qt.Checked)
            self.filter_edit.clear()

    def remove(self, code: str) -> None:
        item = self._item(code)
        if item is not None:
            item.setCheckState(Qt.Unchecked)

    def _ticked(self, item: QStandardItem) -> None:
        code = item.data(CODE_ROLE)
        if item.checkState() == Qt.Checked and code not in self._chosen:
            self._chosen.append(code)
        elif item.checkState() != Qt.Checked and code in self._chosen:
            self._chosen.remove(code)
        else:
            return
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        had_focus = self.chips_box.isAncestorOf(self.focusWidget() or self)
        while self.chips.count():
            widget = self.chips.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for code in self._chosen:
            name = self.name_of(code)
            # TRANSLATORS: a chosen language shown as a button; pressing it removes the language ("×" = remove).
            chip = QToolButton(text=_("{language} ×").format(language=name))
            chip.setAccessibleName(_("Remove {language}").format(language=name))
            chip.setFocusPolicy(Qt.StrongFocus)
            chip.clicked.connect(lambda _checked=False, code=code: self.remove(code))
            self.chips.addWidget(chip)
        self.chips_box.setVisible(bool(self._chosen))
        self.none_label.setVisible(not self._chosen)
        if had_focus:  # the button pressed is gone: the keyboard goes on to the search box
            self.filter_edit.setFocus()

    def chip_buttons(self) -> list[QToolButton]:
        return [self.chips.itemAt(i).widget() for i in range(self.chips.count())]

    # keys -------------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # Enter is taken here, never passed on: in a form it would press the dialog's Save button.
        if event.type() != event.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.filter_edit and key == Qt.Key_Down:
            self.list.setFocus()
            if self.proxy.rowCount() and not self.list.currentIndex().isValid():
                self.list.setCurrentIndex(self.proxy.index(0, 0))
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter):
            if watched is self.filter_edit:
                self._tick_first_match()
                return True
            if watched is self.list and self.list.currentIndex().isValid():
                self._toggle(self.list.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def clear_text(self) -> None:
        self.filter_edit.clear()
        self.set_languages(())

    def retranslate(self) -> None:
        self.none_label.setText(_("None chosen yet."))
        self.filter_edit.setPlaceholderText(_("Type to find a language, then Enter"))
        self.filter_edit.setAccessibleName(_("Find a language"))
        self.filter_edit.setAccessibleDescription(_("Enter adds the first language found; Down moves to the list."))
        self.list.setAccessibleName(_("Languages"))
        self.list.setAccessibleDescription(_("Space or Enter ticks or unticks the language."))
