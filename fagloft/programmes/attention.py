"""Front-page items: applications waiting for the employer's confirmation (the leader), confirmed
applicants waiting for admission (the provider), and rounds waiting for the leader's signature."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from fagloft.accounts.access import can, visible
from fagloft.navigation import AttentionItem
from fagloft.programmes.models import CohortService, Enrolment, EnrolmentStatus
from fagloft.programmes.permissions import ADMIT, CONFIRM_EMPLOYER, SIGN_COMMITMENT


def items_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    if can(user, CONFIRM_EMPLOYER):
        waiting = visible(user, CONFIRM_EMPLOYER, Enrolment.objects.filter(status=EnrolmentStatus.APPLIED)).count()
        if waiting:
            items.append(
                AttentionItem(
                    title=ngettext(
                        "%(count)s søknad om videreutdanning venter på bekreftelse fra arbeidsgiver",
                        "%(count)s søknader om videreutdanning venter på bekreftelse fra arbeidsgiver",
                        waiting,
                    )
                    % {"count": waiting},
                    url=reverse("programmes:index"),
                    severity="warning",
                )
            )
    if can(user, SIGN_COMMITMENT):
        rounds = visible(user, SIGN_COMMITMENT, CohortService.objects.filter(status=CohortService.Status.CHOSEN))
        for item in rounds.select_related("cohort")[:3]:
            items.append(
                AttentionItem(
                    title=item.cohort.title,
                    url=reverse("programmes:participation", args=[item.pk]),
                    detail=str(item.get_status_display()),
                    severity="warning",
                )
            )
    if can(user, ADMIT):
        waiting = visible(user, ADMIT, Enrolment.objects.filter(status=EnrolmentStatus.CONFIRMED)).count()
        if waiting:
            items.append(
                AttentionItem(
                    title=ngettext(
                        "%(count)s bekreftet søker venter på opptak",
                        "%(count)s bekreftede søkere venter på opptak",
                        waiting,
                    )
                    % {"count": waiting},
                    url=reverse("programmes:index"),
                    severity="info",
                )
            )
    return items
