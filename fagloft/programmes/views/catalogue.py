"""The catalogue: offers, study places per year and institution, application windows."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fagloft.accounts.access import can, has_role, permitted_actions, requires
from fagloft.accounts.roles import Role
from fagloft.programmes import queries, rules
from fagloft.programmes.models import ApplicationWindow, GrantCeiling, OfferKind, StudyPlaceYear
from fagloft.programmes.permissions import APPLY, VIEW_OFFERS, VIEW_PROGRESS
from fagloft.programmes.views.common import crumbs


@requires(VIEW_OFFERS)
def index(request: HttpRequest) -> HttpResponse:
    offers = list(queries.published_offers())
    groups = [(label, [o for o in offers if o.kind == kind]) for kind, label in OfferKind.choices]
    used: dict[int, Any] = {
        row["year"]: row
        for row in queries.allocations().values("year").annotate(places=Sum("places"), admitted=Sum("admitted"))
    }
    years = [
        {
            "row": row,
            "allocated": used.get(row.year, {}).get("places"),
            "admitted": used.get(row.year, {}).get("admitted"),
        }
        for row in StudyPlaceYear.objects.all()
    ]
    now = timezone.now()
    windows = [(w, rules.is_open(w, now)) for w in ApplicationWindow.objects.all()[:6]]
    return render(
        request,
        "programmes/index.html",
        {
            "groups": [(label, items) for label, items in groups if items],
            "years": years,
            "windows": windows,
            "ceilings": list(GrantCeiling.objects.all()),
            "can_view_progress": can(request.user, VIEW_PROGRESS),
            "has_own": has_role(request.user, Role.EMPLOYEE, Role.SERVICE_LEADER),
            "breadcrumbs": crumbs(),
        },
    )


@requires(VIEW_OFFERS)
def offer_detail(request: HttpRequest, programme_offer_id: int) -> HttpResponse:
    # The catalogue is national: any signed-in user reads a published offer.
    offer = get_object_or_404(queries.published_offers(), pk=programme_offer_id)
    now = timezone.now()
    classes = []
    for allocation in offer.allocations.select_related("provider").order_by("-year", "institution"):
        window = rules.window_for(allocation.year)
        classes.append(
            {
                "allocation": allocation,
                "window": window,
                "open": rules.is_open(window, now),
                "permitted": permitted_actions(request.user, allocation),
            }
        )
    return render(
        request,
        "programmes/offer_detail.html",
        {
            "offer": offer,
            "classes": classes,
            "can_apply": can(request.user, APPLY),
            "sites": list(offer.sites.select_related("municipality")) if offer.kind == OfferKind.CERTIFICATION else [],
            "permitted": permitted_actions(request.user, offer),
            "breadcrumbs": crumbs((offer.title, None)),
        },
    )
