"""The languages people in UK hubs speak, offered by name when a connector records who speaks what.

Stored as the codes a record holds today ("pl", "ur"); shown by name in the
connector's language (Babel's CLDR names), with each language's own name beside
it so a person can point at theirs, sorted as the connector's language sorts.

The list is wide on purpose (the languages of the 2021 census's main languages
in England and Wales, the UK's own, and those of recent arrivals), and any other
code already on a record is offered too. Every code must parse as a Babel locale,
as the record's validation requires; British Sign Language ("bfi"), Sylheti and
Romani have no CLDR locale, so they cannot be listed yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from connector_app.text.collation import sort_key
from connector_app.text.fold import fold

SPOKEN_IN_HUBS = (
    # The UK's own and the app's nine.
    "en", "cy", "gd", "ga", "kw", "pl", "pt", "ro", "ur", "ar", "bn", "so",
    # South Asia.
    "pa", "gu", "hi", "ta", "te", "ml", "mr", "ne", "si", "sd", "ps",
    # Europe.
    "es", "fr", "it", "de", "nl", "lt", "lv", "et", "bg", "ru", "uk", "hu", "cs", "sk", "sq", "el", "tr",
    "hr", "sr", "bs", "mk", "sl", "yi", "he",
    # The Middle East and Central Asia.
    "ku", "ckb", "fa", "ka", "hy", "az", "uz",
    # Africa.
    "ti", "am", "om", "sw", "yo", "ig", "ha", "ak", "ln", "rw", "sn", "ff", "wo", "lg", "zu",
    # East and South-East Asia.
    "zh", "yue", "vi", "fil", "th", "ja", "ko", "ms",
)


@dataclass(frozen=True)
class SpokenLanguage:
    code: str
    name: str        # in the connector's language
    own_name: str    # in the language itself ("polski"); "" when the same as ``name``

    @property
    def folded(self) -> str:
        """What type-ahead compares: both names and the code, accents and case folded."""
        return fold(" ".join((self.name, self.own_name, self.code)))


def spoken_languages(translator, also=()) -> list[SpokenLanguage]:
    """Every language to offer (the hubs' list, then ``also``), named and sorted in ``translator``'s language."""
    from connector_app.i18n import language_name

    found = []
    for code in dict.fromkeys((*SPOKEN_IN_HUBS, *also)):
        name = translator.language_name(code)
        own = language_name(code, _own_locale(code))
        found.append(SpokenLanguage(code, name, "" if own.casefold() == name.casefold() else own))
    return sorted(found, key=lambda spoken: (sort_key(spoken.name, translator.code), spoken.code))


def _own_locale(code: str):
    from connector_app.i18n import parse_locale

    try:
        return parse_locale(code)
    except ValueError:
        return None
