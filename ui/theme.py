"""The app's look: Fusion style (the same on every system), a calm palette, readable sizes.

Colours and shapes are in resources/styles/app.qss, with dark.qss or
high-contrast.qss laid over it; this module sets what a style sheet cannot: the
style, the palette for Qt's own dialogs, the base font, and the bundled fonts
that make every shipped script show (Bengali, Urdu ...).

Themes: "light", "dark", "high-contrast", or "system" (dark when the system's
colour scheme is dark). The Colours setting (ui/settings.py THEME) chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from connector_app.assets import resources_dir
from connector_app.logs import log

BASE_POINT_SIZE = 11  # larger than Qt's default 9-10: many connectors read on small, dim laptop screens
FONT_SUFFIXES = (".ttf", ".otf")

LIGHT, DARK, HIGH_CONTRAST, SYSTEM = "light", "dark", "high-contrast", "system"
THEMES = (LIGHT, DARK, HIGH_CONTRAST)
_OVERLAY = {DARK: "dark.qss", HIGH_CONTRAST: "high-contrast.qss"}

_LIGHT = {
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
_DARK = {
    QPalette.Window: "#151a18",
    QPalette.WindowText: "#e6ece9",
    QPalette.Base: "#111614",
    QPalette.AlternateBase: "#1b2220",
    QPalette.Text: "#e6ece9",
    QPalette.PlaceholderText: "#9aa8a3",
    QPalette.Button: "#26302d",
    QPalette.ButtonText: "#e6ece9",
    QPalette.Highlight: "#3fa08a",
    QPalette.HighlightedText: "#0b1210",
    QPalette.ToolTipBase: "#e6ece9",
    QPalette.ToolTipText: "#10231e",
    QPalette.Link: "#7fd6c0",
}
_HIGH_CONTRAST = {
    QPalette.Window: "#000000",
    QPalette.WindowText: "#ffffff",
    QPalette.Base: "#000000",
    QPalette.AlternateBase: "#1a1a1a",
    QPalette.Text: "#ffffff",
    QPalette.PlaceholderText: "#d0d0d0",
    QPalette.Button: "#000000",
    QPalette.ButtonText: "#ffffff",
    QPalette.Highlight: "#ffff00",
    QPalette.HighlightedText: "#000000",
    QPalette.ToolTipBase: "#ffffff",
    QPalette.ToolTipText: "#000000",
    QPalette.Link: "#00ffff",
}
_PALETTES = {LIGHT: (_LIGHT, "#66716d"), DARK: (_DARK, "#8d9a96"), HIGH_CONTRAST: (_HIGH_CONTRAST, "#c0c0c0")}


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


def _sheet(name: str) -> str:
    path = resources_dir() / "styles" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def style_sheet(theme: str = LIGHT) -> str:
    """app.qss, and the theme's overlay after it (later rules win)."""
    overlay = _OVERLAY.get(theme)
    return _sheet("app.qss") + ("\n" + _sheet(overlay) if overlay else "")


def resolve_theme(choice: str) -> str:
    """"system" (or anything unknown) becomes light or dark, as the system's colour scheme is."""
    if choice in THEMES:
        return choice
    hints = QGuiApplication.styleHints()
    return DARK if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, choice: str = LIGHT) -> str:
    """Style, palette, font size and style sheets for ``choice``; returns the theme applied."""
    theme = resolve_theme(choice)
    colours, disabled = _PALETTES[theme]
    app.setStyle("Fusion")
    palette = app.palette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor(disabled))
    app.setPalette(palette)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet(theme))
    app.setProperty("connectorTheme", theme)
    return theme
