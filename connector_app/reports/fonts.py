"""The bundled Noto fonts (OFL, resources/fonts/) registered with ReportLab, and which one draws what.

ReportLab has no font fallback, so every character is given a font here: by
script first (Bengali, Arabic in Naskh, Urdu in Nastaliq, Latin), then by
whichever bundled font has a glyph for it. A character no bundled font covers
prints as a question mark rather than as a missing-glyph box.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from connector_app.assets import resources_dir
from connector_app.text.fonts import ARABIC, BENGALI, FACES, LATIN, URDU

# The screen uses the same files (connector_app/text/fonts.py): bold Urdu prints in the
# regular weight, and headings are set larger instead.
FALLBACK_ORDER = (LATIN, BENGALI, ARABIC, URDU)
REPLACEMENT = "?"

# Letters only Urdu (and its neighbours) use: text holding one is set in Nastaliq.
URDU_LETTERS = frozenset("ٹڈڑںھہۂۃےۓ")

_lock = threading.Lock()


@dataclass(frozen=True)
class Face:
    key: str
    bold: bool

    @property
    def name(self) -> str:
        """The ReportLab font name (registered on first use)."""
        return _registered(self.key, self.bold)


def font_path(key: str, bold: bool = False):
    return resources_dir() / "fonts" / (FACES[key].bold if bold else FACES[key].regular)


@cache
def _registered(key: str, bold: bool) -> str:
    name = f"CA-{key}-{'bold' if bold else 'regular'}"
    with _lock:
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(TTFont(name, str(font_path(key, bold)), shapable=True))
    return name


@cache
def _cmap(key: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(_registered(key, False)).face.charToGlyph)


def covers(key: str, char: str) -> bool:
    return ord(char) in _cmap(key)


def script_of(char: str) -> str | None:
    """The face a strong character belongs to, or None for spaces, digits, punctuation and marks."""
    code = ord(char)
    if 0x0980 <= code <= 0x09FF:
        return BENGALI
    if (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF):
        if unicodedata.category(char).startswith("L"):
            return ARABIC
        return None
    if unicodedata.category(char).startswith("L"):
        return LATIN
    return None


def assign_faces(text: str, language: str = "") -> list[str]:
    """One face key per character of ``text``.

    Neutral characters (spaces, digits, punctuation) join the script before them
    (or after, at the start), so a run of Bengali words stays one shaped run.
    Arabic script is set in Nastaliq when the document is in Urdu or the run holds a
    letter only Urdu uses.
    """
    scripts = [script_of(ch) for ch in text]
    # Fill neutrals from the previous strong character, then (for a leading run) from the next.
    filled: list[str | None] = []
    previous: str | None = None
    for script in scripts:
        previous = script or previous
        filled.append(previous)
    following: str | None = None
    for i in range(len(filled) - 1, -1, -1):
        if scripts[i] is not None:
            following = scripts[i]
        if filled[i] is None:
            filled[i] = following or LATIN  # digits and punctuation alone: Noto Sans, in every language
    # Arabic runs: Nastaliq for Urdu.
    faces = [f or LATIN for f in filled]
    i = 0
    while i < len(faces):
        if faces[i] != ARABIC:
            i += 1
            continue
        j = i
        while j < len(faces) and faces[j] == ARABIC:
            j += 1
        if language == "ur" or any(ch in URDU_LETTERS for ch in text[i:j]):
            faces[i:j] = [URDU] * (j - i)
        i = j
    # Coverage: a character the chosen face lacks goes to the first bundled face that has it.
    for i, ch in enumerate(text):
        if ch in " \n\u200c\u200d" or covers(faces[i], ch):
            continue
        for key in FALLBACK_ORDER:
            if covers(key, ch):
                faces[i] = key
                break
    return faces


def printable(text: str) -> str:
    """``text`` with anything no bundled font can draw replaced (emoji, other scripts), and controls dropped."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            continue
        elif unicodedata.category(ch) == "Cf":
            if ch in "\u200c\u200d":  # joiners shape Bengali and Arabic; keep them
                out.append(ch)
        elif any(covers(key, ch) for key in FALLBACK_ORDER) or ch.isspace():
            out.append(" " if ch.isspace() else ch)
        else:
            out.append(REPLACEMENT)
    return "".join(out)

