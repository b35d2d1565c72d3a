"""The search results as a list: a heading per record type (with its count), its results, "show more".

Rows come from connector_app/store/search_results.py, one keyset page per group
(read off the GUI thread by the page, ui/search_worker.py); "show more" adds the
next page of that group only. Each row has plain text for
screen readers (DisplayRole) and escaped rich text, matches in bold, for the
delegate that draws it. The model holds record text: ``clear()`` drops it all.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from connector_app.domain.records import BY_NAME
from connector_app.i18n import _, format_date, format_number, ngettext
from connector_app.store.queries import Page
from connector_app.store.search_results import Group, Result, marked_html, plain

HTML_ROLE = Qt.UserRole + 1      # rich text: escaped record text, matches in <b>
KIND_ROLE = Qt.UserRole + 2      # HEADING, RESULT or MORE
RECORD_ROLE = Qt.UserRole + 3    # (record type, record id) of a result
HEADING, RESULT, MORE = "heading", "result", "more"


@dataclass
class _Row:
    kind: str
    record_type: str
    result: Result | None = None
    count: int = 0                   # a heading: matches of its type; "more": how many are not shown yet
    after: tuple | None = None       # "more": where the next page starts


def _when(on: str | None) -> str:
    """The day a record happened (a conversation's time of day does not help to recognise it)."""
    if not on:
        return ""
    try:
        return format_date(date.fromisoformat(on[:10]))
    except ValueError:  # a hand-made date the store accepted: shown as typed
        return on


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[_Row] = []

    # what to show ---------------------------------------------------------------------------

    def show(self, groups: list[Group]) -> int:
        """Show ``groups`` (from search_results.search_groups); returns how many records matched in all."""
        self.beginResetModel()
        self._rows = [row for group in groups for row in self._group_rows(group)]
        self.endResetModel()
        return sum(group.count for group in groups)

    @staticmethod
    def _group_rows(group: Group) -> list[_Row]:
        rows = [_Row(HEADING, group.record_type, count=group.count)]
        rows += [_Row(RESULT, group.record_type, result) for result in group.results]
        if group.after is not None:
            rows.append(_Row(MORE, group.record_type, count=group.count - len(group.results), after=group.after))
        return rows

    def more_wanted(self, row: int) -> tuple[str, tuple] | None:
        """(record type, key to continue after) when ``row`` is a "show more" row."""
        if not 0 <= row < len(self._rows) or self._rows[row].kind != MORE:
            return None
        return self._rows[row].record_type, self._rows[row].after

    def add_more(self, row: int, page: Page[Result]) -> None:
        """Put the next page of a group where its "show more" row ``row`` was."""
        more = self._rows[row]
        added = [_Row(RESULT, more.record_type, result) for result in page.rows]
        if page.after is not None:
            added.append(_Row(MORE, more.record_type, count=more.count - len(page.rows), after=page.after))
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), row, row + len(added) - 1)
            self._rows[row:row] = added
            self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        if self._rows[index.row()].kind == HEADING:
            return Qt.ItemIsEnabled  # a heading is read, never chosen: Up and Down pass over it
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KIND_ROLE:
            return row.kind
        if role == RECORD_ROLE:
            return (row.record_type, row.result.record_id) if row.result is not None else None
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self._plain(row)
        if role == HTML_ROLE:
            return self._html(row)
        return None

    # the words shown ------------------------------------------------------------------------------

    @staticmethod
    def _kind(record_type: str) -> str:
        return _(BY_NAME[record_type].plural_label)

    def _title(self, result: Result) -> str:
        """Marked: the record's name, or for a record without one its date."""
        return result.title or _when(result.on) or _(BY_NAME[result.record_type].label)

    @staticmethod
    def _about(result: Result) -> str:
        if not result.people:
            return ""
        # TRANSLATORS: after a search result, whom the record is about, e.g. "about Amira Hassan, Jan Kowalski".
        return _("about {names}").format(names=", ".join(result.people))

    def _plain(self, row: _Row) -> str:
        if row.kind == HEADING:
            # TRANSLATORS: heading of a group of search results, e.g. "People: 3 found".
            return ngettext("{kind}: {count} found", "{kind}: {count} found", row.count).format(
                kind=self._kind(row.record_type), count=format_number(row.count))
        if row.kind == MORE:
            return ngettext("Show {count} more", "Show {count} more", row.count).format(
                count=format_number(row.count))
        result = row.result
        parts = [plain(self._title(result)), self._about(result), plain(result.snippet)]
        return " — ".join(part for part in parts if part)

    def _html(self, row: _Row) -> str:
        if row.kind != RESULT:
            text = html.escape(self._plain(row))
            return f"<b>{text}</b>" if row.kind == HEADING else f"<i>{text}</i>"
        result = row.result
        first = marked_html(self._title(result))
        about = self._about(result)
        if about:
            first += " <span style='font-size:small'>— " + html.escape(about) + "</span>"
        if result.snippet:
            first += "<br>" + marked_html(result.snippet)
        return first


class RichTextDelegate(QStyledItemDelegate):
    """Draws a row's HTML_ROLE text wrapped to the view's width, in the view's colours."""

    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.PADDING)
        text_option = QTextOption()
        # Each line takes the direction of its own words: an English note in an Arabic window (and the
        # reverse) keeps its punctuation where it belongs.
        text_option.setTextDirection(Qt.LayoutDirectionAuto)
        text_option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(text_option)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(width, 50))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the background, selection and focus frame from the style; the text from the document
        style = item.widget.style() if item.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, item, painter, item.widget)
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.State_Selected)
        context.palette.setColor(QPalette.Text, option.palette.color(
            QPalette.HighlightedText if selected else QPalette.Text))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt's name)
        view = self.parent()
        width = view.viewport().width() if view is not None else option.rect.width()
        document = self._document(option, index, width)
        return QSize(width, math.ceil(document.size().height()))
