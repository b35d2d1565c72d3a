"""Dates, times, numbers, durations and month names through Babel in each language, with its own digits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from connector_app import i18n

DAY = date(2026, 3, 9)

# code: (number 1234567.5, medium date, 2 hours, month heading); CLDR's words, our digits.
CASES = {
    "en_GB": ("1,234,567.5", "9 Mar 2026", "2 hours", "March 2026"),
    "cy": ("1,234,567.5", "9 Maw 2026", "2 awr", "Mawrth 2026"),
    "pl": ("1\xa0234\xa0567,5", "9 mar 2026", "2 godziny", "marzec 2026"),
    "pt": ("1.234.567,5", "9 de mar. de 2026", "2 horas", "março de 2026"),
    "ro": ("1.234.567,5", "9 mar. 2026", "2 ore", "martie 2026"),
    "ur": ("1,234,567.5", "9 مارچ، 2026", "2 گھنٹے", "مارچ 2026"),
    "ar": ("1,234,567.5", "09\u200f/03\u200f/2026", "ساعتان", "مارس 2026"),
    "bn": ("১২,৩৪,৫৬৭.৫", "৯ মার্চ, ২০২৬", "২ ঘন্টা", "মার্চ ২০২৬"),
    "so": ("1,234,567.5", "09-Mar-2026", "2 saacadood", "Maarso 2026"),
}


@pytest.mark.parametrize("code", CASES)
def test_formatting_in_each_language(code):
    t = i18n.translator_for(code)
    number, day, duration, month = CASES[code]
    assert t.format_number(1234567.5) == number
    assert t.format_date(DAY) == day
    assert t.format_duration(timedelta(hours=2)) == duration
    assert t.format_month(DAY) == month


def test_bengali_digits_on_screen_and_in_print_every_helper():
    t = i18n.translator_for("bn")
    assert t.format_time(time(14, 5)) == "২:০৫ PM"
    assert t.format_datetime(datetime(2026, 3, 9, 14, 5), "short").startswith("৯/৩/২৬")
    assert t.format_decimal(4, 1) == "৪.০"
    assert not any(ch.isascii() and ch.isdigit() for ch in t.format_date(DAY, "long"))


def test_weeks_start_on_monday_whatever_the_locale_says():
    assert i18n.FIRST_WEEKDAY == 0
    for day in (date(2026, 3, 9), date(2026, 3, 12), date(2026, 3, 15)):
        assert i18n.week_start(day) == date(2026, 3, 9)
    assert i18n.week_start(date(2026, 3, 16)) == date(2026, 3, 16)


def test_the_app_wide_helpers_follow_the_current_language():
    try:
        i18n.set_language("bn")
        assert i18n.format_number(12) == "১২"
        assert i18n.format_duration(timedelta(minutes=45)) == "৪৫ মিনিট"
        assert i18n.format_time(time(9, 30)) == "৯:৩০ AM"
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_pseudo_languages_transform_every_message_and_keep_fields():
    long = i18n.translator_for("en_XA")
    text = long.gettext("{count} people met")
    assert text.startswith("[") and text.endswith("]") and "{count}" in text
    assert len(text) >= 2 * len("{count} people met") - 8
    assert text.format(count=3)  # still formats
    assert long.gettext("&Quit")[1:3] == "&Q"  # the keyboard mnemonic survives
    mirrored = i18n.translator_for("ar_XB")
    assert mirrored.is_right_to_left and mirrored.gettext("Save") == "\u202bSave\u202c"
    assert "en_XA" not in i18n.available_languages()
    assert set(i18n.pseudo_languages()) == {"en_XA", "ar_XB"}  # for the screenshots command


def test_lists_use_the_language_s_separators():
    assert i18n.translator_for("en_GB").format_list(["Welsh", "Urdu", "Somali"]) == "Welsh, Urdu and Somali"
    assert i18n.translator_for("ur").format_list(["ویلش", "اردو"]) == "ویلش اور اردو"
    assert i18n.translator_for("cy").format_list([]) == ""


def test_plain_english_is_uk_english():
    """A person's language "en", or ``--lang en``: dates as a UK hub writes them, never the US order."""
    from datetime import date as _date

    from connector_app.i18n import translator_for

    english = translator_for("en")
    assert english.code == "en_GB"
    assert english.format_date(_date(2026, 11, 24), "short") == "24/11/2026"
