"""Audits over the whole application: after lock no record text survives anywhere; every focusable
widget on every screen (WorkspaceView's registry, so screens added later are covered) and in the
dialogs of the unlock flow has an accessible name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QLabel, QLineEdit,
    QPlainTextEdit, QTextEdit, QWidget,
)

from tests.samples import add_everything
from tests.ui.conftest import add_records, unlock, wait_idle

MARKER = "Qwxzmarker"  # in a name and in every free-text field of the sample workspace
ROLES = (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole, Qt.AccessibleTextRole, Qt.StatusTipRole)


@pytest.fixture
def sample(workspace_path):
    add_records(workspace_path, lambda store: add_everything(store, text=f"Loves {MARKER} allotment",
                                                             name=f"Amira {MARKER}"))
    return workspace_path


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return max(model.columnCount(parent), 1)
    except TypeError:  # a list model: columnCount is private to it, and one column is all it has
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex(), depth: int = 0) -> list[str]:
    texts = []
    columns = _columns(model, parent)
    for row in range(min(model.rowCount(parent), 500)):
        for column in range(columns):
            index = model.index(row, column, parent)
            texts.extend(str(model.data(index, role) or "") for role in ROLES)
            if depth < 2 and column == 0 and model.rowCount(index) > 0:
                texts.extend(_model_texts(model, index, depth + 1))
    for section in range(columns):
        texts.append(str(model.headerData(section, Qt.Horizontal) or ""))
    return texts


def _texts(obj: QObject) -> list[str]:
    texts = [obj.objectName()]
    if isinstance(obj, QWidget):
        texts += [obj.windowTitle(), obj.toolTip(), obj.statusTip(), obj.whatsThis(), obj.accessibleName(),
                  obj.accessibleDescription()]
    if isinstance(obj, (QLineEdit, QLabel, QAbstractButton)):
        texts += [obj.text()] + ([obj.placeholderText()] if isinstance(obj, QLineEdit) else [])
    if isinstance(obj, (QTextEdit, QPlainTextEdit)):
        texts.append(obj.toPlainText())
    if isinstance(obj, QComboBox):
        texts += [obj.currentText()] + [obj.itemText(i) for i in range(obj.count())]
    if isinstance(obj, QAction):
        texts += [obj.text(), obj.toolTip(), obj.statusTip()]
    if isinstance(obj, QAbstractItemModel):
        texts += _model_texts(obj)
    if isinstance(obj, QAbstractItemView) and obj.model() is not None:
        texts += _model_texts(obj.model())
    return texts


def _everything() -> list[QObject]:
    objects: list[QObject] = [*QApplication.allWidgets()]
    for top in QApplication.topLevelWidgets():
        objects += top.findChildren(QObject)
    objects += QApplication.instance().findChildren(QObject)
    return objects


def _surviving() -> list[tuple[str, str]]:
    found = [(type(o).__name__, t) for o in _everything() for t in _texts(o) if MARKER in t]
    clipboard = QApplication.clipboard()
    if MARKER in clipboard.text():
        found.append(("clipboard", clipboard.text()))
    return found


def _visit_everything(qtbot, window) -> None:
    """Every screen shown, the quick-add form with a name typed and copied, the new-code dialog open."""
    for name in window.shell.screens:
        window.shell.show_screen(name)
        QApplication.processEvents()
    conversation = window.shell.reader.connection.execute("SELECT id FROM conversation LIMIT 1").fetchone()[0]
    window.shell.open_record("conversation", conversation)   # a conversation's page, with its notes
    QApplication.processEvents()
    dialog = window.shell.open_quick_add()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.people_field.edit, f"amira {MARKER.lower()}")
    dialog.people_field.edit.setText(f"Amira {MARKER}")
    dialog.people_field.edit.selectAll()
    qtbot.keyClick(dialog.people_field.edit, Qt.Key_C, Qt.ControlModifier)  # copied, as a person might
    window.new_recovery_code()


def test_after_lock_no_record_text_survives_in_any_object_model_or_the_clipboard(qtbot, make_window, sample):
    window = make_window(sample)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    _visit_everything(qtbot, window)
    wait_idle(qtbot, window)
    before = _surviving()
    assert ("clipboard", f"Amira {MARKER}") in before, "the audit must see record text before the lock"
    assert len({kind for kind, _text in before}) >= 3, before

    qtbot.keyClick(window.shell.quick_add.people_field.edit, Qt.Key_L, Qt.ControlModifier)
    QApplication.processEvents()
    assert not window.is_unlocked
    assert _surviving() == []
    wait_idle(qtbot, window)
    assert _surviving() == []


# accessible names ---------------------------------------------------------------------------

def _spoken_name(widget: QWidget) -> str:
    accessible = QAccessible.queryAccessibleInterface(widget)
    return (accessible.text(QAccessible.Name) if accessible is not None else "") or widget.accessibleName()


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.focusPolicy() & Qt.TabFocus) or not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox, QAbstractItemView)) or \
                type(widget).__name__.startswith("QCalendar") or widget.objectName() == "qt_scrollarea_viewport":
            continue  # a part of a named control: the control itself is checked
        if not _spoken_name(widget).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.window()).__name__}")
    return missing


def test_every_focusable_widget_on_every_screen_has_an_accessible_name(qtbot, make_window, sample):
    window = make_window(sample)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    assert len(window.shell.screens) >= 3
    missing = []
    for name, screen in window.shell.screens.items():
        window.shell.show_screen(name)
        QApplication.processEvents()
        missing += [f"{name}: {entry}" for entry in _unnamed(screen)]
    missing += [f"sidebar: {entry}" for entry in _unnamed(window.shell.sidebar)]
    conversation = window.shell.reader.connection.execute("SELECT id FROM conversation LIMIT 1").fetchone()[0]
    window.shell.open_record("conversation", conversation)   # pages outside the sidebar: a conversation's
    missing += [f"conversation: {entry}" for entry in _unnamed(window.shell.conversation_page)]
    assert missing == []


def test_every_page_of_the_unlock_flow_and_the_new_code_dialog_is_named(qtbot, make_window, sample, tmp_path):
    window = make_window(sample)
    flow = window.flow
    missing = []
    for page in (flow.unlock_page, flow.recovery_page):
        flow.setCurrentWidget(page)
        missing += _unnamed(page)
    first_run = make_window(tmp_path / "new")
    missing += _unnamed(first_run.flow.create_page)
    first_run.flow.code_page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012", folder=tmp_path / "new")
    first_run.flow.setCurrentWidget(first_run.flow.code_page)
    missing += _unnamed(first_run.flow.code_page)

    unlock(qtbot, window)
    dialog = window.new_recovery_code()
    missing += _unnamed(dialog)
    qtbot.mouseClick(dialog.make_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.code_page.isVisible(), timeout=10_000)
    missing += _unnamed(dialog)
    assert missing == []
    window.lock()
    wait_idle(qtbot, window)
