"""Folding: the form of a word that search, type-ahead and duplicate matching compare.

"zolw" finds "żółw", "wyn" finds "Ŵyn", Romanian s-cedilla and s-comma match,
Arabic and Urdu letter variants match, every script's digits match 0-9, and
Bengali keeps its vowel signs and virama (they change the word).

Latin letters fold as ICU's "Latin-ASCII" transliteration folds them, which also
covers the letters Unicode does not decompose (ł, ø, đ, ß, æ...). The table is
read from ICU once; folding itself is ``str.translate``, fast enough to rebuild
the index of a large workspace. Changing what ``fold`` returns changes the search
index: rebuild it with a migration (connector_app/store/migration_v6.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Latin and Cyrillic/Greek-style combining accents, and Arabic short vowels, hamza marks,
# Quranic signs. Not the Bengali (or any Indic) marks: they are letters' vowels there.
_DROPPED_MARKS = [
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x08CA, 0x08FF),
]

# Arabic-script letters written differently in Arabic and in Urdu (or Persian) text.
_ARABIC_VARIANTS = {
    "ی": "ي", "ى": "ي", "ې": "ي", "ے": "ي",   # farsi yeh, alef maksura, ... -> yeh
    "ک": "ك", "ڪ": "ك",                       # keheh, swash kaf -> kaf
    "ہ": "ه", "ە": "ه", "ۀ": "ه",             # heh goal, ae, heh with yeh -> heh
    "ۃ": "ة",                                  # Urdu teh marbuta goal -> teh marbuta
    "ٱ": "ا",                                  # alef wasla (hamza forms decompose to alef + mark)
    "\u0640": "",                              # tatweel, a stretch of the line, not a letter
}

# Digits people type: Arabic-Indic, Eastern Arabic-Indic (Urdu), Devanagari, Bengali, full width.
_DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10)

# Latin blocks whose letters ICU's Latin-ASCII folds.
_LATIN_BLOCKS = [(0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F)]
_LATIN_ASCII = "NFD; [:Nonspacing Mark:] Remove; Latin-ASCII; Lower; NFC"


@cache
def _table() -> dict[int, str]:
    import icu  # pyicu-wheels; imported on first fold, not when the app starts

    latin_ascii = icu.Transliterator.createInstance(_LATIN_ASCII)
    table: dict[int, str] = {}
    for low, high in _LATIN_BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            if not unicodedata.category(char).startswith("L"):
                continue
            folded = latin_ascii.transliterate(char)
            if folded != char.lower() and folded.isascii() and folded.isalpha():
                table[code] = folded
    for low, high in _DROPPED_MARKS:
        table.update(dict.fromkeys(range(low, high + 1)))
    table.update({ord(k): v for k, v in _ARABIC_VARIANTS.items()})
    for zero in _DIGIT_ZEROS:
        table.update({zero + digit: str(digit) for digit in range(10)})
    return table


@cache
def _pattern() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_table())) + "]")


def _replace(match: re.Match) -> str:
    return _table()[ord(match.group())]


def fold(text: str | None) -> str:
    """``text`` as search compares it: lower case, accents and letter variants folded."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    # NFKD: precomposed letters split into letter + accent (then the accent goes), and
    # compatibility forms (ligatures, Arabic presentation forms, full width) to the plain letters.
    # The table is applied by a regular expression: most characters need nothing, and
    # re finds the few that do far faster than str.translate walks every one.
    folded = _pattern().sub(_replace, unicodedata.normalize("NFKD", text).casefold())
    return unicodedata.normalize("NFC", folded)
