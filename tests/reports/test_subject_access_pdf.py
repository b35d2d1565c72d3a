"""The subject-access copy as a readable PDF: everything about the person, nobody else named."""

from __future__ import annotations

import pytest

from connector_app.i18n import translator_for
from connector_app.reports.subject_access_pdf import referenced_names, subject_access_pdf
from connector_app.store.subject_access import export_person
from tests.conftest import MARKERS
from tests.reports.pdfcheck import LEFT_TO_RIGHT, SHIPPED_LANGUAGES, check_pdf, text_of
from tests.samples import add_everything


@pytest.fixture
def exported(store):
    records = add_everything(store, text=MARKERS["urdu"] + " " + MARKERS["bengali"])
    store.people.update(records["person"].id, area="Riverside East")  # an earlier value to show
    data = export_person(store, records["person"].id)
    return records, data, referenced_names(store, data)


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_subject_access_pdf_in_every_language(exported, language):
    records, data, names = exported
    translator = translator_for(language)
    reader = check_pdf(subject_access_pdf(data, names, translator))
    assert len(reader.pages) >= 2
    if language in LEFT_TO_RIGHT and language != "bn":
        text = " ".join(text_of(reader).split())
        for heading in ("Everything we hold about you", "Conversations", "3Cs check-ins", "Earlier values",
                        "What was done, and when"):
            assert " ".join(translator.gettext(heading).split()) in text
        assert "Amira Hassan" in text and "Ceri Jones" in text and "Tuesday sewing group" in text
        assert "Riverside" in text and "Riverside East" in text
        assert "Jan Kowalski" not in text and translator.gettext("another person") in text  # the group's other member
        assert translator.gettext("a record no longer held") not in text  # a small step names its what-matters note by its date
