"""The monthly summary PDF in every shipped language: opens, fonts embedded and covering, headings present."""

from __future__ import annotations

from datetime import date

import pytest

from connector_app.i18n import translator_for
from connector_app.reports.monthly import build_summary
from connector_app.reports.monthly_pdf import monthly_pdf
from tests.reports.known import build
from tests.reports.pdfcheck import LEFT_TO_RIGHT, SHIPPED_LANGUAGES, LongUrdu, check_pdf, ink, render_pages, text_of

MARCH = date(2026, 3, 1)


@pytest.fixture
def summary(store):
    build(store)
    return build_summary(store, MARCH, suppress=True)


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_monthly_pdf_in_every_language(summary, language):
    translator = translator_for(language)
    data = monthly_pdf(summary, translator)
    reader = check_pdf(data)
    assert 3 <= len(reader.pages) <= 10
    pages = render_pages(data, scale=0.5)
    assert all(ink(page) > 0.005 for page in pages)
    if language in LEFT_TO_RIGHT and language != "bn":
        text = " ".join(text_of(reader).split())   # a long translated heading may wrap
        for heading in ("Monthly activity summary", "This month against the three before",
                        "Protected connecting time", "ONS personal wellbeing", "How these figures are made"):
            assert " ".join(translator.gettext(heading).split()) in text
        assert translator.format_month(MARCH) in text


def test_exported_and_internal_copies_say_which_they_are(store):
    known = build(store)
    exported = text_of(check_pdf(monthly_pdf(build_summary(store, MARCH, suppress=True), translator_for("en_GB"))))
    internal = text_of(check_pdf(monthly_pdf(build_summary(store, MARCH, suppress=False), translator_for("en_GB"))))
    assert "Exported copy" in exported and "<5" in exported and "Rhian" not in exported
    assert "Internal copy" in internal and "Rhian" in internal
    one = text_of(check_pdf(monthly_pdf(build_summary(store, MARCH, staff_id=known.staff_b, suppress=False),
                                        translator_for("en_GB"))))
    assert "Shirin Begum" in one.replace("\n", " ")
    exported_one = text_of(check_pdf(monthly_pdf(build_summary(store, MARCH, staff_id=known.staff_b),
                                                 translator_for("en_GB"))))
    assert "Shirin" not in exported_one and "Social prescribing link worker" in exported_one.replace("\n", " ")


def test_a_month_with_nothing_still_prints(store):
    data = monthly_pdf(build_summary(store, date(2025, 6, 1)), translator_for("en_GB"))
    assert "Monthly activity summary" in text_of(check_pdf(data))


def test_no_page_is_left_nearly_empty_in_a_tall_script(summary):
    """Nastaliq lines are about twice as tall: the cover once spilled its last line onto a page of its own."""
    from babel import Locale

    from connector_app.i18n import Translator
    pages = render_pages(monthly_pdf(summary, Translator("ur", Locale.parse("ur"), LongUrdu())), scale=0.5)
    assert all(ink(page) > 0.03 for page in pages), [round(ink(page), 3) for page in pages]
