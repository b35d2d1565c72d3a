"""The Qt side of switching language: layout direction, Qt's own strings, and a signal for screens.

The core's ``set_language`` changes what ``_()`` returns and calls its
listeners; here one listener turns that into Qt state and a ``changed``
signal. Screens connect to the signal (Qt disconnects it when a screen is
destroyed) and retranslate themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from connector_app.i18n import (
    _, available_languages, choose_language, current_translator, is_right_to_left, native_language_name,
    on_language_changed,
)
from connector_app.text.fonts import FACES, LATIN, URDU


class LanguageSignals(QObject):
    changed = Signal(str)


_signals: LanguageSignals | None = None
_qt_translator: QTranslator | None = None


def language_signals() -> LanguageSignals:
    """The app-wide signal, registered with the core once per process."""
    global _signals
    if _signals is None:
        _signals = LanguageSignals()
        on_language_changed(_language_changed)
    return _signals


def _language_changed(code: str) -> None:
    apply_to_qt()
    if _signals is not None:
        _signals.changed.emit(code)


def apply_to_qt() -> None:
    """Make Qt follow the core's current language: text direction, number formats, Qt's own words."""
    global _qt_translator
    app = QApplication.instance()
    if app is None:
        return
    app.setLayoutDirection(Qt.RightToLeft if is_right_to_left() else Qt.LeftToRight)
    _apply_font(app)
    locale = QLocale(current_translator().locale_name)
    QLocale.setDefault(locale)
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QTranslator(app)
    # Standard dialog buttons and text-field menus come from Qt's own catalogue.
    if translator.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
        _qt_translator = translator


_base_families: list[str] | None = None


def _apply_font(app: QApplication) -> None:
    """Put the language's bundled script font in front (Urdu in Nastaliq, not Naskh); the rest fall back.

    The fonts are loaded at start (ui.theme.load_bundled_fonts), so every script shows on a
    machine that has none of them.
    """
    global _base_families
    font = app.font()
    if _base_families is None:
        _base_families = list(font.families()) or [font.family()]
    face = current_translator().entry.face
    # Latin from Noto Sans (it has no other script), then the language's script font, so
    # English names in an Urdu window stay in Noto Sans and Urdu words are set in Nastaliq.
    # Nastaliq goes first, though: Qt sizes tabs, headers and rows by the first family, and
    # Noto Sans's line is too short for Nastaliq's tall letters (they were cut off). Its few
    # Latin glyphs are punctuation and digits; Latin letters still fall back to Noto Sans.
    if face == LATIN:
        first = []
    elif face == URDU:
        first = [FACES[URDU].family, FACES[LATIN].family]
    else:
        first = [FACES[LATIN].family, FACES[face].family]
    font.setFamilies(first + [f for f in _base_families if f not in first])
    if font == app.font():
        return  # the same language's face again (the window's first build): re-applying the sheet costs 20 ms
    app.setFont(font)
    # Widgets styled by the application's style sheet keep their old font until it is applied again.
    app.setStyleSheet(app.styleSheet())


def startup_language(saved: str = "") -> str:
    """The language to start in: CONNECTOR_LANG, then the saved choice, then the system's, if translated."""
    return choose_language(saved, QLocale.system().name())


class LanguageBox(QComboBox):
    """The shipped languages, each named in itself so a person finds theirs whatever is showing.

    Emits ``chosen(code)``; the owner switches the language (and remembers it), so this box
    serves the first-run page and Settings alike. Hidden while English is the only language.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for code in available_languages():
            self.addItem(native_language_name(code), code)
        self.setVisible(self.count() > 1)
        self.activated.connect(lambda index: self.chosen.emit(self.itemData(index)))
        language_signals().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _code: str = "") -> None:
        name = current_translator().locale_name  # without loading Babel: this box is on the first-run page
        index = self.findData(name)
        if index < 0:
            index = self.findData(name.split("_")[0])
        self.setCurrentIndex(max(index, 0))
        self.setAccessibleName(_("Language"))
        self.setAccessibleDescription(_("The language of the app's words, dates and numbers"))
