"""The catalogues: one per target language with CLDR's plural forms and a review flag, and the
completeness rules that decide which languages ship (applied to every shipped language)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from connector_app import i18n
from connector_app.i18n_catalogs import (
    REVIEWED, compile_all, fix_header, po_path, problems, raw_header, read_catalog, write_catalog,
)
from connector_app.text.languages import TARGETS, plural_count, plural_forms
from connector_app.text.pseudo import lengthen

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "connector_app.pot"
SHIPPED_TARGETS = [code for code in i18n.available_languages() if code != i18n.DEFAULT_LANGUAGE]


def _msgfmt_check(path: Path) -> str:
    """GNU msgfmt --check's complaints (errors and warnings), empty when clean."""
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU msgfmt is needed (gettext): .ci/run installs it; sudo apt-get install -y gettext")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    return (result.stderr + ("" if result.returncode == 0 else f"\nexit {result.returncode}")).strip()


@pytest.mark.parametrize("code", TARGETS)
def test_every_target_language_has_a_catalogue_with_cldr_plural_forms(code):
    path = po_path(LOCALES, code)
    header = raw_header(path)
    assert header["Plural-Forms"] == plural_forms(code)
    assert header["Language"] == code
    assert header[REVIEWED] in ("yes", "no")
    assert _msgfmt_check(path) == ""


@pytest.mark.parametrize("code", TARGETS)
def test_catalogues_hold_every_message_of_the_template(code):
    wanted = {(m.context, m.id) for m in read_catalog(TEMPLATE) if m.id}
    have = {(m.context, m.id) for m in read_catalog(po_path(LOCALES, code), code) if m.id}
    assert wanted <= have, "run make i18n"


@pytest.mark.parametrize("code", SHIPPED_TARGETS or [pytest.param("none", marks=pytest.mark.skip(
    reason="no target language is complete yet: each joins this test when its catalogue is"))])
def test_every_shipped_language_is_complete(code):
    path = po_path(LOCALES, code)
    assert problems(path, read_catalog(TEMPLATE), code) == []
    assert _msgfmt_check(path) == ""


def _filled(tmp_path: Path, code: str, translate=lengthen) -> Path:
    """A copy of locales/ with ``code``'s catalogue translated throughout (pseudo text)."""
    root = tmp_path / "locales"
    shutil.copytree(LOCALES, root, ignore=shutil.ignore_patterns("*.mo"))
    for other in root.iterdir():   # only this language, so what ships is decided by its catalogue alone
        if other.is_dir() and other.name != code:
            shutil.rmtree(other)
    path = po_path(root, code)
    catalog = read_catalog(path, code)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(translate(message.id[min(i, 1)]) for i in range(plural_count(code)))
        else:
            message.string = translate(message.id)
    write_catalog(catalog, path)
    fix_header(path, code)
    return path


def test_a_complete_catalogue_is_compiled_and_shipped(tmp_path, monkeypatch):
    path = _filled(tmp_path, "pl")
    assert problems(path, read_catalog(TEMPLATE), "pl") == []
    assert _msgfmt_check(path) == ""
    assert compile_all(path.parents[2], out=io.StringIO()) == ["pl"]
    monkeypatch.setattr(i18n, "locales_dir", lambda: path.parents[2])
    assert i18n.available_languages() == ["en_GB", "pl"]
    assert i18n.translator_for("pl").ngettext("{count} person", "{count} people", 5).startswith("[")


def test_one_untranslated_message_keeps_a_language_out(tmp_path, monkeypatch):
    path = _filled(tmp_path, "cy")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(msgid "&Quit"\nmsgstr )"[^"]*"', r'\1""', text, count=1), encoding="utf-8")
    found = problems(path, read_catalog(TEMPLATE), "cy")
    assert found == ["untranslated: '&Quit'"]
    assert compile_all(path.parents[2], out=io.StringIO()) == []
    monkeypatch.setattr(i18n, "locales_dir", lambda: path.parents[2])
    assert i18n.available_languages() == ["en_GB"]


def test_a_changed_placeholder_is_caught(tmp_path):
    path = _filled(tmp_path, "ro", translate=lambda text: lengthen(text).replace("{count}", "{număr}"))
    assert any(p.startswith("placeholders differ") for p in problems(path, read_catalog(TEMPLATE), "ro"))


def test_a_translator_s_plural_forms_are_refused(tmp_path):
    path = _filled(tmp_path, "pl")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"Plural-Forms: [^"]*"', lambda _m: '"Plural-Forms: nplurals=2; plural=(n != 1);\\\\n"',
                           text, count=1), encoding="utf-8")
    assert "Plural-Forms is not CLDR's rule for pl (4 forms)" in problems(path, read_catalog(TEMPLATE), "pl")


GLOSSARY_TERMS = ["what matters to me", "small step", "protected connecting time", "connector", "community asset",
                  "the 3Cs", "Contact", "Confidence", "Control", "Listening and responding", "Truth-telling",
                  "Strengths-focus", "Self-organising", "Reciprocity", "Power-sharing and power-shifting"]


@pytest.mark.parametrize("code", TARGETS)
def test_every_language_has_a_glossary_of_the_domain_words(code):
    text = (LOCALES / code / "GLOSSARY.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    terms = {row[0].lstrip("| ").strip() for row in rows}
    for term in GLOSSARY_TERMS:
        assert any(t == term or t.startswith(term + " ") for t in terms), term
    for row in rows:
        assert row[2].strip(), f"no proposed term for {row[0]}"
        assert row[3].strip(" |") in ("yes", "no")
