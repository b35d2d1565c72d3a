"""The languages offered for a person: every one storable, named and sorted in the connector's language."""

from __future__ import annotations

from connector_app.domain.records import Person
from connector_app.domain.validate import problems_of
from connector_app.i18n import translator_for
from connector_app.text.collation import sort_key
from connector_app.text.spoken import SPOKEN_IN_HUBS, spoken_languages


def test_every_offered_language_is_a_code_a_person_record_accepts():
    assert len(set(SPOKEN_IN_HUBS)) == len(SPOKEN_IN_HUBS) > 60
    person = Person(display_name="Test", consent_scope="record_only", consent_on="2026-01-05",
                    languages=SPOKEN_IN_HUBS)
    assert problems_of(person) == {}
    assert problems_of(person.with_changes(languages=("en", "bfi"))) != {}   # the check can fail


def test_named_in_the_connectors_language_with_their_own_name_and_sorted_as_it_sorts():
    for code in ("en_GB", "cy", "pl", "ar", "bn"):
        offered = spoken_languages(translator_for(code))
        keys = [sort_key(spoken.name, code) for spoken in offered]
        assert keys == sorted(keys), code
    polish = {s.code: s for s in spoken_languages(translator_for("pl"))}
    assert (polish["cy"].name, polish["cy"].own_name) == ("walijski", "Cymraeg")
    assert polish["pl"].own_name == ""   # the same name twice is said once


def test_a_code_already_on_a_record_is_offered_too_and_found_by_any_of_its_names():
    offered = {s.code: s for s in spoken_languages(translator_for("en_GB"), also=("pt_BR",))}
    assert offered["pt_BR"].name == "Portuguese (Brazil)"
    assert "portugues" in offered["pt_BR"].folded and "polski" in offered["pl"].folded
