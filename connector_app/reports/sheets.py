"""Talent-spotting sheets: blank ones to fill in on paper in a hub, and a person's own, for them to keep.

    blank_sheets_pdf(translator, copies=3)            # each page with its own sheet ID and QR code
    person_sheet_pdf(person_sheet(store, person_id), translator)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table, TableStyle

from connector_app.domain import vocab
from connector_app.i18n import Translator, available_languages
from connector_app.reports.fonts import LATIN, Face
from connector_app.reports.pdf import (
    ACCENT, ACCENT_LIGHT, FRAME_HEIGHT, FRAME_WIDTH, INK, MUTED, RULE, Styles, render, spacer,
)
from connector_app.reports.sheet_ids import new_sheet_id, qr_payload
from connector_app.reports.text import TextBox, TextStyle, draw_text

QR_SIZE = 30 * mm
LINE_GAP = 9 * mm


class WritingLines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float = LINE_GAP):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.count * self.gap
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 1
            c.line(0, y, self.width, y)


class TickBox(Flowable):
    """A box to tick and what ticking it means; the box sits at the start of the line."""

    def __init__(self, styles: Styles, label: str, size: float = 10):
        super().__init__()
        self.styles = styles
        self.box = 3.6 * mm
        self.text = TextBox(label, TextStyle(size=size, color=INK, space_after=0), rtl=styles.rtl,
                            language=styles.language)

    def wrap(self, avail_width, avail_height):
        _w, h = self.text.wrap(avail_width - self.box - 3 * mm, avail_height)
        self.width, self.height = avail_width, max(h, self.box) + 2.5 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        top = self.height - 1 * mm
        # The box sits on the first line's baseline, whatever the script's height (Nastaliq is tall).
        baseline = top - self.text.first_baseline()
        box_x = self.width - self.box if self.styles.rtl else 0
        c.setStrokeColor(INK)
        c.setLineWidth(0.9)
        c.rect(box_x, baseline - 0.8, self.box, self.box, stroke=1, fill=0)
        text_x = 0 if self.styles.rtl else self.box + 3 * mm
        self.text.drawOn(c, text_x, top - self.text.height)


class QrCode(Flowable):
    """A QR code drawn module by module (ReportLab's chart renderer would pull Helvetica into the file)."""

    def __init__(self, payload: str, size: float = QR_SIZE, border: int = 4):
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        self.modules = [[bool(m) for m in row] for row in code.modules]
        self.width = self.height = size
        self.border = border

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        count = len(self.modules)
        box = self.width / (count + 2 * self.border)
        c.setFillColor(INK)
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.border + 1) * box
            start = None
            for col, dark in enumerate(row + [False]):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    c.rect((start + self.border) * box, y, (col - start) * box, box, stroke=0, fill=1)
                    start = None


def _qr(sheet_id: str, size: float = QR_SIZE) -> QrCode:
    return QrCode(qr_payload(sheet_id), size)


class SheetIdText(Flowable):
    """The sheet ID under its QR code, always left to right (it is typed back in letter by letter)."""

    def __init__(self, styles: Styles, sheet_id: str, width: float):
        super().__init__()
        self.styles, self.sheet_id = styles, sheet_id
        self.width, self.height = width, 14

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        t = self.styles.translator
        draw_text(self.canv, t.gettext("Sheet"), self.width / 2, 9, 7, anchor="center", rtl=self.styles.rtl,
                  language=self.styles.language, color=MUTED)
        draw_text(self.canv, self.sheet_id, self.width / 2, 0, 9.5, bold=True, anchor="center", rtl=False,
                  color=INK)


def _header(s: Styles, title: str, subtitle: str, sheet_id: str | None) -> Table:
    left = [s.text(title, s.title), s.text(subtitle, replace(s.subtitle, space_after=0))]
    if sheet_id is None:
        return Table([[left]], colWidths=[FRAME_WIDTH], style=_plain())
    right = [_qr(sheet_id), SheetIdText(s, sheet_id, QR_SIZE)]
    cells = [left, right]
    widths = [FRAME_WIDTH - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm]
    if s.rtl:
        cells, widths = cells[::-1], widths[::-1]
    return Table([cells], colWidths=widths, style=_plain())


