"""Data protection for one person: a copy of everything held (subject access), and erasure.

    export_person(parent, workspace, runner, person_id)   # the dialog, shown
    erase_person(parent, workspace, runner, person_id)    # the dialog, shown

Both read and write off the GUI thread through the task runner. The export
writes the same two files as ``connector-app person export --pdf``
(reports/subject_access_copy.py) into a folder the connector chooses, never
inside a workspace. The erasure says in plain words what will happen, lists
the other records whose text names the person with a choice for each
(remove the name, or leave it), and asks for the person's name to be typed
before the Erase button works; the default button is Cancel.

The dialogs show record text, so ``close_all()`` (called when the app locks)
closes every one still open.
"""

from __future__ import annotations

import weakref
from datetime import date
from pathlib import Path

import shiboken6

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from connector_app.fileio import shown
from connector_app.i18n import _, document_translator, ngettext
from connector_app.reports.subject_access_copy import copy_names, write_copy
from connector_app.store.search import MATCH_END, MATCH_START
from ui.tasks import failure_message
from ui.widgets import (
    MessageLabel, button_row, document_language_box, heading, left_to_right, paragraph, primary_button,
)

_open_dialogs: "weakref.WeakSet[QDialog]" = weakref.WeakSet()


def close_all() -> None:
    """Locking: close every data-protection dialog (they show names and notes)."""
    for dialog in list(_open_dialogs):
        if not shiboken6.isValid(dialog):  # deleted by Qt; its Python side lingers until collected
            _open_dialogs.discard(dialog)
            continue
        dialog.forget()
        dialog.closing = True
        dialog.reject()


