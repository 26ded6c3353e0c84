"""Hub links: a municipality's and a service's page lead to their assessments and risk history,
for the roles that may read assessments there."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries
from fagloft.assessments.models import RiskLevel
from fagloft.lib.links import Link
from fagloft.organizations.models import ServiceCoverage


def _latest_detail(history: list[tuple[int, str]]) -> str:
    if not history:
        return _("Ingen vurdering sendt til Statsforvalteren ennå")
    year, level = history[-1]
    return _("{year}: {level} risiko").format(year=year, level=str(dict(RiskLevel.choices)[level]).lower())


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, perms.VIEW_ASSESSMENT, municipality):
        return []
    links = [
        Link(
            kind=_("Risiko og tilstand"),
            title=_("Risiko- og tilstandsvurderinger"),
            url=reverse("assessments:list") + f"?kommune={municipality.number}",
            detail=_("Vurderingene til tjenestene som dekker {name}").format(name=municipality.name),
            model="assessments.assessment",
            group="hub",
            order=20,
        )
    ]
    coverages = ServiceCoverage.objects.valid_on().filter(municipality=municipality).select_related("service")
    for coverage in coverages:
        service = coverage.service
        links.append(
            Link(
                kind=_("Risikohistorikk"),
                title=_("Risikohistorikk: {service}").format(service=service.name),
                url=reverse("assessments:risk-history", args=[service.pk]),
                detail=_latest_detail(queries.risk_history(service)),
                model="organizations.service",
                pk=service.pk,
                group="hub",
                order=21,
            )
        )
    return links


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, perms.VIEW_ASSESSMENT, service):
        return []
    return [
        Link(
            kind=_("Risiko og tilstand"),
            title=_("Risiko- og tilstandsvurderinger"),
            url=reverse("assessments:list") + f"?tjeneste={service.pk}",
            model="assessments.assessment",
            group="hub",
            order=20,
        ),
        Link(
            kind=_("Risikohistorikk"),
            title=_("Risikohistorikk"),
            url=reverse("assessments:risk-history", args=[service.pk]),
            detail=_latest_detail(queries.risk_history(service)),
            model="organizations.service",
            pk=service.pk,
            group="hub",
            order=21,
        ),
    ]


PROVIDERS = [("organizations.municipality", municipality_hub), ("organizations.service", service_hub)]
