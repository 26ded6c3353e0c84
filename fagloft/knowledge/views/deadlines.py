"""Casework guidance: the legal deadlines, with sources, BFK links and the service's own figures."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.knowledge import queries
from fagloft.knowledge.permissions import CURATE, VIEW, VIEW_OFFERS
from fagloft.knowledge.views.common import crumbs
from fagloft.organizations.models import Service


@requires(VIEW)
def deadlines(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = list(visible(request.user, VIEW_OFFERS, Service.objects.order_by("name"))[:50])
    return render(
        request,
        "knowledge/deadlines.html",
        {
            "rows": queries.deadline_figures(queries.deadlines()),
            "services": own,
            "service": None,
            "can_curate": can(request.user, CURATE),
            "breadcrumbs": crumbs((_("Saksbehandlingsfrister"), None)),
        },
    )


@requires(VIEW_OFFERS)
def service_deadlines(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service.objects.select_related("host_municipality"), pk=service_id)
    return render(
        request,
        "knowledge/deadlines.html",
        {
            "rows": queries.deadline_figures(queries.deadlines(), service=service),
            "services": [],
            "service": service,
            "breadcrumbs": crumbs((_("Saksbehandlingsfrister"), reverse("knowledge:deadlines")), (service.name, None)),
        },
    )
