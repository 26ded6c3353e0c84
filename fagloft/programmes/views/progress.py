"""Progress toward the national target (nearly one third take further education in the strategy
period) and toward 2031: nation, county, municipality, service and network. Aggregates only, with
groups under five suppressed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.networks.models import Network
from fagloft.organizations.models import County, Municipality, Service
from fagloft.programmes import queries
from fagloft.programmes.permissions import VIEW_PROGRESS
from fagloft.programmes.views.common import crumbs


def _page(request: HttpRequest, unit: Any, title: str, extra: dict[str, Any] | None = None) -> HttpResponse:
    return render(
        request,
        "programmes/progress.html",
        {
            "unit": unit,
            "title": title,
            "progress": queries.cached_progress(queries.services_of(unit)),
            **(extra or {}),
            "breadcrumbs": crumbs((_("Fremdrift"), reverse("programmes:progress")), (title, None))
            if unit is not None
            else crumbs((_("Fremdrift"), None)),
        },
    )


@requires(VIEW_PROGRESS)
def nation(request: HttpRequest) -> HttpResponse:
    return _page(request, None, _("Hele landet"), {"county_rows": queries.cached_county_rows(request.user)})


@requires(VIEW_PROGRESS)
def county(request: HttpRequest, county_number: str) -> HttpResponse:
    unit = fetch(request, County, number=county_number)
    return _page(request, unit, unit.name)


@requires(VIEW_PROGRESS)
def municipality(request: HttpRequest, municipality_number: str) -> HttpResponse:
    unit = fetch(request, Municipality, number=municipality_number)
    return _page(request, unit, unit.name)


@requires(VIEW_PROGRESS)
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = fetch(request, Service, pk=service_id)
    return _page(request, unit, unit.name)


@requires(VIEW_PROGRESS)
def network(request: HttpRequest, learning_network_id: int) -> HttpResponse:
    unit = fetch(request, Network, pk=learning_network_id)
    return _page(
        request,
        unit,
        unit.name,
        {"summary": queries.network_summary(unit), "cohorts": list(unit.programme_cohorts.order_by("-year")[:20])},
    )
