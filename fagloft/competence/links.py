"""The reverse side of competence's links, shown on lower apps' pages (see `fagloft.lib.links`).

- An assessment need: the competence plan measures that answer it.
- A network's overall plan revision: the competence plans that build on it, and (with the network)
  the members' mapping gaps by framework area, summed over their services with the same
  anonymity rule as every aggregate here (`CompetenceSettings.min_group_size`, five people).
- A municipality or service: the hub card to its competence pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.accounts.access import can, visible
from fagloft.competence import queries
from fagloft.competence.models import CompetencePlan, CompetenceSettings, PlanMeasure
from fagloft.competence.permissions import VIEW_OVERVIEW, VIEW_PLAN
from fagloft.lib.formatting import number
from fagloft.lib.links import Link, many_variant

MEASURES_KIND = gettext_lazy("Tiltak i kompetanseplanen")
PLANS_KIND = gettext_lazy("Kompetanseplaner som bygger på planen")
GAPS_KIND = gettext_lazy("Kompetansebehov fra medlemmenes kartlegging")
HUB_KIND = gettext_lazy("Kompetanse og bemanning")


def measures_answering(need: Any, user: Any) -> list[Link]:
    measures = visible(
        user, VIEW_PLAN, PlanMeasure.objects.filter(need_id=need.pk).select_related("plan__service")
    ).order_by("plan__start_year", "pk")
    return [
        Link(
            kind=MEASURES_KIND,
            title=m.description,
            url=reverse("competence:plan", args=[m.plan_id]),
            detail=f"{m.plan.title}, {m.plan.service.name}: {m.get_state_display()}",
            model="competence.planmeasure",
            pk=m.pk,
            order=20,
        )
        for m in measures
    ]


@many_variant(measures_answering)
def measures_answering_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    measures = visible(
        user,
        VIEW_PLAN,
        PlanMeasure.objects.filter(need_id__in=[n.pk for n in needs]).select_related("plan__service"),
    ).order_by("plan__start_year", "pk")
    found: dict[Any, list[Link]] = {}
    for m in measures:
        found.setdefault(m.need_id, []).append(
            Link(
                kind=MEASURES_KIND,
                title=m.description,
                url=reverse("competence:plan", args=[m.plan_id]),
                detail=f"{m.plan.title}, {m.plan.service.name}: {m.get_state_display()}",
                model="competence.planmeasure",
                pk=m.pk,
                order=20,
            )
        )
    return found


def plans_on_overall_plan(plan: Any, user: Any) -> list[Link]:
    plans = visible(
        user, VIEW_PLAN, CompetencePlan.objects.filter(network_plan_id=plan.pk).select_related("service")
    ).order_by("service__name", "-start_year")
    return [
        Link(
            kind=PLANS_KIND,
            title=p.title,
            url=reverse("competence:plan", args=[p.pk]),
            detail=f"{p.service.name}, {p.start_year}–{p.end_year}",
            model="competence.competenceplan",
            pk=p.pk,
            order=20,
        )
        for p in plans
    ]


def _gap_links(network: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_OVERVIEW, network):
        return []
    municipality_ids = list(network.members.values_list("municipality_id", flat=True))
    service_ids = queries.services_for_municipalities(municipality_ids)
    if not service_ids:
        return []
    min_group = CompetenceSettings.current().min_group_size
    results = queries.mapping_summary(service_ids, min_group).results
    url = reverse("competence:network-mapping", args=[network.pk])
    links = [
        Link(
            kind=GAPS_KIND,
            title=r.area.name,
            url=url,
            detail=_("snitt %(mean)s av 4, %(count)s svar")
            % {
                "mean": number(r.leader_mean if r.leader_mean is not None else r.self_mean, 1),
                "count": r.respondents,
            },
            model="competence.frameworkarea",
            pk=r.area.pk,
            order=30,
        )
        for r in sorted(results, key=lambda r: (r.leader_mean or r.self_mean or 0, r.area.sort_order))
        if r.is_gap and not r.suppressed
    ]
    hidden = sum(1 for r in results if r.suppressed)
    if hidden:
        links.append(
            Link(
                kind=GAPS_KIND,
                title=_("%(count)s områder vises ikke") % {"count": hidden},
                url=url,
                detail=_("færre enn %(min)s har svart") % {"min": min_group},
                model="competence.frameworkarea",
                order=31,
            )
        )
    return links


def gaps_for_plan(plan: Any, user: Any) -> list[Link]:
    return _gap_links(plan.network, user)


def gaps_for_network(network: Any, user: Any) -> list[Link]:
    return _gap_links(network, user)


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_OVERVIEW, municipality):
        return []
    return [
        Link(
            kind=HUB_KIND,
            title=municipality.name,
            url=reverse("competence:municipality", args=[municipality.number]),
            detail=_("Årsverk, turnover, kompetansekrav og kartlegging for tjenestene"),
            model="organizations.municipality",
            pk=municipality.pk,
            group="hub",
            order=30,
        )
    ]


def service_hub(service: Any, user: Any) -> list[Link]:
    links = []
    if can(user, VIEW_OVERVIEW, service):
        links.append(
            Link(
                kind=HUB_KIND,
                title=service.name,
                url=reverse("competence:service", args=[service.pk]),
                detail=_("Årsverk, turnover, kompetansekrav og kartlegging"),
                model="organizations.service",
                pk=service.pk,
                group="hub",
                order=30,
            )
        )
    if can(user, VIEW_PLAN, service):
        latest = service.competence_plans.order_by("-start_year", "-pk").first()
        links.append(
            Link(
                kind=gettext_lazy("Kompetanseplan"),
                title=latest.title if latest else service.name,
                url=reverse("competence:plan", args=[latest.pk])
                if latest
                else reverse("competence:plans", args=[service.pk]),
                detail=f"{latest.start_year}–{latest.end_year}" if latest else _("Ingen plan ennå"),
                model="competence.competenceplan",
                pk=latest.pk if latest else None,
                group="hub",
                order=31,
            )
        )
    return links


PROVIDERS = [
    ("assessments.need", measures_answering),
    ("networks.overallplan", plans_on_overall_plan),
    ("networks.overallplan", gaps_for_plan),
    ("networks.network", gaps_for_network),
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
