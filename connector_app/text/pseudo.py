"""Pseudo-locales: every message transformed on the fly, to check screens without real translations.

"long" (en_XA): accented letters, about twice the length, in brackets, so clipped
text, hard-coded English and concatenated fragments show on a screenshot.
"rtl" (ar_XB): the English text in a right-to-left embedding, with the layout
mirrored by the languages table, so mirroring can be checked by someone who
reads no right-to-left language.

Made when asked for, never written to locales/, never offered to people.
Format fields ({count}), markup (<b>), entities (&amp;) and the keyboard
mnemonic's letter stay as they are, so every message still formats.
"""

from __future__ import annotations

import gettext
import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Kept as they are: {fields}, <tags>, &entities; and "&x" mnemonics (the letter after &).
_PROTECTED = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&\w+;|&&|&\w)")
_PADDING = "·"
_RLE, _PDF = "\u202b", "\u202c"  # right-to-left embedding ... pop


def lengthen(message: str) -> str:
    """"[Šåṽé·····]": accented, padded to about twice the length of the words."""
    if not message:
        return message
    parts = _PROTECTED.split(message)
    letters = sum(len(part) for i, part in enumerate(parts) if i % 2 == 0)
    text = "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))
    return "[" + text + _PADDING * max(1, letters - 2) + "]"


def mirror(message: str) -> str:
    return _RLE + message + _PDF if message else message


class PseudoTranslations(gettext.NullTranslations):
    def __init__(self, kind: str):
        super().__init__()
        self._transform = {"long": lengthen, "rtl": mirror}[kind]

    def gettext(self, message):
        return self._transform(message)

    def ngettext(self, singular, plural, n):
        return self._transform(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return self._transform(message)

    def npgettext(self, context, singular, plural, n):
        return self._transform(singular if n == 1 else plural)
