"""Key slots: the database's random key, wrapped under each way of unlocking it.

keys.json holds one slot per unlock method (passphrase, recovery code). Each slot
is AES-256-GCM of the raw 256-bit database key under Argon2id(secret, salt), with
the slot's own parameters as associated data, so editing them fails the tag.

Telling failures apart: a checksum over the whole file catches damage (a
truncated or edited keys.json); if the file is intact and the GCM tag fails, the
secret is wrong. A right secret opens the slot, so any failure after that lies
in records.db.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from connector_app.errors import WorkspaceDamaged, WrongPassphrase, WrongRecoveryCode
from connector_app.fileio import atomic_write_bytes
from connector_app.i18n import _

FORMAT = "connector-app-keys"
VERSION = 1
PASSPHRASE, RECOVERY = "passphrase", "recovery"

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS, RECOVERY_GROUP_LEN = 5, 5  # 25 characters, 125 bits


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default takes about 0.35 s on a 2-core laptop (see README)."""
    time_cost: int = 3
    memory_kib: int = 256 * 1024
    parallelism: int = 2

    @classmethod
    def for_recovery(cls) -> "KdfParams":
        # A recovery code has 125 bits of entropy: brute force is hopeless at any cost.
        return cls(time_cost=1, memory_kib=64 * 1024, parallelism=2)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(secret.encode("utf-8"), salt, params.time_cost, params.memory_kib,
                           params.parallelism, 32, Type.ID)


def _canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _slot_aad(workspace_id: str, kind: str, kdf: dict, salt: str) -> bytes:
    return _canonical({"workspace_id": workspace_id, "kind": kind, "kdf": kdf, "salt": salt})


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(raw[i:i + RECOVERY_GROUP_LEN] for i in range(0, len(raw), RECOVERY_GROUP_LEN))


def normalise_recovery_code(text: str) -> str:
    """Accept the code however it was typed: any case, spaces or dashes, O for 0, I/L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))
    return "-".join(cleaned[i:i + RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), RECOVERY_GROUP_LEN))


class KeyFile:
    """keys.json in memory. Load, open a slot, add or replace a slot, save atomically."""

    def __init__(self, workspace_id: str, slots: list[dict]):
        self.workspace_id = workspace_id
        self.slots = slots

    # persistence -------------------------------------------------------------

    def to_bytes(self) -> bytes:
        body = {"format": FORMAT, "version": VERSION, "workspace_id": self.workspace_id, "slots": self.slots}
        body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8") + b"\n"

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        damaged = WorkspaceDamaged(_("keys.json is damaged"))
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            raise WorkspaceDamaged(_("keys.json is missing")) from None
        except (OSError, UnicodeDecodeError, ValueError):
            raise damaged from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise damaged
        checksum = data.pop("checksum", None)
        if checksum != hashlib.sha256(_canonical(data)).hexdigest():
            raise damaged
        if data.get("version") != VERSION or not isinstance(data.get("slots"), list):
            raise damaged
        return cls(data["workspace_id"], data["slots"])

    # slots -------------------------------------------------------------------

    def has_slot(self, kind: str) -> bool:
        return any(slot.get("kind") == kind for slot in self.slots)

    def set_slot(self, kind: str, secret: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` under ``secret``, replacing any slot of the same kind."""
        salt = _b64(os.urandom(16))
        kdf = {"name": "argon2id", **asdict(params)}
        nonce = os.urandom(12)
        wrapping = derive(secret, _unb64(salt), params)
        sealed = AESGCM(wrapping).encrypt(nonce, db_key, _slot_aad(self.workspace_id, kind, kdf, salt))
        slot = {"kind": kind, "kdf": kdf, "salt": salt, "nonce": _b64(nonce), "wrapped_key": _b64(sealed)}
        self.slots = [s for s in self.slots if s.get("kind") != kind] + [slot]

    def open_slot(self, kind: str, secret: str) -> bytes:
        """The database key, or WrongPassphrase/WrongRecoveryCode. Touches nothing on disk."""
        wrong = WrongPassphrase() if kind == PASSPHRASE else WrongRecoveryCode()
        slot = next((s for s in self.slots if s.get("kind") == kind), None)
        if slot is None:
            raise wrong
        try:
            kdf = slot["kdf"]
            params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
            salt, nonce, sealed = _unb64(slot["salt"]), _unb64(slot["nonce"]), _unb64(slot["wrapped_key"])
        except (KeyError, TypeError, ValueError):
            raise WorkspaceDamaged(_("keys.json is damaged")) from None
        wrapping = derive(secret, salt, params)
        try:
            return AESGCM(wrapping).decrypt(nonce, sealed, _slot_aad(self.workspace_id, kind, kdf, slot["salt"]))
        except InvalidTag:
            raise wrong from None
