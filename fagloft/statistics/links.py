"""Hub links: the municipality's and the service's pages lead to their indicator values in one step."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.lib.links import Link
from fagloft.statistics.models import IndicatorValue
from fagloft.statistics.permissions import VIEW_STATISTICS


def _latest_year(unit_key: str) -> int | None:
    # One indexed query whatever the size of the tree (`unit_key` leads an index).
    return IndicatorValue.objects.filter(unit_key=unit_key).aggregate(latest=Max("year"))["latest"]


def _detail(latest: int | None) -> str:
    if latest is None:
        return _("Ingen tall registrert ennå.")
    return _("Indikatorer med tall til og med %(year)s, sammenlignet med fylket og landet.") % {"year": latest}


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_STATISTICS, municipality):
        return []
    return [
        Link(
            kind=_("Statistikk"),
            title=_("Statistikk for %(name)s") % {"name": municipality.name},
            url=reverse("statistics:municipality", args=[municipality.number]),
            detail=_detail(_latest_year(f"m:{municipality.pk}")),
            model="organizations.municipality",
            pk=municipality.pk,
            group="hub",
            order=10,
        )
    ]


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_STATISTICS, service):
        return []
    return [
        Link(
            kind=_("Statistikk"),
            title=_("Statistikk for %(name)s") % {"name": service.name},
            url=reverse("statistics:service", args=[service.pk]),
            detail=_detail(_latest_year(f"s:{service.pk}")),
            model="organizations.service",
            pk=service.pk,
            group="hub",
            order=10,
        )
    ]


PROVIDERS = [
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
