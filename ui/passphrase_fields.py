"""Passphrase inputs: one for unlocking, and a pair with live strength feedback for choosing one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from connector_app.i18n import _
from connector_app.passphrase import Assessment, assess

MAX_FEEDBACK_LINES = 3  # the most useful advice first; a wall of tips helps nobody


class PassphraseEdit(QLineEdit):
    """A masked field whose text is handed over once and then forgotten."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEchoMode(QLineEdit.Password)
        self.setMaxLength(512)

    def take(self) -> str:
        """The typed text; the field is emptied, undo history included."""
        text = self.text()
        self.wipe()
        return text

    def wipe(self) -> None:
        self.setText("")  # unlike clear(), setText also drops the undo history that could bring it back


def show_text_toggle(edits: list[QLineEdit], parent: QWidget | None = None) -> QCheckBox:
    """A "Show passphrase" check box for people who find typing blind hard; it unmasks every field given."""
    check = QCheckBox(parent)

    def set_shown(shown: bool) -> None:
        for edit in edits:
            edit.setEchoMode(QLineEdit.Normal if shown else QLineEdit.Password)

    check.toggled.connect(set_shown)
    return check


class NewPassphraseFields(QWidget):
    """Choose a passphrase: type it, see how strong it is while typing, type it again."""

    readiness_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._assessment: Assessment | None = None
        self._ready = False

        self.new_label = QLabel()
        self.new_edit = PassphraseEdit()
        self.new_label.setBuddy(self.new_edit)
        self.strength_bar = QProgressBar(objectName="strength")
        self.strength_bar.setRange(0, 5)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setFixedHeight(8)
        self._level = ""
        self.strength_bar.setProperty("level", self._level)
        self.strength_label = QLabel(objectName="strengthVerdict")
        self.feedback_label = QLabel(objectName="muted")
        self.feedback_label.setWordWrap(True)
        self.confirm_label = QLabel()
        self.confirm_edit = PassphraseEdit()
        self.confirm_label.setBuddy(self.confirm_edit)
        self.match_label = QLabel(objectName="muted")
        self.match_label.setWordWrap(True)
        self.show_check = show_text_toggle([self.new_edit, self.confirm_edit])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.new_label)
        layout.addWidget(self.new_edit)
        layout.addWidget(self.strength_bar)
        layout.addWidget(self.strength_label)
        layout.addWidget(self.feedback_label)
        layout.addSpacing(8)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm_edit)
        layout.addWidget(self.match_label)
        layout.addWidget(self.show_check, 0, Qt.AlignLeading)

        self.new_edit.textChanged.connect(self._new_text_changed)
        self.confirm_edit.textChanged.connect(self._refresh)
        self.retranslate()

    # what the page asks ------------------------------------------------------------

    def is_ready(self) -> bool:
        return self._ready

    def take_passphrase(self) -> str:
        """The chosen passphrase; both fields are emptied."""
        text = self.new_edit.take()
        self.confirm_edit.wipe()
        return text

    def wipe(self) -> None:
        self.new_edit.wipe()
        self.confirm_edit.wipe()
        self.show_check.setChecked(False)

    def retranslate(self) -> None:
        self.new_label.setText(_("New passphrase"))
        self.confirm_label.setText(_("Type the same passphrase again"))
        self.show_check.setText(_("Show what I type"))
        self.new_edit.setAccessibleName(_("New passphrase"))
        self.confirm_edit.setAccessibleName(_("Type the same passphrase again"))
        self._new_text_changed()  # the advice comes translated from the core: ask again

    # live feedback -----------------------------------------------------------------

    def _new_text_changed(self) -> None:
        text = self.new_edit.text()
        self._assessment = assess(text) if text else None
        self._refresh()

    def _refresh(self) -> None:
        verdict = self._assessment
        if verdict is None:
            self._show_strength(0, "", "", [])
        elif not verdict.acceptable:
            self._show_strength(1 + min(verdict.score, 2), "weak", _("Not strong enough yet"), verdict.feedback)
        elif verdict.score < 4:
            self._show_strength(4, "good", _("Strong enough"), verdict.feedback)
        else:
            self._show_strength(5, "strong", _("Very strong"), verdict.feedback)

        new, again = self.new_edit.text(), self.confirm_edit.text()
        if not again:
            self.match_label.setText("")
        elif again == new:
            self.match_label.setText(_("The two passphrases match."))
        elif new.startswith(again):
            self.match_label.setText("")  # still typing the second one: no warning yet
        else:
            self.match_label.setText(_("The two passphrases are different."))
        self.match_label.setVisible(bool(self.match_label.text()))

        ready = verdict is not None and verdict.acceptable and again == new
        if ready != self._ready:
            self._ready = ready
            self.readiness_changed.emit(ready)

    def _show_strength(self, value: int, level: str, verdict: str, advice: list[str]) -> None:
        self.strength_bar.setValue(value)
        # Re-polish only when the level changes: it restyles the whole bar.
        if self._level != level:
            self._level = level
            self.strength_bar.setProperty("level", level)
            self.strength_bar.style().unpolish(self.strength_bar)  # the style sheet colours by level
            self.strength_bar.style().polish(self.strength_bar)
        self.strength_label.setText(verdict)
        self.strength_label.setVisible(bool(verdict))
        lines = advice[:MAX_FEEDBACK_LINES]
        self.feedback_label.setText("\n".join("• " + line for line in lines))
        self.feedback_label.setVisible(bool(lines))
