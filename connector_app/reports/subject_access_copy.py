"""Write a person's subject-access copy: the JSON of everything held and the readable PDF.

Shared by ``connector-app person export`` and the desktop's export dialog
(ui/data_protection.py), so both write the same two files the same way: both
paths checked first (outside any workspace, ordinary files), the PDF written
first, and if the JSON then fails the PDF is removed: one outcome, said once.
"""

from __future__ import annotations

import itertools
import json
import os
from datetime import date
from pathlib import Path
from typing import Callable

from connector_app.errors import UserError
from connector_app.fileio import atomic_write_bytes, check_output_path
from connector_app.i18n import _
from connector_app.store.subject_access import export_person

STEPS = 3


def copy_names(folder: Path | str, person_id: str, today: date) -> tuple[Path, Path]:
    """(JSON, PDF) paths in ``folder`` that are not taken yet: dated, named by id rather than by
    name (file names are seen by many), numbered when a copy was already saved there that day."""
    stem = f"subject-access-{today.isoformat()}-{person_id[-8:]}"
    for number in itertools.count(1):
        name = stem if number == 1 else f"{stem}-{number}"
        pair = Path(folder) / f"{name}.json", Path(folder) / f"{name}.pdf"
        if not any(os.path.lexists(path) for path in pair):
            return pair
    raise AssertionError("unreachable")


def write_copy(store, person_id: str, json_path: Path | str, pdf_path: Path | str | None, translator, *,
               force: bool = False, progress: Callable[[int, int], None] = lambda done, total: None) -> dict:
    """Write the copy; returns the exported data (``records``, ``history``...)."""
    json_path = check_output_path(json_path, force=force)
    pdf_path = check_output_path(pdf_path, force=force) if pdf_path is not None else None
    if pdf_path is not None and pdf_path.resolve() == json_path.resolve():
        raise UserError(_("The JSON and the PDF must go to two different files."))
    data = export_person(store, person_id)
    progress(1, STEPS)
    if pdf_path is not None:
        from connector_app.reports.pdf import write
        from connector_app.reports.subject_access_pdf import referenced_names, subject_access_pdf
        write(pdf_path, subject_access_pdf(data, referenced_names(store, data), translator), force=force)
    progress(2, STEPS)
    try:
        atomic_write_bytes(json_path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    except BaseException:
        if pdf_path is not None:
            pdf_path.unlink(missing_ok=True)
        raise
    progress(STEPS, STEPS)
    return data
