"""Decision letters (vedtaksbrev) as Word (python-docx) and PDF (reportlab).

A grant decision is an individual decision (enkeltvedtak, docs/domain.md): the letter gives the case
number, the decision and its reasons, a signature block, and the information forvaltningsloven § 27
third paragraph requires: the right to complain, the deadline (three weeks, § 29), and where to send
the complaint (to the body that made the decision, § 32). The rules of the scheme in this project do
not name the appeal body, so the letter names it generally (the superior administrative body, § 28).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from fagloft.grants.models import Decision
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import number


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Letter:
    title: str
    header: list[str]
    paragraphs: list[str]
    sections: list[Section] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def sender_of(decision: Decision) -> str:
    """The county governor that assessed and decided (the applicant's county for a national call)."""
    return _("Statsforvalteren i %(county)s") % {"county": decision.application.county.name}


def compose(decision: Decision) -> Letter:
    application = decision.application
    call = application.call
    sender = sender_of(decision)
    reference = decision.case_number or _("søknad nr. %(id)s") % {"id": application.pk}
    header = [
        _("Fra: %(sender)s") % {"sender": sender},
        _("Til: %(municipality)s, ansvarlig kommune") % {"municipality": application.lead_municipality.name},
        _("Saksnummer: %(case)s") % {"case": reference},
        _("Dato: %(date)s") % {"date": format_date(decision.decided_on, "long")},
    ]
    lines = [_("Gjelder søknad om %(call)s: %(title)s") % {"call": call.title, "title": application.title}]
    if decision.outcome == Decision.Outcome.GRANTED:
        lines.append(_("Vedtak: Søknaden innvilges med %(amount)s kroner.") % {"amount": _kr(decision.amount)})
        if decision.conditions:
            lines.append(_("Vilkår: %(conditions)s") % {"conditions": decision.conditions})
        lines.append(
            _("Midlene må brukes innen %(date)s. Ubrukte midler skal betales tilbake.")
            % {"date": format_date(call.spending_deadline, "long")}
        )
        if call.reporting_duties:
            lines.append(_("Rapportering: %(duties)s") % {"duties": call.reporting_duties})
    else:
        lines.append(_("Vedtak: Søknaden avslås."))
    if decision.reasons:
        lines.append(_("Begrunnelse: %(reasons)s") % {"reasons": decision.reasons})
    appeal = Section(
        _("Du kan klage på vedtaket"),
        [
            _("Vedtaket er et enkeltvedtak, og søkeren har rett til å klage på det (forvaltningsloven § 28)."),
            _("Klagefristen er tre uker fra den dagen søkeren mottok dette brevet (forvaltningsloven § 29)."),
            _(
                "Klagen sendes til %(sender)s, som har fattet vedtaket (forvaltningsloven § 32). Skriv hvilket vedtak "
                "klagen gjelder (saksnummer %(case)s), hva dere ønsker endret, og begrunnelsen for klagen."
            )
            % {"sender": sender, "case": reference},
            _(
                "Hvis %(sender)s ikke gir klagen medhold, sendes den til klageinstansen, det overordnede "
                "forvaltningsorganet, som avgjør klagen endelig."
            )
            % {"sender": sender},
            _("Søkeren har rett til å se dokumentene i saken (forvaltningsloven §§ 18 og 19)."),
        ],
    )
    signature = [_("Med hilsen")]
    decided_by = decision.decided_by
    if decided_by is not None:
        signature.append(decided_by.get_full_name() or decided_by.username)
        if getattr(decided_by, "title", ""):
            signature.append(decided_by.title)
    signature += [sender, _("Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.")]
    return Letter(_("Vedtak om tilskudd"), header, lines, [appeal], signature)


def as_docx(decision: Decision) -> bytes:
    from docx import Document

    letter = compose(decision)
    document = Document()
    document.add_heading(letter.title, level=1)
    for paragraph in [*letter.header, *letter.paragraphs]:
        document.add_paragraph(paragraph)
    for section in letter.sections:
        document.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
    document.add_paragraph("\n".join(letter.signature))
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
    for paragraph in [*letter.header, *letter.paragraphs]:
        story += [Paragraph(_escape(paragraph), styles["BodyText"]), Spacer(1, 6)]
    for section in letter.sections:
        story += [Spacer(1, 6), Paragraph(_escape(section.heading), styles["Heading2"])]
        for paragraph in section.paragraphs:
            story += [Paragraph(_escape(paragraph), styles["BodyText"]), Spacer(1, 6)]
    story += [Spacer(1, 12), Paragraph("<br/>".join(_escape(line) for line in letter.signature), styles["BodyText"])]
    document = SimpleDocTemplate(buffer, pagesize=A4, title=letter.title)
    document.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _kr(amount: object) -> str:
    # Grouped with a plain space in the letter (a no-break space survives neither every PDF reader's
    # copy nor every search).
    return number(amount).replace("\u00a0", " ")
