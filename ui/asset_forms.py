"""Small forms to add or correct a community asset or a venue (Ctrl+S saves, Esc cancels).

Kept to the fields these records have; saving, and the draft kept across a lock,
come from ui/form_base.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from connector_app.domain import vocab
from connector_app.domain.records import Asset, Venue
from connector_app.i18n import _
from ui.form_base import FormDialog
from ui.language_picker import LanguagePicker
from ui.list_page import ChoiceBox
from ui.operations.activity import save_asset, save_venue
from ui.widgets import button_row

def note_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(90)
    return edit


def typed(text: str) -> str | None:
    return text.strip() or None


class RecordDialog(FormDialog):
    """A titled form of labelled fields, a message line, Cancel and Save; subclasses give fields and record()."""

    def __init__(self, workspace, runner, parent: QWidget | None = None):
        super().__init__(workspace, runner, parent)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.labels: dict[QWidget, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.cancel_button, self.save_button))

    def add_field(self, field: QWidget) -> None:
        label = QLabel()
        label.setWordWrap(True)
        label.setBuddy(field)
        self.labels[field] = label
        self.form.addRow(label, field)

    def name_fields(self, names: dict[QWidget, str]) -> None:
        for field, text in names.items():
            self.labels[field].setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.retranslate_buttons()

    def operation(self):
        record = self.record()
        return None if record is None else self.save_op(record)

    def forget(self) -> None:
        """Drop everything typed or shown (closing, or locking)."""
        for field in self.labels:
            if isinstance(field, (QLineEdit, QPlainTextEdit, ChoiceBox)):
                field.clear()
            elif isinstance(field, LanguagePicker):
                field.clear_text()
        super().forget()


class AssetDialog(RecordDialog):
    """Add a community asset (``asset`` None) or correct one."""

    draft_kind = "asset"

    def __init__(self, workspace, reader, runner, asset: Asset | None = None, parent: QWidget | None = None):
        super().__init__(workspace, runner, parent)
        self.asset = asset
        self.name_edit, self.kind_box, self.offer_edit = QLineEdit(), ChoiceBox(), note_edit()
        self.venue_box, self.place_edit, self.times_edit = ChoiceBox(), QLineEdit(), QLineEdit()
        self.contact_edit, self.languages_field = QLineEdit(), LanguagePicker()
        self.accessibility_edit, self.active_check = note_edit(), QCheckBox()
        for field in (self.name_edit, self.kind_box, self.offer_edit, self.venue_box, self.place_edit,
                      self.times_edit, self.contact_edit, self.languages_field, self.accessibility_edit):
            self.add_field(field)
        self.form.addRow(self.active_check)
        self.retranslate()
        self.venue_box.fill(_("No venue"), reader.venues())
        self.languages_field.set_languages(asset.languages if asset else (), offered=reader.languages_spoken())
        if asset is not None:
            self.name_edit.setText(asset.name)
            self.offer_edit.setPlainText(asset.offer or "")
            self.place_edit.setText(asset.place or "")
            self.times_edit.setText(asset.times or "")
            self.contact_edit.setText(asset.contact or "")
            self.accessibility_edit.setPlainText(asset.accessibility or "")
            self.venue_box.setCurrentIndex(max(0, self.venue_box.findData(asset.venue_id)))
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(asset.kind if asset else "grassroots_group")))
        self.active_check.setChecked(asset.active if asset else True)
        self.resize(620, 760)
        self.keep_drafts()

    def draft_fields(self) -> dict[str, QWidget]:
        return {"name": self.name_edit, "kind": self.kind_box, "offer": self.offer_edit, "venue": self.venue_box,
                "place": self.place_edit, "times": self.times_edit, "contact": self.contact_edit,
                "languages": self.languages_field, "accessibility": self.accessibility_edit,
                "active": self.active_check}

    def draft_place(self) -> dict:
        return {"asset_id": self.asset.id if self.asset else None}

    def record(self) -> Asset | None:
        if not self.name_edit.text().strip():
            self.message.show_message(_("Give the community asset a name."))
            self.name_edit.setFocus()
            return None
        values = dict(
            name=self.name_edit.text().strip(), kind=self.kind_box.currentData(),
            offer=typed(self.offer_edit.toPlainText()), venue_id=self.venue_box.currentData(),
            place=typed(self.place_edit.text()), times=typed(self.times_edit.text()),
            contact=typed(self.contact_edit.text()), languages=tuple(self.languages_field.value()),
            accessibility=typed(self.accessibility_edit.toPlainText()), active=self.active_check.isChecked())
        return self.asset.with_changes(**values) if self.asset else Asset(**values)

    def save_op(self, record: Asset):
        return save_asset(self.workspace, record)

    def retranslate(self) -> None:
        text = _("New community asset") if self.asset is None else _("Community asset")
        self.setWindowTitle(text)
        self.title.setText(text)
        self.name_fields({
            self.name_edit: _("&Name"), self.kind_box: _("&Kind"), self.offer_edit: _("What it &offers"),
            self.venue_box: _("&Venue"), self.place_edit: _("&Where, if not a venue"), self.times_edit: _("W&hen"),
            self.contact_edit: _("&Contact"), self.languages_field: _("&Languages"),
            self.accessibility_edit: _("&Accessibility")})
        self.times_edit.setPlaceholderText(_("For example: Tuesdays 10 to 12"))
        self.active_check.setText(_("&Still running"))
        self.active_check.setAccessibleName(_("Still running"))
        self.kind_box.fill(vocab.ASSET_KINDS.label(vocab.ASSET_KINDS.codes[0]), [
            (code, vocab.ASSET_KINDS.label(code)) for code in vocab.ASSET_KINDS.codes[1:]])
        self.kind_box.setItemData(0, vocab.ASSET_KINDS.codes[0])
        self.save_button.setAccessibleName(_("Save the community asset"))


class VenueDialog(RecordDialog):
    """Add a venue (``venue`` None) or correct one."""

    draft_kind = "venue"

    def __init__(self, workspace, runner, venue: Venue | None = None, parent: QWidget | None = None):
        super().__init__(workspace, runner, parent)
        self.venue = venue
        self.name_edit, self.kind_box = QLineEdit(), ChoiceBox()
        self.address_edit, self.accessibility_edit = QLineEdit(), note_edit()
        for field in (self.name_edit, self.kind_box, self.address_edit, self.accessibility_edit):
            self.add_field(field)
        self.retranslate()
        if venue is not None:
            self.name_edit.setText(venue.name)
            self.address_edit.setText(venue.address or "")
            self.accessibility_edit.setPlainText(venue.accessibility or "")
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(venue.kind)))
        self.resize(560, 460)
        self.keep_drafts()

    def draft_fields(self) -> dict[str, QWidget]:
        return {"name": self.name_edit, "kind": self.kind_box, "address": self.address_edit,
                "accessibility": self.accessibility_edit}

    def draft_place(self) -> dict:
        return {"venue_id": self.venue.id if self.venue else None}

    def record(self) -> Venue | None:
        if not self.name_edit.text().strip():
            self.message.show_message(_("Give the venue a name."))
            self.name_edit.setFocus()
            return None
        values = dict(name=self.name_edit.text().strip(), kind=self.kind_box.currentData(),
                      address=typed(self.address_edit.text()),
                      accessibility=typed(self.accessibility_edit.toPlainText()))
        return self.venue.with_changes(**values) if self.venue else Venue(**values)

    def save_op(self, record: Venue):
        return save_venue(self.workspace, record)

    def retranslate(self) -> None:
        text = _("New venue") if self.venue is None else _("Venue")
        self.setWindowTitle(text)
        self.title.setText(text)
        self.name_fields({self.name_edit: _("&Name"), self.kind_box: _("&Kind of place"),
                          self.address_edit: _("&Address"), self.accessibility_edit: _("&Accessibility")})
        self.accessibility_edit.setPlaceholderText(_("For example: step-free entrance, hearing loop"))
        self.kind_box.fill(_("Not recorded"), [(code, vocab.VENUE_KINDS.label(code))
                                               for code in vocab.VENUE_KINDS.codes])
        self.save_button.setAccessibleName(_("Save the venue"))
