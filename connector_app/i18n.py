"""Translation and locale formatting, for the core and the desktop alike.

Every user-visible string goes through ``_()`` (or ``ngettext()`` for counts);
constants that are shown later are marked with ``N_()`` and translated when
shown. Format *after* translating, with named fields:
``_("{count} people").format(count=n)``; never an f-string inside ``_()``.
"""

from __future__ import annotations

import gettext as _gettext
import os
import threading
from dataclasses import dataclass, field
from datetime import date, datetime

from babel import Locale, UnknownLocaleError

from connector_app.assets import locales_dir

DOMAIN = "connector_app"
DEFAULT_LANGUAGE = "en_GB"

# Babel writes Western digits whatever the locale; CLDR says which digits a language prefers.
_NATIVE_DIGITS = {
    "beng": "০১২৩৪৫৬৭৮৯",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


@dataclass(frozen=True)
class Translator:
    """One language as a value: its catalogue and its Babel locale.

    Reports and sheets take one, so a sheet prints in a person's language while
    the app stays in the connector's. ``_()`` and friends delegate to the current one.
    """

    code: str
    locale: Locale
    catalog: _gettext.NullTranslations = field(compare=False, repr=False)

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    def label(self, vocabulary, code: str) -> str:
        """The translated label of ``code`` in a ``Vocabulary`` (the code itself if unknown)."""
        for item_code, label in vocabulary.items:
            if item_code == code:
                return self.gettext(label)
        return code

    @property
    def is_right_to_left(self) -> bool:
        return is_right_to_left(self.locale)

    @property
    def language(self) -> str:
        return self.locale.language

    def digits(self, text: str) -> str:
        """``text`` with Western digits turned into the language's own (Bengali ০১২...), if it has any."""
        native = _NATIVE_DIGITS.get(self.locale.default_numbering_system)
        return text.translate(str.maketrans("0123456789", native)) if native else text

    # babel.dates and babel.numbers load at first use (zoneinfo, decimal): not before the app's window shows.

    def format_number(self, value: int | float) -> str:
        from babel import numbers as _numbers
        return self.digits(_numbers.format_decimal(value, locale=self.locale))

    def format_decimal(self, value: float, places: int = 1) -> str:
        """A number with exactly ``places`` decimals ("4.0", "4,0" in Polish)."""
        from babel import numbers as _numbers
        pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
        return self.digits(_numbers.format_decimal(value, format=pattern, locale=self.locale))

    def format_date(self, value: date, length: str = "medium") -> str:
        from babel import dates as _dates
        return self.digits(_dates.format_date(value, format=length, locale=self.locale))

    def format_datetime(self, value: datetime, length: str = "medium") -> str:
        from babel import dates as _dates
        return self.digits(_dates.format_datetime(value, format=length, locale=self.locale))

    def format_month(self, value: date) -> str:
        """"March 2026" in the translator's language (the standalone month name)."""
        from babel import dates as _dates
        return self.digits(_dates.format_skeleton("yMMMM", value, locale=self.locale))

    def language_name(self, code: str) -> str:
        try:
            return parse_locale(code).get_display_name(self.locale) or code
        except ValueError:
            return code


def translator_for(code: str) -> Translator:
    """A translator for one language, without switching the app's language."""
    locale = parse_locale(code)
    return Translator(str(locale), locale, translations_for(code))


def document_translator(code: str) -> Translator:
    """The translator a printed document uses for ``code``.

    A language with no catalogue yet prints in the source language, whole: English
    words laid out right to left (Urdu's direction, English text) garble punctuation
    and order. ``is_translated`` tells callers to say so.
    """
    if not is_translated(code):
        return translator_for(DEFAULT_LANGUAGE)
    return translator_for(code)


def is_translated(code: str) -> bool:
    """Whether ``code`` has a catalogue (the source language always has)."""
    locale = parse_locale(code)
    return locale.language == Locale.parse(DEFAULT_LANGUAGE).language or \
        type(translations_for(code)) is not _gettext.NullTranslations


_lock = threading.Lock()
_current: Translator = Translator(DEFAULT_LANGUAGE, Locale.parse(DEFAULT_LANGUAGE), _gettext.NullTranslations())
_listeners: list = []


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with ``_()`` when shown."""
    return message


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def current_translator() -> Translator:
    """The app's language now, as a value to hand to a renderer."""
    return _current


def available_languages() -> list[str]:
    """Languages with a compiled catalogue, plus the source language."""
    found = {DEFAULT_LANGUAGE}
    root = locales_dir()
    if root.is_dir():
        for entry in root.iterdir():
            if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(entry.name)
    return sorted(found)


def parse_locale(code: str) -> Locale:
    """A Babel locale for ``code`` ("cy", "pt_BR", "ur-PK"); raises ValueError if unknown."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(code) from exc


def translations_for(code: str) -> _gettext.NullTranslations:
    """The catalogue for one language, without switching the app's language.

    Used to print a sheet in a person's language while the connector works in theirs.
    """
    locale = parse_locale(code)
    candidates = [str(locale), locale.language]
    return _gettext.translation(DOMAIN, localedir=str(locales_dir()), languages=candidates, fallback=True)


def set_language(code: str) -> None:
    """Switch the language for every later ``_()`` call and tell listeners."""
    global _current
    translator = translator_for(code)
    with _lock:
        _current = translator
    for listener in list(_listeners):
        listener(code)


def on_language_changed(callback) -> None:
    """Register ``callback(code)``; the desktop layer retranslates its screens from here."""
    _listeners.append(callback)


def current_locale() -> Locale:
    return _current.locale


# CLDR's character order, read from Babel's data once and written here: asking Babel loads the language's
# whole CLDR data, a tenth of a second spent before the app's first window could show.
# tests/test_i18n.py checks these against Babel for every locale it knows.
RIGHT_TO_LEFT_LANGUAGES = frozenset({
    "apc", "ar", "bal", "bgn", "ckb", "dv", "fa", "he", "ks", "lrc", "mzn", "nqo", "ps", "rhg", "sd", "sdh", "skr",
    "syr", "trw", "ug", "ur", "yi"})
RIGHT_TO_LEFT_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"})


def is_right_to_left(locale: Locale | None = None) -> bool:
    locale = locale or _current.locale
    if locale.script:  # Kashmiri in Devanagari reads left to right, Malay in Arabic script right to left
        return locale.script in RIGHT_TO_LEFT_SCRIPTS
    return locale.language in RIGHT_TO_LEFT_LANGUAGES


def language_name(code: str, in_locale: Locale | None = None) -> str:
    """The name of a language, in the current language (or ``in_locale``)."""
    try:
        return parse_locale(code).get_display_name(in_locale or _current.locale) or code
    except ValueError:
        return code


def format_date(value: date, length: str = "medium") -> str:
    return _current.format_date(value, length)


def format_datetime(value: datetime, length: str = "medium") -> str:
    return _current.format_datetime(value, length)


def format_number(value: int | float) -> str:
    return _current.format_number(value)


_SYSTEM_LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _codes_in(text: str):
    """Language codes in a POSIX value like "cy_GB.UTF-8:en", most specific first."""
    for part in text.split(":"):
        code = part.split(".")[0].split("@")[0]
        if code and code not in ("C", "POSIX"):
            yield code
            yield code.split("_")[0]


def choose_language(*preferences: str) -> str:
    """The first translated language among CONNECTOR_LANG, ``preferences``, then the system's.

    ``preferences`` are, for example, the desktop's saved choice and Qt's system locale.
    """
    have = available_languages()
    wanted = [os.environ.get("CONNECTOR_LANG", ""), *preferences]
    wanted += [os.environ.get(name, "") for name in _SYSTEM_LANGUAGE_VARIABLES]
    for text in wanted:
        for code in _codes_in(text or ""):
            if code in have:
                return code
    return DEFAULT_LANGUAGE
