"""Thousands of mutated bundles: bit flips, cuts, header edits, segments moved; enormous files.

Every one is refused with BundleRefused (a plain message), none crashes, none imports a part.
"""

from __future__ import annotations

import random
import struct

import pytest

from connector_app.domain.records import CheckIn, Person
from connector_app.store.digest import content_digest
from connector_app.sync import bundle
from connector_app.sync.bundle import BundleRefused
from connector_app.sync.exchange import export_bundle, import_bundle
from connector_app.sync.team import create_team, join_team
from tests.store.laptops import laptop


@pytest.fixture
def pair(template_workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "SEGMENT", 4096)  # several segments, so moving and dropping them is tried
    hub = laptop(template_workspace[0], tmp_path / "hub")
    other = laptop(template_workspace[0], tmp_path / "laptop")
    join_team(other, create_team(hub).join_code)
    rng = random.Random(5)
    for n in range(40):
        person = hub.people.add(Person(display_name=f"Person {n}", consent_scope="share_team",
                                       consent_on="2026-01-05", about=f"{rng.random()} " * 80))
        hub.checkins.add(CheckIn(person_id=person.id, on_date="2026-03-03", contact=4, confidence=5, control=6))
    export_bundle(hub, tmp_path / "good.cbundle")
    yield hub, other, (tmp_path / "good.cbundle").read_bytes()
    hub.close()
    other.close()


def _segments(data: bytes) -> tuple[bytes, list[bytes]]:
    (length,) = struct.unpack(">I", data[9:13])
    offset = 13 + length
    head, parts = data[:offset], []
    while offset < len(data):
        (size,) = struct.unpack(">I", data[offset:offset + 4])
        parts.append(data[offset:offset + 4 + size])
        offset += 4 + size
    return head, parts


def _mutate(data: bytes, rng: random.Random) -> bytes:
    head, parts = _segments(data)
    kind = rng.randrange(6)
    if kind == 0:  # bit flips anywhere
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 1:  # cut anywhere
        return data[:rng.randrange(len(data))]
    if kind == 2:  # a header byte replaced (JSON edited)
        out = bytearray(data)
        at = rng.randrange(9, len(head))
        out[at] = rng.choice(b'{}[]",:0123456789abcdefx ')
        return bytes(out) if bytes(out) != data else data[:-1]
    if kind == 3 and len(parts) > 1:  # segments swapped
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]
        return head + b"".join(parts)
    if kind == 4 and len(parts) > 1:  # a segment dropped or repeated
        i = rng.randrange(len(parts))
        return head + b"".join(parts[:i] + parts[i + 1:] if rng.random() < 0.5 else parts[:i + 1] + parts[i:])
    return data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))  # bytes added at the end


def _fuzz(pair, tmp_path, count: int, seed: int) -> None:
    _hub, other, data = pair
    before = content_digest(other), other.changes.count()
    rng = random.Random(seed)
    path = tmp_path / "mutated.cbundle"
    for _ in range(count):
        mutated = _mutate(data, rng)
        assert mutated != data
        path.write_bytes(mutated)
        with pytest.raises(BundleRefused):
            import_bundle(other, path)
    assert (content_digest(other), other.changes.count()) == before
    path.write_bytes(data)
    assert import_bundle(other, path).applied == 80


def test_two_thousand_mutated_bundles_are_refused_whole(pair, tmp_path):
    _fuzz(pair, tmp_path, 2000, seed=11)


@pytest.mark.long
def test_fifty_thousand_mutated_bundles_are_refused_whole(pair, tmp_path):
    _fuzz(pair, tmp_path, 50_000, seed=random.randrange(2 ** 32))


def test_an_enormous_file_is_refused_before_it_is_read(pair, tmp_path):
    _hub, other, data = pair
    path = tmp_path / "enormous.cbundle"
    with open(path, "wb") as handle:
        handle.write(data[:64])
        handle.truncate(bundle.MAX_FILE + 1)  # sparse: no disk used
    with pytest.raises(BundleRefused) as refused:
        import_bundle(other, path)
    assert "far larger" in refused.value.message()
    assert other.changes.count() == 0
