"""Full-text search: ranked, with snippets, in every script, kept in step with writes."""

from __future__ import annotations

from connector_app.domain.records import Asset, Person
from connector_app.store.search import MATCH_END, MATCH_START, build_query
from tests.samples import add_everything


def test_finds_notes_names_strengths_and_assets(store):
    records = add_everything(store, text="Brilliant at fixing bicycles")
    kinds = {hit.record_type for hit in store.search("bicycle")}
    assert {"person", "conversation", "strength", "asset", "what_matters"} <= kinds
    assert store.search("Amira")[0].record_id == records["person"].id
    assert store.search("sewing")[0].record_id == records["asset"].id


def test_snippet_marks_the_match(store):
    add_everything(store, text="She would love to start a knitting circle at the library")
    hit = store.search("knit", record_types=("conversation",))[0]
    assert f"{MATCH_START}knitting{MATCH_END}" in hit.snippet
    assert "[knitting]" in hit.plain_snippet()


def test_title_matches_rank_above_body_matches(store):
    store.assets.add(Asset(name="Gardening club", kind="grassroots_group", offer="Tea and cake"))
    store.assets.add(Asset(name="Lunch club", kind="grassroots_group", offer="Sometimes we talk about gardening"))
    hits = store.search("gardening", record_types=("asset",))
    assert [store.assets.get(h.record_id).name for h in hits] == ["Gardening club", "Lunch club"]


def test_bengali_words_stay_whole_and_arabic_ignores_short_vowels(store):
    store.people.add(Person(display_name="রহিম উদ্দিন", consent_scope="share_team", consent_on="2026-01-01",
                            about="আমি সেলাই ভালোবাসি"))
    store.people.add(Person(display_name="أمينة", consent_scope="share_team", consent_on="2026-01-01",
                            about="أُحِبُّ الْخِيَاطَةَ"))
    bengali = store.search("সেলা")
    assert bengali and f"{MATCH_START}সেলাই{MATCH_END}" in bengali[0].snippet
    assert store.search("الخياطة"), "a query without tashkeel finds text written with it"


def test_index_follows_updates_deletes_and_erasure(store):
    records = add_everything(store, text="Keen on pigeons")
    store.conversations.update(records["conversation"].id, notes="Talked about the choir")
    assert records["conversation"].id not in {h.record_id for h in store.search("pigeons")}
    assert records["conversation"].id in {h.record_id for h in store.search("choir")}


def test_any_typed_text_is_safe_to_search(store):
    add_everything(store)
    for text in ['"', "AND OR NOT", "*", "NEAR(", "col:value", "'; DROP TABLE person; --", "", "   "]:
        store.search(text)  # must not raise
    assert build_query("") is None
    assert build_query('a"b') == '"a"* AND "b"*'
