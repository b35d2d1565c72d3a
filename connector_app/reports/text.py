"""Text that prints correctly in every shipped script: font per script run, shaping, bidi order.

ReportLab shapes a run with HarfBuzz (Bengali conjuncts, Arabic and Nastaliq
joining) but has no font fallback and, without ``rlbidi``, no bidi reordering.
So text is laid out here, in four steps:

1. each character gets a bundled face (fonts.assign_faces) and a bidi embedding
   level (python-bidi's reference algorithm, rules X1 to I2);
2. the text is cut into pieces where the face, the level, the weight or a space
   changes, and each non-Latin piece is shaped by HarfBuzz through ReportLab;
3. lines are broken in logical order, between words;
4. each line's pieces are put in visual order (rule L2: reverse runs from the
   highest level down to the lowest odd level) and drawn one after another.

``TextBox`` is the platypus flowable built on this; ``draw_text`` draws one line
on a canvas (page headers, chart labels).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bidi import algorithm as _bidi
from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus import Flowable

from connector_app.reports.fonts import LATIN, URDU, Face, assign_faces, printable

_RTL_TYPES = frozenset(("R", "AL"))
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
LINE_GAP = 1.12  # line height over the tallest face's ascent-to-descent


@dataclass(frozen=True)
class Span:
    """A stretch of text in one weight."""

    text: str
    bold: bool = False


@dataclass
class Piece:
    text: str            # logical order
    face: Face
    level: int
    size: float
    is_space: bool
    drawn: str = ""      # what is handed to the canvas: a ShapedStr, or plain text
    width: float = 0.0


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_TYPES for ch in text)


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved bidi level of each character (UAX #9 up to rule I2), paragraph direction given."""
    if not rtl and not _has_rtl(text):
        return [0] * len(text)
    storage = _bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _bidi.get_embedding_levels(text, storage)
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    return [ch["level"] for ch in storage["chars"]]


def paragraph_is_rtl(text: str) -> bool:
    """Rules P2-P3: the direction of the first strong character (left to right if none)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_TYPES:
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=8192)
def _shaped(text: str, font_name: str, size: float, shape: bool) -> tuple[str, float]:
    if shape:
        drawn = shapeStr(text, font_name, size)
        data = getattr(drawn, "__shapeData__", None)
        if data is not None:
            return drawn, sum(d.x_advance for d in data) * size / 1000
        return drawn, pdfmetrics.stringWidth(drawn, font_name, size)
    return text, pdfmetrics.stringWidth(text, font_name, size)


def _finish(piece: Piece) -> Piece:
    text = piece.text
    strong_rtl = _has_rtl(text)
    if piece.level % 2 and not strong_rtl and not piece.is_space:
        # Neutrals (punctuation) inside right-to-left text: shown reversed, brackets mirrored.
        if not any(unicodedata.bidirectional(ch) == "L" for ch in text):
            text = text[::-1].translate(_MIRROR)
    # Only letters and marks need HarfBuzz; punctuation and digits are drawn as they are (HarfBuzz
    # would guess a direction for them and mirror brackets a second time).
    has_letters = any(unicodedata.category(ch)[0] in "LM" for ch in text)
    shape = has_letters and (piece.face.key != LATIN or any(unicodedata.combining(ch) for ch in text))
    piece.drawn, piece.width = _shaped(text, piece.face.name, piece.size, shape)
    return piece


def make_pieces(spans: list[Span], size: float, rtl: bool, language: str) -> list[list[Piece]]:
    """Pieces per paragraph (a newline starts a new one), in logical order, shaped and measured."""
    text = "".join(printable(unicodedata.normalize("NFC", s.text)) for s in spans)
    bold_flags: list[bool] = []
    for span in spans:
        part = printable(unicodedata.normalize("NFC", span.text))
        bold_flags.extend([span.bold] * len(part))
    paragraphs: list[list[Piece]] = []
    start = 0
    for para in text.split("\n"):
        end = start + len(para)
        faces = assign_faces(para, language)
        levels = embedding_levels(para, rtl)
        pieces: list[Piece] = []
        current: Piece | None = None
        for i, ch in enumerate(para):
            is_space = ch == " "
            # Nastaliq's own space is narrow and its swashes reach past it: space words as Noto Sans does.
            face = Face(LATIN if is_space and faces[i] == URDU else faces[i], bold_flags[start + i])
            if (current is not None and current.face == face and current.level == levels[i]
                    and current.is_space == is_space):
                current.text += ch
                continue
            current = Piece(ch, face, levels[i], size, is_space)
            pieces.append(current)
        paragraphs.append([_finish(p) for p in pieces])
        start = end + 1
    return paragraphs


def _words(pieces: list[Piece]) -> list[tuple[list[Piece], list[Piece]]]:
    """(word pieces, following space pieces) in logical order."""
    out: list[tuple[list[Piece], list[Piece]]] = []
    word: list[Piece] = []
    spaces: list[Piece] = []
    for piece in pieces:
        if piece.is_space:
            spaces.append(piece)
            continue
        if spaces:  # a new word starts
            out.append((word, spaces))
            word, spaces = [], []
        word.append(piece)
    if word or spaces:
        out.append((word, spaces))
    return out


def _split_long_word(word: list[Piece], width: float) -> list[list[Piece]]:
    """A word wider than the line (a long link or id) is cut between characters."""
    chunks: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0.0
    for piece in word:
        rest = piece.text
        while rest:
            cut = len(rest)
            while cut > 1:
                trial = _finish(Piece(rest[:cut], piece.face, piece.level, piece.size, False))
                if used + trial.width <= width:
                    break
                cut -= 1
                while cut > 1 and unicodedata.category(rest[cut])[0] == "M":
                    cut -= 1
            head = _finish(Piece(rest[:cut], piece.face, piece.level, piece.size, False))
            if line and used + head.width > width:
                chunks.append(line)
                line, used = [], 0.0
                continue
            line.append(head)
            used += head.width
            rest = rest[cut:]
            if rest:
                chunks.append(line)
                line, used = [], 0.0
    if line:
        chunks.append(line)
    return chunks


def break_lines(pieces: list[Piece], width: float) -> list[list[Piece]]:
    """Greedy line breaking between words, in logical order; spaces at line ends dropped."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    pending_spaces: list[Piece] = []
    used = 0.0
    for word, spaces in _words(pieces):
        word_width = sum(p.width for p in word)
        space_width = sum(p.width for p in pending_spaces)
        if line and used + space_width + word_width > width:
            lines.append(line)
            line, used, pending_spaces, space_width = [], 0.0, [], 0.0
        if not line and word_width > width:
            chunks = _split_long_word(word, width)
            lines.extend(chunks[:-1])
            word = chunks[-1] if chunks else []
            word_width = sum(p.width for p in word)
        if line:
            line.extend(pending_spaces)
            used += space_width
        line.extend(word)
        used += word_width
        pending_spaces = spaces
    if line or not lines:
        lines.append(line)
    return lines


