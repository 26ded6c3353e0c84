"""Links to this app's rows from lower apps' pages (see fagloft.lib.links): a network's members'
applications, places and completion; a competence plan measure's enrolments and round; an
assessment need answered by an enrolment; hub cards for municipalities and services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.access import can
from fagloft.lib.links import Link, many_variant
from fagloft.programmes import queries
from fagloft.programmes.models import CohortService, Enrolment
from fagloft.programmes.permissions import VIEW_COHORTS, VIEW_PROGRESS, VIEW_SERVICE_ENROLMENTS


def _count(value: int | None) -> str:
    return "<5" if value is None else str(value)


def for_network(network: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_PROGRESS, network):
        return []
    summary = queries.network_summary(network)
    detail = _("Søkere %(applied)s, tatt opp %(admitted)s, fullført %(completed)s") % {
        "applied": _count(summary["applied"]),
        "admitted": _count(summary["admitted"]),
        "completed": _count(summary["completed"]),
    }
    return [
        Link(
            kind=_("Programmer"),
            title=_("Medlemmenes videreutdanning og programrunder"),
            url=reverse("programmes:progress-network", args=[network.pk]),
            detail=detail,
            model="programmes.progress",
            pk=network.pk,
        )
    ]


def for_plan_measure(measure: Any, user: Any) -> list[Link]:
    links: list[Link] = []
    for enrolment in queries.visible_enrolments(user).filter(plan_measure=measure)[:20]:
        links.append(
            Link(
                kind=_("Søknad eller påmelding"),
                title=f"{enrolment.employee} – {enrolment.offer.title}",
                url=reverse("programmes:enrolment", args=[enrolment.pk]),
                detail=enrolment.get_status_display(),
                model="programmes.enrolment",
                pk=enrolment.pk,
            )
        )
    rounds = CohortService.objects.filter(plan_measure=measure).select_related("cohort")
    for item in rounds:
        if can(user, VIEW_COHORTS, item.cohort):
            links.append(
                Link(
                    kind=_("Tjenestestøtteprogrammet"),
                    title=item.cohort.title,
                    url=reverse("programmes:cohort", args=[item.cohort_id]),
                    detail=item.get_status_display(),
                    model="programmes.cohortservice",
                    pk=item.pk,
                )
            )
    return links


def for_need(need: Any, user: Any) -> list[Link]:
    return [_enrolment_link(e) for e in queries.visible_enrolments(user).filter(need=need)[:NEED_LINKS]]


NEED_LINKS = 20


def _enrolment_link(e: Any) -> Link:
    return Link(
        kind=_("Søknad eller påmelding"),
        title=f"{e.employee} – {e.offer.title}",
        url=reverse("programmes:enrolment", args=[e.pk]),
        detail=e.get_status_display(),
        model="programmes.enrolment",
        pk=e.pk,
    )


@many_variant(for_need)
def for_need_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    """`for_need` for a page of needs (the `/api/v1/assessments/` list) in one query."""
    found: dict[Any, list[Link]] = {}
    # Few needs have an enrolment. Asking which do (key columns only) is cheap; the scoped and
    # ordered query walked the enrolments in their ordering (6 ms on the national data) to find
    # none, so it runs only for the needs that have some.
    answered = list(
        Enrolment.objects.filter(need__in=[need.pk for need in needs])
        .order_by()
        .values_list("need_id", flat=True)
        .distinct()
    )
    if not answered:
        return found
    for e in queries.visible_enrolments(user).filter(need__in=answered):
        rows = found.setdefault(e.need_id, [])
        if len(rows) < NEED_LINKS:
            rows.append(_enrolment_link(e))
    return found


def hub_municipality(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_PROGRESS, municipality):
        return []
    return [
        Link(
            kind=_("Programmer"),
            title=_("Videreutdanning og programmer"),
            url=reverse("programmes:progress-municipality", args=[municipality.number]),
            detail=_("Fremdrift mot målene (samlet)"),
            group="hub",
        )
    ]


def hub_service(service: Any, user: Any) -> list[Link]:
    if can(user, VIEW_SERVICE_ENROLMENTS, service):
        url, detail = reverse("programmes:service", args=[service.pk]), _("Søknader, runder og nyansatte")
    elif can(user, VIEW_PROGRESS, service):
        url, detail = reverse("programmes:progress-service", args=[service.pk]), _("Fremdrift mot målene (samlet)")
    else:
        return []
    return [Link(kind=_("Programmer"), title=_("Videreutdanning og programmer"), url=url, detail=detail, group="hub")]


PROVIDERS = [
    ("networks.network", for_network),
    ("competence.planmeasure", for_plan_measure),
    ("assessments.need", for_need),
    ("organizations.municipality", hub_municipality),
    ("organizations.service", hub_service),
]
