"""Record ids: UUIDv7 strings made on the device that creates the record.

Time-ordered, so new rows land at the end of the primary-key index, and unique
across laptops that never talk to each other.
"""

from __future__ import annotations

import re

import uuid_utils

_ID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def new_id() -> str:
    return str(uuid_utils.uuid7())


def is_id(text: str) -> bool:
    return bool(_ID_PATTERN.match(text or ""))
