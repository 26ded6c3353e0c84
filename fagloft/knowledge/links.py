"""Links from this app into the chain, shown on the lower apps' pages (see fagloft.lib.links):
the hub cards on a municipality's and a service's page, interventions used by a competence plan
measure or a network project, and coverage gaps that became an assessment need."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.access import can, checks_for, visible
from fagloft.knowledge.models import GapNeed, MeasureUse, ProjectUse
from fagloft.knowledge.permissions import VIEW, VIEW_LIBRARY, VIEW_OFFERS
from fagloft.lib.links import Link, many_variant

KIND = _("Kunnskap")


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_OFFERS, municipality):
        return []
    return [
        Link(
            kind=KIND,
            title=_("Dekning av tiltakspyramiden"),
            url=reverse("knowledge:municipality-coverage", args=[municipality.number]),
            detail=_("Tilbud på hvert nivå, mangler og kapasitet"),
            model="knowledge.coverage",
            pk=municipality.pk,
            group="hub",
            order=70,
        )
    ]


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_OFFERS, service):
        return []
    return [
        Link(
            kind=KIND,
            title=_("Tiltak tjenesten tilbyr"),
            url=reverse("knowledge:service-offers", args=[service.pk]),
            detail=_("Tiltaksbank, sertifiserte ansatte og ventetid"),
            model="knowledge.offer",
            pk=service.pk,
            group="hub",
            order=70,
        ),
        Link(
            kind=KIND,
            title=_("Frister i saksbehandlingen"),
            url=reverse("knowledge:service-deadlines", args=[service.pk]),
            detail=_("Lovens frister og tjenestens egne tall"),
            model="knowledge.casedeadline",
            pk=service.pk,
            group="hub",
            order=71,
        ),
    ]


def interventions_of_measure(measure: Any, user: Any) -> list[Link]:
    if not can(user, VIEW):
        return []
    uses = visible(user, VIEW_OFFERS, MeasureUse.objects.filter(plan_measure=measure)).select_related("intervention")
    return [
        Link(
            kind=_("Tiltak i tiltaksbanken"),
            title=use.intervention.name,
            url=reverse("knowledge:intervention-detail", args=[use.intervention_id]),
            model="knowledge.intervention",
            pk=use.intervention_id,
        )
        for use in uses
    ]


def uses_of_project(project: Any, user: Any) -> list[Link]:
    uses = visible(user, VIEW_LIBRARY, ProjectUse.objects.filter(project=project)).select_related(
        "intervention", "library_item"
    )
    links = []
    for use in uses:
        if use.intervention is not None:
            links.append(
                Link(
                    kind=_("Tiltak i tiltaksbanken"),
                    title=use.intervention.name,
                    url=reverse("knowledge:intervention-detail", args=[use.intervention_id]),
                    model="knowledge.intervention",
                    pk=use.intervention_id,
                )
            )
        elif use.library_item is not None and can(user, VIEW_LIBRARY, use.library_item):
            links.append(
                Link(
                    kind=_("Mal fra ressursbiblioteket"),
                    title=use.library_item.title,
                    url=reverse("knowledge:library-item", args=[use.library_item_id]),
                    detail=use.library_item.get_status_display(),
                    model="knowledge.libraryitem",
                    pk=use.library_item_id,
                )
            )
    return links


@many_variant(uses_of_project)
def uses_of_project_many(projects: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    uses = list(
        visible(user, VIEW_LIBRARY, ProjectUse.objects.filter(project__in=[p.pk for p in projects])).select_related(
            "intervention", "library_item"
        )
    )
    items = [use.library_item for use in uses if use.intervention is None and use.library_item is not None]
    found: dict[Any, list[Link]] = {}
    # The library items' own checks together, not one query each.
    with checks_for(user, items):
        for use in uses:
            if use.intervention is not None:
                found.setdefault(use.project_id, []).append(
                    Link(
                        kind=_("Tiltak i tiltaksbanken"),
                        title=use.intervention.name,
                        url=reverse("knowledge:intervention-detail", args=[use.intervention_id]),
                        model="knowledge.intervention",
                        pk=use.intervention_id,
                    )
                )
            elif use.library_item is not None and can(user, VIEW_LIBRARY, use.library_item):
                found.setdefault(use.project_id, []).append(
                    Link(
                        kind=_("Mal fra ressursbiblioteket"),
                        title=use.library_item.title,
                        url=reverse("knowledge:library-item", args=[use.library_item_id]),
                        detail=use.library_item.get_status_display(),
                        model="knowledge.libraryitem",
                        pk=use.library_item_id,
                    )
                )
    return found


def gaps_of_need(need: Any, user: Any) -> list[Link]:
    gaps = visible(user, VIEW_OFFERS, GapNeed.objects.filter(need=need)).select_related("municipality")
    return [
        Link(
            kind=_("Dekningsgap i tiltakspyramiden"),
            title=f"{gap.municipality.name}: {gap.get_level_display()}",
            url=reverse("knowledge:municipality-coverage", args=[gap.municipality.number]),
            model="knowledge.gapneed",
            pk=gap.pk,
        )
        for gap in gaps
    ]


@many_variant(gaps_of_need)
def gaps_of_need_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    gaps = visible(user, VIEW_OFFERS, GapNeed.objects.filter(need_id__in=[n.pk for n in needs])).select_related(
        "municipality"
    )
    found: dict[Any, list[Link]] = {}
    for gap in gaps:
        found.setdefault(gap.need_id, []).append(
            Link(
                kind=_("Dekningsgap i tiltakspyramiden"),
                title=f"{gap.municipality.name}: {gap.get_level_display()}",
                url=reverse("knowledge:municipality-coverage", args=[gap.municipality.number]),
                model="knowledge.gapneed",
                pk=gap.pk,
            )
        )
    return found


PROVIDERS = [
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
    ("competence.planmeasure", interventions_of_measure),
    ("networks.developmentproject", uses_of_project),
    ("assessments.need", gaps_of_need),
]
