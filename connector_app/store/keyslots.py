"""Key slots: the database's random key, wrapped under each way of unlocking it.

keys.json holds one slot per unlock method (passphrase, recovery code). Each slot
is AES-256-GCM of the raw 256-bit database key under Argon2id(secret, salt), with
the slot's own parameters as associated data, so editing them fails the tag.

Telling failures apart: a checksum over the whole file catches damage (a
truncated or edited keys.json); if the file is intact and the GCM tag fails, the
secret is wrong. A right secret opens the slot, so any failure after that lies
in records.db.

keys.json is data, not instructions: anyone who can edit it can also recompute
its checksum, so every field is checked against fixed bounds before use (a
time cost of 10^9 would hang, 2^40 KiB of memory would fail), the file is read
only if it is a regular file and at most ``MAX_BYTES`` long.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import os
import re
import secrets
import stat
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlcipher3
from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from connector_app.errors import WorkspaceDamaged, WrongPassphrase, WrongRecoveryCode
from connector_app.fileio import atomic_write_bytes
from connector_app.i18n import _
from connector_app.passphrase import normalise

FORMAT = "connector-app-keys"
VERSION = 1
PASSPHRASE, RECOVERY = "passphrase", "recovery"

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS, RECOVERY_GROUP_LEN = 5, 5  # 25 characters, 125 bits

MAX_BYTES = 64 * 1024  # a real keys.json is about 600 bytes
# Bounds on what a key file may ask of this computer (Argon2id cost) and on its fields' sizes.
TIME_COST = (1, 20)
MEMORY_KIB = (8 * 1024, 4 * 1024 * 1024)  # 8 MiB .. 4 GiB
PARALLELISM = (1, 16)
SALT_BYTES, NONCE_BYTES, WRAPPED_BYTES = 16, 12, 48  # wrapped: 32-byte key + 16-byte GCM tag
MAX_SLOTS = 8
_WORKSPACE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TOP_FIELDS = {"format", "version", "workspace_id", "slots", "checksum"}
_SLOT_FIELDS = {"kind", "kdf", "salt", "nonce", "wrapped_key"}
_KDF_FIELDS = {"name", "time_cost", "memory_kib", "parallelism"}


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
    """Argon2id of the secret in NFC, so the same words typed as NFD (macOS) or NFC give one key."""
    secret = unicodedata.normalize("NFC", secret)
    return hash_secret_raw(secret.encode("utf-8"), salt, params.time_cost, params.memory_kib,
                           params.parallelism, 32, Type.ID)


def _damaged() -> WorkspaceDamaged:
    return WorkspaceDamaged(_("keys.json is damaged"))


def _whole(value, bounds: tuple[int, int]) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not bounds[0] <= value <= bounds[1]:
        raise _damaged()
    return value


def _exact_b64(value, size: int) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * size:
        raise _damaged()
    try:
        raw = _unb64(value)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise _damaged() from None
    if len(raw) != size:
        raise _damaged()
    return raw


def params_of(kdf) -> KdfParams:
    """The Argon2id parameters a slot asks for, if they are within bounds; else keys.json is damaged."""
    if not isinstance(kdf, dict) or set(kdf) != _KDF_FIELDS or kdf["name"] != "argon2id":
        raise _damaged()
    return KdfParams(_whole(kdf["time_cost"], TIME_COST), _whole(kdf["memory_kib"], MEMORY_KIB),
                     _whole(kdf["parallelism"], PARALLELISM))


def _check_slot(slot) -> None:
    if not isinstance(slot, dict) or set(slot) != _SLOT_FIELDS or slot["kind"] not in (PASSPHRASE, RECOVERY):
        raise _damaged()
    params_of(slot["kdf"])
    _exact_b64(slot["salt"], SALT_BYTES)
    _exact_b64(slot["nonce"], NONCE_BYTES)
    _exact_b64(slot["wrapped_key"], WRAPPED_BYTES)


def validate(data) -> None:
    """The whole schema of keys.json (its checksum is checked separately)."""
    if not isinstance(data, dict) or set(data) != _TOP_FIELDS:
        raise _damaged()
    if data["format"] != FORMAT or type(data["version"]) is not int or data["version"] != VERSION:
        raise _damaged()
    if not isinstance(data["workspace_id"], str) or not _WORKSPACE_ID.match(data["workspace_id"]):
        raise _damaged()
    slots = data["slots"]
    if not isinstance(slots, list) or not 1 <= len(slots) <= MAX_SLOTS:
        raise _damaged()
    for slot in slots:
        _check_slot(slot)
    kinds = [slot["kind"] for slot in slots]
    if len(set(kinds)) != len(kinds):
        raise _damaged()


def read_limited(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; anything else (a device, a pipe, a link to
    /dev/zero, a huge file) is damage, found without reading it."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _damaged()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise WorkspaceDamaged(_("keys.json is missing")) from None
    except OSError:
        raise _damaged() from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the check and the open
            raise _damaged()
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        raise _damaged() from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise _damaged()
    return data


def _canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _slot_aad(workspace_id: str, kind: str, kdf: dict, salt: str) -> bytes:
    return _canonical({"workspace_id": workspace_id, "kind": kind, "kdf": kdf, "salt": salt})


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(raw[i:i + RECOVERY_GROUP_LEN] for i in range(0, len(raw), RECOVERY_GROUP_LEN))


def crockford_typed(text: str) -> str:
    """A Crockford base32 code however it was typed: any case, spaces or dashes, O for 0, I/L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))


