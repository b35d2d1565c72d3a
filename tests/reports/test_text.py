"""The text layer: a face per script, bidi run order, shaping, no missing glyphs."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from connector_app.reports.fonts import ARABIC, BENGALI, LATIN, URDU, Face, assign_faces, covers, printable
from connector_app.reports.text import Span, embedding_levels, make_pieces, visual_order
from tests.conftest import MARKERS
from tests.reports.pdfcheck import check_pdf


def _visual(text: str, rtl: bool, language: str = "") -> list[str]:
    pieces = make_pieces([Span(text)], 10, rtl, language)[0]
    return [p.text for p in visual_order(pieces) if not p.is_space]


def test_faces_follow_the_script_and_urdu_gets_nastaliq():
    text = "Ŵyn আমি مساعدة and مجھے"
    faces = assign_faces(text)
    assert faces[0] == LATIN and faces[text.index("আ")] == BENGALI
    assert faces[text.index("م")] == ARABIC  # Arabic: Naskh
    assert faces[text.index("مجھے")] == URDU   # ھ and ے are Urdu letters: Nastaliq
    assert set(assign_faces("مساعدة", "ur")) == {URDU}  # an Urdu document sets Arabic script in Nastaliq


@pytest.mark.parametrize("sample", list(MARKERS.values()) + ["ক্ষ জ্ঞ স্ত্র", "Șase ŵ ŷ ț"])
def test_every_character_has_a_glyph_in_its_face(sample):
    for para in make_pieces([Span(sample)], 10, False, ""):
        for piece in para:
            for ch in piece.text:
                assert ch == " " or covers(piece.face.key, ch), (ch, piece.face)


def test_characters_no_bundled_font_has_become_a_question_mark():
    assert printable("tea 🍵 茶") == "tea ? ?"


def test_right_to_left_runs_are_reversed_and_numbers_stay_left_to_right():
    assert embedding_levels("abc", False) == [0, 0, 0]
    # In a left-to-right line an Arabic word sits between the English ones; its number reads left to right.
    assert _visual("abc مرحبا 123 world", False) == ["abc", "123", "مرحبا", "world"]
    # In a right-to-left paragraph the first word is rightmost, an English name keeps its letter order.
    assert _visual("میرا نام Amira ہے", True, "ur") == ["ہے", "Amira", "نام", "میرا"]


def test_bengali_and_arabic_are_shaped():
    bengali = make_pieces([Span("ক্ষ")], 12, False, "bn")[0][0]
    assert bengali.drawn != "ক্ষ" or hasattr(bengali.drawn, "__shapeData__")  # a conjunct, not three letters
    assert len(bengali.drawn) < 3
    arabic = make_pieces([Span("مساعدة")], 12, True, "ar")[0][0]
    assert hasattr(arabic.drawn, "__shapeData__")


def test_pdf_check_catches_a_missing_glyph():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=Face(LATIN, False).name)
    canvas.setFont(Face(LATIN, False).name, 12)
    canvas.drawString(72, 720, "আমি")  # Bengali in Noto Sans, which has no Bengali: boxes on paper
    canvas.save()
    with pytest.raises(AssertionError, match="no glyph"):
        check_pdf(buffer.getvalue())


def test_long_names_wrap_between_words_and_a_word_too_long_is_cut():
    from connector_app.reports.text import break_lines, line_width
    name = "Gwenllian Ŵyn-Ahmed ap Rhys Llewelyn-Szczepańska Ţepeş " * 3
    para = make_pieces([Span(name)], 10, False, "")[0]
    lines = break_lines(para, 150)
    assert len(lines) > 2 and all(line_width(line) <= 150 + 0.01 for line in lines)
    assert "".join(p.text for line in lines for p in line).replace(" ", "") == name.replace(" ", "")
    word = make_pieces([Span("x" * 200)], 10, False, "")[0]
    cut = break_lines(word, 100)
    assert len(cut) > 3 and all(line_width(line) <= 100 + 0.01 for line in cut)


def test_a_mixed_direction_line_wraps_in_logical_order():
    from connector_app.reports.text import break_lines
    text = "Amira said: مجھے سلائی پسند ہے and she will run the group on Tuesday at 10"
    lines = break_lines(make_pieces([Span(text)], 10, False, "")[0], 120)
    logical = " ".join("".join(p.text for p in line) for line in lines)
    assert logical.split() == text.split()
