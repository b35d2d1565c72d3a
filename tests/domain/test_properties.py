"""Properties that must hold for any input a person could type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connector_app.clock import HybridClock
from connector_app.domain.fields import Kind
from connector_app.domain.records import RECORD_TYPES, Person
from connector_app.domain.validate import check_value, problems_of
from connector_app.store.keyslots import new_recovery_code, normalise_recovery_code

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(str.strip),
       about=ANY_TEXT, query=ANY_TEXT)
def test_any_text_round_trips_and_any_query_is_safe(store, name, about, query):
    person = store.people.add(Person(display_name=name, consent_scope="record_only", consent_on="2026-01-01",
                                     about=about))
    assert store.people.get(person.id).about == about
    assert store.people.get(person.id).display_name == name
    store.search(query)
    store.search(name)


@given(value=st.one_of(st.none(), st.integers(), st.text(), st.booleans(), st.lists(st.text(), max_size=3),
                       st.floats(allow_nan=True)))
def test_validation_never_crashes_on_any_value(value):
    for cls in RECORD_TYPES:
        for spec in cls.specs():
            message = check_value(spec, value)
            assert message is None or isinstance(message, str)


@given(st.lists(st.sampled_from(["code", "space", "dash", "lower", "o-for-0"]), max_size=5))
def test_recovery_codes_survive_how_people_type_them(mangles):
    code = new_recovery_code()
    typed = code
    for mangle in mangles:
        if mangle == "space":
            typed = typed.replace("-", " ")
        elif mangle == "dash":
            typed = typed.replace(" ", "-")
        elif mangle == "lower":
            typed = typed.lower()
        elif mangle == "o-for-0":
            typed = typed.replace("0", "O")
    assert normalise_recovery_code(typed) == normalise_recovery_code(code)


@given(st.lists(st.integers(min_value=0, max_value=2**40), min_size=1, max_size=50),
       st.lists(st.integers(min_value=0, max_value=2**56), max_size=10))
def test_clock_is_strictly_increasing_whatever_the_wall_clock_does(walls, remotes):
    readings = iter(walls * 3)
    clock = HybridClock(wall=lambda: next(readings, walls[-1]))
    last = 0
    for i, _ in enumerate(walls):
        if i < len(remotes):
            clock.observe(remotes[i])
        stamp = clock.now()
        assert stamp > last
        last = stamp


def test_every_required_field_is_reported_when_missing():
    for cls in RECORD_TYPES:
        required = {s.name for s in cls.specs() if s.required and s.kind is not Kind.BOOL}
        blank = cls()
        assert required <= set(problems_of(blank)), cls.type_name
