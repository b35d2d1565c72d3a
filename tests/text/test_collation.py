"""People in each language's order, in Python and in SQL, paged by keyset without gaps."""

from __future__ import annotations

import pytest

from connector_app import i18n
from connector_app.domain.records import Person
from connector_app.store.queries import PeopleFilter
from connector_app.text.collation import compare, sorted_names

WELSH = ["Llinos", "Lowri", "Cai", "Chris", "Carys", "Gwen", "Huw", "Ngozi", "Rhys", "Rhodri", "Tomos", "Thomas"]
# The Welsh alphabet: a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y.
IN_WELSH = ["Cai", "Carys", "Chris", "Gwen", "Ngozi", "Huw", "Lowri", "Llinos", "Rhodri", "Rhys", "Tomos", "Thomas"]


@pytest.fixture
def welsh():
    i18n.set_language("cy")
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_welsh_digraphs_are_letters_of_their_own():
    assert sorted_names(WELSH, "cy") == IN_WELSH
    # In English the same names are plain letter by letter.
    assert sorted_names(["Llinos", "Lowri", "Chris", "Cai"], "en_GB") == ["Cai", "Chris", "Llinos", "Lowri"]


def test_polish_and_romanian_letters_follow_their_base_letter():
    assert sorted_names(["Łukasz", "Lucyna", "Mariusz"], "pl") == ["Lucyna", "Łukasz", "Mariusz"]
    assert sorted_names(["Ștefan", "Sorin", "Tudor"], "ro") == ["Sorin", "Ștefan", "Tudor"]


def test_only_equal_text_compares_equal():
    assert compare("Amira", "Amira", "cy") == 0
    assert compare("Amira", "amira", "cy") != 0
    assert compare("Amira", "amira", "cy") == -compare("amira", "Amira", "cy")


def test_people_list_pages_in_the_language_s_order(store, welsh):
    for name in WELSH + ["Llinos"]:  # a second Llinos: the id breaks the tie
        store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-01"))
    names, after = [], None
    while True:
        page = store.queries.people_page(PeopleFilter(), after=after, limit=3)
        names += [row.name for row in page.rows]
        if page.is_last:
            break
        after = page.after
    assert names == ["Cai", "Carys", "Chris", "Gwen", "Ngozi", "Huw", "Lowri", "Llinos", "Llinos", "Rhodri", "Rhys",
                     "Tomos", "Thomas"]
    assert store.queries.count_people() == len(names)
