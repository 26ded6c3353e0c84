"""Decision letters (vedtaksbrev) as Word (python-docx) and PDF (reportlab)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from fagloft.grants.models import Decision


@dataclass(frozen=True)
class Letter:
    title: str
    paragraphs: list[str]


def compose(decision: Decision) -> Letter:
    application = decision.application
    call = application.call
    sender = call.county.name if call.county else "Bufdir"
    lines = [
        _("Fra: Statsforvalteren i %(county)s") % {"county": sender} if call.county else _("Fra: Bufdir"),
        _("Til: %(municipality)s, ansvarlig kommune") % {"municipality": application.lead_municipality.name},
        _("Dato: %(date)s") % {"date": formats.date_format(decision.decided_on, "j. F Y")},
        _("Gjelder søknad om %(call)s: %(title)s") % {"call": call.title, "title": application.title},
    ]
    if decision.outcome == Decision.Outcome.GRANTED:
        lines.append(_("Vedtak: Søknaden innvilges med %(amount)s kroner.") % {"amount": _kr(decision.amount)})
        if decision.conditions:
            lines.append(_("Vilkår: %(conditions)s") % {"conditions": decision.conditions})
        lines.append(_("Midlene må brukes innen %(date)s. Ubrukte midler skal betales tilbake.")
                     % {"date": formats.date_format(call.spending_deadline, "j. F Y")})
        if call.reporting_duties:
            lines.append(_("Rapportering: %(duties)s") % {"duties": call.reporting_duties})
    else:
        lines.append(_("Vedtak: Søknaden avslås."))
    if decision.reasons:
        lines.append(_("Begrunnelse: %(reasons)s") % {"reasons": decision.reasons})
    lines.append(_("Vedtaket kan påklages innen tre uker etter at det er mottatt (forvaltningsloven § 29)."))
    return Letter(_("Vedtak om tilskudd"), lines)


def as_docx(decision: Decision) -> bytes:
    from docx import Document

    letter = compose(decision)
    document = Document()
    document.add_heading(letter.title, level=1)
    for paragraph in letter.paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(decision: Decision) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    letter = compose(decision)
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    story = [Paragraph(_escape(letter.title), styles["Title"]), Spacer(1, 12)]
    for paragraph in letter.paragraphs:
        story += [Paragraph(_escape(paragraph), styles["BodyText"]), Spacer(1, 6)]
    document = SimpleDocTemplate(buffer, pagesize=A4, title=letter.title)
    document.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _kr(amount: object) -> str:
    return f"{int(amount):,}".replace(",", " ")
