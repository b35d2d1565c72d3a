"""The languages the app is built for, in one table of our own.

Direction, digits and font come from here, never from a translator's catalogue
(a flag in a .po header is one typo away from a mirrored Welsh window).
tests/text/test_languages.py checks the table against CLDR (through Babel).

A language in this table is *offered* to people only once its catalogue is
complete (``connector_app.i18n.shipped_languages``). The pseudo-locales are for
checking screens (length, mirroring) and never offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from connector_app.text.fonts import ARABIC, BENGALI, LATIN, URDU

if TYPE_CHECKING:
    from babel import Locale

LTR = "ltr"
RTL = "rtl"

# CLDR numbering systems whose digits Babel does not write (it always writes 0-9).
DIGITS = {
    "latn": "0123456789",
    "beng": "০১২৩৪৫৬৭৮৯",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


@dataclass(frozen=True)
class Language:
    code: str            # gettext catalogue name and Babel locale
    direction: str       # LTR or RTL
    numbering: str       # CLDR default numbering system: which digits people read
    face: str            # key in connector_app.text.fonts.FACES
    pseudo: str = ""     # "long" or "rtl" for the test-only pseudo-locales
    babel_code: str = ""  # the Babel locale that formats for a pseudo-locale
    # The language's name in itself, as CLDR writes it: written here because asking Babel loads the
    # language's whole CLDR data (a fiftieth of a second each) before the first-run page can show.
    name: str = ""

    @property
    def right_to_left(self) -> bool:
        return self.direction == RTL

    @property
    def locale(self) -> Locale:
        from babel import Locale  # Babel loads at first use, not before the app's window shows
        return Locale.parse(self.babel_code or self.code)

    def digits(self, text: str) -> str:
        """``text`` with Western digits written in this language's own (Bengali ০১২...).

        For what people read (screen, print); never for CSV or other machine data.
        """
        if self.numbering == "latn":
            return text
        return text.translate(_digit_table(self.numbering))


SOURCE = "en_GB"

LANGUAGES: dict[str, Language] = {language.code: language for language in (
    Language(SOURCE, LTR, "latn", LATIN, name="English (United Kingdom)"),
    Language("cy", LTR, "latn", LATIN, name="Cymraeg"),
    Language("pl", LTR, "latn", LATIN, name="polski"),
    Language("pt", LTR, "latn", LATIN, name="português"),
    Language("ro", LTR, "latn", LATIN, name="română"),
    Language("ur", RTL, "latn", URDU, name="اردو"),
    Language("ar", RTL, "latn", ARABIC, name="العربية"),  # CLDR 47: Arabic defaults to Western digits
    Language("bn", LTR, "beng", BENGALI, name="বাংলা"),
    Language("so", LTR, "latn", LATIN, name="Soomaali"),
)}

# Test-only: every message lengthened with accents and brackets; every message mirrored.
PSEUDO_LANGUAGES: dict[str, Language] = {language.code: language for language in (
    Language("en_XA", LTR, "latn", LATIN, pseudo="long", babel_code=SOURCE),
    Language("ar_XB", RTL, "latn", LATIN, pseudo="rtl", babel_code=SOURCE),
)}

TARGETS = tuple(code for code in LANGUAGES if code != SOURCE)


def language(code: str) -> Language | None:
    """The table's entry for ``code`` ("cy", "cy_GB", "ur-PK", "en_XA"), or None."""
    code = code.replace("-", "_")
    for table in (LANGUAGES, PSEUDO_LANGUAGES):
        if code in table:
            return table[code]
    base = code.split("_")[0]
    if base == SOURCE.split("_")[0]:
        return LANGUAGES[SOURCE]
    return LANGUAGES.get(base)


@cache
def _digit_table(numbering: str) -> dict[int, str]:
    return str.maketrans(DIGITS["latn"], DIGITS[numbering])


_EXPONENT = re.compile(r"\be\b")


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header for ``code``, from CLDR's plural rules.

    CLDR counts every category (Polish has four, Welsh and Arabic six). Its rules
    may read the exponent ``e`` of compact numbers ("1,2 mln"); a count is a plain
    integer, whose exponent is 0, and gettext knows only ``n``.
    """
    from babel.plural import to_gettext  # for catalogues and tests, not the app's start
    return _EXPONENT.sub("0", to_gettext(language(code).locale.plural_form)).rstrip(";") + ";"


def plural_count(code: str) -> int:
    """How many plural forms CLDR gives ``code`` ("other" included): Welsh and Arabic 6, Polish 4."""
    return len(language(code).locale.plural_form.tags | {"other"})
