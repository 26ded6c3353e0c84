"""An employee's own data: the way to their profile, and downloading everything held about them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.competence import personal_data, queries
from fagloft.competence.permissions import OWN_PROFILE
from fagloft.competence.views.common import crumbs


@requires(OWN_PROFILE)
def my_profile(request: HttpRequest) -> HttpResponse:
    employments = list(queries.own_employments(request.user))
    current = [e for e in employments if e.ended_on is None or e.ended_on >= timezone.localdate()]
    if len(current) == 1:
        return redirect("competence:employee", employee_id=current[0].pk)
    return render(request, "competence/my_profile.html", {
        "employments": employments, "breadcrumbs": crumbs((_("Min profil"), None)),
    })


def _audit_download(request: HttpRequest, kind: str) -> None:
    record(request.user, AuditEvent.Verb.EXPORT, request.user, message=f"egne kompetanseopplysninger ({kind})")


@requires(OWN_PROFILE)
def my_data_json(request: HttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    _audit_download(request, "json")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mine-kompetanseopplysninger.json"'
    return response


@requires(OWN_PROFILE)
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    _audit_download(request, "pdf")
    response = HttpResponse(personal_data.as_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mine-kompetanseopplysninger.pdf"'
    return response


