"""What every printed document shares: A4 pages, styles per translator, tables, bar charts, writing.

Documents are built in memory and written once, atomically, to the file asked
for: no clear-text temporary file is ever made.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer, Table, TableStyle

from connector_app import __version__
from connector_app.fileio import atomic_writer, check_output_path
from connector_app.i18n import Translator, _
from connector_app.reports.fonts import LATIN, Face
from connector_app.reports.text import Span, TextBox, TextStyle, draw_text, measure, text_height

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN

INK = HexColor("#17201d")
MUTED = HexColor("#4d5a56")
ACCENT = HexColor("#1b6b5b")
ACCENT_LIGHT = HexColor("#e3efeb")
RULE = HexColor("#c5d3ce")
WARN = HexColor("#8a4b08")
WARN_LIGHT = HexColor("#fbf0e1")


@dataclass(frozen=True)
class Styles:
    """Text styles for one document, in one translator's language and direction."""

    translator: Translator
    title: TextStyle = TextStyle(size=22, bold=True, color=ACCENT, space_after=4)
    subtitle: TextStyle = TextStyle(size=13, color=MUTED, space_after=10)
    h1: TextStyle = TextStyle(size=15, bold=True, color=ACCENT, space_before=10, space_after=5)
    h2: TextStyle = TextStyle(size=11.5, bold=True, color=INK, space_before=6, space_after=3)
    body: TextStyle = TextStyle(size=10, color=INK, space_after=4)
    small: TextStyle = TextStyle(size=8.5, color=MUTED, space_after=3)
    cell: TextStyle = TextStyle(size=9.5, color=INK, space_after=0)
    cell_bold: TextStyle = TextStyle(size=9.5, bold=True, color=INK, space_after=0)
    number: TextStyle = TextStyle(size=9.5, color=INK, space_after=0, align="end")
    big: TextStyle = TextStyle(size=22, bold=True, color=ACCENT, space_after=0)

    @property
    def rtl(self) -> bool:
        return self.translator.is_right_to_left

    @property
    def language(self) -> str:
        return self.translator.language

    def text(self, text: str | list[Span], style: TextStyle, *, own_words: bool = False) -> TextBox:
        """A paragraph of interface text (the document's direction), or of someone's own words
        (``own_words``: direction from the text itself, aligned with the document)."""
        if own_words:
            box = TextBox(text, style, rtl=None, language=self.language)
            if box.rtl != self.rtl and style.align == "start":
                box.style = replace(style, align="end")  # keep the page's edge whatever the text's direction
            return box
        return TextBox(text, style, rtl=self.rtl, language=self.language)


def table(styles: Styles, rows: list[list[Flowable]], widths: list[float], *, header: bool = True,
          zebra: bool = True, padding: float = 4) -> Table:
    """A plain table of flowables; columns run right to left in a right-to-left document."""
    if styles.rtl:
        rows = [list(reversed(r)) for r in rows]
        widths = list(reversed(widths))
    commands = [
        ("FONT", (0, 0), (-1, -1), Face(LATIN, False).name),  # Table would otherwise pull in Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),  # a Nastaliq label and a Latin number share a row's middle
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), padding + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding + 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    if zebra:
        for i in range(1 if header else 0, len(rows)):
            if i % 2 == 0:
                commands.append(("BACKGROUND", (0, i), (-1, i), HexColor("#f6f9f8")))
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="RIGHT" if styles.rtl else "LEFT")
    t.setStyle(TableStyle(commands))
    return t


@dataclass(frozen=True)
class Bar:
    label: str
    value: float      # what the bar's length shows (0 for a hidden value)
    shown: str        # the number printed beside it ("12", "<5")


