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
from typing import TYPE_CHECKING

from connector_app.assets import locales_dir
from connector_app.text.languages import LANGUAGES, PSEUDO_LANGUAGES, SOURCE, Language, language

if TYPE_CHECKING:
    from datetime import date, datetime, time, timedelta

    from babel import Locale

DOMAIN = "connector_app"
DEFAULT_LANGUAGE = SOURCE

# Weeks start on Monday in every language: a deliberate choice for UK hubs (monthly
# figures, calendars and "this week" agree across a team), whatever CLDR says.
FIRST_WEEKDAY = 0  # Monday, as datetime.weekday() counts


class Translator:
    """One language as a value: its catalogue and its Babel locale.

    Reports and sheets take one, so a sheet prints in a person's language while
    the app stays in the connector's. ``_()`` and friends delegate to the current one.
    The Babel locale is made when first used (``locale=None``): Babel is not loaded
    before the app's first window shows (tests/ui/test_startup.py).
    """

    def __init__(self, code: str, locale: Locale | None, catalog: _gettext.NullTranslations):
        self.code = code
        self._locale = locale
        self.catalog = catalog

    def __repr__(self) -> str:
        return f"Translator({self.code!r})"

    @property
    def locale(self) -> Locale:
        if self._locale is None:  # a race parses twice, to the same value
            self._locale = parse_locale(self.locale_name)
        return self._locale

    @property
    def locale_name(self) -> str:
        """The Babel locale's name ("en_GB", "cy"; a pseudo-locale's formatting locale), without Babel."""
        if self._locale is not None:
            return str(self._locale)
        entry = language(self.code)
        return entry.babel_code if entry is not None and entry.babel_code else self.code

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
    def entry(self) -> Language:
        """The line of our languages table (direction, digits, font), never the catalogue's say."""
        return language(self.code) or LANGUAGES[SOURCE]

    @property
    def is_right_to_left(self) -> bool:
        return self.entry.right_to_left

    @property
    def language(self) -> str:
        return self.locale.language

    def digits(self, text: str) -> str:
        """``text`` with Western digits in the language's own (Bengali ০১২...): for people, never for CSV."""
        return self.entry.digits(text)

    # babel.dates, babel.numbers and babel.lists load at first use (zoneinfo, decimal, 10 ms): not before the
    # app's window shows (tests/ui/test_startup.py).

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

    def format_time(self, value: time | datetime, length: str = "short") -> str:
        from babel import dates as _dates
        return self.digits(_dates.format_time(value, format=length, locale=self.locale))

    def format_duration(self, value: timedelta, *, threshold: float = 0.85) -> str:
        """"2 hours", "45 minutes" in the language, with its plural forms."""
        from babel import dates as _dates
        return self.digits(_dates.format_timedelta(value, threshold=threshold, locale=self.locale))

    def format_list(self, items: list[str]) -> str:
        """"Welsh, Urdu and Somali" with the language's own separators and "and"."""
        from babel import lists as _lists
        return _lists.format_list(list(items), locale=self.locale) if items else ""

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
    pseudo = PSEUDO_LANGUAGES.get(code)
    if pseudo is not None:
        from connector_app.text.pseudo import PseudoTranslations
        return Translator(pseudo.code, None, PseudoTranslations(pseudo.pseudo))
    if code == SOURCE.split("_")[0]:
        code = SOURCE   # plain "en" is the app's English, UK English: 24/11/2026, not 11/24/26
    if code in LANGUAGES:  # one of ours, named as Babel names it: no need to load Babel to check it
        return Translator(code, None, translations_for(code))
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
    return locale.language == parse_locale(DEFAULT_LANGUAGE).language or \
        type(translations_for(code)) is not _gettext.NullTranslations


_lock = threading.Lock()
_current: Translator = Translator(DEFAULT_LANGUAGE, None, _gettext.NullTranslations())
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
    """The shipped languages: the source, and each language of our table whose catalogue is complete.

    Only a complete catalogue is compiled (connector_app/i18n_catalogs.py), so a .mo means complete.
    The pseudo-locales are never listed: they are chosen by code, for checking screens.
    """
    root = locales_dir()
    return sorted(code for code in LANGUAGES
                  if code == DEFAULT_LANGUAGE or (root / code / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file())


def pseudo_languages() -> list[str]:
    """Test-only languages: every message lengthened with accents (en_XA) or mirrored (ar_XB)."""
    return list(PSEUDO_LANGUAGES)


def parse_locale(code: str) -> Locale:
    """A Babel locale for ``code`` ("cy", "pt_BR", "ur-PK"); raises ValueError if unknown."""
    from babel import Locale, UnknownLocaleError
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(code) from exc


def translations_for(code: str) -> _gettext.NullTranslations:
    """The catalogue for one language, without switching the app's language.

    Used to print a sheet in a person's language while the connector works in theirs.
    """
    if code in LANGUAGES:  # one of ours ("en_GB", "cy"), as Babel would name it
        candidates = [code, code.split("_")[0]]
    else:
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
    """From our languages table (the current language, or ``locale``'s)."""
    if locale is None:
        return _current.is_right_to_left
    entry = language(str(locale))
    return entry.right_to_left if entry else locale.character_order == "right-to-left"


def language_name(code: str, in_locale: Locale | None = None) -> str:
    """The name of a language, in the current language (or ``in_locale``)."""
    if code in PSEUDO_LANGUAGES:
        return {"long": "[Ƥšéûđó łöñĝ]", "rtl": "[Pseudo RTL]"}[PSEUDO_LANGUAGES[code].pseudo]
    try:
        return parse_locale(code).get_display_name(in_locale or _current.locale) or code
    except ValueError:
        return code


def native_language_name(code: str) -> str:
    """A language named in itself ("Cymraeg", "اردو"), so a person finds theirs whatever is showing.

    Our own languages come from the table (no CLDR data loaded); any other from Babel.
    """
    entry = language(code)
    if entry is not None and entry.code == code and entry.name:
        return entry.name
    try:
        return language_name(code, parse_locale(code))
    except ValueError:
        return code


def format_date(value: date, length: str = "medium") -> str:
    return _current.format_date(value, length)


def format_datetime(value: datetime, length: str = "medium") -> str:
    return _current.format_datetime(value, length)


def format_number(value: int | float) -> str:
    return _current.format_number(value)


def format_time(value: time | datetime, length: str = "short") -> str:
    return _current.format_time(value, length)


def format_duration(value: timedelta) -> str:
    return _current.format_duration(value)


def format_list(items: list[str]) -> str:
    return _current.format_list(items)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (weeks start on Monday in every language)."""
    from datetime import timedelta
    return day - timedelta(days=(day.weekday() - FIRST_WEEKDAY) % 7)


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
    forced = os.environ.get("CONNECTOR_LANG", "")
    if forced in PSEUDO_LANGUAGES:  # only ever asked for by name, to check screens
        return forced
    wanted = [forced, *preferences]
    wanted += [os.environ.get(name, "") for name in _SYSTEM_LANGUAGE_VARIABLES]
    for text in wanted:
        for code in _codes_in(text or ""):
            if code in have:
                return code
    return DEFAULT_LANGUAGE
