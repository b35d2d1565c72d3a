"""The recovery code on one plain page, to print or save: what it is, the code, where to keep it.

Built in memory; the desktop prints it or writes it where the connector chooses
(never a temporary file). The code reads left to right in every language, in
large monospaced groups, so it can be copied by hand without mistakes.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from connector_app.i18n import Translator
from connector_app.reports.pdf import ACCENT, ACCENT_LIGHT, INK, Banner, Styles, render, spacer
from connector_app.reports.text import TextBox, TextStyle

CODE_STYLE = TextStyle(size=26, bold=True, color=INK, align="center", space_after=0)


def recovery_sheet_pdf(code: str, folder: Path | str, translator: Translator) -> bytes:
    """One A4 page: app name, workspace folder, the code, what it is for and where to keep it."""
    s = Styles(translator)
    code_box = TextBox("  ".join(code.split("-")), CODE_STYLE, rtl=False)  # the groups, spaced for copying
    gettext = translator.gettext
    story: list[Flowable] = [
        s.text(gettext("Connector app"), s.subtitle),
        s.text(gettext("Recovery code"), s.title),
        s.text(gettext("Workspace folder: {folder}").format(folder=str(folder)), s.body, own_words=True),
        spacer(8 * mm),
        Banner(code_box, background=ACCENT_LIGHT, border=ACCENT, padding=14),
        spacer(8 * mm),
        s.text(gettext("What it is for"), s.h1),
        s.text(gettext("If the passphrase of this workspace is ever forgotten, this code opens it and lets you "
                       "choose a new passphrase. Once used, the code is replaced by a new one."), s.body),
        s.text(gettext("Where to keep it"), s.h1),
        s.text(gettext("Somewhere safe and away from the laptop: a locked drawer or with your manager. "
                       "Anyone who has this code can open the records."), s.body),
        s.text(gettext("If you make a new recovery code, this one stops working: shred this page."), s.body),
    ]
    return render(story, styles=s, title=gettext("Recovery code"), footer=gettext("Recovery code · connector app"))
