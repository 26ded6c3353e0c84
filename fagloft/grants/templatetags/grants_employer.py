"""`{% employer_grants application as employer %}`: the employer grant lines per admitted student
of a further-education application, for `grants/_employer_grants.html` (included on the
application's pages without their views having to pass anything)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.grants import employer_grants
from fagloft.grants.models import Call
from fagloft.grants.permissions import APPLY
from fagloft.programmes import queries as programme_queries

register = template.Library()


@register.simple_tag(takes_context=True, name="employer_grants")
def employer_grants_tag(context: Any, application: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if application is None or application.call.kind != Call.Kind.FURTHER_EDUCATION:
        return {"applies": False}
    lines = employer_grants.lines_of(application)
    # The assessors need the amounts per student, not who the students are: names only to those
    # who may see the enrolment as a person (the five-person rule's spirit for a short list).
    named = (
        set(
            programme_queries.visible_enrolments(user)
            .filter(pk__in=[line.enrolment_id for line in lines])
            .values_list("pk", flat=True)
        )
        if user is not None and user.is_authenticated
        else set()
    )
    for number, line in enumerate(lines, start=1):
        line.student_label = (  # type: ignore[attr-defined]  # read by the partial only
            str(line.enrolment.employee) if line.enrolment_id in named else _("Student %(number)s") % {"number": number}
        )
    return {
        "applies": True,
        "lines": lines,
        "total": sum((line.total for line in lines), employer_grants.ZERO),
        "can_edit": application.is_editable and user is not None and can(user, APPLY, application),
    }