def _plain() -> TableStyle:
    return TableStyle([("FONT", (0, 0), (-1, -1), Face(LATIN, False).name), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


def _prompt(s: Styles, text: str, lines: int) -> list[Flowable]:
    return [s.text(text, replace(s.h2, space_before=5, space_after=0)), WritingLines(lines)]


def _columns(s: Styles, flowables: list[Flowable], columns: int = 2) -> Table:
    rows = [flowables[i:i + columns] for i in range(0, len(flowables), columns)]
    rows[-1] += [spacer(1)] * (columns - len(rows[-1]))
    if s.rtl:
        rows = [r[::-1] for r in rows]
    table = Table(rows, colWidths=[FRAME_WIDTH / columns] * columns)
    table.setStyle(_plain())
    return table


def _cards(s: Styles, cards: list[list[Flowable]], columns: int = 2) -> Table:
    """Short pieces of someone's story, each on a tinted card."""
    rows = [cards[i:i + columns] for i in range(0, len(cards), columns)]
    rows[-1] += [spacer(1)] * (columns - len(rows[-1]))
    if s.rtl:
        rows = [r[::-1] for r in rows]
    table = Table(rows, colWidths=[FRAME_WIDTH / columns] * columns, hAlign="RIGHT" if s.rtl else "LEFT")
    commands = [("FONT", (0, 0), (-1, -1), Face(LATIN, False).name), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 4, white), ("LINEAFTER", (0, 0), (-1, -1), 4, white),
                ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9)]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, list):
                commands.append(("BACKGROUND", (c, r), (c, r), ACCENT_LIGHT))
    table.setStyle(TableStyle(commands))
    return table


def _blank_sheet(s: Styles, sheet_id: str) -> list[Flowable]:
    t = s.translator
    story: list[Flowable] = [
        _header(s, t.gettext("Talent-spotting sheet"),
                t.gettext("What you love doing, what you could share, and what you might try next."), sheet_id),
        spacer(4),
        *_prompt(s, t.gettext("My name (only if I want to give it)"), 1),
        *_prompt(s, t.gettext("Things I love doing"), 2),
        *_prompt(s, t.gettext("Skills I could share or teach"), 2),
        *_prompt(s, t.gettext("What I would like to learn"), 2),
        *_prompt(s, t.gettext("What I could help with"), 2),
        s.text(t.gettext("A next step I might try"), replace(s.h2, space_before=5, space_after=2)),
        _columns(s, [TickBox(s, t.label(vocab.NEXT_STEPS, code)) for code in vocab.NEXT_STEPS.codes]),
        WritingLines(1),
        s.text(t.gettext("What happens to this sheet (tick what you agree to)"),
               replace(s.h2, space_before=6, space_after=2)),
        TickBox(s, t.gettext("You can keep what I wrote, safely, at the hub.")),
        TickBox(s, t.gettext("You can share it with the team who work with me.")),
        TickBox(s, t.gettext("You can count me, without my name, in reports about the hub.")),
        TickBox(s, t.gettext("No thanks: this sheet is mine to take home.")),
        spacer(4),
        _columns(s, [
            s.text(t.gettext("Filled in by"), replace(s.h2, space_before=0, space_after=0)),
            s.text(t.gettext("Date"), replace(s.h2, space_before=0, space_after=0)),
        ]),
        _columns(s, [WritingLines(1), WritingLines(1)]),
    ]
    return story


def blank_sheets_pdf(translator: Translator, copies: int = 1,
                     sheet_ids: list[str] | None = None) -> tuple[bytes, list[str]]:
    """``copies`` blank sheets, one page each, each with its own ID; returns the PDF and the IDs."""
    if copies < 1:
        raise ValueError(copies)
    ids = list(sheet_ids) if sheet_ids else [new_sheet_id() for _ in range(copies)]
    s = Styles(translator)
    story: list[Flowable] = []
    for i, sheet_id in enumerate(ids):
        if i:
            story.append(PageBreak())
        # One sheet, one page, in every language: a tall script (Nastaliq) shrinks the sheet a little
        # rather than spilling its last lines onto a second page.
        story.append(KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, _blank_sheet(s, sheet_id), mode="shrink"))
    title = translator.gettext("Talent-spotting sheet")
    footer = translator.gettext("Talent-spotting sheet · connector app")
    return render(story, styles=s, title=title, footer=footer), ids


# A person's sheet ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetStrength:
    kind: str
    description: str
    readiness: str
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class SheetNote:
    recorded_on: str
    own_words: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class PersonSheet:
    """What a person's sheet prints, as plain data (their words, never anyone else's)."""

    person_id: str
    name: str
    languages: tuple[str, ...]
    strengths: tuple[SheetStrength, ...]
    what_matters: tuple[SheetNote, ...] | None   # None: the connector left it off (sheets print in shared places)
    steps_done: tuple[tuple[str, str], ...]      # (done_on, description), oldest first
    steps_next: tuple[str, ...]                  # small steps still to do, in their order
    printed_on: date


