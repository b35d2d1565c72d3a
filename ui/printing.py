"""Printing a finished PDF: its pages rendered by pypdfium2 and painted into the printer.

The page is laid out once, by ReportLab; what is printed is exactly what a saved
PDF shows (QtPdf is not in PySide6-Essentials). Rendering happens in memory,
off the GUI thread (QImage is safe there); nothing is written to disk.
"""

from __future__ import annotations

from typing import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui.tasks import JobCancelled

PRINT_DPI = 200  # sharp on paper; an A4 page is then about 11 MB in memory


def render_pages(pdf: bytes, *, dpi: int = PRINT_DPI, progress: Callable[[int, int], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> list[QImage]:
    """Every page of ``pdf`` as an image (runs in a background job)."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        total = len(document)
        for index in range(total):
            if should_cancel is not None and should_cancel():
                raise JobCancelled()
            picture = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
            data = picture.tobytes()
            image = QImage(data, picture.width, picture.height, picture.width * 3, QImage.Format_RGB888).copy()
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
            if progress is not None:
                progress(index + 1, total)
        return images
    finally:
        document.close()


def prepare_printer(printer: QPrinter, title: str) -> None:
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setPageOrientation(QPageLayout.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Paint each rendered page onto a printer page, scaled to the paper, keeping its shape."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            paper = printer.paperRect(QPrinter.DevicePixel)
            target = QRectF(0, 0, paper.width(), paper.height())
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
            painter.drawImage(QRectF((target.width() - width) / 2, (target.height() - height) / 2, width, height),
                              image)
    finally:
        painter.end()


def print_with_preview(parent: QWidget, images: list[QImage], title: str) -> QPrintPreviewDialog:
    """Show the print preview (with its Print button); returns the dialog, already open."""
    printer = QPrinter(QPrinter.HighResolution)
    prepare_printer(printer, title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer = printer  # the dialog only borrows it: the printer must live as long as the dialog
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.paintRequested.connect(lambda target: paint_pages(target, images))
    dialog.open()
    return dialog
