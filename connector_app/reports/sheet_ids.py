"""Sheet IDs: short, typeable, unique across laptops with no coordination, carried by a QR code.

An ID is 40 random bits in Crockford base 32 (no I, L, O or U, so nothing is
misread) and a check character, shown as ``7KQ3-M9XR-5``. Two laptops printing
ten thousand sheets each between them collide with odds of about one in ten
thousand; the check character catches a mistyped or swapped character.

The QR code holds ``connector-sheet:`` and the ID, so a scan of some other QR
code is told apart from a sheet.
"""

from __future__ import annotations

import secrets

from connector_app.errors import UserError
from connector_app.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_SYMBOLS = ALPHABET + "*~$=U"   # Crockford's mod-37 check symbols
QR_PREFIX = "connector-sheet:"
DATA_LENGTH = 8
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class NotASheetId(UserError):
    def message(self) -> str:
        return _("That is not a sheet ID. It looks like 7KQ3-M9XR-5: eight letters and digits and a check "
                 "character.")


def _check(value: int) -> str:
    return CHECK_SYMBOLS[value % 37]


def new_sheet_id() -> str:
    value = secrets.randbits(5 * DATA_LENGTH)
    digits = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(DATA_LENGTH)))
    return f"{digits[:4]}-{digits[4:]}-{_check(value)}"


def parse_sheet_id(text: str) -> str:
    """The canonical ID from what was typed or scanned (case, dashes, spaces, O/0 and I/L/1 forgiven)."""
    cleaned = text.strip()
    if cleaned.lower().startswith(QR_PREFIX):
        cleaned = cleaned[len(QR_PREFIX):]
    cleaned = "".join(ch for ch in cleaned.upper() if ch not in " -")
    if len(cleaned) != DATA_LENGTH + 1:
        raise NotASheetId()
    data, check = cleaned[:DATA_LENGTH].translate(_READ_AS), cleaned[DATA_LENGTH]
    if check in "OIL":
        check = check.translate(_READ_AS)
    if any(ch not in ALPHABET for ch in data) or check not in CHECK_SYMBOLS:
        raise NotASheetId()
    value = 0
    for ch in data:
        value = value * 32 + ALPHABET.index(ch)
    if _check(value) != check:
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
