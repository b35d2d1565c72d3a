"""The Reports menu: the monthly summary saved and printed from the desktop, blank sheets, locking."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from connector_app.reports.sheet_ids import read_sheet_ids_from_image
from tests.reports.known import build
from tests.reports.pdfcheck import check_pdf, render_pages, text_of
from tests.ui.conftest import add_records, unlock, wait_idle
from ui import printing, reports
from ui.printing import paint_pages, prepare_printer


def _choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


@pytest.fixture
def unlocked(qtbot, make_window, workspace_path):
    add_records(workspace_path, build)
    window = make_window(workspace_path)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    return window


def test_reports_need_an_unlocked_workspace_and_close_on_lock(qtbot, make_window, workspace_path):
    window = make_window(workspace_path)
    assert not window.reports.monthly_action.isEnabled()
    unlock(qtbot, window)
    assert window.reports.monthly_action.isEnabled()
    dialog = window.reports.open_monthly()
    wait_idle(qtbot, window)
    window.lock()
    assert not window.reports.monthly_action.isEnabled()
    qtbot.waitUntil(lambda: not window.reports.dialogs, timeout=5000)
    assert not shiboken6.isValid(dialog)  # closed and deleted: no staff names left on screen


def test_save_the_monthly_summary_as_pdf_and_csv(qtbot, unlocked, tmp_path, monkeypatch):
    window = unlocked
    dialog = window.reports.open_monthly()
    wait_idle(qtbot, window)
    assert dialog.staff.count() == 3  # the whole team and two staff members, loaded in the background
    if dialog.month.findData("2026-03-01") < 0:  # the list offers the last two years
        dialog.month.insertItem(0, "March 2026", "2026-03-01")
    _choose(dialog.month, "2026-03-01")
    target = tmp_path / "march.pdf"
    monkeypatch.setattr(reports.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog.pdf_button.click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    wait_idle(qtbot, window)
    text = text_of(check_pdf(target.read_bytes()))
    assert "March 2026" in text and "Exported copy" in text
    assert "Saved to" in dialog.status.text()

    table = tmp_path / "march.csv"
    monkeypatch.setattr(reports.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(table), ""))
    dialog.internal.setChecked(True)
    dialog.csv_button.click()
    qtbot.waitUntil(table.exists, timeout=20_000)
    wait_idle(qtbot, window)
    assert b"internal" in table.read_bytes()


def test_print_paints_the_rendered_pages(qtbot, unlocked, tmp_path, monkeypatch):
    window = unlocked
    dialog = window.reports.open_monthly()
    wait_idle(qtbot, window)
    shown = {}

    def fake_preview(parent, images, title):
        shown["images"], shown["title"] = images, title
    monkeypatch.setattr(printing, "print_with_preview", fake_preview)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "images" in shown, timeout=30_000)
    images = shown["images"]
    assert len(images) >= 3 and images[0].width() > 1000

    # What the preview's Print button does: paint those pages into the printer (here a PDF file).
    printer = QPrinter(QPrinter.HighResolution)
    prepare_printer(printer, shown["title"])
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint_pages(printer, images)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(images)


def test_render_pages_is_faithful_enough_to_read_a_qr_code(qtbot):
    from connector_app.i18n import translator_for
    from connector_app.reports.sheets import blank_sheets_pdf
    data, ids = blank_sheets_pdf(translator_for("en_GB"), copies=1)
    image = printing.render_pages(data, dpi=150)[0]
    assert image.width() == round(595.2756 * 150 / 72) or abs(image.width() - 1240) < 3
    # and the core's own render of the same bytes carries the ID
    assert read_sheet_ids_from_image(render_pages(data, scale=2)[0]) == ids


def test_blank_sheets_saved_from_the_desktop(qtbot, make_window, workspace_path, tmp_path, monkeypatch):
    window = make_window(workspace_path)
    dialog = window.reports.open_sheets()  # needs no workspace: nothing personal on a blank sheet
    dialog.copies.setValue(2)
    target = tmp_path / "sheets.pdf"
    monkeypatch.setattr(reports.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog.findChildren(reports.QPushButton)[1].click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    wait_idle(qtbot, window)
    assert len(check_pdf(target.read_bytes()).pages) == 2


def test_the_print_preview_shows_every_page_and_keeps_its_printer(qtbot, qapp):
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QWidget

    from connector_app.i18n import translator_for
    from connector_app.reports.sheets import blank_sheets_pdf
    data, _ids = blank_sheets_pdf(translator_for("en_GB"), copies=3)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = printing.print_with_preview(parent, printing.render_pages(data, dpi=60), "Sheets")
    gc.collect()  # the printer must outlive this function's frame (it once did not: a crash)
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 3, timeout=10_000)
    dialog.close()


def test_a_person_sheet_found_by_name_and_saved(qtbot, unlocked, tmp_path, monkeypatch):
    window = unlocked
    dialog = window.reports.open_person_sheet()
    qtbot.keyClicks(dialog.search, "Person 3")
    qtbot.keyClick(dialog.search, reports.Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.people.count() > 0, timeout=10_000)
    _choose(dialog.people, dialog.people.itemData(dialog.people.findText("Person 3")))
    target = tmp_path / "p3.pdf"
    monkeypatch.setattr(reports.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog.pdf_button.click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    wait_idle(qtbot, window)
    text = text_of(check_pdf(target.read_bytes()))
    assert "Person 3" in text and "Maths" in text and "What matters to you" not in text
