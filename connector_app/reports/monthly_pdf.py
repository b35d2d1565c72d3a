"""The monthly summary as a PDF: a cover with the headline figures, charts, tables, a method note."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import CondPageBreak, KeepInFrame, KeepTogether, PageBreak

from connector_app.i18n import N_, Translator
from connector_app.reports.monthly import (
    MEASURES, ONS_ATTRIBUTION, SECTIONS, Cell, MonthlySummary, group_label, target_hours_text,
)
from connector_app.reports.pdf import (
    ACCENT_LIGHT, FRAME_HEIGHT, FRAME_WIDTH, MUTED, WARN_LIGHT, Bar, BarChart, Banner, Styles, render, spacer, table,
    tiles,
)
from connector_app.store.month_figures import CONNECTING_TARGET_MINUTES, ONS_BANDS, ONS_MEASURES

CHART_SECTIONS = ("modes", "features", "themes", "connections")


def _bars(cells: list[Cell], t: Translator) -> list[Bar]:
    return [Bar(group_label(c, t), 0 if c.suppressed or c.value is None else float(c.value), c.shown(t))
            for c in cells]


def _pairs_table(s: Styles, cells: list[Cell], t: Translator, *, label=None, header: bool = True) -> object:
    rows = [[s.text(t.gettext("Measure"), s.cell_bold),
             s.text(t.gettext("Number"), replace(s.cell_bold, align="end"))]] if header else []
    for c in cells:
        name = label(c) if label else t.gettext(MEASURES[c.measure])
        rows.append([s.text(name, s.cell), s.text(c.shown(t), s.number)])
    return table(s, rows, [FRAME_WIDTH * 0.72, FRAME_WIDTH * 0.28], header=header)


def _section(s: Styles, code: str, *flowables) -> list:
    """A heading kept on the same page as what follows it (a chart never splits)."""
    heading = s.text(s.translator.gettext(SECTIONS[code]), s.h1)
    return [CondPageBreak(80), KeepTogether([heading, *flowables[:2]]), *flowables[2:]]


def monthly_pdf(summary: MonthlySummary, translator: Translator) -> bytes:
    t = translator
    s = Styles(t)
    month = t.format_month(summary.month)
    who = summary.whose_work(t)
    title = t.gettext("Monthly activity summary")
    story: list = [s.text(title, s.title), s.text(t.gettext("{month} · {who}").format(month=month, who=who),
                                                  s.subtitle)]
    if summary.suppressed:
        copy_note = t.gettext("Exported copy. Counts of people from 1 to 4 show as <5, and where one hidden "
                              "number could be worked out from a total, another is hidden too. Nobody is named.")
        story.append(Banner(s.text(copy_note, s.body), background=ACCENT_LIGHT, border=MUTED))
    else:
        copy_note = t.gettext("Internal copy: small numbers are shown and staff are named. "
                              "Do not share it outside the team.")
        story.append(Banner(s.text(copy_note, replace(s.body, bold=True)), background=WARN_LIGHT))

    c = summary.cell
    story.append(tiles(s, [
        (c("conversations").shown(t), t.gettext("Conversations")),
        (c("hours").shown(t), t.gettext("Hours of conversation")),
        (c("people_met", "total").shown(t), t.gettext("People met")),
        (c("connections", "total").shown(t), t.gettext("Connections made")),
        (c("steps_done").shown(t), t.gettext("Small steps completed")),
        (c("people_giving_back").shown(t), t.gettext("People now giving back")),
    ]))
    story.append(spacer(10))
    story += [s.text(t.gettext(SECTIONS["trend"]), s.h1)]
    trend = summary.section("trend")
    months = []
    for cell in trend:
        if cell.group not in months:
            months.append(cell.group)
    header = [s.text("", s.cell_bold)] + [
        s.text(group_label(next(x for x in trend if x.group == m), t), replace(s.cell_bold, align="end"))
        for m in months]
    rows = [header]
    for measure in ("trend_conversations", "trend_hours", "trend_people_met", "trend_connections", "trend_steps"):
        row = [s.text(t.gettext(MEASURES[measure]), s.cell)]
        for m in months:
            cell = next(x for x in trend if x.group == m and x.measure == measure)
            style = replace(s.number, bold=(m == months[-1]))
            row.append(s.text(cell.shown(t), style))
        rows.append(row)
    first = FRAME_WIDTH * 0.32
    story.append(table(s, rows, [first] + [(FRAME_WIDTH - first) / len(months)] * len(months)))
    story.append(s.text(t.gettext("Conversations each month"), s.h2))
    story.append(BarChart(s, [Bar(group_label(x, t), float(x.value or 0), x.shown(t))
                              for x in trend if x.measure == "trend_conversations"]))
    story.append(s.text(t.gettext("Made {when} ({zone} time).").format(
        when=t.format_datetime(summary.generated_at.replace(tzinfo=None), "medium"), zone=summary.timezone),
        s.small))
    # The cover is one page in every language: a tall script (Nastaliq) shrinks it a little instead of
    # pushing its last line onto a page of its own.
    story = [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, story, mode="shrink"), PageBreak()]

    story += _section(s, "activity", _pairs_table(s, summary.section("activity"), t))
    story += _section(s, "modes", BarChart(s, _bars([x for x in summary.section("modes") if x.group != "total"],
                                                    t)))
    story += _section(s, "features", s.text(
        t.gettext("Conversations in which each feature was practised (a conversation can use several)."), s.small),
        BarChart(s, _bars(summary.section("features"), t)))
    story += _section(s, "people", _pairs_table(s, summary.section("people"), t, label=lambda x: group_label(x, t)))
    story += _section(s, "themes", s.text(
        t.gettext("People who said what matters to them this month, by theme (a person can name several)."),
        s.small), BarChart(s, _bars([x for x in summary.section("themes") if x.group != "total"], t)),
        _pairs_table(s, [c("what_matters_people", "total")], t, header=False))
    story += _section(s, "steps", _pairs_table(s, summary.section("steps"), t))
    story += _section(s, "strengths", BarChart(s, _bars(
        [x for x in summary.section("strengths") if x.measure == "strengths" and x.group != "total"], t)),
        _pairs_table(s, [c("strengths", "total"), c("strengths_people")], t, header=False))
    story += _section(s, "next_steps", _pairs_table(s, summary.section("next_steps"), t))
    story += _section(s, "connections", BarChart(s, _bars(
        [x for x in summary.section("connections") if x.measure == "connections" and x.group != "total"], t)),
        _pairs_table(s, [c("connections", "total"), c("people_connected"), c("people_giving_back")], t,
                     header=False))

    staff_cells = [x for x in summary.section("connecting_time") if x.measure == "connecting_minutes"]
    story += _section(s, "connecting_time", s.text(
        t.gettext("Minutes each staff member spent in protected connecting time this month, against the target "
                  "of {target}.").format(target=target_hours_text(t)), s.small),
        BarChart(s, _bars(staff_cells, t), target=(CONNECTING_TARGET_MINUTES, target_hours_text(t))),
        _pairs_table(s, [c("staff_met_target")], t, header=False))

    story += _section(s, "wellbeing", s.text(
        t.gettext("Each person's latest check-in this month. The change is from their first check-in ever to "
                  "their latest, for people with at least two."), s.small))
    rows = [[s.text(t.gettext("Scale"), s.cell_bold), s.text(t.gettext("Average score (0 to 10)"),
                                                              replace(s.cell_bold, align="end")),
             s.text(t.gettext("Average change"), replace(s.cell_bold, align="end"))]]
    for scale in ("contact", "confidence", "control"):
        rows.append([s.text(group_label(c("mean_score", scale), t), s.cell),
                     s.text(c("mean_score", scale).shown(t), s.number),
                     s.text(c("mean_change", scale).shown(t), s.number)])
    story.append(table(s, rows, [FRAME_WIDTH * 0.4, FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.3]))
    story.append(spacer(4))
    story.append(_pairs_table(s, [c("checkins"), c("checkin_people"), c("change_people")], t, header=False))

    story += _section(s, "ons")
    band_codes = ("very_low", "low", "medium", "high", "very_high")
    header = [s.text("", s.cell_bold)] + [s.text(t.gettext(label), replace(s.cell_bold, align="end")) for label in (
        N_("Very low"), N_("Low"), N_("Medium"), N_("High"), N_("Very high"))] + [
        s.text(t.gettext("People"), replace(s.cell_bold, align="end")),
        s.text(t.gettext("Average"), replace(s.cell_bold, align="end"))]
    rows = [header]
    for measure in ONS_MEASURES:
        codes = {code for _l, _h, code in ONS_BANDS[measure]}
        row = [s.text(group_label(c("ons_mean", measure), t), s.cell)]
        for code in band_codes:
            row.append(s.text(c("ons_people", f"{measure}.{code}").shown(t) if code in codes else "", s.number))
        row.append(s.text(c("ons_people", f"{measure}.total").shown(t), s.number))
        row.append(s.text(c("ons_mean", measure).shown(t), s.number))
        rows.append(row)
    first = FRAME_WIDTH * 0.23
    story.append(table(s, rows, [first] + [(FRAME_WIDTH - first) / 7] * 7))
    story.append(s.text(t.gettext("People in each band, from each person's latest check-in this month."), s.small))
    story += _section(s, "loneliness", s.text(t.gettext("How often do you feel lonely?"), s.h2),
                      BarChart(s, _bars([x for x in summary.section("loneliness") if x.group != "total"], t)),
                      _pairs_table(s, [c("lonely_people", "total")], t, header=False,
                                   label=lambda x: t.gettext("People answering")))

    story.append(PageBreak())
    story.append(s.text(t.gettext("How these figures are made"), s.h1))
    notes = [
        t.gettext("A month runs from midnight on its first day to midnight on the first day of the next, in the "
                  "laptop's local time ({zone}). Each thing counts in the month it happened: conversations by "
                  "their time, small steps by the day they were done, readiness and connection outcomes by the day "
                  "they changed, check-ins and connecting time by their date.").format(zone=summary.timezone),
        t.gettext("Conversations, hours, features of practice and protected connecting time count all the work "
                  "recorded. Figures about people (people met, themes, small steps, strengths, connections, "
                  "wellbeing) include only people who agreed to be included anonymously in reports."),
        t.gettext("People met are the people named in a conversation this month; new means their first "
                  "conversation with the team was this month. People not named in a conversation are counted "
                  "only in the activity figures."),
        (t.gettext("Small-number suppression is on: any count of people from 1 to 4 shows as <5 (0 shows as 0), "
                   "and where a hidden number could be worked out from a total, the next smallest number is "
                   "hidden too. Averages over fewer than 5 people are hidden.") if summary.suppressed else
         t.gettext("Small-number suppression is off: this is an internal copy.")),
        t.gettext(ONS_ATTRIBUTION),
    ]
    for note in notes:
        story.append(s.text(note, s.body))
    footer = t.gettext("{title} · {month} · {who}").format(title=title, month=month, who=who)
    return render(story, styles=s, title=f"{title} {month}", footer=footer)

