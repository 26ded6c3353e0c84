"""The municipality page is a hub: one card to the municipality's cost model and simulated risk."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.access import can
from fagloft.economy.models import SimulationRun
from fagloft.economy.permissions import VIEW_COSTS
from fagloft.lib.formatting import money
from fagloft.lib.links import Link


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_COSTS, municipality):
        return []
    latest = (
        SimulationRun.objects.filter(municipality=municipality, status=SimulationRun.Status.DONE)
        .order_by("-created_at", "-pk")
        .only("results", "year")
        .first()
    )
    detail = (
        _("P99 %(p99)s (%(year)s)") % {"p99": money(latest.results.get("p99")), "year": latest.year}
        if latest is not None and latest.results.get("p99") is not None
        else _("Ingen simulering ennå")
    )
    return [
        Link(
            kind=_("Økonomi"),
            title=_("Kostnadsrisiko"),
            url=reverse("economy:municipality", args=[municipality.pk]),
            detail=detail,
            model="economy.costmodel",
            pk=municipality.pk,
            group="hub",
            order=70,
        )
    ]


PROVIDERS = [("organizations.municipality", municipality_hub)]
