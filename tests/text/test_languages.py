"""The languages table agrees with CLDR (through Babel), and its plural rules work in gettext itself."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from connector_app.assets import resources_dir
from connector_app.text.fonts import FACES
from connector_app.text.languages import LANGUAGES, PSEUDO_LANGUAGES, RTL, language, plural_count, plural_forms

SHIPPED = ["en_GB", "cy", "pl", "pt", "ro", "ur", "ar", "bn", "so"]


def test_the_table_holds_the_nine_languages_of_the_issue():
    assert sorted(LANGUAGES) == sorted(SHIPPED)


@pytest.mark.parametrize("code", SHIPPED)
def test_direction_and_digits_agree_with_cldr(code):
    entry = LANGUAGES[code]
    assert entry.right_to_left == (entry.locale.character_order == "right-to-left")
    assert entry.numbering == entry.locale.default_numbering_system


def test_only_urdu_and_arabic_read_right_to_left():
    assert {code for code, entry in LANGUAGES.items() if entry.direction == RTL} == {"ur", "ar"}


def test_regional_and_dashed_codes_find_their_language():
    assert language("cy_GB") is LANGUAGES["cy"]
    assert language("ur-PK") is LANGUAGES["ur"]
    assert language("en_US") is LANGUAGES["en_GB"]
    assert language("de") is None


def test_bengali_digits_are_mapped_and_latin_languages_untouched():
    assert LANGUAGES["bn"].digits("12 of 30, 2026") == "১২ of ৩০, ২০২৬"
    assert LANGUAGES["cy"].digits("12") == "12"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_has_a_bundled_font(code):
    face = FACES[LANGUAGES[code].face]
    assert (resources_dir() / "fonts" / face.regular).is_file()
    assert (resources_dir() / "fonts" / face.bold).is_file()


def test_pseudo_languages_are_not_in_the_shipped_table():
    assert not set(PSEUDO_LANGUAGES) & set(LANGUAGES)
    assert PSEUDO_LANGUAGES["ar_XB"].right_to_left and not PSEUDO_LANGUAGES["en_XA"].right_to_left


@pytest.mark.parametrize("code, count", [("en_GB", 2), ("cy", 6), ("pl", 4), ("pt", 3), ("ro", 3), ("ur", 2),
                                         ("ar", 6), ("bn", 2), ("so", 2)])
def test_plural_form_counts_are_cldr_s(code, count):
    assert plural_count(code) == count
    assert plural_forms(code).startswith(f"nplurals={count};")


CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _gettext_for(code: str) -> gettext.GNUTranslations:
    """A real compiled catalogue, with our Plural-Forms, whose plural message names its CLDR category in each form."""
    forms = [tag for tag in CATEGORIES if tag in LANGUAGES[code].locale.plural_form.tags | {"other"}]
    po = "\n".join([
        'msgid ""', 'msgstr ""', f'"Language: {code}\\n"', f'"Plural-Forms: {plural_forms(code)}\\n"',
        '"Content-Type: text/plain; charset=utf-8\\n"', "",
        'msgid "{count} conversation"', 'msgid_plural "{count} conversations"',
        *(f'msgstr[{i}] "{tag}"' for i, tag in enumerate(forms)), ""])
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.StringIO(po)))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("code", ["cy", "pl", "ar", "ro", "pt", "bn"])
@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 19, 20, 21, 22, 25, 99, 100, 101, 102, 111, 1000000])
def test_gettext_picks_the_cldr_plural_form(code, n):
    translations = _gettext_for(code)
    expected = LANGUAGES[code].locale.plural_form(n)
    assert translations.ngettext("{count} conversation", "{count} conversations", n) == expected


@pytest.mark.parametrize("code", SHIPPED)
def test_each_language_is_named_in_itself_as_cldr_names_it(code):
    from connector_app.i18n import native_language_name
    entry = LANGUAGES[code]
    assert entry.name == entry.locale.get_display_name(entry.locale)
    assert native_language_name(code) == entry.name
