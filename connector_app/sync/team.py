"""Teams: the laptops that exchange sync bundles, and the join code that lets one in.

A team is one random 128-bit secret. The join code is that secret written for
people (Crockford base32, groups of five, with a check character per group so a
mistyped character is caught where it was made). The bundle key and the team id
are derived from the secret with HKDF, so the code alone is all a laptop needs,
and all an outsider would need: it is shown once on the hub laptop and typed
(or scanned from a printed page) on the laptop joining.

The secret lives in the encrypted database (meta), never anywhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from connector_app.errors import UserError
from connector_app.i18n import _
from connector_app.store.keyslots import crockford_typed
from connector_app.sync import membership

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_BYTES = 16  # 128 bits
_META_SECRET = "team_secret"
PEERS = "sync_peers"  # meta: what the team's other laptops hold (sync/exchange.py); forgotten on leaving
_GROUP = 4  # data characters per group, then one check character


class NotInTeam(UserError):
    def message(self) -> str:
        return _("This laptop is not in a team yet: create one (on the hub laptop) or join one with its code.")


class AlreadyInTeam(UserError):
    def message(self) -> str:
        return _("This laptop is already in a team. Leave it first (its records stay here).")


class BadJoinCode(UserError):
    def message(self) -> str:
        detail = self.args[0] if self.args else ""
        text = _("That join code is not right: check it against the hub laptop and type it again.")
        return f"{text} ({detail})" if detail else text


def _derive(secret: bytes, purpose: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=b"connector-app team", info=purpose).derive(secret)


@dataclass(frozen=True)
class Team:
    secret: bytes

    @property
    def team_id(self) -> str:
        return _derive(self.secret, b"team id", 16).hex()

    @property
    def bundle_key(self) -> bytes:
        return _derive(self.secret, b"bundle key v1", 32)

    @property
    def join_code(self) -> str:
        return encode_code(self.secret)


def _check_char(group: str, position: int) -> str:
    # Odd weights: any single changed character changes the sum modulo 32; swapping two
    # neighbours changes it unless their values differ by a multiple of 16.
    total = position + 1
    for i, ch in enumerate(group):
        total += (2 * i + 1) * (_ALPHABET.index(ch) + 1)
    return _ALPHABET[total % 32]


def encode_code(secret: bytes) -> str:
    number = int.from_bytes(secret, "big")
    digits = []
    for _i in range(26):  # 26 x 5 bits = 130 >= 128
        digits.append(_ALPHABET[number & 31])
        number >>= 5
    data = "".join(reversed(digits))
    groups = [data[i:i + _GROUP] for i in range(0, len(data), _GROUP)]
    return "-".join(group + _check_char(group, n) for n, group in enumerate(groups))


def decode_code(text: str) -> bytes:
    """The secret from a code however it was typed: any case, spaces or dashes, O for 0, I/L for 1."""
    cleaned = crockford_typed(text)
    if any(ch not in _ALPHABET for ch in cleaned):
        raise BadJoinCode(_("it has a character that is not used in codes"))
    groups = [cleaned[i:i + _GROUP + 1] for i in range(0, len(cleaned), _GROUP + 1)]
    expected_groups = (26 + _GROUP - 1) // _GROUP
    if len(groups) != expected_groups or len(cleaned) != 26 + expected_groups:
        raise BadJoinCode(_("it is too short or too long"))
    data = ""
    for n, group in enumerate(groups):
        body, check = group[:-1], group[-1]
        if _check_char(body, n) != check:
            raise BadJoinCode(_("group {number} has a typing mistake").format(number=n + 1))
        data += body
    number = 0
    for ch in data:
        number = (number << 5) | _ALPHABET.index(ch)
    if number >> (SECRET_BYTES * 8):
        raise BadJoinCode()
    return number.to_bytes(SECRET_BYTES, "big")


def current_team(store) -> Team | None:
    secret = store.meta(_META_SECRET)
    return None if secret is None else Team(bytes.fromhex(secret))


def require_team(store) -> Team:
    team = current_team(store)
    if team is None:
        raise NotInTeam()
    return team


def _enter(store, team: Team, share_earlier: bool) -> Team:
    with store.atomic():
        membership.on_join(store.connection, team.team_id, share_earlier)
        store.set_meta(_META_SECRET, team.secret.hex())
    return team


def create_team(store, *, share_earlier: bool = True) -> Team:
    """A new team; the records made here while in no team become its records unless ``share_earlier`` is False."""
    if current_team(store) is not None:
        raise AlreadyInTeam()
    return _enter(store, Team(os.urandom(SECRET_BYTES)), share_earlier)


def team_of_code(code: str) -> Team:
    return Team(decode_code(code))


def join_team(store, code: str, *, share_earlier: bool = True) -> Team:
    """Join with a code. Records of other teams stay here, never shared with this one
    (sync/membership.py); those made while in no team are shared only if ``share_earlier``."""
    team = team_of_code(code)
    existing = current_team(store)
    if existing is not None:
        if existing.secret == team.secret:
            return existing
        raise AlreadyInTeam()
    return _enter(store, team, share_earlier)


def leave_team(store) -> None:
    """Leave the team; every record stays on this laptop, and stays the team's (sync/membership.py)."""
    team = require_team(store)
    with store.atomic():
        membership.on_leave(store.connection, team.team_id)
        # What the team's laptops hold says nothing about another team's laptops.
        store.connection.execute("DELETE FROM meta WHERE key IN (?, ?)", (_META_SECRET, PEERS))
