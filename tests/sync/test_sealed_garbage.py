"""Bodies sealed with the right team key but malformed inside: refused whole, never a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from connector_app.errors import UserError
from connector_app.store.digest import content_digest
from connector_app.sync.bundle import Header, write_bundle
from connector_app.sync.exchange import import_bundle
from connector_app.sync.team import create_team, join_team
from tests.store.laptops import laptop

DEVICE = "0190a000-0000-7000-8000-0000000000aa"
PERSON = "0190a000-0000-7000-8000-0000000000bb"

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=10)
good_create = {"d": DEVICE, "s": 1, "h": 1000, "t": "person", "r": PERSON, "o": "create", "f": "*", "a": None,
               "v": {"display_name": "Amira", "consent_scope": "share_team", "consent_on": "2026-01-05",
                     "languages": [], "is_pseudonym": False}}


def _mutations():
    keys = st.sampled_from(["d", "s", "h", "t", "r", "o", "f", "v", "a"])
    return st.one_of(
        st.tuples(st.just("replace"), keys, json_values),
        st.tuples(st.just("drop"), keys, st.none()),
        st.tuples(st.just("value field"), st.sampled_from(["display_name", "consent_scope", "languages",
                                                             "consent_on", "nonsense"]), json_values),
        st.tuples(st.just("op"), st.sampled_from(["set", "delete", "restore", "erase", "merge", "redact", "x"]),
                  st.none()),
    )


@pytest.fixture(scope="module")
def pair(template_workspace, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sealed")
    a = laptop(template_workspace[0], folder / "a")
    team = create_team(a)
    yield a, team, folder
    a.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(mutations=st.lists(_mutations(), min_size=1, max_size=3))
def test_malformed_changes_in_a_well_sealed_bundle(pair, mutations):
    store, team, folder = pair
    item = json.loads(json.dumps(good_create))
    for kind, key, value in mutations:
        if kind == "replace":
            item[key] = value
        elif kind == "drop":
            item.pop(key, None)
        elif kind == "value field" and isinstance(item.get("v"), dict):
            item["v"][key] = value
        elif kind == "op":
            item["o"] = key
    path = folder / "sealed.cbundle"
    header = Header(team.team_id, DEVICE, {}, {}, {}, "2026-11-24T00:00:00Z")
    with open(path, "wb") as handle:
        write_bundle(handle, header, [json.dumps(item).encode("utf-8"),
                                      json.dumps("not an object").encode("utf-8")], team.bundle_key)
    before = content_digest(store), store.changes.count()
    with pytest.raises(UserError):  # the trailing non-object line makes every bundle bad: all or nothing
        import_bundle(store, path)
    assert (content_digest(store), store.changes.count()) == before
