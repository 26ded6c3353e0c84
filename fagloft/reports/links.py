"""Links from reports to the pages below it (fagloft.lib.links): the municipality's and the service's
pages lead to their tilstandsrapporter (hub)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.lib.links import Link
from fagloft.reports.models import Report
from fagloft.reports.permissions import VIEW


def _detail(report: Report | None) -> str:
    if report is None:
        return _("Ingen rapport ennå")
    return f"{report.year}: {report.get_status_display()}"


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW, municipality):
        return []
    latest = Report.objects.filter(municipalities=municipality).order_by("-year", "-pk").first()
    return [
        Link(
            _("Tilstandsrapport"),
            _("Tilstandsrapporter for %(name)s") % {"name": municipality.name},
            reverse("reports:municipality", args=[municipality.number]),
            detail=_detail(latest),
            model="organizations.municipality",
            pk=municipality.pk,
            group="hub",
            order=90,
        )
    ]


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, VIEW, service):
        return []
    latest = Report.objects.filter(service=service).order_by("-year", "-pk").first()
    return [
        Link(
            _("Tilstandsrapport"),
            _("Tilstandsrapporter for %(name)s") % {"name": service.name},
            reverse("reports:list"),
            detail=_detail(latest),
            model="organizations.service",
            pk=service.pk,
            group="hub",
            order=90,
        )
    ]


PROVIDERS = [
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
