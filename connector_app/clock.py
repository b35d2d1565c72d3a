"""Hybrid logical clock: timestamps that order every change across offline laptops.

A timestamp is one 64-bit integer: wall-clock milliseconds in the high 48 bits and
a counter in the low 16. It never goes backwards on one device, even if the
system clock does, and after seeing a remote timestamp it is always later than it.
Ties between devices are broken by device id (see ``sync``).
"""

from __future__ import annotations

import threading
import time

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(millis: int, counter: int) -> int:
    return (millis << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MASK


class HybridClock:
    def __init__(self, last: int = 0, wall=lambda: int(time.time() * 1000)):
        self._last = last
        self._wall = wall
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def now(self) -> int:
        with self._lock:
            candidate = pack(self._wall(), 0)
            self._last = candidate if candidate > self._last else self._last + 1
            return self._last

    def observe(self, remote: int) -> None:
        """Move past a timestamp seen from another device."""
        with self._lock:
            if remote > self._last:
                self._last = remote
