from PySide6.QtWidgets import QApplication
from connector_app.i18n import set_language
from connector_app.domain.records import Person
from tests.ui.conftest import add_records, unlock

NAMES = ["Llinos Jones", "Łukasz Nowak", "عائشہ علی", "রহিম উদ্দিন", "Chris Evans", "Ștefan Popescu", "Halima Yusuf"]


def test_shots(qtbot, make_window, workspace_path, tmp_path):
    add_records(workspace_path, lambda s: [s.people.add(Person(display_name=n, consent_scope="share_team", consent_on="2026-01-01", languages=("cy", "ur"), area="Grangetown")) for n in NAMES])
    first = make_window(tmp_path / "new")
    first.resize(1200, 800)
    window = make_window(workspace_path)
    window.resize(1200, 800)
    unlock(qtbot, window)
    for code in ("en_XA", "ar_XB", "ur", "bn"):
        set_language(code)
        qtbot.wait(50)
        first.grab().save(f"/tmp/i18n-first-{code}.png")
        window.shell.show_screen("home")
        qtbot.wait(50)
        window.grab().save(f"/tmp/i18n-home-{code}.png")
        window.shell.show_screen("people")
        qtbot.wait(300)
        window.grab().save(f"/tmp/i18n-people-{code}.png")
