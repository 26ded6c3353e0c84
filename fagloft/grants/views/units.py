"""A municipality's and a service's grants: the applications the unit takes part in (the hub's card)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.grants import queries
from fagloft.grants.permissions import VIEW_APPLICATION
from fagloft.grants.views.common import grants_crumb
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import Municipality, Service


def _page(request: HttpRequest, unit: Any, unit_url: str, municipality_ids: list[int]) -> HttpResponse:
    applications = list(
        queries.applications_in_units(request.user, municipality_ids)
        .select_related("call", "lead_municipality", "project", "decision")
        .annotate(requested=Sum("budget_lines__amount"))
        .order_by("-created_at", "pk")
    )
    return render(
        request,
        "grants/unit_applications.html",
        {
            "unit": unit,
            "applications": applications,
            "all_grants_url": grants_crumb()[1],
            "breadcrumbs": breadcrumbs((unit.name, unit_url), (_("Tilskudd"), None)),
        },
    )


@requires(VIEW_APPLICATION)
def municipality_applications(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    return _page(
        request,
        municipality,
        reverse("organizations:municipality-detail", args=[municipality.number]),
        [municipality.pk],
    )


@requires(VIEW_APPLICATION)
def service_applications(request: HttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service, pk=service_id)
    served = list(service.coverages.valid_on(timezone.localdate()).values_list("municipality_id", flat=True))
    return _page(request, service, reverse("organizations:service-detail", args=[service.pk]), served)