class BarChart(Flowable):
    """Horizontal bars with shaped labels (ReportLab's chart renderer does not shape text).

    In a right-to-left document the labels sit on the right and bars grow leftwards.
    """

    def __init__(self, styles: Styles, bars: list[Bar], *, width: float = FRAME_WIDTH, size: float = 9,
                 color: Color = ACCENT, target: tuple[float, str] | None = None):
        super().__init__()
        self.styles, self.bars, self.size, self.color, self.target = styles, bars, size, color, target
        self.width = width
        rtl, lang = styles.rtl, styles.language
        # Rows as tall as the tallest label needs: Urdu labels in Nastaliq are about twice Latin's height.
        self.row = max([size * 2.1] + [text_height(b.label, size, rtl=rtl, language=lang) * 1.15 for b in bars])
        widest = max((measure(b.label, size, rtl=rtl, language=lang) for b in bars), default=0)
        self.label_width = min(max(widest + 8, 60), width * 0.45)
        self.value_width = max((measure(b.shown, size, bold=True, rtl=rtl, language=lang) for b in bars),
                               default=0) + 10
        self.height = self.row * len(bars) + (size * 1.6 if target else 0) + 4
        self.spaceAfter = 6

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def _value(self, text: str, x: float, baseline: float, anchor: str) -> None:
        """The number beside a bar, on a white ground so a target line never runs through it."""
        c, size = self.canv, self.size
        width = measure(text, size, bold=True, rtl=self.styles.rtl, language=self.styles.language)
        left = x - width if anchor == "right" else x
        c.setFillColor(white)
        c.rect(left - 1.5, baseline - size * 0.3, width + 3, size * 1.2, stroke=0, fill=1)
        draw_text(c, text, x, baseline, size, bold=True, anchor=anchor, rtl=self.styles.rtl,
                  language=self.styles.language, color=INK)

    def draw(self):
        c = self.canv
        rtl, lang, size = self.styles.rtl, self.styles.language, self.size
        top = self.height - (size * 1.6 if self.target else 0)
        track = self.width - self.label_width - self.value_width
        scale_max = max([b.value for b in self.bars] + [self.target[0] if self.target else 0] + [1])
        if self.target:
            value, label = self.target
            offset = track * value / scale_max
            x = (self.width - self.label_width - offset) if rtl else (self.label_width + offset)
            c.setStrokeColor(WARN)
            c.setDash(3, 2)
            c.setLineWidth(1)
            c.line(x, top - len(self.bars) * self.row, x, top + size * 0.4)
            c.setDash()
            draw_text(c, label, x, top + size * 0.6, size * 0.9, anchor="center", rtl=rtl, language=lang,
                      color=WARN)
        for i, bar in enumerate(self.bars):
            y = top - (i + 1) * self.row
            baseline = y + self.row * 0.32
            thickness = min(self.row * 0.64, size * 1.35)
            bar_y = baseline + size * 0.35 - thickness / 2  # centred on the middle of a Latin x-height
            length = track * bar.value / scale_max
            if rtl:
                draw_text(c, bar.label, self.width, baseline, size, anchor="right", rtl=True, language=lang,
                          color=INK, max_width=self.label_width - 6)
                bar_right = self.width - self.label_width
                c.setFillColor(self.color)
                if length > 0:
                    c.rect(bar_right - length, bar_y, length, thickness, stroke=0, fill=1)
                self._value(bar.shown, bar_right - length - 4, baseline, "right")
            else:
                draw_text(c, bar.label, 0, baseline, size, anchor="left", rtl=False, language=lang, color=INK,
                          max_width=self.label_width - 6)
                c.setFillColor(self.color)
                if length > 0:
                    c.rect(self.label_width, bar_y, length, thickness, stroke=0, fill=1)
                self._value(bar.shown, self.label_width + length + 4, baseline, "left")


class Banner(Flowable):
    """A coloured box holding one paragraph: which copy this is, a warning, a note."""

    def __init__(self, box: TextBox, background: Color = WARN_LIGHT, border: Color = WARN, padding: float = 7):
        super().__init__()
        self.box, self.background, self.border, self.padding = box, background, border, padding
        self.spaceAfter = 8

    def wrap(self, avail_width, avail_height):
        _w, h = self.box.wrap(avail_width - 2 * self.padding, avail_height)
        self.width, self.height = avail_width, h + 2 * self.padding
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(self.background)
        c.setStrokeColor(self.border)
        c.setLineWidth(0.8)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=1)
        self.box.drawOn(c, self.padding, self.padding)


def tiles(styles: Styles, items: list[tuple[str, str]], columns: int = 3) -> Table:
    """Headline figures as tiles: a big number over its name."""
    cell_width = FRAME_WIDTH / columns
    rows, row = [], []
    for number, label in items:
        row.append([styles.text(number, styles.big), styles.text(label, replace(styles.body, color=MUTED))])
        if len(row) == columns:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [spacer(1)] * (columns - len(row)))
    if styles.rtl:
        rows = [list(reversed(r)) for r in rows]
    t = Table(rows, colWidths=[cell_width] * columns)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), Face(LATIN, False).name),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBELOW", (0, 0), (-1, -1), 3, white),
        ("LINEAFTER", (0, 0), (-1, -1), 3, white),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ]))
    return t


def render(story: list[Flowable], *, styles: Styles, title: str, footer: str) -> bytes:
    """Lay out ``story`` on A4 pages with a running footer; returns the PDF bytes."""
    buffer = io.BytesIO()
    translator = styles.translator

    def on_page(canvas, doc):
        canvas.saveState()
        y = MARGIN * 0.55
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + 11, PAGE_WIDTH - MARGIN, y + 11)
        page = translator.gettext("Page {number}").format(number=translator.format_number(doc.page))
        start, end = (PAGE_WIDTH - MARGIN, MARGIN) if styles.rtl else (MARGIN, PAGE_WIDTH - MARGIN)
        draw_text(canvas, footer, start, y, 8, anchor="start", rtl=styles.rtl, language=styles.language,
                  color=MUTED, max_width=FRAME_WIDTH * 0.75)
        draw_text(canvas, page, end, y, 8, anchor="end", rtl=styles.rtl, language=styles.language, color=MUTED)
        canvas.restoreState()

    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author="", subject="",
                          creator=f"connector-app {__version__}", lang=translator.code.replace("_", "-"),
                          initialFontName=Face(LATIN, False).name)  # not Helvetica: only bundled fonts in the file
    frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story)
    return buffer.getvalue()


def write(path: Path | str, data: bytes, *, force: bool = False) -> None:
    """Write a finished document or export (the one place reports write files).

    The path is checked as every output is (fileio.check_output_path): never into a
    workspace, never onto a device or folder, an existing file only with ``force``.
    """
    with atomic_writer(check_output_path(path, force=force)) as handle:
        handle.write(data)


def spacer(height: float = 6) -> Spacer:
    return Spacer(1, height)


ProgressFn = Callable[[int, int], None]