def person_sheet(store, person_id: str, *, include_what_matters: bool = False,
                 today: date | None = None) -> PersonSheet:
    person = store.people.get(person_id)
    strengths = tuple(SheetStrength(x.kind, x.description, x.readiness, tuple(x.next_steps))
                      for x in store.strengths.where("person_id", person.id, order_by="spotted_on"))
    notes = store.what_matters.where("person_id", person.id, order_by="recorded_on")
    steps = store.small_steps.where("person_id", person.id, order_by="position")
    done = tuple(sorted((x.done_on, x.description) for x in steps if x.done_on))
    still = tuple(x.description for x in steps if not x.done_on)
    with store.atomic():
        store.audit.record("print_sheet", "person", person.id)
    return PersonSheet(
        person_id=person.id, name=person.display_name, languages=tuple(person.languages), strengths=strengths,
        what_matters=tuple(SheetNote(n.recorded_on, n.own_words, tuple(n.themes)) for n in notes)
        if include_what_matters else None,
        steps_done=done, steps_next=still, printed_on=today or date.today())


def sheet_language(sheet: PersonSheet, requested: str | None, fallback: str) -> str:
    """The language to print in: the one asked for, else the person's first translated language, else ``fallback``."""
    if requested:
        return requested
    have = set(available_languages())
    for code in sheet.languages:
        for candidate in (code.replace("-", "_"), code.split("-")[0].split("_")[0]):
            if candidate in have:
                return candidate
    return fallback


def person_sheet_pdf(sheet: PersonSheet, translator: Translator) -> bytes:
    t = translator
    s = Styles(t)
    own = replace(s.body, size=11)
    story: list[Flowable] = [
        s.text(t.gettext("Your talent-spotting sheet"), replace(s.subtitle, space_after=2)),
        s.text(sheet.name, replace(s.title, size=26, space_after=8), own_words=True),
        s.text(t.gettext("This sheet is yours to keep. It lists what we have noticed you are good at and what you "
                         "have done. You own your story: tell us if anything here is wrong."), s.body),
        s.text(t.gettext("Your strengths, passions and gifts"), s.h1),
    ]
    if sheet.strengths:
        cards = [[s.text(t.label(vocab.STRENGTH_KINDS, x.kind), replace(s.small, color=ACCENT, bold=True,
                                                                        space_after=1)),
                  s.text(x.description, own, own_words=True)] for x in sheet.strengths]
        story.append(_cards(s, cards))
    else:
        story.append(s.text(t.gettext("Nothing written down yet: let's spot some together."), s.body))
    if sheet.what_matters is not None:
        story.append(s.text(t.gettext("What matters to you"), s.h1))
        for note in sheet.what_matters:
            story.append(s.text(t.format_date(date.fromisoformat(note.recorded_on), "long"),
                                replace(s.small, space_after=0)))
            story.append(s.text(note.own_words, own, own_words=True))
            if note.themes:
                story.append(s.text(", ".join(t.label(vocab.THEMES, code) for code in note.themes), s.small))
    story.append(s.text(t.gettext("Small steps you have taken"), s.h1))
    if sheet.steps_done:
        for done_on, description in sheet.steps_done:
            story.append(s.text(t.format_date(date.fromisoformat(done_on), "long"), replace(s.small, space_after=0)))
            story.append(s.text(description, own, own_words=True))
    else:
        story.append(s.text(t.gettext("Your first small step is still ahead of you."), s.body))
    story.append(s.text(t.gettext("Your next step"), s.h1))
    ready = [code for x in sheet.strengths if x.readiness in ("ready", "exploring") for code in x.next_steps]
    step: list[Flowable] = []
    if sheet.steps_next:
        step.append(s.text(sheet.steps_next[0], replace(own, bold=True, space_after=2), own_words=True))
    if ready:
        seen = list(dict.fromkeys(ready))
        step.append(s.text(t.gettext("You could: {steps}").format(
            steps=", ".join(t.label(vocab.NEXT_STEPS, code) for code in seen)), replace(s.body, space_after=0)))
    if not step:
        step.append(s.text(t.gettext("Talk with your connector about what you might try next."),
                           replace(s.body, space_after=0)))
    story.append(_cards(s, [step], columns=1))
    story.append(spacer(8))
    story.append(s.text(t.gettext("Printed on {date}.").format(date=t.format_date(sheet.printed_on, "long")), s.small))
    footer = t.gettext("Your talent-spotting sheet")
    return render(story, styles=s, title=footer, footer=footer)

