"""The assessment as files: a PDF of the whole assessment and an Excel workbook of its tables
(themes with likelihood, consequence, score and band; follow-up measures).

Builders only: the view checks the read action, sets the headers and writes the audit row.
Spreadsheet cells go through `fagloft.lib.spreadsheets.escape_formula`, so a measure typed as
`=HYPERLINK(…)` stays text when the file is opened.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from fagloft.assessments import queries
from fagloft.assessments.models import Assessment
from fagloft.lib import formatting
from fagloft.lib.spreadsheets import escape_row


def filename(assessment: Assessment, extension: str) -> str:
    """«Risiko- og tilstandsvurdering Tromsø 2025.pdf»: the service's own spelling, ø and all (the
    view sends it as RFC 5987 `filename*` with an ASCII fallback)."""
    name = f"{_('Risiko- og tilstandsvurdering')} {assessment.service.name} {assessment.year}"
    if assessment.revision > 1:
        name += f" v{assessment.revision}"
    return "".join(c for c in name if c not in '/\\:*?"<>|') + "." + extension


def theme_rows(assessment: Assessment) -> list[list[Any]]:
    bands = queries.risk_bands()
    labels = dict(Assessment._meta.get_field("risk_level").choices or [])
    rows = []
    for entry in assessment.entries.select_related("theme"):
        band = queries.band_for(entry.score, bands)
        rows.append(
            [
                entry.theme.name,
                entry.likelihood,
                entry.consequence,
                entry.score,
                str(labels.get(band, "")) if band else "",
                entry.own_judgement,
            ]
        )
    return rows


def measure_rows(assessment: Assessment) -> list[list[Any]]:
    return [
        [m.description, m.theme.name if m.theme else "", m.owner, m.deadline, m.get_status_display()]
        for m in assessment.measures.select_related("theme")
    ]


def theme_header() -> list[str]:
    return [
        _("Tema"),
        _("Sannsynlighet"),
        _("Konsekvens"),
        _("Risiko (produkt)"),
        _("Risikonivå"),
        _("Tjenestens vurdering"),
    ]


def measure_header() -> list[str]:
    return [_("Tiltak"), _("Tema"), _("Ansvarlig"), _("Frist"), _("Status")]


def as_xlsx(assessment: Assessment) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    themes = workbook.active
    themes.title = _("Temaer")[:31]
    measures = workbook.create_sheet(_("Tiltak")[:31])
    for sheet, header, rows in (
        (themes, theme_header(), theme_rows(assessment)),
        (measures, measure_header(), measure_rows(assessment)),
    ):
        sheet.append(escape_row(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(escape_row(row))
            for cell in sheet[sheet.max_row]:
                if hasattr(cell.value, "year") and not isinstance(cell.value, str):
                    cell.number_format = "DD.MM.YYYY"
        for column, width in zip("ABCDEF", (36, 14, 14, 16, 14, 60), strict=False):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(assessment: Assessment, signals: list[dict[str, Any]]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    title = f"{_('Risiko- og tilstandsvurdering')} {assessment.year}: {assessment.service.name}"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=2 * cm, rightMargin=2 * cm)

    def text(value: Any, style: str = "BodyText") -> Paragraph:
        return Paragraph(escape(str(value or "–")).replace("\n", "<br/>"), styles[style])

    def cell(value: Any) -> Any:
        if value is None or value == "":
            return "–"
        if hasattr(value, "year") and not isinstance(value, str):
            return formatting.date(value)
        return text(value) if isinstance(value, str) else formatting.number(value)

    def table(header: list[str], rows: list[list[Any]], widths: list[float]) -> Table:
        data = [[text(h, "Heading6") for h in header]] + [[cell(v) for v in row] for row in rows]
        result = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
        result.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ]
            )
        )
        return result

    risk = assessment.get_risk_level_display() if assessment.risk_level else _("Ikke satt")
    story: list[Any] = [
        text(title, "Title"),
        text(
            _("Status: {status}. Versjon {revision}. Samlet risikonivå: {risk}.").format(
                status=assessment.get_status_display(), revision=assessment.revision, risk=risk
            )
        ),
        text(_("Frist for innsending")),
        text(formatting.date(assessment.due_date, "long") or "–"),
        text(_("Konklusjon"), "Heading2"),
        text(assessment.conclusion),
        text(_("Hva tjenesten trenger"), "Heading2"),
        *(
            [
                text(
                    "{kind}{theme}: {text}".format(
                        kind=need.get_kind_display(),
                        theme=f" ({need.theme.name})" if need.theme_id and need.theme else "",
                        text=need.description,
                    )
                )
                for need in assessment.need_items.select_related("theme")
            ]
            or [text("–")]
        ),
        text(_("Hva kommuneledelsen forplikter seg til"), "Heading2"),
        text(assessment.leadership_commitment),
        text(_("Temaer"), "Heading2"),
        table(theme_header(), theme_rows(assessment), [4.2, 2.2, 2.2, 2.2, 2.2, 4]),
        Spacer(1, 0.4 * cm),
        text(_("Oppfølgingstiltak"), "Heading2"),
    ]
    measures = measure_rows(assessment)
    story.append(
        table(measure_header(), measures, [5.5, 3, 3, 2.2, 3.3]) if measures else text(_("Ingen tiltak registrert."))
    )
    fired = [s for s in signals if s.get("fired")]
    story.append(text(_("Signaler"), "Heading2"))
    story += [text(f"{_(str(s.get('name', '')))}: {s.get('message', '')}") for s in fired] or [
        text(_("Ingen signaler slo ut."))
    ]
    document.build(story)
    return buffer.getvalue()
