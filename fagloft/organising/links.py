"""Reverse links: an agreement drafted from a proposal shows the proposal; the county's and each
municipality's pages lead to the county's organising page (for those who may read it)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, visible
from fagloft.lib.links import Link
from fagloft.organising.models import Proposal, ProposedService
from fagloft.organising.permissions import VIEW


def agreement_origin(agreement: Any, user: Any) -> list[Link]:
    proposals = visible(user, VIEW, Proposal.objects.filter(services__agreement=agreement))
    services = ProposedService.objects.filter(agreement=agreement, proposal__in=proposals).select_related(
        "proposal", "host"
    )
    return [
        Link(
            kind=_("Organiseringsforslag"),
            title=service.proposal.title,
            url=reverse("organising:proposal-detail", args=[service.proposal_id]),
            detail=_("Tjenesten med %(host)s som vertskommune") % {"host": service.host.name},
            model="organising.proposedservice",
            pk=service.pk,
        )
        for service in services
    ]


def _hub(county: Any, unit: Any, user: Any) -> list[Link]:
    if county is None or not can(user, VIEW, county):
        return []
    count = visible(user, VIEW, Proposal.objects.filter(county=county)).count()
    return [
        Link(
            kind=_("Organisering"),
            title=_("Organisering i %(county)s") % {"county": county.name},
            url=reverse("organising:county", args=[county.number]),
            detail=_("%(n)s forslag") % {"n": count},
            model=f"organizations.{unit._meta.model_name}",
            pk=unit.pk,
            group="hub",
            order=70,
        )
    ]


def county_hub(county: Any, user: Any) -> list[Link]:
    return _hub(county, county, user)


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    return _hub(municipality.county, municipality, user)


PROVIDERS = [
    ("organizations.cooperationagreement", agreement_origin),
    ("organizations.county", county_hub),
    ("organizations.municipality", municipality_hub),
]
