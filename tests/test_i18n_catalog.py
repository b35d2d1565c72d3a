"""The message catalogue: extraction works, msgids are well formed, locales/connector_app.pot is current."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from connector_app import i18n

ROOT = Path(__file__).resolve().parents[1]
COMMITTED_POT = ROOT / "locales" / "connector_app.pot"
SOURCE_DIRS = ("connector_app", "ui")  # as in babel.cfg

# Keep in step with I18N_KEYWORDS in the Makefile.
KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2"]
# Which positional arguments of each marker are message text (the rest are counts or context).
MESSAGE_ARGS = {"_": (0,), "N_": (0,), "gettext": (0,), "ngettext": (0, 1), "pgettext": (0, 1)}

# Old-style % placeholders: %s, %d, %(name)s, %-5.2f ... (a bare "50%" or "100% sure" is fine).
PERCENT_FORMAT = re.compile(r"%(\([^)]*\))?[-#0+]*\d*(\.\d+)?[sdifrxXeEgGcaou]")

# Calls found by test_no_computed_message_text that are known and reported, as
# (file, unparsed argument). Remove an entry when its code is fixed; the test
# fails while a listed entry no longer occurs, so this list cannot go stale.
KNOWN_COMPUTED: set = set()


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set:
    return {(message.context, message.id) for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("pot") / "extracted.pot"
    argv = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(out)]
    for keyword in KEYWORDS:
        argv += ["-k", keyword]
    argv.append(str(ROOT))
    assert CommandLineInterface().run(argv) in (0, None)
    return _catalog(out)


def _msgid_texts(catalog):
    for message in catalog:
        if not message.id:
            continue
        texts = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in texts:
            yield message, text


def test_extraction_finds_messages(extracted):
    assert len(_ids(extracted)) > 0


def test_msgids_use_named_format_fields_only(extracted):
    problems = []
    for message, text in _msgid_texts(extracted):
        where = ", ".join(sorted({f for f, _line in message.locations}))
        if PERCENT_FORMAT.search(text):
            problems.append(f"{text!r} ({where}): %-formatting; use .format() with named fields")
            continue
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError as exc:
            problems.append(f"{text!r} ({where}): broken braces ({exc})")
            continue
        for _literal, field, _spec, conversion in fields:
            if field is None:
                continue
            if field == "" or field.split(".")[0].split("[")[0].isdigit():
                problems.append(f"{text!r} ({where}): positional field {{{field}}}; name it, e.g. {{count}}")
            elif conversion:
                problems.append(f"{text!r} ({where}): !{conversion} conversion does not belong in user text")
    assert problems == [], "\n".join(problems)


def _marker_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):  # i18n._(...)
        return func.attr
    return None


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _computed(arg: ast.expr) -> bool:
    """Message text built at run time from a literal: Babel drops it or extracts the wrong msgid."""
    if isinstance(arg, ast.JoinedStr):  # _(f"...") is silently skipped by Babel
        return True
    if isinstance(arg, ast.BinOp) and (_is_str(arg.left) or _is_str(arg.right)):  # "a %s" % x, "a" + x
        return True
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and _is_str(arg.func.value):
        return True  # "...{x}".format(x=...) inside _(), " ".join(...)
    return False


def test_no_computed_message_text():
    found = set()
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                positions = MESSAGE_ARGS.get(_marker_name(node.func) or "")
                if not positions:
                    continue
                for index in positions:
                    if index < len(node.args) and _computed(node.args[index]):
                        found.add((relative, ast.unparse(node.args[index])))
    new = sorted(found - KNOWN_COMPUTED)
    assert new == [], (
        "translate a literal, then format: _(\"{count} people\").format(count=n); never _(f\"...\"), "
        "_(\"...\" % x) or _(\"...\".format(...)):\n" + "\n".join(f"{f}: _({a})" for f, a in new)
    )
    fixed = sorted(KNOWN_COMPUTED - found)
    assert fixed == [], f"remove these from KNOWN_COMPUTED, they are fixed: {fixed}"


def test_committed_pot_is_current(extracted):
    assert COMMITTED_POT.is_file(), "locales/connector_app.pot is missing: run make i18n"
    committed = _catalog(COMMITTED_POT)
    source = _ids(extracted)
    in_pot = _ids(committed)
    new = sorted(source - in_pot, key=repr)[:10]
    gone = sorted(in_pot - source, key=repr)[:10]
    assert not new and not gone, (
        f"locales/connector_app.pot is stale ({len(source - in_pot)} new, {len(in_pot - source)} gone): "
        f"run make i18n\n  new: {new}\n  gone: {gone}"
    )
    assert committed.project == "connector-app"
    header = COMMITTED_POT.read_text(encoding="utf-8").split("msgid", 1)[0]
    assert "Copyright (C)" in header and "Connector app contributors" in header


def test_committed_pot_has_no_translations():
    for message in _catalog(COMMITTED_POT):
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert not any(strings), f"{message.id!r} is translated in the template"


@pytest.fixture
def restore_language():
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_right_to_left_follows_the_language(restore_language):
    i18n.set_language("ar")
    assert i18n.is_right_to_left()
    i18n.set_language("ur")
    assert i18n.is_right_to_left()
    i18n.set_language("en_GB")
    assert not i18n.is_right_to_left()
    assert i18n.is_right_to_left(i18n.parse_locale("ar"))


def test_format_number_follows_the_language(restore_language):
    i18n.set_language("en_GB")
    assert i18n.format_number(1234567.5) == "1,234,567.5"
    i18n.set_language("de")
    assert i18n.format_number(1234567.5) == "1.234.567,5"


def test_unknown_language_is_refused(restore_language):
    i18n.set_language("en_GB")
    with pytest.raises(ValueError):
        i18n.set_language("xx_NOPE")
    assert str(i18n.current_locale()) == "en_GB"
