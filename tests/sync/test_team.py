"""Teams and join codes: 128 bits, typed by people, mistakes caught where they were made."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from connector_app.sync.team import (
    AlreadyInTeam, BadJoinCode, NotInTeam, Team, create_team, current_team, decode_code, encode_code, join_team,
    leave_team, require_team,
)


@given(st.binary(min_size=16, max_size=16))
def test_a_code_round_trips_however_it_is_typed(secret):
    code = encode_code(secret)
    assert decode_code(code) == secret
    assert decode_code(code.lower().replace("-", " ")) == secret
    assert decode_code(code.replace("0", "O").replace("1", "l")) == secret


@given(st.binary(min_size=16, max_size=16), st.integers(0, 31), st.data())
def test_one_mistyped_character_is_caught(secret, position, data):
    code = encode_code(secret).replace("-", "")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    wrong = data.draw(st.sampled_from([c for c in alphabet if c != code[position]]))
    typed = code[:position] + wrong + code[position + 1:]
    with pytest.raises(BadJoinCode):
        decode_code(typed)


def test_the_code_carries_at_least_128_bits():
    assert len(Team(bytes(16)).secret) * 8 >= 128
    assert len(encode_code(bytes(16)).replace("-", "")) >= 26


def test_create_join_leave(store):
    assert current_team(store) is None
    with pytest.raises(NotInTeam):
        require_team(store)
    team = create_team(store)
    with pytest.raises(AlreadyInTeam):
        create_team(store)
    assert join_team(store, team.join_code).team_id == team.team_id  # the same code again is harmless
    with pytest.raises(AlreadyInTeam):
        join_team(store, Team(bytes(range(16))).join_code)
    leave_team(store)
    assert current_team(store) is None
    with pytest.raises(BadJoinCode):
        join_team(store, "hello")
