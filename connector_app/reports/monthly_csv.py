"""The monthly summary as CSV: one row per measure and group, UTF-8 with a BOM so Excel reads it.

Codes (stable, for formulas and pivot tables) sit beside translated labels
(for people). A suppressed cell holds "<5".
"""

from __future__ import annotations

import csv
import io

from connector_app.i18n import Translator
from connector_app.reports.monthly import MEASURES, SECTIONS, MonthlySummary, group_label

COLUMNS = ("month", "scope", "copy", "section", "section_label", "measure", "measure_label",
           "group", "group_label", "unit", "value")


def summary_csv(summary: MonthlySummary, translator: Translator) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    month = summary.month.strftime("%Y-%m")
    scope = summary.figures.staff_id or "team"
    copy = "exported" if summary.suppressed else "internal"
    for cell in summary.cells:
        writer.writerow((
            month, scope, copy, cell.section, translator.gettext(SECTIONS[cell.section]), cell.measure,
            translator.gettext(MEASURES[cell.measure]), cell.group, group_label(cell, translator), cell.unit,
            cell.csv_value(),
        ))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
