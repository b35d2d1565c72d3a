"""Sheet IDs: short, typeable, unique across laptops with no coordination, carried by a QR code.

An ID is 40 random bits in Crockford base 32 (no I, L, O or U, so nothing is
misread) and a Luhn mod 32 check character from the same alphabet, shown as
``7KQ3-M9XR-5``. Twenty thousand sheets printed across all laptops collide with
odds of about one in five thousand; the check character catches any one
mistyped character and most swapped neighbours.

The QR code holds ``connector-sheet:`` and the ID, so a scan of some other QR
code is told apart from a sheet.
"""

from __future__ import annotations

import secrets

from connector_app.errors import UserError
from connector_app.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
QR_PREFIX = "connector-sheet:"
DATA_LENGTH = 8
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class NotASheetId(UserError):
    def message(self) -> str:
        return _("That is not a sheet ID. It looks like 7KQ3-M9XR-5: eight letters and digits and a check "
                 "character.")


def _check(data: str) -> str:
    """Luhn mod N over base 32."""
    factor, total = 2, 0
    for ch in reversed(data):
        addend = factor * ALPHABET.index(ch)
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def new_sheet_id() -> str:
    value = secrets.randbits(5 * DATA_LENGTH)
    digits = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(DATA_LENGTH)))
    return f"{digits[:4]}-{digits[4:]}-{_check(digits)}"


def parse_sheet_id(text: str) -> str:
    """The canonical ID from what was typed or scanned (case, dashes, spaces, O/0 and I/L/1 forgiven)."""
    cleaned = text.strip()
    if cleaned.lower().startswith(QR_PREFIX):
        cleaned = cleaned[len(QR_PREFIX):]
    cleaned = "".join(ch for ch in cleaned.upper() if ch not in " -")
    if len(cleaned) != DATA_LENGTH + 1:
        raise NotASheetId()
    cleaned = cleaned.translate(_READ_AS)
    data, check = cleaned[:DATA_LENGTH], cleaned[DATA_LENGTH]
    if any(ch not in ALPHABET for ch in cleaned) or _check(data) != check:
        raise NotASheetId()
    return f"{data[:4]}-{data[4:]}-{check}"


def qr_payload(sheet_id: str) -> str:
    return QR_PREFIX + sheet_id


def read_sheet_ids_from_image(image) -> list[str]:
    """Sheet IDs in a scan or photo (a path or a PIL image), read with zxing-cpp; other codes are ignored."""
    import zxingcpp
    from PIL import Image

    if not isinstance(image, Image.Image):
        with Image.open(image) as opened:
            image = opened.convert("RGB")
    found = []
    for result in zxingcpp.read_barcodes(image):
        try:
            sheet_id = parse_sheet_id(result.text)
        except NotASheetId:
            continue
        if result.text.lower().startswith(QR_PREFIX) and sheet_id not in found:
            found.append(sheet_id)
    return found