def visual_order(line: list[Piece]) -> list[Piece]:
    """Rule L2: from the highest level to the lowest odd one, reverse each run at that level or above."""
    if not line:
        return line
    order = list(line)
    highest = max(p.level for p in order)
    lowest_odd = min((p.level for p in order if p.level % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level >= level:
                j = i
                while j < len(order) and order[j].level >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def line_metrics(line: list[Piece], size: float) -> tuple[float, float]:
    """(ascent, descent) of a line: the tallest face used on it (Nastaliq is much taller than Latin)."""
    faces = {p.face.name for p in line} or {Face(LATIN, False).name}
    ascent = descent = 0.0
    for name in faces:
        a, d = pdfmetrics.getAscentDescent(name, size)
        ascent, descent = max(ascent, a), min(descent, d)
    return ascent, descent


def line_width(line: list[Piece]) -> float:
    return sum(p.width for p in line)


def draw_pieces(canvas, pieces: list[Piece], x: float, baseline: float, color: Color = black) -> float:
    """Draw pieces (already in visual order) from ``x``; returns the width drawn."""
    canvas.setFillColor(color)
    # One text object per line, spaces included, so copying text out of the PDF keeps its words apart.
    text = canvas.beginText(x, baseline)
    for piece in pieces:
        text.setFont(piece.face.name, piece.size)
        text.textOut(piece.text if piece.is_space else piece.drawn)
    canvas.drawText(text)
    return sum(p.width for p in pieces)


def measure(text: str | list[Span], size: float, *, bold: bool = False, rtl: bool | None = None,
            language: str = "") -> float:
    spans = [Span(text, bold)] if isinstance(text, str) else text
    joined = "".join(s.text for s in spans)
    rtl = paragraph_is_rtl(joined) if rtl is None else rtl
    paragraphs = make_pieces(spans, size, rtl, language)
    return max((line_width(p) for p in paragraphs), default=0.0)


def text_height(text: str | list[Span], size: float, *, rtl: bool | None = None, language: str = "") -> float:
    """Ascent to descent of a one-line text in the faces it needs (Nastaliq is about twice Latin's)."""
    spans = [Span(text)] if isinstance(text, str) else text
    joined = "".join(s.text for s in spans)
    rtl = paragraph_is_rtl(joined) if rtl is None else rtl
    pieces = [p for para in make_pieces(spans, size, rtl, language) for p in para]
    ascent, descent = line_metrics(pieces, size)
    return ascent - descent


def draw_text(canvas, text: str | list[Span], x: float, y: float, size: float, *, bold: bool = False,
              anchor: str = "start", rtl: bool | None = None, language: str = "", color: Color = black,
              max_width: float | None = None) -> float:
    """Draw one line with its baseline at ``y``. ``anchor``: "left", "right", "center", or
    "start"/"end" (which side depends on ``rtl``). Text wider than ``max_width`` is cut with an ellipsis.
    Returns the width drawn."""
    spans = [Span(text, bold)] if isinstance(text, str) else text
    joined = "".join(s.text for s in spans)
    rtl = paragraph_is_rtl(joined) if rtl is None else rtl
    pieces = [p for para in make_pieces(spans, size, rtl, language) for p in para]
    if max_width is not None and line_width(pieces) > max_width:
        lines = break_lines(pieces, max_width - size)
        pieces = lines[0] + [_finish(Piece("…", Face(LATIN, False), pieces[0].level if pieces else 0, size, False))]
    width = line_width(pieces)
    side = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}.get(anchor, anchor)
    if side == "right":
        x -= width
    elif side == "center":
        x -= width / 2
    draw_pieces(canvas, visual_order(pieces), x, y, color)
    return width


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.0
    bold: bool = False
    color: Color = black
    align: str = "start"          # start, end, center
    space_before: float = 0.0
    space_after: float = 4.0
    leading: float = LINE_GAP     # multiple of the line's ascent-to-descent


class TextBox(Flowable):
    """A paragraph in any script; splits across pages between lines.

    ``rtl``: the paragraph direction (the document's for interface text, None to
    take it from the text itself, for names and notes).
    """

    def __init__(self, text: str | list[Span], style: TextStyle = TextStyle(), *, rtl: bool | None = False,
                 language: str = "", _lines: list | None = None):
        super().__init__()
        self.spans = [Span(text, style.bold)] if isinstance(text, str) else list(text)
        self.style = style
        joined = "".join(s.text for s in self.spans)
        self.rtl = paragraph_is_rtl(joined) if rtl is None else rtl
        self.language = language
        self._lines = _lines
        self._fixed = _lines is not None  # the part of a split: its lines are already broken
        self._width = 0.0
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def _layout(self, width: float) -> list[tuple[list[Piece], float, float]]:
        lines = []
        for para in make_pieces(self.spans, self.style.size, self.rtl, self.language):
            for line in break_lines(para, width):
                ascent, descent = line_metrics(line, self.style.size)
                lines.append((line, ascent, descent))
        return lines

    def _line_height(self, ascent: float, descent: float) -> float:
        return (ascent - descent) * self.style.leading

    def wrap(self, avail_width, avail_height):
        if not self._fixed and (self._lines is None or self._width != avail_width):
            self._lines = self._layout(avail_width)
        self._width = avail_width
        self.height = sum(self._line_height(a, d) for _line, a, d in self._lines)
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used, cut = 0.0, 0
        for line, ascent, descent in self._lines:
            h = self._line_height(ascent, descent)
            if used + h > avail_height:
                break
            used += h
            cut += 1
        if cut == 0 or cut == len(self._lines):
            return [] if cut == 0 else [self]
        first = TextBox(self.spans, self.style, rtl=self.rtl, language=self.language, _lines=self._lines[:cut])
        rest = TextBox(self.spans, self.style, rtl=self.rtl, language=self.language, _lines=self._lines[cut:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def first_baseline(self) -> float:
        """Distance from the top of the box to the first line's baseline (after ``wrap``)."""
        if not self._lines:
            return self.style.size
        _line, ascent, descent = self._lines[0]
        return (self._line_height(ascent, descent) - (ascent - descent)) / 2 + ascent

    def draw(self):
        canvas = self.canv
        y = self.height
        align = self.style.align
        side = {"start": "right" if self.rtl else "left", "end": "left" if self.rtl else "right"}.get(align, align)
        for line, ascent, descent in self._lines:
            h = self._line_height(ascent, descent)
            baseline = y - (h - (ascent - descent)) / 2 - ascent
            width = line_width(line)
            x = 0.0 if side == "left" else (self.width - width if side == "right" else (self.width - width) / 2)
            draw_pieces(canvas, visual_order(line), x, baseline, self.style.color)
            y -= h

