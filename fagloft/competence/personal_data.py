"""Everything the competence app holds about one person, for their own download (GDPR art. 15)."""

from __future__ import annotations

import io
import os
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from fagloft.audit.models import AuditEvent
from fagloft.competence.models import Employee, MappingAnswer

EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "position",
    "fte_percent",
    "started_on",
    "ended_on",
    "does_core_tasks",
    "prior_experience_years",
    "leadership_training",
    "languages",
    "sami_competence",
    "culture_competence",
    "exemption_until",
)


SECTIONS = (
    ("educations", "Utdanning"),
    ("further_educations", "Videreutdanning"),
    ("certifications", "Metodesertifiseringer"),
    ("mapping_answers", "Svar i kartlegginger"),
    ("changes_logged", "Endringer som er logget"),
)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def _row(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in names}


def collect(user: Any) -> dict[str, Any]:
    """Every employment of a logged-in user, for their own download."""
    employments = Employee.objects.filter(user=user)
    return {
        "generated_at": timezone.now().isoformat(),
        "user": user.get_username(),
        "employments": [employment(e) for e in _with_items(employments)],
    }


def collect_employee(employee: Employee) -> dict[str, Any]:
    """Everything held about one employment, also for a person without a login (their leader
    downloads it for them)."""
    found = _with_items(Employee.objects.filter(pk=employee.pk)).get()
    return {"generated_at": timezone.now().isoformat(), "user": found.name, "employments": [employment(found)]}


def _with_items(employees: Any) -> Any:
    return employees.select_related("service").prefetch_related("educations", "further_educations", "certifications")


def employment(employee: Employee) -> dict[str, Any]:
    answers = MappingAnswer.objects.filter(employee=employee).select_related("round", "area")
    return {
        "service": employee.service.name,
        **_row(employee, EMPLOYEE_FIELDS),
        "educations": [_row(e, ("level", "field", "year", "institution", "status")) for e in employee.educations.all()],
        "further_educations": [
            _row(f, ("programme", "title", "ects", "year", "status", "institution"))
            for f in employee.further_educations.all()
        ],
        "certifications": [_row(c, ("method", "year", "note")) for c in employee.certifications.all()],
        "mapping_answers": [
            {
                "round": a.round.title,
                "area": a.area.name_nb,
                "self_rating": a.self_rating,
                "leader_rating": a.leader_rating,
                "comment": a.comment,
            }
            for a in answers
        ],
        "changes_logged": [
            {"at": ev.created_at.isoformat(), "by": ev.actor_name, "verb": ev.verb, "changes": ev.changes}
            for ev in AuditEvent.objects.filter(object_type="competence.employee", object_id=str(employee.pk))[:500]
        ],
    }


# Sami letters (č, đ, ŋ, š, ŧ, ž) are missing from the PDF base fonts, so use DejaVu when installed.
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf")


def _font() -> str:
    for path in FONT_PATHS:
        if os.path.exists(path):
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", path))
            return "DejaVuSans"
    return "Helvetica"


def as_pdf(data: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    font = _font()
    for style in styles.byName.values():
        style.fontName = font
    story: list[Any] = [
        Paragraph("Mine kompetanseopplysninger i Fagløft", styles["Title"]),
        Paragraph(escape(f"Laget {data['generated_at']} for {data['user']}"), styles["Normal"]),
    ]
    for employment in data["employments"]:
        story += [Spacer(1, 12), Paragraph(escape(employment["service"]), styles["Heading2"])]
        story.append(
            Table(
                [[escape(k), escape(str(employment[k]))] for k in EMPLOYEE_FIELDS],
                style=[("FONTNAME", (0, 0), (-1, -1), font)],
            )
        )
        for section, heading in SECTIONS:
            story.append(Paragraph(heading, styles["Heading3"]))
            for item in employment[section] or [{"-": "ingen"}]:
                text = ", ".join(f"{k}: {v}" for k, v in item.items())
                story.append(Paragraph(escape(text[:2000]), styles["Normal"]))
    SimpleDocTemplate(buffer, pagesize=A4, title="Mine kompetanseopplysninger").build(story)
    return buffer.getvalue()
