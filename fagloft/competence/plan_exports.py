"""The competence plan as files: a PDF of the whole plan and an Excel workbook of its measures.

Builders only (the shape of `assessments.exports`): the view checks the read action, sets the
headers and writes the audit row. Every spreadsheet cell goes through `escape_row`, so a measure
typed as `=HYPERLINK(…)` stays text when the file is opened.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from fagloft.competence.models import CompetencePlan
from fagloft.lib import formatting
from fagloft.lib.spreadsheets import escape_row


def filename(plan: CompetencePlan, extension: str) -> str:
    """«Kompetanseplan Tromsø 2025–2026.xlsx»: the service's own spelling, ø and all."""
    name = f"{_('Kompetanseplan')} {plan.service.name} {plan.start_year}–{plan.end_year}"
    return "".join(c for c in name if c not in '/\\:*?"<>|') + "." + extension


def measure_header() -> list[str]:
    return [
        _("Tiltak"),
        _("Type tiltak"),
        _("Kommer fra"),
        _("Behov tiltaket dekker"),
        _("Kompetanseområde"),
        _("Ansvarlig"),
        _("Kostnad (kr)"),
        _("Gjennomføres innen"),
        _("Status"),
    ]


def measure_rows(plan: CompetencePlan) -> list[list[Any]]:
    return [
        [
            m.description,
            m.get_kind_display(),
            m.get_origin_display(),
            m.gap,
            m.area.name if m.area else "",
            m.owner,
            m.cost,
            m.due_on,
            m.get_state_display(),
        ]
        for m in plan.measures.select_related("area")
    ]


def as_xlsx(plan: CompetencePlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tiltak")[:31]
    sheet.append(escape_row(measure_header()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in measure_rows(plan):
        sheet.append(escape_row(row))
        for cell in sheet[sheet.max_row]:
            if hasattr(cell.value, "year") and not isinstance(cell.value, str):
                cell.number_format = "DD.MM.YYYY"
    for column, width in zip("ABCDEFGHI", (48, 20, 20, 36, 24, 20, 14, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(plan: CompetencePlan) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    title = f"{plan.title}: {plan.service.name}"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=title, leftMargin=1.5 * cm, rightMargin=1.5 * cm)

    def text(value: Any, style: str = "BodyText") -> Paragraph:
        return Paragraph(escape(str(value or "–")).replace("\n", "<br/>"), styles[style])

    def cell(index: int, value: Any) -> Any:
        if value is None or value == "":
            return "–"
        if hasattr(value, "year") and not isinstance(value, str):
            return formatting.date(value)
        if index == 6:
            return formatting.money(value)
        return text(value)

    story: list[Any] = [
        text(title, "Title"),
        text(_("Planperiode: %(start)s–%(end)s") % {"start": plan.start_year, "end": plan.end_year}),
    ]
    if plan.network_plan_id and plan.network_plan:
        story.append(text(_("Bygger på den overordnede planen: %(plan)s") % {"plan": plan.network_plan}))
    if plan.assessment_id and plan.assessment:
        story.append(text(_("Bygger på: %(assessment)s") % {"assessment": plan.assessment}))
    story += [text(_("Sammendrag"), "Heading2"), text(plan.summary), text(_("Tiltak"), "Heading2")]
    rows = measure_rows(plan)
    if rows:
        data = [[text(h, "Heading6") for h in measure_header()]]
        data += [[cell(i, v) for i, v in enumerate(row)] for row in rows]
        widths = [6.5, 2.6, 2.6, 4.2, 2.8, 2.6, 2.2, 2.2, 1.9]
        table = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ]
            )
        )
        story.append(table)
    else:
        story.append(text(_("Ingen tiltak registrert.")))
    document.build(story)
    return buffer.getvalue()
