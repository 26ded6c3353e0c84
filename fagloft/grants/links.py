"""Links from grants to the pages below it (fagloft.lib.links).

- A development project (networks) shows its applications, their decisions, payments and reports.
- An assessment's need shows the applications whose project answers it.
- The municipality's and the service's pages lead to the unit's grants (hub).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.grants import queries
from fagloft.grants.models import Application, Decision
from fagloft.grants.permissions import VIEW_APPLICATION
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import money
from fagloft.lib.links import Link


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
    rows: list[Link] = []
    for application in queries.applications_for_project(user, project):
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
            for payment in decision.payments.all():
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
        for report in application.reports.all():
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
        Link(
            _("Søknader om tilskudd"),
            application.title,
            reverse("grants:application-detail", args=[application.pk]),
            detail=_("For prosjektet %(project)s · %(status)s")
            % {"project": application.project.title if application.project else "", "status": _status(application)},
            model="grants.application",
            pk=application.pk,
            order=60,
        )
        for application in queries.applications_for_need(user, need).order_by("created_at", "pk")
    ]


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


PROVIDERS = [
    ("networks.developmentproject", project_links),
    ("assessments.need", need_links),
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
