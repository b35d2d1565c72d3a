"""The app's look: Fusion style (the same on every system), a calm palette, readable sizes.

Colours and shapes are in resources/styles/app.qss; this module sets what a
style sheet cannot: the style, the palette for Qt's own dialogs, the base font,
and the bundled fonts that make every shipped script show (Bengali, Urdu ...).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from connector_app.assets import resources_dir
from connector_app.logs import log

BASE_POINT_SIZE = 11  # larger than Qt's default 9-10: many connectors read on small, dim laptop screens
FONT_SUFFIXES = (".ttf", ".otf")

_PALETTE = {
    QPalette.Window: "#eef2f0",
    QPalette.WindowText: "#17201d",
    QPalette.Base: "#ffffff",
    QPalette.AlternateBase: "#f4f7f6",
    QPalette.Text: "#17201d",
    QPalette.PlaceholderText: "#5f6b67",
    QPalette.Button: "#ffffff",
    QPalette.ButtonText: "#17201d",
    QPalette.Highlight: "#1b6b5b",
    QPalette.HighlightedText: "#ffffff",
    QPalette.ToolTipBase: "#10231e",
    QPalette.ToolTipText: "#ffffff",
    QPalette.Link: "#155447",
}


def load_bundled_fonts() -> list[str]:
    """Register every font in resources/fonts; returns the family names added."""
    families: list[str] = []
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return families
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in FONT_SUFFIXES:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("font not loaded: %s", path.name)
            else:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def style_sheet() -> str:
    path = resources_dir() / "styles" / "app.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.Disabled, QPalette.Text, QColor("#66716d"))
    palette.setColor(QPalette.Disabled, QPalette.WindowText, QColor("#66716d"))
    palette.setColor(QPalette.Disabled, QPalette.ButtonText, QColor("#66716d"))
    app.setPalette(palette)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
