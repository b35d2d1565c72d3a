"""Folding for search, type-ahead and duplicate matching: one table of cases, then through a real workspace."""

from __future__ import annotations

import pytest

from connector_app.domain.records import Person
from connector_app.store.search import MATCH_END, MATCH_START, fold

# (what was written, what a person types): each pair must fold to the same text.
SAME = [
    ("żółw", "zolw"), ("Łódź", "lodz"), ("ŁUKASZ", "lukasz"), ("Ćwik", "cwik"),   # Polish, ł does not decompose
    ("Ŵyn", "wyn"), ("ŷd", "yd"), ("Llŷr", "llyr"), ("Siôn", "sion"),             # Welsh
    ("şase", "șase"), ("şase", "sase"), ("ţară", "țară"), ("ţară", "tara"),        # Romanian cedilla / comma
    ("Ștefan", "stefan"), ("João", "joao"), ("Straße", "strasse"), ("Søren", "soren"), ("Æsir", "aesir"),
    ("علي", "علی"), ("يوسف", "یوسف"), ("ى", "ي"),                                # Arabic / Urdu yeh
    ("كتاب", "کتاب"),                                                              # kaf / keheh
    ("ہوا", "هوا"), ("ۃ", "ة"),                                                    # heh goal, teh marbuta goal
    ("أحمد", "احمد"), ("إبراهيم", "ابراهيم"), ("آمنة", "امنة"), ("ٱلله", "الله"),  # alef forms
    ("أُحِبُّ", "احب"), ("كـتـاب", "كتاب"),                                         # short vowels, tatweel
    ("٠٧٧٠٠ ٩٠٠١٢٣", "07700 900123"), ("۰۳۰۰", "0300"), ("০১৭", "017"),          # digits of every script
    ("ﬁsh", "fish"),                                                               # ligature
]

# Pairs that must stay different: Bengali marks change the word; ł is not a different word from l,
# but letters of different languages are not folded together.
DIFFERENT = [
    ("কিন্তু", "কিনতু"),   # virama kept
    ("সেলাই", "সলাই"),    # vowel sign kept
    ("কি", "ক"),
    ("ট", "ت"),
]


@pytest.mark.parametrize("written, typed", SAME)
def test_folds_to_the_same(written, typed):
    assert fold(written) == fold(typed)


@pytest.mark.parametrize("one, other", DIFFERENT)
def test_keeps_apart(one, other):
    assert fold(one) != fold(other)


def test_bengali_is_left_as_written():
    assert fold("রহিম উদ্দিন") == "রহিম উদ্দিন"


def test_empty_and_ascii():
    assert fold(None) == fold("") == ""
    assert fold("Amira KHAN") == "amira khan"


def _person(store, name, about=""):
    return store.people.add(Person(display_name=name, consent_scope="share_team", consent_on="2026-01-01",
                                   about=about or None))


def test_search_finds_across_accents_and_scripts_with_snippets_as_written(store):
    polish = _person(store, "Żaneta Wiśniewska", "Ma żółwia o imieniu Łatek")
    welsh = _person(store, "Dafydd ap Llŷr", "Mae Ŵyn yn hoffi'r côr")
    urdu = _person(store, "عائشہ علی", "کتاب پڑھنا پسند ہے")
    hit = store.search("zolwia latek")[0]
    assert hit.record_id == polish.id
    assert f"{MATCH_START}żółwia{MATCH_END}" in hit.snippet and f"{MATCH_START}Łatek{MATCH_END}" in hit.snippet
    assert [h.record_id for h in store.search("wyn")] == [welsh.id]
    assert [h.record_id for h in store.search("علي كتاب")] == [urdu.id]  # Arabic yeh and kaf find Urdu's


def test_type_ahead_folds_like_search(store):
    polish = _person(store, "Łukasz Żółkiewski")
    romanian = _person(store, "Ştefan Ţurcan")  # written with cedillas
    assert [p.id for p in store.queries.people_named("lukasz zol")] == [polish.id]
    assert [p.id for p in store.queries.people_named("Ștefan Țur")] == [romanian.id]  # typed with commas
