"""The bulk import path gives exactly what applying the changes one by one gives."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from connector_app.store.merge import RemoteBatch, apply_remote_many
from tests.store.laptops import snapshot
from tests.store.test_merge import LONG, SLOW, Team, _two_laptops_worth


def _chunked(store, changes, sizes):
    """Apply in chunks of the given sizes (one transaction, as a bundle is)."""
    applied, start, batch = [], 0, RemoteBatch()
    with store.atomic():
        for size in sizes:
            chunk = changes[start:start + size]
            start += size
            if chunk:
                applied += apply_remote_many(store, chunk, batch)
        if changes[start:]:
            applied += apply_remote_many(store, changes[start:], batch)
        batch.finish(store)
    return applied


def _compare(template, seed, order, sizes):
    team = Team(template)
    try:
        _a, _b, changes = _two_laptops_worth(team, seed)
        delivery = changes + order.sample(changes, len(changes) // 3)  # a third arrive twice
        order.shuffle(delivery)
        one_by_one = team("one-by-one")
        expected = [one_by_one.apply_remote(change) for change in delivery]
        bulk = team("bulk")
        assert _chunked(bulk, delivery, sizes) == expected
        assert snapshot(bulk) == snapshot(one_by_one)
        assert bulk.changes.known_ranges() == one_by_one.changes.known_ranges()
        # The log holds the same entries, values included (history is whole either way).
        query = ("SELECT d.id, c.dseq, c.hlc, c.record_id, c.op, c.field, c.value, c.flags FROM change c "
                 "JOIN device d ON d.no = c.device_no ORDER BY d.id, c.dseq")
        assert bulk.connection.execute(query).fetchall() == one_by_one.connection.execute(query).fetchall()
    finally:
        team.close()


@SLOW
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False),
       sizes=st.lists(st.integers(1, 40), max_size=6))
def test_bulk_import_equals_one_by_one(template_workspace, seed, order, sizes):
    _compare(template_workspace[0], seed, order, sizes)


@pytest.mark.long
@LONG
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False),
       sizes=st.lists(st.integers(1, 40), max_size=6))
def test_bulk_import_equals_one_by_one_many_cases(template_workspace, seed, order, sizes):
    _compare(template_workspace[0], seed, order, sizes)
