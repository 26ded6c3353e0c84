"""A municipality's and a service's grants: the applications the unit takes part in (the hub's card)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.grants import queries
from fagloft.grants.models import Application, Decision
from fagloft.grants.permissions import VIEW_APPLICATION
from fagloft.grants.views.common import grants_crumb, pk_url
from fagloft.lib.formatting import money
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import Municipality, Service

UNIT_COLUMNS = (
    "title",
    "status",
    "created_at",
    "call__title",
    "lead_municipality__name",
    "project__title",
    "decision__outcome",
    "decision__amount",
)


def _page(request: HttpRequest, unit: Any, unit_url: str, municipality_ids: list[int]) -> HttpResponse:
    applications = list(
        queries.applications_in_units(request.user, municipality_ids)
        .select_related("call", "lead_municipality", "project", "decision")
        # Only the columns the table shows: a big municipality takes part in hundreds.
        .only(*UNIT_COLUMNS)
        .annotate(requested=queries.budget_sum())
        .order_by("-created_at", "pk")
    )
    return render(
        request,
        "grants/unit_applications.html",
        {
            "unit": unit,
            "rows": _rows(applications),
            "all_grants_url": grants_crumb()[1],
            "breadcrumbs": breadcrumbs((unit.name, unit_url), (_("Tilskudd"), None)),
        },
    )


def _rows(applications: Sequence[Application]) -> list[dict[str, Any]]:
    """The table as plain values, made in one pass: a big municipality takes part in hundreds of
    applications, and per-row template lookups (a missing decision, `get_status_display`, `{% url %}`)
    cost more than the rest of the page."""
    labels = dict(Application.Status.choices)
    application_url = pk_url("grants:application-detail")
    project_url = pk_url("networks:project-detail")
    rows = []
    for application in applications:
        decision = getattr(application, "decision", None)
        project = application.project
        rows.append(
            {
                "url": application_url(application.pk),
                "title": application.title,
                "call": application.call.title,
                "project_url": project_url(project.pk) if project else None,
                "project": project.title if project else None,
                "lead": application.lead_municipality.name,
                "requested": money(application.requested or 0),  # type: ignore[attr-defined]
                "granted": money(decision.amount)
                if decision is not None and decision.outcome == Decision.Outcome.GRANTED
                else None,
                "status": labels.get(application.status, application.status),
            }
        )
    return rows


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
