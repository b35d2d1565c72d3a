"""The desktop opens its log file after the first frame: what was logged before is written then, not lost."""

from __future__ import annotations

from connector_app.logs import hold_records, log, setup_logging


def test_records_held_before_the_log_file_opens_are_written_when_it_does():
    hold_records()
    log.warning("font not loaded: %s", "NotoSansBengali-Regular.ttf")
    path = setup_logging()
    log.warning("after the window")
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "font not loaded: NotoSansBengali-Regular.ttf" in text
    assert text.index("font not loaded") < text.index("after the window")  # in the order they happened
    assert setup_logging() == path  # a second call (an error before the timer) keeps the one file
    assert path.read_text(encoding="utf-8").count("font not loaded") == 1
