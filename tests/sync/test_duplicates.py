"""Likely duplicate people after an import: found in any script, remembered when they are not."""

from __future__ import annotations

from connector_app.domain.records import Person
from connector_app.store.people_merge import merge_people
from connector_app.sync import duplicates
from connector_app.sync.duplicates import find_duplicates, folded_name, mark_not_same


def _add(store, name, **more):
    return store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-05",
                                   **more)).id


def _pairs(store):
    return {frozenset((c.first, c.second)): c for c in find_duplicates(store)}


def test_names_fold_across_scripts_accents_case_and_order(store):
    assert folded_name("  ȘTEFAN   Popescu ") == folded_name("stefan popescu")
    assert folded_name("مُحَمَّد") == folded_name("محمد")
    assert folded_name("Ｊａｎ") == "jan"
    stefan = _add(store, "Ștefan Popescu")
    stefan_again = _add(store, "Popescu Stefan", area="Riverside")
    arabic = _add(store, "مُحَمَّد علي")
    arabic_again = _add(store, "محمد علي")
    bengali = _add(store, "আমিনা বেগম")
    bengali_again = _add(store, "আমিনা বেগম")
    _add(store, "Halima Yusuf")
    _add(store, "Ceri Jones")
    pairs = _pairs(store)
    assert set(pairs) == {frozenset((stefan, stefan_again)), frozenset((arabic, arabic_again)),
                          frozenset((bengali, bengali_again))}
    assert duplicates.SAME_NAME in pairs[frozenset((arabic, arabic_again))].reasons


def test_shared_details_count_and_a_shared_phone_catches_a_spelling_variant(store):
    one = _add(store, "Jan Kowalski", contact_details="07700 900123", area="Hillside", languages=("pl",))
    two = _add(store, "Janek Kowalsky", contact_details="+44 7700 900123", area="Hillside", languages=("pl",))
    three = _add(store, "Jan Kowalski")
    pairs = _pairs(store)
    assert set(pairs[frozenset((one, two))].reasons) >= {duplicates.SAME_PHONE, duplicates.SAME_AREA,
                                                         duplicates.SHARED_LANGUAGE}
    assert pairs[frozenset((one, three))].score > 0
    # The exact name with every detail shared ranks first.
    assert find_duplicates(store)[0].score >= pairs[frozenset((one, three))].score


def test_not_the_same_person_is_remembered_and_a_merge_removes_the_pair(store):
    a = _add(store, "Amira Haddad")
    b = _add(store, "Amira Hadad")
    c = _add(store, "Amira Haddad")
    assert len(_pairs(store)) == 3
    mark_not_same(store, b, a)
    assert frozenset((a, b)) not in _pairs(store)
    merge_people(store, a, c)
    assert _pairs(store) == {}


def test_blocking_keeps_twenty_thousand_people_quick():
    """Not timed (speed belongs in the benchmark): on the demo's names the pairs compared
    stay a small share of all pairs."""
    import random
    from connector_app import demo_text
    rng = random.Random(1)
    groups = [(f.split() + m.split(), s.split()) for f, m, s, _sm in demo_text.NAMES.values()]
    people = []
    for i in range(20_000):
        firsts, surnames = rng.choice(groups)
        people.append({"id": str(i), "name": folded_name(f"{rng.choice(firsts)} {rng.choice(surnames)}"),
                       "phone": None, "area": None, "languages": set()})
    compared = sum(len(m) * (len(m) - 1) // 2 for m in duplicates._blocks(people).values())
    assert compared < 20_000 * 19_999 // 2 // 50


def test_after_an_import_only_the_pairs_of_people_who_arrived_are_looked_for(store):
    stefan = _add(store, "Ștefan Popescu")
    stefan_again = _add(store, "Popescu Stefan")
    jan = _add(store, "Jan Kowalski", contact_details="07700 900123")
    jan_again = _add(store, "Janek Kowalsky", contact_details="+44 7700 900123")
    halima = _add(store, "Halima Yusuf")
    everyone = {frozenset((c.first, c.second)): c for c in find_duplicates(store)}
    assert set(everyone) == {frozenset((stefan, stefan_again)), frozenset((jan, jan_again))}
    among = {frozenset((c.first, c.second)): c for c in find_duplicates(store, among={jan_again, halima})}
    assert among == {frozenset((jan, jan_again)): everyone[frozenset((jan, jan_again))]}
    assert duplicates.found_after_import(store, {stefan}) == 1
    assert duplicates.found_after_import(store, {halima}) == 0 == duplicates.found_after_import(store, set())
