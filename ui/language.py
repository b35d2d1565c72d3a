"""The Qt side of switching language: layout direction, Qt's own strings, and a signal for screens.

The core's ``set_language`` changes what ``_()`` returns and calls its
listeners; here one listener turns that into Qt state and a ``changed``
signal. Screens connect to the signal (Qt disconnects it when a screen is
destroyed) and retranslate themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from connector_app.i18n import choose_language, current_locale, is_right_to_left, on_language_changed


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
    locale = QLocale(str(current_locale()))
    QLocale.setDefault(locale)
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QTranslator(app)
    # Standard dialog buttons and text-field menus come from Qt's own catalogue.
    if translator.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
        _qt_translator = translator


def startup_language(saved: str = "") -> str:
    """The language to start in: CONNECTOR_LANG, then the saved choice, then the system's, if translated."""
    return choose_language(saved, QLocale.system().name())
