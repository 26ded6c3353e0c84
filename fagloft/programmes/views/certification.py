"""Certification coverage for the nation, a county and a service (see `programmes.coverage`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires, visible
from fagloft.organizations.models import County, Service
from fagloft.programmes import coverage
from fagloft.programmes.permissions import VIEW_PROGRESS, VIEW_SERVICE_ENROLMENTS
from fagloft.programmes.views.common import crumbs


def _months(request: HttpRequest) -> int:
    value = request.GET.get("maaneder", "")
    if value.isdigit():
        return min(max(int(value), 1), coverage.MONTHS_MAX)
    return coverage.MONTHS_DEFAULT


def _page(request: HttpRequest, title: str, context: dict[str, Any], unit_crumb: bool) -> HttpResponse:
    months = context["months"]
    return render(
        request,
        "programmes/certification.html",
        {
            "title": title,
            "months_choices": [3, 6, 12, 24],
            "today": timezone.localdate(),
            "horizon": coverage.add_months(timezone.localdate(), months),
            **context,
            "breadcrumbs": crumbs((_("Sertifisering"), reverse("programmes:certification")), (title, None))
            if unit_crumb
            else crumbs((_("Sertifisering"), None)),
        },
    )


@requires(VIEW_PROGRESS)
def nation(request: HttpRequest) -> HttpResponse:
    months = _months(request)
    counties = list(visible(request.user, VIEW_PROGRESS, County.objects.valid_on()).order_by("number"))
    return _page(
        request,
        _("Sertifiseringsprogrammer i hele landet"),
        {"months": months, "level": "nation", "offers": coverage.national(counties, months)},
        unit_crumb=False,
    )


@requires(VIEW_PROGRESS)
def county(request: HttpRequest, county_number: str) -> HttpResponse:
    unit = fetch(request, County, number=county_number)
    months = _months(request)
    return _page(
        request,
        _("Sertifiseringsprogrammer i %(county)s") % {"county": unit.name},
        {"months": months, "level": "county", "unit": unit, "offers": coverage.for_county(unit, months)},
        unit_crumb=True,
    )


@requires(VIEW_PROGRESS)
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = fetch(request, Service, pk=service_id)
    months = _months(request)
    with_names = can(request.user, VIEW_SERVICE_ENROLMENTS, unit)
    return _page(
        request,
        _("Sertifiseringsprogrammer: %(service)s") % {"service": unit.name},
        {
            "months": months,
            "level": "service",
            "unit": unit,
            "with_names": with_names,
            "offers": coverage.for_service(unit, months, with_names),
        },
        unit_crumb=True,
    )
