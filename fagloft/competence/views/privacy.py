"""An employee's own data: the way to their profile, and downloading everything held about them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.competence import personal_data, queries, services
from fagloft.competence.models import Employee
from fagloft.competence.permissions import ERASE_EMPLOYEE, EXPORT_PROFILE, OWN_PROFILE, VIEW_PROFILE
from fagloft.competence.views.common import crumbs, service_crumbs
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.refusals import Refused

# Profiles of people who are anonymised are gone for everyone.
PROFILES = Employee.objects.select_related("service").filter(anonymised_at__isnull=True)


@requires(OWN_PROFILE)
def my_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    employments = list(queries.own_employments(request.user))
    current = [e for e in employments if e.ended_on is None or e.ended_on >= timezone.localdate()]
    if len(current) == 1:
        return redirect("competence:employee", employee_id=current[0].pk)
    return render(
        request,
        "competence/my_profile.html",
        {
            "employments": employments,
            "breadcrumbs": crumbs((_("Min profil"), None)),
        },
    )


def _audit_download(request: AuthenticatedHttpRequest, kind: str) -> None:
    record(request.user, AuditEvent.Verb.EXPORT, request.user, message=f"egne kompetanseopplysninger ({kind})")


@requires(OWN_PROFILE)
def my_data_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    _audit_download(request, "json")
    return _json_download(data, "mine-kompetanseopplysninger.json")


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: no copy in a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


@requires(EXPORT_PROFILE)
def employee_data_json(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    """Everything held about one person (GDPR art. 15): the person's own download, or the one their
    leader makes for someone without a login."""
    employee = fetch(request, PROFILES, pk=employee_id)
    data = personal_data.collect_employee(employee)
    record(request.user, AuditEvent.Verb.EXPORT, employee, message="alle kompetanseopplysninger om en ansatt (json)")
    return _json_download(data, f"kompetanseopplysninger-{employee.pk}.json")


@requires(ERASE_EMPLOYEE, read=VIEW_PROFILE)
def employee_erase(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    """Erasure on the person's request (GDPR art. 17): irreversible, so a confirmation step first."""
    employee = fetch(request, PROFILES, pk=employee_id)
    confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
    confirm = ConfirmForm(request.POST if confirmed else None)
    if confirmed and confirm.is_valid():
        try:
            services.erase_employee(request.user, employee)
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Personopplysningene er slettet."))
        return redirect("competence:staff", service_id=employee.service_id)
    return render(
        request,
        "competence/employee_erase.html",
        {
            "employee": employee,
            "confirm_form": confirm,
            "consequences": [
                _(
                    "Navn, e-post, språk, fritekst, lærested og kommentarer i kartlegginger om %(name)s slettes, "
                    "og koblingen til brukerkontoen fjernes."
                )
                % {"name": employee.name},
                _(
                    "Tidligere hendelser i loggen om personen beholdes uten personopplysninger: hvem som gjorde "
                    "hva og når, men ikke verdiene."
                ),
                _(
                    "Stilling, stillingsprosent, datoer og utdanningsnivå beholdes uten navn, slik at turnover og "
                    "kompetansekrav for tjenesten fortsatt stemmer."
                ),
                _("Dette kan ikke angres. Last ned opplysningene først hvis personen vil ha en kopi."),
            ],
            "submit": _("Slett personopplysningene"),
            "cancel_url": reverse("competence:employee", args=[employee.pk]),
            "breadcrumbs": service_crumbs(
                employee.service,
                (_("Ansatte"), reverse("competence:staff", args=[employee.service_id])),
                (employee.name, reverse("competence:employee", args=[employee.pk])),
                (_("Slett personopplysninger"), None),
            ),
        },
    )


@requires(OWN_PROFILE)
def my_data_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    _audit_download(request, "pdf")
    response = HttpResponse(personal_data.as_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mine-kompetanseopplysninger.pdf"'
    return response
