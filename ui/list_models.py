"""Table models over the query layer's keyset pages (connector_app/store/queries.py).

A model holds the rows fetched so far and the key that continues after them;
views ask for more as they scroll (``canFetchMore``/``fetchMore``), one page at
a time, so the first screen of a 20,000-person list costs one small query.
Models hold record text, so ``clear()`` (on lock) drops every row and the
query source together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from connector_app.domain import vocab
from connector_app.i18n import _, format_date, format_datetime, format_list, format_number, language_name, ngettext
from connector_app.store.queries import DUE_FOLLOW_UP, PAGE_SIZE, ConversationFilter, DueFilter, Page, PeopleFilter

ROW_ID_ROLE = Qt.UserRole + 1
ROW_TYPE_ROLE = Qt.UserRole + 2   # the record type of a row (a list may mix types)


@dataclass(frozen=True)
class Column:
    title: Callable[[], str]           # translated when shown
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None   # the whole wording, where the cell shows a short one


class KeysetModel(QAbstractTableModel):
    columns: tuple[Column, ...] = ()
    record_type = ""  # what its rows are, unless a row says (``row.type_name``)

    def __init__(self, parent=None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list = []
        self._after: tuple | None = None
        self._fetch: Callable[..., Page] | None = None
        self._inserting = False

    # what to show ---------------------------------------------------------------------

    def set_source(self, fetch: Callable[..., Page] | None) -> None:
        """Show what ``fetch(after=, limit=)`` pages through, from the top."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows, self._after = [], None
        if fetch is not None:
            page = fetch(after=None, limit=self.page_size)
            self._rows, self._after = list(page.rows), page.after
        self.endResetModel()

    def refresh(self) -> None:
        """Read again as many rows as are loaded (the records changed)."""
        if self._fetch is None:
            return
        self.beginResetModel()
        page = self._fetch(after=None, limit=max(self.page_size, len(self._rows)))
        self._rows, self._after = list(page.rows), page.after
        self.endResetModel()

    def clear(self) -> None:
        self.set_source(None)

    def row_at(self, row: int):
        return self._rows[row]

    # Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.DisplayRole:
            # Each cell's text keeps its own direction (a Latin name in a right-to-left screen
            # still reads "Alan W.", not ".Alan W"): a first-strong isolate around it.
            text = self.columns[index.column()].text(row)
            return f"\u2068{text}\u2069" if text else text
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            column = self.columns[index.column()]
            return (column.tooltip or column.text)(row)
        if role == ROW_ID_ROLE:
            return row.id
        if role == ROW_TYPE_ROLE:
            return getattr(row, "type_name", self.record_type)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].title()
        return None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return (not parent.isValid() and not self._inserting and self._fetch is not None
                and self._after is not None)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        page = self._fetch(after=self._after, limit=self.page_size)
        self._after = page.after
        if page.rows:
            # A view may ask again from inside the insertion's signals: not until it is done.
            self._inserting = True
            try:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page.rows) - 1)
                self._rows.extend(page.rows)
                self.endInsertRows()
            finally:
                self._inserting = False

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Horizontal, 0, len(self.columns) - 1)
        if self._fetch is not None:
            self.refresh()  # names sort in the language's collation (Welsh "ll" after "l"): read again
        elif self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))


def _day(iso: str | None) -> str:
    if not iso:
        return ""
    from datetime import date
    return format_date(date.fromisoformat(iso[:10]))


def _moment(iso: str) -> str:
    from datetime import datetime
    return format_datetime(datetime.fromisoformat(iso), "short") if "T" in iso else _day(iso)


def _languages(codes) -> str:
    names = []
    for code in codes:
        try:
            names.append(language_name(code))
        except Exception:  # an unknown code shows as typed
            names.append(code)
    return format_list(names)


def _people(row) -> str:
    names = ", ".join(row.people)
    if not row.anonymous_count:
        return names
    others = ngettext("{count} person not named", "{count} people not named", row.anonymous_count).format(
        count=format_number(row.anonymous_count))
    return _("{names} and {others}").format(names=names, others=others) if names else others


def _short_consent(code: str) -> str:
    short = {
        "record_only": _("Record only"),
        # TRANSLATORS: short for the consent "Share with my team", in a narrow column of the people list.
        "share_team": _("Team"),
        # TRANSLATORS: short for "Share with my team and include anonymously in reports", in a narrow column.
        "anonymous_reports": _("Team and reports"),
    }
    return short.get(code) or vocab.CONSENT_SCOPES.label(code)


class PeopleModel(KeysetModel):
    record_type = "person"
    columns = (
        # What a connector looks for first on the left (leading side); the long consent wording last.
        Column(lambda: _("Name or pseudonym"), lambda r: r.name),
        Column(lambda: _("Last conversation"), lambda r: _day(r.last_activity)),
        Column(lambda: _("Area or neighbourhood"), lambda r: r.area),
        # TRANSLATORS: a column of the people list; its cells say "Ready" (for a next step) or nothing.
        Column(lambda: _("Next step"), lambda r: _("Ready") if r.ready else "",
               lambda r: _("Ready for a next step") if r.ready else ""),
        Column(lambda: _("Languages spoken"), lambda r: _languages(r.languages)),
        # Short words in the cell so the column fits; the consent's whole wording is its tooltip.
        Column(lambda: _("Consent"), lambda r: _short_consent(r.consent_scope),
               lambda r: vocab.CONSENT_SCOPES.label(r.consent_scope)),
    )

    def show(self, queries, wanted: PeopleFilter) -> None:
        self.set_source(lambda after, limit: queries.people_page(wanted, after=after, limit=limit))


class ConversationsModel(KeysetModel):
    record_type = "conversation"
    columns = (
        Column(lambda: _("When"), lambda r: _moment(r.occurred_at)),
        Column(lambda: _("People"), lambda r: _people(r)),
        Column(lambda: _("Venue"), lambda r: r.venue_name or ""),
        Column(lambda: _("How"), lambda r: vocab.CONVERSATION_MODES.label(r.mode)),
        Column(lambda: _("Staff member"), lambda r: r.staff_name or ""),
        Column(lambda: _("Features of practice"), lambda r: ", ".join(vocab.FEATURES.label(f) for f in r.features)),
    )

    def show(self, queries, wanted: ConversationFilter) -> None:
        self.set_source(lambda after, limit: queries.conversations_page(wanted, after=after, limit=limit))


def _due_what(row) -> str:
    if row.type_name == DUE_FOLLOW_UP:
        return row.action or ""
    if not row.open_steps:
        return _("Review what matters to them")
    return ngettext("Review what matters to them ({count} small step to do)",
                    "Review what matters to them ({count} small steps to do)", row.open_steps).format(
        count=format_number(row.open_steps))


class DueModel(KeysetModel):
    """Follow-ups and what-matters reviews due, most overdue first; rows say their own record type."""

    columns = (
        Column(lambda: _("Due"), lambda r: _day(r.due_on)),
        Column(lambda: _("Person"), lambda r: r.person_name or ""),
        Column(lambda: _("What to do"), _due_what),
    )

    def show(self, queries, wanted: DueFilter) -> None:
        self.set_source(lambda after, limit: queries.due_page(wanted, after=after, limit=limit))
