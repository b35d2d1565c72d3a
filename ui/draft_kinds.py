"""Each kind of form that keeps a draft: what the offer calls it, and how it reopens, filled in, where it was.

    title(draft)          -> the form's name, translated ("Add: What matters", "New venue"...)
    reopen(view, draft)   -> opens the form in the workspace view (ui/workspace_view.py) and refills it

A form's ``draft_place()`` (ui/form_base.py) says where it was: the person and the
record of a record form, the asset or venue corrected, the side a connection was
made from. Forms that read a record first (correcting an asset or a venue) open
once it has been read, on the runner.
"""

from __future__ import annotations

from typing import Callable

from connector_app.domain.records import BY_NAME
from connector_app.i18n import _
from connector_app.store.drafts import Draft


def _place(draft: Draft) -> dict:
    return draft.body.get("place") or {}


def _record_title(place: dict) -> str:
    record_class = BY_NAME.get(place.get("type"))
    record = _(record_class.label) if record_class is not None else ""
    return (_("Correct: {record}") if place.get("record_id") else _("Add: {record}")).format(record=record)


TITLES: dict[str, Callable[[dict], str]] = {
    "conversation": lambda place: _("New conversation"),
    "record": _record_title,
    "connecting_time": lambda place: _("Log a session"),
    "asset": lambda place: _("Community asset") if place.get("asset_id") else _("New community asset"),
    "venue": lambda place: _("Venue") if place.get("venue_id") else _("New venue"),
    "connection": lambda place: _("Connect a person"),
    "paper_sheet": lambda place: _("Type in a paper sheet"),
}
KINDS = frozenset(TITLES)


def title(draft: Draft) -> str:
    return TITLES[draft.kind](_place(draft))


# reopening: each opener calls then(form) with the form it opened (None: it could not)

def _conversation(view, place, then) -> None:
    then(view.open_quick_add())


def _record(view, place, then) -> None:
    from ui import conversation_page, person_page
    if place.get("conversation_id"):   # opened on a conversation's page
        conversation_page.show_in_view(view, place["conversation_id"])
        page = view.conversation_page
    else:
        if place.get("person_id"):
            person_page.open_in_view(view, place["person_id"])
        page = view.person_page
    only = place.get("only")
    then(page.open_form(place["type"], record_id=place.get("record_id"), fixed=place.get("fixed"),
                        only=tuple(only) if only is not None else None))


def _connecting_time(view, place, then) -> None:
    then(view.show_screen("connecting_time"))


def _asset_or_venue(tab: int, key: str, repository: str):
    def reopen(view, place, then) -> None:
        page = view.show_screen("assets")
        page.tabs.setCurrentIndex(tab)
        directory = page.tabs.widget(tab)
        make = directory.make_asset_dialog if tab == 0 else directory.make_venue_dialog
        if place.get(key):
            directory.edit_record(repository, place[key], make, then)
        else:
            then(directory.hold(make(None)))
    return reopen


def _connection(view, place, then) -> None:
    if place.get("person_id"):
        view.connect_person(place["person_id"])
        then(view.connect_dialog.dialog)
    else:
        then(view.show_screen("assets").directory.connect_to(place["asset_id"]))


def _paper_sheet(view, place, then) -> None:
    reports = getattr(view.window(), "reports", None)   # the Reports menu owns the sheet's dialog
    then(reports.open_paper_sheet() if reports is not None else None)


OPENERS = {
    "conversation": _conversation, "record": _record, "connecting_time": _connecting_time,
    "asset": _asset_or_venue(0, "asset_id", "assets"), "venue": _asset_or_venue(1, "venue_id", "venues"),
    "connection": _connection, "paper_sheet": _paper_sheet,
}


def reopen(view, draft: Draft) -> None:
    """Open the draft's form where it was and fill it in; it keeps writing to the same draft."""
    def adopt(form) -> None:
        if form is not None and form.keeper is not None and form.keeper.workspace is not None:
            form.keeper.adopt(draft)
    OPENERS[draft.kind](view, _place(draft), adopt)
