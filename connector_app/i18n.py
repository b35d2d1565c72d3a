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
from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel import dates as _dates
from babel import numbers as _numbers

from connector_app.assets import locales_dir

DOMAIN = "connector_app"
DEFAULT_LANGUAGE = "en_GB"

_lock = threading.Lock()
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_locale: Locale = Locale.parse(DEFAULT_LANGUAGE)
_listeners: list = []


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with ``_()`` when shown."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


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
    global _translations, _locale
    locale = parse_locale(code)
    translations = translations_for(code)
    with _lock:
        _translations = translations
        _locale = locale
    for listener in list(_listeners):
        listener(code)


def on_language_changed(callback) -> None:
    """Register ``callback(code)``; the desktop layer retranslates its screens from here."""
    _listeners.append(callback)


def current_locale() -> Locale:
    return _locale


def is_right_to_left(locale: Locale | None = None) -> bool:
    return (locale or _locale).character_order == "right-to-left"


def language_name(code: str, in_locale: Locale | None = None) -> str:
    """The name of a language, in the current language (or ``in_locale``)."""
    try:
        return parse_locale(code).get_display_name(in_locale or _locale) or code
    except ValueError:
        return code


def format_date(value: date, length: str = "medium") -> str:
    return _dates.format_date(value, format=length, locale=_locale)


def format_datetime(value: datetime, length: str = "medium") -> str:
    return _dates.format_datetime(value, format=length, locale=_locale)


def format_number(value: int | float) -> str:
    return _numbers.format_decimal(value, locale=_locale)


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
