"""The language of every document the CLI writes: one ``--lang`` option, one notice.

Reports, talent sheets and subject-access copies all take ``--lang`` from here, so
an unknown code is a usage error everywhere (exit 2, like any argparse mistake), and
a known language the app is not translated into yet prints in English with the same
notice on stderr, whichever document it is.
"""

from __future__ import annotations

import argparse

from connector_app.cli.common import err
from connector_app.i18n import (
    Translator, _, current_translator, document_translator, is_translated, language_name, parse_locale,
)


def language_code(text: str) -> str:
    """An argparse type: a language code Babel knows ("cy", "pt_BR", "ur-PK"); anything else is wrong usage."""
    try:
        parse_locale(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{code} is not a language code this app knows (try cy, pl, ur, bn).").format(code=text)) from None
    return text


def add_language_option(parser, help_text: str) -> None:
    parser.add_argument("--lang", metavar="L", type=language_code, help=help_text)


def document_language(code: str | None) -> Translator:
    """The translator for a document in ``code`` (None: the app's language), saying so on stderr
    when the language has no translation yet and the document will be in English."""
    if not code:
        return current_translator()
    if not is_translated(code):
        err(_("The app is not translated into {language} yet, so this prints in English.").format(
            language=language_name(code)))
    return document_translator(code)
