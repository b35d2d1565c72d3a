"""The sync bundle file: a small plaintext header, then a sealed, compressed body in segments.

    CNSYNC\\x00\\x01            magic and format version (2 bytes, big-endian)
    u32 header length, header  JSON: team id, sender device, what the body carries and
                               what the sender holds (sequence ranges per device), counts,
                               created time. No record text, ever.
    segments                   u32 length, then nonce (12) + AES-256-GCM ciphertext of up
                               to SEGMENT bytes of the zlib-compressed body

Each segment's associated data binds it to the header (SHA-256), its index and
whether it is the last, so a segment moved, dropped, repeated or cut off, or a
header edited, fails authentication. The body is one JSON object per line, one
per change. Limits on the file and on what decompression may produce stop an
enormous or hostile file before it costs memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass
from typing import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from connector_app.errors import UserError
from connector_app.i18n import _

MAGIC = b"CNSYNC\x00"
FORMAT_VERSION = 1
SEGMENT = 1 << 20             # plaintext bytes per segment
MAX_FILE = 1 << 30            # 1 GiB: far above the 20,000-person team's full bundle
MAX_HEADER = 1 << 20
MAX_BODY = 4 << 30            # what decompression may produce
MAX_LINE = 8 << 20            # one change (a note is at most 20,000 characters)


class BundleRefused(UserError):
    """A file that is not a bundle this laptop can use; nothing was changed."""

    def message(self) -> str:
        detail = self.args[0] if self.args else _("it is damaged or not a sync bundle")
        return _("This sync bundle cannot be used: {reason}. Nothing was changed.").format(reason=detail)


class BundleTooNew(BundleRefused):
    def message(self) -> str:
        return _("This sync bundle was made by a newer version of the app. Update the app on this laptop, "
                 "then import it again. Nothing was changed.")


class CutShort(BundleRefused):
    """The file ends early: damaged, or still being copied (a watched folder tries it again later)."""

    def __init__(self):
        super().__init__(_("it was cut short"))


class OtherTeam(BundleRefused):
    def message(self) -> str:
        return _("This sync bundle comes from another team, so it cannot be read here. Nothing was changed.")


@dataclass(frozen=True)
class Header:
    team_id: str
    sender: str
    carries: dict          # device id -> [[first, last], ...] sequence ranges in the body
    holds: dict            # device id -> ranges the sender holds (what it need not be sent)
    counts: dict           # record type -> changes
    created: str
    format_version: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps({"format": "connector-app-sync", "format_version": self.format_version,
                           "team_id": self.team_id, "sender": self.sender, "carries": self.carries,
                           "holds": self.holds, "counts": self.counts, "created": self.created},
                          sort_keys=True, separators=(",", ":")).encode("utf-8")


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + struct.pack(">I?", index, last)


def write_bundle(handle, header: Header, lines: Iterable[bytes], key: bytes) -> None:
    """Write a bundle to an open binary file. ``lines`` are the body's JSON lines (no newline)."""
    head = header.to_bytes()
    preamble = MAGIC + struct.pack(">H", FORMAT_VERSION) + struct.pack(">I", len(head))
    digest = hashlib.sha256(preamble + head).digest()  # every plaintext byte is authenticated
    handle.write(preamble + head)
    aead = AESGCM(key)
    compressor = zlib.compressobj(6)
    pending = b""
    index = 0

    def seal(chunk: bytes, last: bool) -> None:
        nonce = os.urandom(12)
        sealed = nonce + aead.encrypt(nonce, chunk, _aad(digest, index, last))
        handle.write(struct.pack(">I", len(sealed)) + sealed)

    for line in lines:
        pending += compressor.compress(line + b"\n")
        while len(pending) >= SEGMENT:
            seal(pending[:SEGMENT], False)
            pending = pending[SEGMENT:]
            index += 1
    pending += compressor.flush()
    while len(pending) > SEGMENT:
        seal(pending[:SEGMENT], False)
        pending = pending[SEGMENT:]
        index += 1
    seal(pending, True)


def read_header(handle) -> Header:
    start = handle.read(len(MAGIC) + 2 + 4)
    if len(start) < len(MAGIC) + 6 and MAGIC.startswith(start[:len(MAGIC)]):
        raise CutShort()  # empty or nearly: still being copied, or cut off
    if not start.startswith(MAGIC):
        raise BundleRefused(_("it is not a sync bundle"))
    (version,) = struct.unpack(">H", start[len(MAGIC):len(MAGIC) + 2])
    if version > FORMAT_VERSION:
        raise BundleTooNew()
    (length,) = struct.unpack(">I", start[-4:])
    if length > MAX_HEADER:
        raise BundleRefused(_("its header is damaged"))
    head = handle.read(length)
    if len(head) != length:
        raise CutShort()
    try:
        data = json.loads(head.decode("utf-8"))
        header = Header(str(data["team_id"]), str(data["sender"]), dict(data["carries"]), dict(data["holds"]),
                        dict(data["counts"]), str(data["created"]), int(data["format_version"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BundleRefused(_("its header is damaged")) from None
    if len(head) != length or data.get("format") != "connector-app-sync":
        raise BundleRefused(_("its header is damaged"))
    object.__setattr__(header, "_raw", start + head)  # the exact bytes the segments are bound to
    return header


def read_body(handle, header: Header, key: bytes) -> Iterator[dict]:
    """Every change in the body, authenticated segment by segment, truncation detected."""
    digest = hashlib.sha256(header._raw).digest()  # type: ignore[attr-defined]
    aead = AESGCM(key)
    decompressor = zlib.decompressobj()
    produced = 0
    buffer = b""
    index = 0
    while True:
        size_bytes = handle.read(4)
        if len(size_bytes) < 4:
            raise CutShort()
        (size,) = struct.unpack(">I", size_bytes)
        if size < 28 or size > SEGMENT + 28:
            raise BundleRefused()
        sealed = handle.read(size)
        if len(sealed) < size:
            raise CutShort()
        last = None
        for candidate in (False, True):
            try:
                chunk = aead.decrypt(sealed[:12], sealed[12:], _aad(digest, index, candidate))
                last = candidate
                break
            except InvalidTag:
                continue
        if last is None:
            raise BundleRefused()
        try:
            out = decompressor.decompress(chunk, MAX_LINE)
            while True:
                produced += len(out)
                if produced > MAX_BODY:
                    raise BundleRefused(_("it is far larger than any team's records"))
                buffer += out
                if len(buffer) > MAX_LINE and b"\n" not in buffer:
                    raise BundleRefused()
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    if line:
                        yield _parse(line)
                if not decompressor.unconsumed_tail:
                    break
                out = decompressor.decompress(decompressor.unconsumed_tail, MAX_LINE)
        except zlib.error:
            raise BundleRefused() from None
        index += 1
        if last:
            break
    if handle.read(1) or buffer.strip() or not decompressor.eof:
        raise BundleRefused()


def _parse(line: bytes) -> dict:
    try:
        item = json.loads(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BundleRefused() from None
    if not isinstance(item, dict):
        raise BundleRefused()
    return item