def _same_name(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold() != ""


class _PersonDialog(QDialog):
    """What both dialogs share: the person's name read off the GUI thread, a status line, a busy bar."""

    def __init__(self, workspace, runner, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.workspace, self.runner, self.person_id = workspace, runner, person_id
        self.name = ""
        self.title = heading()
        self.explanation = paragraph()
        self.message = MessageLabel()
        self.done_note = MessageLabel("notice")
        self.progress = QProgressBar(objectName="busy")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.closing = False  # set when the app locks: close even while a job runs (its results are dropped)
        _open_dialogs.add(self)
        # Closed means deleted soon (WA_DeleteOnClose): never touch its widgets again. A second lock
        # (closing the window) once reached into a deleted dialog's labels and crashed the app.
        self.finished.connect(self._closed)

    def _closed(self, _result: int) -> None:
        _open_dialogs.discard(self)

    def reject(self) -> None:
        """Esc or the window's close button: not while writing, when the result must come back here."""
        if self.progress.isVisible() and not self.closing:
            return
        super().reject()

    def read(self, work, on_success) -> None:
        """Run ``work(store)`` off the GUI thread; a failure is shown in the dialog."""
        store = self.workspace.store
        self.runner.run(lambda control: work(store), on_success=on_success, on_failure=self.failed)

    def busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        for button in self.findChildren(QPushButton):
            button.setEnabled(not busy)

    def failed(self, exc: BaseException) -> None:
        self.busy(False)
        self.message.show_message(failure_message(exc))

    def step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def forget(self) -> None:
        self.name = ""
        self.title.clear()
        self.explanation.clear()


class ExportDialog(_PersonDialog):
    """Give a person a copy of everything held about them: a readable PDF and the full JSON."""

    def __init__(self, workspace, runner, person_id: str, parent: QWidget | None = None, *, today=date.today):
        super().__init__(workspace, runner, person_id, parent)
        self._today = today
        self.folder_edit = QLineEdit(str(Path.home()))
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        self.language_box = document_language_box()
        self.export_button = primary_button()
        self.export_button.clicked.connect(self.export)
        self.folder_label, self.language_label = QLabel(), QLabel()
        self.folder_label.setBuddy(self.folder_edit)
        self.language_label.setBuddy(self.language_box)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.language_label, self.language_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (self.title, self.explanation):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.progress, self.message, self.done_note):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(button_row(self.cancel_button, self.export_button))
        self.retranslate()
        self.resize(620, 380)
        self.read(lambda store: store.people.get(person_id).display_name, self._named)

    def _named(self, name: str) -> None:
        self.name = name
        self.retranslate()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where to save the copy"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def export(self) -> None:
        self.message.clear_message()
        self.done_note.clear_message()
        json_path, pdf_path = copy_names(self.folder_edit.text().strip() or ".", self.person_id, self._today())
        translator = document_translator(self.language_box.currentData() or "en_GB")
        store, person_id = self.workspace.store, self.person_id
        self.busy(True)
        self.runner.run(
            lambda control: write_copy(store, person_id, json_path, pdf_path, translator, progress=control.progress),
            label=_("Writing the copy…"), on_progress=self.step, on_failure=self.failed,
            on_success=lambda data: self._written(json_path, pdf_path, len(data["records"])))

    def _written(self, json_path: Path, pdf_path: Path, count: int) -> None:
        self.busy(False)
        self.written = (json_path, pdf_path)
        self.done_note.show_message(ngettext(
            "Saved {count} record. The readable copy to give them: {pdf}. Everything, for a computer: {json}.",
            "Saved {count} records. The readable copy to give them: {pdf}. Everything, for a computer: {json}.",
            count).format(count=count, pdf=left_to_right(shown(pdf_path)), json=left_to_right(shown(json_path))))
        self.cancel_button.setText(_("Close"))
        self.cancel_button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Copy of everything about a person"))
        self.title.setText(_("A copy of everything about {name}").format(name=self.name) if self.name
                           else _("A copy of everything about this person"))
        self.explanation.setText(_(
            "Two files are saved in the folder you choose: a readable PDF to give to the person, and a JSON file "
            "with every record about them and its history. They hold everything about this person: keep them "
            "safe, and delete your copies once the person has theirs."))
        self.folder_label.setText(_("Save in &folder"))
        self.folder_edit.setAccessibleName(_("Folder to save the copy in"))
        self.folder_edit.setAccessibleDescription(_("Choose a folder outside the workspace, such as a USB stick."))
        self.choose_button.setText(_("C&hoose…"))
        self.choose_button.setAccessibleName(_("Choose the folder"))
        self.language_label.setText(_("&Language of the PDF"))
        self.language_box.setAccessibleName(_("Language of the PDF"))
        self.export_button.setText(_("&Save the copy"))
        self.export_button.setAccessibleName(_("Save the copy"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Close without saving"))
        self.progress.setAccessibleName(_("Progress"))


class EraseDialog(_PersonDialog):
    """Erase a person, with a choice for each other record that names them."""

    erased = Signal(str)  # the person's id, once erased

    def __init__(self, workspace, runner, person_id: str, parent: QWidget | None = None):
        super().__init__(workspace, runner, person_id, parent)
        self.mentions = []
        self.mentions_label = paragraph()
        self.mentions_list = QListWidget()
        self.mentions_list.setWordWrap(True)
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.confirm_edit = QLineEdit()
        self.confirm_label.setBuddy(self.confirm_edit)
        self.confirm_edit.textChanged.connect(self._confirm_changed)
        self.erase_button = QPushButton(objectName="danger")
        self.erase_button.setAutoDefault(False)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.cancel_button.setDefault(True)  # Enter cancels: erasing takes a deliberate click or Alt+E
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (self.title, self.explanation, self.mentions_label, self.mentions_list, self.confirm_label,
                       self.confirm_edit, self.progress, self.message):
            layout.addWidget(widget)
        layout.addLayout(button_row(self.erase_button, self.cancel_button))
        self.setTabOrder(self.mentions_list, self.confirm_edit)
        self.setTabOrder(self.confirm_edit, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.erase_button)
        self.mentions_list.hide()
        self.retranslate()
        self.resize(680, 620)
        self.busy(True)
        self.read(self._load, self._loaded)

    def _load(self, store):
        from connector_app.store.mentions import find_mentions
        name = store.people.get(self.person_id).display_name
        labels = {t: repo.record_class.label for t, repo in store.repositories.items()}
        return name, [(m, labels[m.record_type]) for m in find_mentions(store, self.person_id)]

    def _loaded(self, found) -> None:
        self.busy(False)
        self.name, mentions = found
        self.mentions = [m for m, _label in mentions]
        self.mentions_list.clear()
        for mention, label in mentions:
            snippet = mention.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")
            item = QListWidgetItem(_("{record}: {text}").format(record=_(label), text=snippet))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)  # removing the name is the safer default; each can be unticked
            self.mentions_list.addItem(item)
        self.mentions_list.setVisible(bool(mentions))
        if mentions:
            self.mentions_list.setCurrentRow(0)
        self.retranslate()
        self._confirm_changed()
        self.confirm_edit.setFocus()

    def chosen_mentions(self) -> list:
        return [m for i, m in enumerate(self.mentions) if self.mentions_list.item(i).checkState() == Qt.Checked]

    def _confirm_changed(self) -> None:
        self.erase_button.setEnabled(_same_name(self.confirm_edit.text(), self.name) and not self.progress.isVisible())

    def busy(self, busy: bool) -> None:
        super().busy(busy)
        if not busy:
            self._confirm_changed()

    def erase(self) -> None:
        if not _same_name(self.confirm_edit.text(), self.name):
            return
        from connector_app.store.subject_access import erase_person as erase
        store, person_id, redact = self.workspace.store, self.person_id, self.chosen_mentions()
        self.busy(True)
        self.runner.run(lambda control: erase(store, person_id, redact=redact), label=_("Erasing…"),
                        on_success=self._erased, on_failure=self.failed)

    def _erased(self, _counts) -> None:
        self.erased.emit(self.person_id)
        self.forget()
        self.accept()

    def forget(self) -> None:
        super().forget()
        self.mentions = []
        self.mentions_list.clear()
        self.confirm_edit.clear()

    def retranslate(self) -> None:
        name = self.name or _("this person")
        self.setWindowTitle(_("Erase a person"))
        self.title.setText(_("Erase {name}?").format(name=name))
        self.explanation.setText(_(
            "Everything about {name} goes from this laptop: their record, what matters to them, their strengths, "
            "check-ins, connections, follow-ups and conversations, and the history of every change to them. "
            "A group conversation stays, without them. After the next sync it goes from the team's laptops too. "
            "This cannot be undone. If they asked for a copy, save it first.").format(name=name))
        count = len(self.mentions)
        self.mentions_label.setText(ngettext(
            "{count} other record mentions them by name. Ticked: the name is replaced with \"[name removed]\". "
            "Untick any to leave as it is.",
            "{count} other records mention them by name. Ticked: the name is replaced with \"[name removed]\". "
            "Untick any to leave as it is.", count).format(count=count) if count else
            _("No other record mentions them by name."))
        self.mentions_list.setAccessibleName(_("Other records that mention them"))
        self.mentions_list.setAccessibleDescription(_("Space ticks or unticks: ticked means the name is removed."))
        self.confirm_label.setText(_("To erase, type their name: {name}").format(name=name).replace("&", "&&"))
        self.confirm_edit.setAccessibleName(_("Type their name to confirm"))
        self.erase_button.setText(_("&Erase for good"))
        self.erase_button.setAccessibleName(_("Erase this person for good"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel, erasing nothing"))
        self.progress.setAccessibleName(_("Progress"))


def export_person(parent, workspace, runner, person_id: str) -> ExportDialog:
    dialog = ExportDialog(workspace, runner, person_id, parent)
    dialog.show()
    return dialog


def erase_person(parent, workspace, runner, person_id: str) -> EraseDialog:
    dialog = EraseDialog(workspace, runner, person_id, parent)
    dialog.show()
    return dialog
