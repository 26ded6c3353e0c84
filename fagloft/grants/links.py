"""Links from grants to the pages below it (fagloft.lib.links).

- A development project (networks) shows its applications, their decisions, payments and reports.
- An assessment's need shows the applications whose project answers it.
- The municipality's and the service's pages lead to the unit's grants (hub).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, visible
from fagloft.grants import queries
from fagloft.grants.models import Application, Decision, EmployerGrantLine
from fagloft.grants.permissions import VIEW_APPLICATION
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import money
from fagloft.lib.links import Link, many_variant


def _decision_of(application: Application) -> Decision | None:
    try:
        return application.decision
    except Decision.DoesNotExist:
        return None


def _status(application: Application) -> str:
    decision = _decision_of(application)
    if decision is not None and decision.outcome == Decision.Outcome.GRANTED:
        return _("Innvilget %(amount)s") % {"amount": money(decision.amount)}
    return str(application.get_status_display())


def project_links(project: Any, user: Any) -> list[Link]:
    return _project_rows(queries.applications_for_project(user, project))


def _listed(obj: Any, attr: str, relation: str) -> list[Any]:
    """Rows prefetched into a list by `queries.with_payments_and_reports`, or read as usual."""
    rows = getattr(obj, attr, None)
    return list(getattr(obj, relation).all()) if rows is None else rows


def _project_rows(applications: Sequence[Application]) -> list[Link]:
    rows: list[Link] = []
    for application in applications:
        url = reverse("grants:application-detail", args=[application.pk])
        rows.append(
            Link(
                _("Søknader om tilskudd"),
                application.title,
                url,
                detail=f"{application.call.title} · {_status(application)}",
                model="grants.application",
                pk=application.pk,
                order=60,
            )
        )
        decision = _decision_of(application)
        if decision is not None:
            rows.append(
                Link(
                    _("Vedtak"),
                    _("Vedtak om %(title)s") % {"title": application.title},
                    f"{url}#vedtak",
                    detail=f"{decision.get_outcome_display()}, {format_date(decision.decided_on)}",
                    model="grants.decision",
                    pk=decision.pk,
                    order=61,
                )
            )
            for payment in _listed(decision, "link_payments", "payments"):
                rows.append(
                    Link(
                        _("Utbetalinger"),
                        _("%(amount)s utbetalt %(date)s")
                        % {"amount": money(payment.amount), "date": format_date(payment.paid_on)},
                        f"{url}#utbetalinger",
                        detail=application.title,
                        model="grants.payment",
                        pk=payment.pk,
                        order=62,
                    )
                )
        for report in _listed(application, "link_reports", "reports"):
            rows.append(
                Link(
                    _("Rapporter om tilskudd"),
                    f"{report.get_kind_display()}: {application.title}",
                    reverse("grants:report-detail", args=[report.pk]),
                    detail=format_date(timezone.localdate(report.created_at)),
                    model="grants.grantreport",
                    pk=report.pk,
                    order=63,
                )
            )
    return rows


def need_links(need: Any, user: Any) -> list[Link]:
    return [
        _need_link(application)
        for application in queries.applications_for_need(user, need).order_by("created_at", "pk")
    ]


def _need_link(application: Application) -> Link:
    return Link(
        _("Søknader om tilskudd"),
        application.title,
        reverse("grants:application-detail", args=[application.pk]),
        detail=_("For prosjektet %(project)s · %(status)s")
        % {"project": application.project.title if application.project else "", "status": _status(application)},
        model="grants.application",
        pk=application.pk,
        order=60,
    )


@many_variant(project_links)
def project_links_many(projects: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    """`project_links` for a page of projects (the `/api/v1/projects/` list) in a fixed number of queries."""
    applications = queries.with_payments_and_reports(
        queries._visible_ids(user, Application.objects.filter(project__in=[p.pk for p in projects]))
    )
    by_project: dict[Any, list[Application]] = defaultdict(list)
    for application in applications:
        by_project[application.project_id].append(application)
    return {pk: _project_rows(rows) for pk, rows in by_project.items()}


@many_variant(need_links)
def need_links_many(needs: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    """`need_links` for a page of needs (the `/api/v1/assessments/` list) in a fixed number of queries."""
    from fagloft.networks.models import DevelopmentProject

    # The projects that answer the needs first (one small join table): most needs have none, and
    # then the scoped query for applications, the costly one, is not needed at all.
    pairs = DevelopmentProject.needs.through.objects.filter(need_id__in=[need.pk for need in needs]).values_list(
        "need_id", "developmentproject_id"
    )
    projects_of: dict[Any, set[Any]] = defaultdict(set)
    for need_id, project_id in pairs:
        projects_of[need_id].add(project_id)
    if not projects_of:
        return {}
    applications = list(
        queries._visible_ids(
            user, Application.objects.filter(project__in={p for ids in projects_of.values() for p in ids})
        )
        .select_related("project", "decision")
        .order_by("created_at", "pk")
    )
    return {
        need_id: [_need_link(a) for a in applications if a.project_id in project_ids]
        for need_id, project_ids in projects_of.items()
    }


def _hub_detail(summary: dict[str, Any]) -> str:
    if not summary["count"]:
        return _("Ingen søknader ennå. Se utlysningene.")
    text = _("%(count)s søknader, %(granted)s innvilget") % {"count": summary["count"], "granted": summary["granted"]}
    if summary["amount"]:
        text += _(" (%(amount)s)") % {"amount": money(summary["amount"])}
    return text + "."


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_APPLICATION, municipality):
        return []
    return [
        Link(
            _("Tilskudd"),
            _("Tilskudd for %(name)s") % {"name": municipality.name},
            reverse("grants:municipality", args=[municipality.number]),
            detail=_hub_detail(queries.unit_summary(user, [municipality.pk])),
            model="organizations.municipality",
            pk=municipality.pk,
            group="hub",
            order=70,
        )
    ]


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, VIEW_APPLICATION, service):
        return []
    served = list(service.coverages.valid_on(timezone.localdate()).values_list("municipality_id", flat=True))
    return [
        Link(
            _("Tilskudd"),
            _("Tilskudd for %(name)s") % {"name": service.name},
            reverse("grants:service", args=[service.pk]),
            detail=_hub_detail(queries.unit_summary(user, served)),
            model="organizations.service",
            pk=service.pk,
            group="hub",
            order=70,
        )
    ]


def enrolment_links(enrolment: Any, user: Any) -> list[Link]:
    """A further-education enrolment (programmes) shows the employer's grant applications for the
    student, where the reader may read the application."""
    lines = EmployerGrantLine.objects.filter(
        enrolment=enrolment, application__in=visible(user, VIEW_APPLICATION, Application.objects.all()).values("pk")
    ).select_related("application__decision")
    return [
        Link(
            _("Tilskudd til arbeidsgiver"),
            line.application.title,
            reverse("grants:application-detail", args=[line.application_id]) + "#arbeidsgivertilskudd",
            detail=_("%(amount)s for studenten · %(status)s")
            % {"amount": money(line.total), "status": _status(line.application)},
            model="grants.application",
            pk=line.application_id,
            order=60,
        )
        for line in lines
    ]


@many_variant(enrolment_links)
def enrolment_links_many(enrolments: Sequence[Any], user: Any) -> dict[Any, list[Link]]:
    """`enrolment_links` for a page of enrolments in one query (the `/api/v1/enrolments/` list)."""
    lines = (
        EmployerGrantLine.objects.filter(
            enrolment__in=[enrolment.pk for enrolment in enrolments],
            application__in=visible(user, VIEW_APPLICATION, Application.objects.all()).values("pk"),
        )
        # Not the call: a wide row (rules and cost kinds as JSON) per line that the links never read.
        .select_related("application__decision")
        .order_by("pk")
    )
    found: dict[Any, list[Link]] = {}
    for line in lines:
        found.setdefault(line.enrolment_id, []).append(
            Link(
                _("Tilskudd til arbeidsgiver"),
                line.application.title,
                reverse("grants:application-detail", args=[line.application_id]) + "#arbeidsgivertilskudd",
                detail=_("%(amount)s for studenten · %(status)s")
                % {"amount": money(line.total), "status": _status(line.application)},
                model="grants.application",
                pk=line.application_id,
                order=60,
            )
        )
    return found


PROVIDERS = [
    ("programmes.enrolment", enrolment_links),
    ("networks.developmentproject", project_links),
    ("assessments.need", need_links),
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
