"""Reading rendered PDFs back: pages, embedded fonts and their coverage, text, and a picture of each page."""

from __future__ import annotations

import io
from functools import cache

import pypdfium2 as pdfium
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

from connector_app.reports.fonts import font_path
from connector_app.text.fonts import FACES

SHIPPED_LANGUAGES = ("en_GB", "cy", "pl", "pt", "ro", "so", "ur", "ar", "bn")
LEFT_TO_RIGHT = ("en_GB", "cy", "pl", "pt", "ro", "so", "bn")


@cache
def _bundled_cmaps() -> dict[str, frozenset[int]]:
    """PostScript name of each bundled font -> the characters it has glyphs for."""
    out = {}
    for key in FACES:
        for bold in (False, True):
            face = TTFontFile(str(font_path(key, bold)))
            out[face.name.decode() if isinstance(face.name, bytes) else face.name] = frozenset(face.charToGlyph)
    return out


def check_pdf(data: bytes) -> PdfReader:
    """Opens with pypdf; every font is an embedded subset of a bundled font that has every character it maps."""
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    cmaps = _bundled_cmaps()
    seen = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            base = str(font["/BaseFont"]).lstrip("/")
            assert "+" in base, f"{base} is not a subset"
            name = base.split("+", 1)[1]
            assert name in cmaps, f"{base} is not a bundled font"
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor").get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
    # Every character drawn, with the font it is drawn in: the font must have a glyph for it.
    printed: dict[str, set[str]] = {}

    def visit(text, _cm, _tm, font, _size):
        if font is not None and text:
            printed.setdefault(str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1], set()).update(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert printed, "no text drawn"
    for name, chars in printed.items():
        # ReportLab draws a character its font lacks as code 0, the missing-glyph box.
        missing = {ch for ch in chars
                   if ch == "\x00" or ch.isprintable() and not ch.isspace() and not 0xE000 <= ord(ch) <= 0xF8FF
                   and ord(ch) not in cmaps[name]}
        assert not missing, f"{name} prints characters it has no glyph for: {sorted(missing)}"
    return reader


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def render_pages(data: bytes, scale: float = 1.0):
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=scale).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()


def ink(image) -> float:
    """The share of pixels that are not white: a page with something on it."""
    grey = image.convert("L")
    histogram = grey.histogram()
    return 1 - sum(histogram[250:]) / (grey.width * grey.height)


class LongUrdu:
    """A stand-in catalogue that turns every message into a long line of Urdu (Nastaliq is tall)."""

    def gettext(self, message):
        return "وہ کام جو مجھے کرنا پسند ہیں اور میں سیکھنا چاہتا ہوں " * (1 + len(message) // 40)

    def ngettext(self, singular, plural, n):
        return self.gettext(singular)

    def pgettext(self, context, message):
        return self.gettext(message)
