"""The bundled Noto fonts (OFL, resources/fonts/): one table for the screen (Qt) and the printed page (ReportLab).

A face is a script's font: its family name as Qt knows it after loading the
file, and its regular and bold files. Nastaliq has no bold in the bundle (it
would add 590 kB): bold Urdu uses the regular weight.
"""

from __future__ import annotations

from dataclasses import dataclass

LATIN = "latin"
ARABIC = "arabic"      # Noto Naskh Arabic
URDU = "urdu"          # Noto Nastaliq Urdu
BENGALI = "bengali"


@dataclass(frozen=True)
class Face:
    family: str
    regular: str
    bold: str


FACES = {
    LATIN: Face("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: Face("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    URDU: Face("Noto Nastaliq Urdu", "NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Regular.ttf"),
    BENGALI: Face("Noto Sans Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
}
