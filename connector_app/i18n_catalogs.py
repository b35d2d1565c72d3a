"""The translation catalogues as files: creating them, judging them complete, compiling the complete ones.

A language is offered to people (menus, first run) only when its catalogue is
complete: every message translated, as many plural forms as CLDR gives the
language, the same ``{placeholders}`` as the English. ``compile_all`` writes a
.mo only for those, so "has a .mo" is what ``connector_app.i18n`` reads as
shipped; an unfinished language stays in its .po for translators.

    python -m connector_app.i18n_catalogs init       # a .po for each language in the table that lacks one
    python -m connector_app.i18n_catalogs compile    # .mo for complete catalogues, and a report

Used by ``make i18n`` / ``make i18n-compile`` and by tests/test_i18n_catalogs.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from connector_app.text.languages import SOURCE, TARGETS, language, plural_count, plural_forms

DOMAIN = "connector_app"
# Header field a fluent speaker sets to "yes" once they have reviewed the whole catalogue.
REVIEWED = "X-Reviewed-By-Fluent-Speaker"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def po_path(root: Path, code: str) -> Path:
    return root / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, code: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=code)


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)


def header_fields(code: str) -> dict[str, str]:
    """The header fields that come from our table, never from a translator."""
    return {"Plural-Forms": plural_forms(code), "Language": code}


def _split_header(text: str) -> tuple[str, str]:
    """(header entry with each field on one line, the rest): tools wrap long fields over lines."""
    header, rest = text.split("\n\n", 1)
    return re.sub(r'(?<!\\n)(?<!msgstr ")"\n"', "", header), rest


def raw_header(path: Path) -> dict[str, str]:
    """The header fields exactly as the file has them (Babel replaces some with its own table's)."""
    header, _rest = _split_header(path.read_text(encoding="utf-8"))
    return dict(re.findall(r'^"([\w-]+): (.*?)\\n"$', header, flags=re.M))


def new_catalog(template: Catalog, code: str) -> Catalog:
    """An empty catalogue for ``code`` with every message of ``template``."""
    catalog = Catalog(locale=code, domain=DOMAIN, project=template.project, version=template.version,
                      copyright_holder=template.copyright_holder, msgid_bugs_address=template.msgid_bugs_address,
                      fuzzy=False)
    catalog.update(template)
    return catalog


def fix_header(path: Path, code: str) -> None:
    """Rewrite the header lines that must come from our table (after ``pybabel update``)."""
    header, rest = _split_header(path.read_text(encoding="utf-8"))
    text = header + "\n\n" + rest
    for name, value in header_fields(code).items():
        text = re.sub(rf'^"{name}: [^"]*\\n"$', lambda _m: f'"{name}: {value}\\n"', text, count=1, flags=re.M)
    if f'"{REVIEWED}:' not in text:
        text = text.replace('"Generated-By:', f'"{REVIEWED}: no\\n"\n"Generated-By:', 1)
    # msgfmt --check warns about the template's placeholders for these two.
    text = text.replace('"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"', '"Last-Translator: none yet\\n"', 1)
    text = re.sub(r'"PO-Revision-Date: YEAR-MO-DA HO:MI\+ZONE\\n"',
                  lambda _m: '"PO-Revision-Date: ' + raw_header(path).get("POT-Creation-Date", "") + '\\n"', text, count=1)
    # A header marked fuzzy would keep the whole catalogue out of the .mo.
    text = text.replace('#, fuzzy\nmsgid ""\nmsgstr ""\n', 'msgid ""\nmsgstr ""\n', 1)
    path.write_text(text, encoding="utf-8")


def init_missing(root: Path) -> list[str]:
    """Create a .po for every target language that has none; returns the codes created."""
    template = read_catalog(root / f"{DOMAIN}.pot")
    made = []
    for code in TARGETS:
        path = po_path(root, code)
        if path.exists():
            continue
        write_catalog(new_catalog(template, code), path)
        fix_header(path, code)
        made.append(code)
    return made


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def problems(path: Path, template: Catalog, code: str) -> list[str]:
    """Why the catalogue at ``path`` cannot ship for ``code``; empty when it is complete."""
    found = []
    header = raw_header(path)
    if header.get("Plural-Forms", "").replace(" ", "") != plural_forms(code).replace(" ", ""):
        found.append(f"Plural-Forms is not CLDR's rule for {code} ({plural_count(code)} forms)")
    if header.get(REVIEWED) not in ("yes", "no"):
        found.append(f"no {REVIEWED} header (yes or no)")
    catalog = read_catalog(path, code)
    plurals = plural_count(code)
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, message.context)
        label = message.id if isinstance(message.id, str) else message.id[0]
        if translated is None or translated.fuzzy:
            found.append(f"untranslated: {label!r}")
            continue
        strings = translated.string if isinstance(translated.string, (list, tuple)) else (translated.string,)
        if not all(strings) or (isinstance(message.id, (list, tuple)) and len(strings) != plurals):
            found.append(f"untranslated: {label!r}")
            continue
        wanted = placeholders(label)
        plural = isinstance(message.id, (list, tuple))
        for text in strings:
            have = placeholders(text)
            # A plural form may say its number in words instead of its placeholder (Arabic's forms for one
            # and two: "ثانية واحدة", "ثانيتين"), as gettext allows: one placeholder left out at most, none added.
            if have != wanted and not (plural and have <= wanted and len(wanted - have) <= 1):
                found.append(f"placeholders differ: {label!r}")
                break
    return found


def compile_all(root: Path, out=sys.stdout) -> list[str]:
    """Write a .mo for each complete catalogue and remove stale ones; returns the codes shipped."""
    template = read_catalog(root / f"{DOMAIN}.pot")
    shipped = []
    for path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        code = path.parent.parent.name
        mo = path.with_suffix(".mo")
        if language(code) is None or code == SOURCE:
            print(f"{code}: not in connector_app/text/languages.py, skipped", file=out)
            continue
        missing = problems(path, template, code)
        if missing:
            mo.unlink(missing_ok=True)
            print(f"{code}: not shipped yet ({len(missing)} to do, first: {missing[0]})", file=out)
            continue
        with open(mo, "wb") as handle:
            write_mo(handle, read_catalog(path, code))
        shipped.append(code)
        print(f"{code}: complete, compiled", file=out)
    return shipped


def main(argv: list[str]) -> int:
    root = Path(argv[2]) if len(argv) > 2 else Path("locales")
    if argv[1:2] == ["init"]:
        for code in init_missing(root):
            print(f"{code}: created {po_path(root, code)}")
        return 0
    if argv[1:2] == ["fix-headers"]:
        for path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            fix_header(path, path.parent.parent.name)
        return 0
    if argv[1:2] == ["compile"]:
        compile_all(root)
        return 0
    print("usage: python -m connector_app.i18n_catalogs init|fix-headers|compile [LOCALES_DIR]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
