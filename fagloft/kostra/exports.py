"""The control results of a run as files: a PDF and an Excel workbook (control, name, severity,
number of findings, journal numbers).

Builders only: the view checks the action (the uploader alone), sets the headers and writes the
audit row. The files carry journal numbers, never a name or an identity number (the report holds
neither). Spreadsheet cells go through `fagloft.lib.spreadsheets.escape_formula`: a journal number
is typed by the case system's users, and one written as `=HYPERLINK(…)` must stay text.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fagloft.kostra import queries
from fagloft.kostra.models import ValidationRun
from fagloft.lib import formatting
from fagloft.lib.spreadsheets import escape_row

JOURNALS_PER_ROW = 60
# Excel holds at most 32,767 characters in a cell; the full list is on the second sheet anyway.
MAX_CELL = 32_000


def filename(run: ValidationRun, extension: str) -> str:
    """«KOSTRA 15F-kontroll Tromsø 2024.pdf»: the service's own spelling, ø and all (the view sends
    it as RFC 5987 `filename*`)."""
    name = f"{_('KOSTRA 15F-kontroll')} {run.service.name}" + (f" {run.year}" if run.year else "")
    return "".join(c for c in name if c not in '/\\:*?"<>|') + "." + extension


def severity_label(severity: str) -> str:
    # "Feil" alone is also the plural column heading ("Errors"); the severity of one finding is singular.
    return pgettext("alvorlighet", "Feil") if severity == "ERROR" else pgettext("alvorlighet", "Advarsel")


def header() -> list[str]:
    return [_("Kontroll"), _("Navn"), _("Alvorlighet"), _("Antall funn"), _("Journalnummer")]


def rows(run: ValidationRun) -> list[list[Any]]:
    return [
        [r.rule or "–", r.name, severity_label(r.severity), r.count, _cell_text(", ".join(r.journals))]
        for r in queries.rule_results(run)
    ]


def journal_rows(run: ValidationRun) -> list[list[Any]]:
    """One row per control and journal number (the list in full, for sorting and filtering)."""
    return [
        [r.rule or "–", severity_label(r.severity), journal]
        for r in queries.rule_results(run)
        for journal in r.journals
    ]


def _cell_text(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL].rsplit(", ", 1)[0] + ", …"


def facts(run: ValidationRun) -> list[tuple[str, str]]:
    districts = queries.district_labels(run)
    return [
        (_("Fil"), run.file_name),
        (_("Tjeneste"), run.service.name),
        (_("Rapporteringsår"), str(run.year or "–")),
        (_("Kommunenummer i filen"), run.municipality_number or "–"),
        *([(_("Bydeler i filen"), ", ".join(districts))] if districts else []),
        (_("Individer"), formatting.number(run.summary.get("children", 0))),
        (_("Feil"), formatting.number(run.error_count)),
        (_("Advarsler"), formatting.number(run.warning_count)),
        (_("Kontrollert"), formatting.datetime_(run.finished_at or run.created_at)),
    ]


def as_xlsx(run: ValidationRun) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Kontroller")[:31]
    for label, value in facts(run):
        sheet.append(escape_row([label, value]))
    sheet.append([])
    sheet.append(escape_row(header()))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows(run):
        sheet.append(escape_row(row))
        sheet.cell(row=sheet.max_row, column=5).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDE", (18, 48, 12, 12, 60), strict=True):
        sheet.column_dimensions[column].width = width
    journals = workbook.create_sheet(_("Journalnummer")[:31])
    journals.append(escape_row([_("Kontroll"), _("Alvorlighet"), _("Journalnummer")]))
    for cell in journals[1]:
        cell.font = Font(bold=True)
    for row in journal_rows(run):
        journals.append(escape_row(row))
    for column, width in zip("ABC", (18, 12, 30), strict=True):
        journals.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(run: ValidationRun) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    title = _("Kontroll av %(name)s") % {"name": run.file_name}
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=1.5 * cm, rightMargin=1.5 * cm)

    def text(value: Any, style: str = "BodyText") -> Paragraph:
        return Paragraph(escape(str(value if value not in (None, "") else "–")), styles[style])

    story: list[Any] = [text(title, "Title")]
    story.append(
        Table([[text(label, "Heading6"), text(value)] for label, value in facts(run)], colWidths=[5 * cm, 12 * cm])
    )
    story.append(Spacer(1, 0.4 * cm))
    results = queries.rule_results(run)
    if results:
        data = [[text(h, "Heading6") for h in header()]]
        for result in results:
            # Up to 1,000 journal numbers per control: one table row cannot be taller than a page
            # (reportlab refuses it), so long lists continue on rows of their own.
            chunks = [
                result.journals[i : i + JOURNALS_PER_ROW] for i in range(0, len(result.journals), JOURNALS_PER_ROW)
            ] or [[]]
            data.append(
                [
                    text(result.rule or "–"),
                    text(result.name),
                    text(severity_label(result.severity)),
                    text(formatting.number(result.count)),
                    text(", ".join(chunks[0])),
                ]
            )
            data += [["", "", "", "", text(", ".join(chunk))] for chunk in chunks[1:]]
        table = Table(data, colWidths=[2.8 * cm, 5.2 * cm, 2.2 * cm, 1.8 * cm, 6 * cm], repeatRows=1)
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
        story.append(text(_("Ingen feil eller advarsler. Filen består SSBs kontroller.")))
    document.build(story)
    return buffer.getvalue()
