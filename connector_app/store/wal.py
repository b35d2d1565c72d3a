"""Check a write-ahead log (``records.db-wal``) before SQLite opens the database.

When SQLite recovers a WAL it reads frames in order and stops at the first frame
whose salts or cumulative checksum do not match: everything after it is silently
dropped, committed transactions included. That is right for a torn last write (a
crash while appending), and wrong for a frame damaged later on the disk: then the
frames after it were written, synced and acknowledged, and SQLite would throw
them away (and delete them at the next checkpoint).

Format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header
(magic, version 3007000, page size, checkpoint sequence, salt-1, salt-2, then a
checksum of the first 24 bytes), then frames of a 24-byte header (page number,
database size after a commit or 0, salt-1, salt-2, cumulative checksum) and one
page. Header integers are big-endian; the checksum reads the data as 32-bit words
in the byte order named by the magic's last bit. SQLCipher encrypts the page
images, and SQLite computes the checksums over the bytes it writes, ciphertext
included, so all of this can be checked without the key.

Each frame's stored checksum lets the next frame be checked on its own: start
from the checksum stored in frame *i-1*, add frame *i*'s first 8 header bytes and
its page, compare with frame *i*'s stored value. So after a break we can still
tell whether later frames of the same generation (same salts) are intact:

- no break, or only frames of an older generation / a torn tail after it: fine;
- a break followed by an intact *commit* frame of the same generation: damage.
  The log is kept as it is, and the database must not be opened for writing.
  (Intact frames without a commit after the break are what a failed or rolled
  back transaction leaves behind when a shorter one overwrites its start.)
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
FORMAT_VERSION = 3007000
_MASK = 0xFFFFFFFF


@dataclass
class WalReport:
    """What the log holds. ``damaged`` is the only verdict callers need."""

    frames: int = 0                 # frames SQLite will use (up to the last intact commit)
    commits: int = 0                # commit frames among them
    db_pages: int = 0               # database size in pages after the last intact commit (0: none)
    pages: set[int] = field(default_factory=set)  # page numbers those frames hold
    damaged: bool = False
    reason: str = ""                # for logs and tests; never shown as user text


def _checksum(data: bytes | memoryview, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for a, b in zip(words[0::2], words[1::2]):
        s0 = (s0 + a + s1) & _MASK
        s1 = (s1 + b + s0) & _MASK
    return s0, s1


def check_bytes(data: bytes) -> WalReport:
    """Judge a WAL held in memory (see the module notes)."""
    return check_stream(io.BytesIO(data))


def _frames(stream: BinaryIO, frame_size: int) -> Iterator[bytes]:
    """Whole frames after the header, one at a time (a torn last frame is left out)."""
    stream.seek(HEADER_SIZE)
    while True:
        frame = stream.read(frame_size)
        if len(frame) < frame_size:
            return
        yield frame


def check_stream(stream: BinaryIO) -> WalReport:
    """Judge a WAL read from ``stream``, one frame at a time: memory stays small however long the log."""
    report = WalReport()
    stream.seek(0)
    header = stream.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        return report  # empty, or a header torn while the log was first written: no frames to lose
    magic, version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", header)
    header_ok = (magic in (MAGIC_LE, MAGIC_BE) and version == FORMAT_VERSION
                 and page_size >= 512 and page_size & (page_size - 1) == 0 and page_size <= 65536)
    big_endian = magic == MAGIC_BE
    if header_ok:
        header_ok = _checksum(header[:24], 0, 0, big_endian) == (c1, c2)
    if not header_ok:
        # SQLite then ignores the whole log. Anything in it that still looks like a chain
        # of frames (at any page size it could have) is committed work about to be lost.
        for size in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512):
            for endian in (False, True):
                if _intact_commit_after(_frames(stream, FRAME_HEADER_SIZE + size), endian, None, None):
                    report.damaged = True
                    report.reason = "the log header is damaged but frames follow it"
                    return report
        return report

    frames = _frames(stream, FRAME_HEADER_SIZE + page_size)
    s0, s1 = c1, c2
    pending: set[int] = set()
    for index, frame in enumerate(frames):
        pgno, db_size, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", frame[:FRAME_HEADER_SIZE])
        broken = pgno == 0 or (f_salt1, f_salt2) != (salt1, salt2)
        if not broken:
            s0, s1 = _checksum(frame[:8], s0, s1, big_endian)
            s0, s1 = _checksum(frame[FRAME_HEADER_SIZE:], s0, s1, big_endian)
            broken = (s0, s1) != (f_c1, f_c2)
        if broken:
            if _intact_commit_after(frames, big_endian, (salt1, salt2), frame):
                report.damaged = True
                report.reason = f"frame {index + 1} is damaged and intact frames of the same log follow it"
            return report
        pending.add(pgno)
        if db_size:
            report.frames = index + 1
            report.commits += 1
            report.db_pages = db_size
            report.pages |= pending
            pending = set()
    return report


def _intact_commit_after(frames: Iterator[bytes], big_endian: bool, salts: tuple[int, int] | None,
                         previous: bytes | None) -> bool:
    """Is some later commit frame intact, judged from the checksum stored in the frame before it?

    Only commit frames count: frames of a transaction that failed or was rolled back
    (a full disk, a spilled cache) stay in the file after the last commit, chained
    among themselves, until a later transaction overwrites them, and they never
    included a commit frame. A commit frame after the break is committed work that
    SQLite would drop. With ``salts`` given, only frames of that generation count;
    without, a frame must share its salts with the frame before it (a chain, as
    SQLite writes them).
    """
    for frame in frames:
        if previous is not None:
            _p, _d, p_salt1, p_salt2, p_c1, p_c2 = struct.unpack(">6I", previous[:FRAME_HEADER_SIZE])
            pgno, db_size, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", frame[:FRAME_HEADER_SIZE])
            same_generation = ((f_salt1, f_salt2) == salts if salts is not None
                               else (f_salt1, f_salt2) == (p_salt1, p_salt2))
            if pgno and db_size and same_generation:
                s0, s1 = _checksum(frame[:8], p_c1, p_c2, big_endian)
                s0, s1 = _checksum(frame[FRAME_HEADER_SIZE:], s0, s1, big_endian)
                if (s0, s1) == (f_c1, f_c2):
                    return True
        previous = frame
    return False


def _signature(path: Path) -> tuple | None:
    try:
        info = Path(path).stat()
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def check_file(path: Path, attempts: int = 3) -> WalReport:
    """Judge the WAL at ``path`` (a missing file is an empty log).

    Another process may be appending to it meanwhile: a verdict of damage counts
    only from a pass over a file that did not change while it was read.
    """
    report = WalReport()
    for _attempt in range(attempts):
        before = _signature(path)
        if before is None:
            return WalReport()
        try:
            with open(path, "rb") as stream:
                report = check_stream(stream)
        except FileNotFoundError:
            return WalReport()
        if not report.damaged or _signature(path) == before:
            return report
    report.damaged = False  # it never held still: a live writer owns it, and SQLite will not recover it
    return report