def normalise_recovery_code(text: str) -> str:
    """Accept the code however it was typed (see ``crockford_typed``), in groups of five."""
    cleaned = crockford_typed(text)
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
        atomic_write_bytes(path, self.to_bytes(), workspace_file=True)

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        raw = read_limited(Path(path))
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged() from None
        validate(data)
        checksum = data.pop("checksum")
        if checksum != hashlib.sha256(_canonical(data)).hexdigest():
            raise _damaged()
        return cls(data["workspace_id"], data["slots"])

    # slots -------------------------------------------------------------------

    def has_slot(self, kind: str) -> bool:
        return any(slot.get("kind") == kind for slot in self.slots)

    def set_slot(self, kind: str, secret: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` under ``secret``, replacing any slot of the same kind."""
        if kind == PASSPHRASE:
            secret = normalise(secret)  # refuses what cannot be typed back at unlock
        params_of({"name": "argon2id", **asdict(params)})  # never write a slot we would refuse to read
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
        if kind == PASSPHRASE:
            secret = normalise(secret)
        slot = next((s for s in self.slots if s.get("kind") == kind), None)
        if slot is None:
            raise wrong
        _check_slot(slot)
        kdf = slot["kdf"]
        params = params_of(kdf)
        salt, nonce = _exact_b64(slot["salt"], SALT_BYTES), _exact_b64(slot["nonce"], NONCE_BYTES)
        sealed = _exact_b64(slot["wrapped_key"], WRAPPED_BYTES)
        try:
            wrapping = derive(secret, salt, params)
        except (HashingError, MemoryError):  # within bounds, but more memory than this computer can give
            raise WorkspaceDamaged(_("keys.json asks for more memory than this computer has")) from None
        try:
            return AESGCM(wrapping).decrypt(nonce, sealed, _slot_aad(self.workspace_id, kind, kdf, slot["salt"]))
        except InvalidTag:
            raise wrong from None


def _looks_encrypted(data: bytes) -> bool:
    """SQLCipher pages are indistinguishable from random bytes; a plain SQLite file, a document or
    zeros written over records.db are not, and must be blamed on records.db, not on keys.json."""
    if data.startswith(b"SQLite format 3\x00"):
        return False
    counts = [0] * 256
    for byte in data:
        counts[byte] += 1
    entropy = -sum(n / len(data) * math.log2(n / len(data)) for n in counts if n)
    return entropy > 7.5  # bits per byte; ciphertext is about 7.99 over a few pages


def key_fits_database(db_path: Path, db_key: bytes, pages: int = 4) -> bool | None:
    """Whether ``db_key`` authenticates any of the first pages of ``db_path`` (None: cannot tell).

    When a slot opens but records.db cannot be read, either records.db is damaged
    or keys.json belongs to another workspace. A damaged file still has pages the
    right key authenticates; with a foreign key every page fails. Only a copy of
    the first pages (ciphertext) is checked, in a temporary folder, so a large or
    damaged records.db is neither read whole nor touched.
    """
    from connector_app.store.database import _key_pragma
    try:
        if not stat.S_ISREG(os.stat(db_path).st_mode):
            return None  # a pipe or device would block or never end: not ours to read
        with open(db_path, "rb") as handle:
            head = handle.read(4096 * pages)
        if len(head) < 2 * 4096 or not _looks_encrypted(head):
            return None  # too little to tell, or not ciphertext at all: records.db itself is wrong
        with tempfile.TemporaryDirectory() as folder:
            probe = Path(folder) / "probe.db"
            probe.write_bytes(head)
            conn = sqlcipher3.connect(str(probe), isolation_level=None)
            try:
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(_key_pragma(db_key))
                failures = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            finally:
                conn.close()
    except (OSError, sqlcipher3.Error):
        return None
    return len(failures) < len(head) // 4096
