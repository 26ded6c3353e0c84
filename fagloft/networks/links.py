"""The reverse side of networks' links, shown on lower apps' pages (see `fagloft.lib.links`).

- An assessment need: the overall plan priorities and the development projects that answer it.
- A municipality or service: the hub card to its learning network(s) and their projects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.lib.links import Link, many_variant
from fagloft.networks.models import DevelopmentProject, PlanPriority
from fagloft.networks.permissions import VIEW_NETWORK
from fagloft.networks.queries import networks_for

PRIORITIES_KIND = gettext_lazy("Prioriteringer i nettverkets overordnede plan")
PROJECTS_KIND = gettext_lazy("Utviklingsprosjekter")
HUB_KIND = gettext_lazy("Læringsnettverk")


def _visible_network_ids(user: Any) -> Any:
    return networks_for(user, VIEW_NETWORK).values("pk")


def priorities_answering(need: Any, user: Any) -> list[Link]:
    priorities = (
        PlanPriority.objects.filter(needs=need, plan__network__in=_visible_network_ids(user))
        .select_related("plan__network")
        .order_by("plan__network__name", "-plan__revision", "position")
    )
    return [
        Link(
            kind=PRIORITIES_KIND,
            title=p.title,
            url=reverse("networks:plan-detail", args=[p.plan.network_id]),
            detail=f"{p.plan.network.name}, {p.plan}",
            model="networks.planpriority",
            pk=p.pk,
            order=30,
        )
        for p in priorities
    ]


def projects_answering(need: Any, user: Any) -> list[Link]:
    projects = (
        DevelopmentProject.objects.filter(needs=need, network__in=_visible_network_ids(user))
        .select_related("network")
        .order_by("title")
    )
    return [
        Link(
            kind=PROJECTS_KIND,
            title=p.title,
            url=reverse("networks:project-detail", args=[p.pk]),
            detail=f"{p.network.name}: {p.get_status_display()}",
            model="networks.developmentproject",
            pk=p.pk,
            order=35,
        )
        for p in projects
    ]


def _by_need(model: Any, needs: Sequence[Any], rows: Any) -> dict[Any, list[Any]]:
    """Rows of `model` (in their order) per need, through the model's `needs` link table: one
    query for the pairs, one (`rows`) for the rows."""
    through = model.needs.through
    own = f"{model._meta.model_name}_id"
    pairs = list(through.objects.filter(need_id__in=[n.pk for n in needs]).values_list("need_id", own))
    wanted = {row_id for _need, row_id in pairs}
    found = {row.pk: row for row in rows.filter(pk__in=wanted)} if wanted else {}
    order = {pk: index for index, pk in enumerate(found)}
    result: dict[Any, list[Any]] = {}
    for need_id, row_id in pairs:
        if row_id in found:
            result.setdefault(need_id, []).append(found[row_id])
    return {need_id: sorted(items, key=lambda row: order[row.pk]) for need_id, items in result.items()}


@many_variant(priorities_answering)
def priorities_answering_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    priorities = (
        PlanPriority.objects.filter(plan__network__in=_visible_network_ids(user))
        .select_related("plan__network")
        .order_by("plan__network__name", "-plan__revision", "position")
    )
    return {
        need_id: [
            Link(
                kind=PRIORITIES_KIND,
                title=p.title,
                url=reverse("networks:plan-detail", args=[p.plan.network_id]),
                detail=f"{p.plan.network.name}, {p.plan}",
                model="networks.planpriority",
                pk=p.pk,
                order=30,
            )
            for p in rows
        ]
        for need_id, rows in _by_need(PlanPriority, needs, priorities).items()
    }


@many_variant(projects_answering)
def projects_answering_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    projects = (
        DevelopmentProject.objects.filter(network__in=_visible_network_ids(user))
        .select_related("network")
        .order_by("title")
    )
    return {
        need_id: [
            Link(
                kind=PROJECTS_KIND,
                title=p.title,
                url=reverse("networks:project-detail", args=[p.pk]),
                detail=f"{p.network.name}: {p.get_status_display()}",
                model="networks.developmentproject",
                pk=p.pk,
                order=35,
            )
            for p in rows
        ]
        for need_id, rows in _by_need(DevelopmentProject, needs, projects).items()
    }


def _hub(municipality_ids: Any, user: Any, model: str, pk: Any) -> list[Link]:
    networks = list(
        networks_for(user, VIEW_NETWORK)
        .filter(members__municipality_id__in=municipality_ids)
        .distinct()
        .order_by("name")
    )
    links = []
    for network in networks:
        projects = DevelopmentProject.objects.filter(network=network, participants__in=municipality_ids)
        led = DevelopmentProject.objects.filter(network=network, lead_municipality_id__in=municipality_ids)
        count = (projects | led).distinct().count()
        links.append(
            Link(
                kind=HUB_KIND,
                title=network.name,
                url=reverse("networks:network-detail", args=[network.pk]),
                detail=_("%(name)s – %(count)s utviklingsprosjekter med kommunen")
                % {"name": network.name, "count": count},
                model=model,
                pk=pk,
                group="hub",
                order=40,
            )
        )
    return links


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    return _hub([municipality.pk], user, "networks.network", municipality.pk)


def service_hub(service: Any, user: Any) -> list[Link]:
    from django.utils import timezone

    ids = list(service.coverages.valid_on(timezone.localdate()).values_list("municipality_id", flat=True))
    return _hub(ids, user, "networks.network", service.pk)


PROVIDERS = [
    ("assessments.need", priorities_answering),
    ("assessments.need", projects_answering),
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
