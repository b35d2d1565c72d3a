"""``connector-app screenshots --out DIR [--lang L] [--theme light|dark|high-contrast] [--scale 1|2]``

Renders every main screen and dialog of a small demo workspace to PNG files,
offscreen, for the README, translators and visual review. The demo is made in a
temporary folder (made-up people only) and deleted afterwards. Screens come
from WorkspaceView's registry (``shell.screens``), so a screen added later is
shot too; dialogs come from ``DIALOGS`` below, which other screens add to:

    DIALOGS["my-dialog"] = lambda window: window.shell.my_page.open_my_dialog()

A factory takes the unlocked MainWindow and returns the dialog it opened (or None).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

WINDOW_SIZE = (1200, 800)
DEMO_PEOPLE, DEMO_MONTHS = 30, 3  # small and quick: every screen has something to show
SETTLE_SECONDS = 60  # at most, per step, for background work (unlocking, the first page of a list) to finish

DialogFactory = Callable[[object], object]
DIALOGS: dict[str, DialogFactory] = {
    "quick-add": lambda window: window.shell.open_quick_add(),
    "new-recovery-code": lambda window: _shown(_new_code_dialog(window)),  # the demo's own menu item is off
    "monthly-summary": lambda window: window.reports.open_monthly(),
    "blank-sheets": lambda window: window.reports.open_sheets(),
    "person-sheet": lambda window: window.reports.open_person_sheet(),
    "paper-sheet": lambda window: window.reports.open_paper_sheet(),
    "settings": lambda window: window.preferences.open(),
    # The person whose page was shot last: their details, languages chosen by name.
    "person-details": lambda window: window.shell.person_page.open_form(
        "person", record_id=window.shell.person_page.person_id),
    "duplicates": lambda window: window.shell.screens["sync"].review_duplicates(),
}


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    from connector_app.cli.documents import language_code
    from connector_app.i18n import _
    parser = argparse.ArgumentParser(prog="connector-app screenshots",
                                     description=_("Save every screen and dialog of a demo workspace as PNG files."))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("the folder to write the PNG files into"))
    parser.add_argument("--lang", default="en_GB", metavar="L", type=language_code, help=_("the interface language, e.g. cy or ur"))
    parser.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light")
    # No per cent sign: argparse formats help with %, and gettext would take "% s" for a placeholder.
    parser.add_argument("--scale", type=int, choices=(1, 2), default=1, help=_("2 for double size"))
    parser.add_argument("--rtl", action="store_true", help=_("right to left, whatever the language"))
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    out = Path(options.out).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    # Before Qt starts: no display needed, and the scale applies to every window.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_SCALE_FACTOR"] = str(options.scale)
    with tempfile.TemporaryDirectory(prefix="connector-screenshots-") as folder:
        written = shoot(Path(folder), out, options)
    print("\n".join(str(path) for path in written))
    return 0


def shoot(folder: Path, out: Path, options: argparse.Namespace) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from connector_app.demo import DEMO_PASSPHRASE, open_demo
    from connector_app.i18n import set_language
    from connector_app.store.keyslots import KdfParams
    from ui.language import language_signals
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.theme import apply_theme, load_bundled_fonts

    app = QApplication.instance() or QApplication(["connector-app"])
    load_bundled_fonts()
    apply_theme(app, options.theme)
    language_signals()
    set_language(options.lang)
    direction = Qt.RightToLeft if options.rtl else None  # forced after each window: a new window applies the language's
    kdf = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)  # a throwaway demo: no need for the real cost
    demo = folder / "demo"
    open_demo(demo, people=DEMO_PEOPLE, months=DEMO_MONTHS, kdf=kdf).lock()
    written: list[Path] = []

    def save(widget, name: str, ready: Callable[[], bool] = lambda: True) -> None:
        _settle(app, ready)
        path = out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    first_run = _window(MainWindow, folder / "not-made-yet", Settings(folder / "first.ini"), kdf, direction)
    save(first_run, "first-run")
    first_run.flow.code_page.show_code("7QK3M-XR2VD-9HC4T-WNB6P-JF8ZA", folder=folder / "not-made-yet")  # made up
    first_run.flow.setCurrentWidget(first_run.flow.code_page)
    save(first_run, "recovery-code")
    first_run.close()

    window = _window(MainWindow, demo, Settings(folder / "settings.ini"), kdf, direction)
    save(window, "unlock")
    window.flow.unlock_page.forgot_button.click()
    save(window, "forgot-passphrase")
    window.flow.recovery_page.back_button.click()
    window.flow.unlock_page.passphrase_edit.setText(DEMO_PASSPHRASE)
    window.flow.unlock_page.submit()
    _settle(app, lambda: window.is_unlocked and not window.runner.is_busy)
    if window.staff_dialog is not None:
        save(window.staff_dialog, "dialog-staff")
        window.staff_dialog.accept()
    idle = lambda: not window.runner.is_busy  # noqa: E731
    for name in window.shell.screens:
        window.shell.show_screen(name)
        save(window, name, idle)
    _shoot_person_page(window, save, idle)
    _shoot_conversation_page(window, save, idle)
    for name, factory in DIALOGS.items():
        dialog = factory(window)
        if dialog is None:
            continue
        save(dialog, f"dialog-{name}", idle)
        dialog.close()
    window.close()
    return written


def _shoot_person_page(window, save, idle) -> None:
    """A person's page, one picture per tab: someone with notes, check-ins and strengths, so the tabs have rows."""
    shell = window.shell
    row = shell.reader.connection.execute(
        "SELECT p.id FROM person p ORDER BY "
        "(SELECT count(*) FROM what_matters w WHERE w.person_id = p.id) > 0 DESC, "
        "(SELECT count(*) FROM checkin c WHERE c.person_id = p.id) DESC, "
        "(SELECT count(*) FROM strength s WHERE s.person_id = p.id) DESC, p.id LIMIT 1").fetchone()
    if row is None:
        return
    shell.open_record("person", row[0])
    tabs = shell.person_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        save(window, f"person-{index + 1}", idle)


def _shoot_conversation_page(window, save, idle) -> None:
    """A conversation's page: the one with the most people, follow-ups and connections, so each part shows."""
    from connector_app.store.conversation_queries import fullest_conversation
    conversation_id = fullest_conversation(window.shell.reader.connection)
    if conversation_id is not None:
        window.shell.open_record("conversation", conversation_id)
        save(window, "conversation", idle)


def _new_code_dialog(window):
    from ui.recovery_code import NewRecoveryCodeDialog
    return NewRecoveryCodeDialog(window.workspace, window.runner, window)


def _shown(dialog):
    dialog.show()
    return dialog


def _window(window_class, path: Path, settings, kdf, direction=None):
    from PySide6.QtWidgets import QApplication
    window = window_class(path, settings=settings, kdf=kdf)
    if direction is not None:
        QApplication.instance().setLayoutDirection(direction)
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


def _settle(app, ready: Callable[[], bool] = lambda: True) -> None:
    """Let Qt lay out and paint, and background work finish, before a picture is taken."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        app.processEvents()
        if ready() or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    for _round in range(5):
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
