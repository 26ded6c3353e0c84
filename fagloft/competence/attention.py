"""Front-page items: open mapping rounds the user has not answered yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.competence.models import MappingAnswer, MappingRound
from fagloft.competence.permissions import ANSWER_MAPPING
from fagloft.navigation import AttentionItem


def items_for(user: Any) -> list[AttentionItem]:
    if not can(user, ANSWER_MAPPING):
        return []
    answered = MappingAnswer.objects.filter(employee__user=user, self_rating__isnull=False).values("round")
    rounds = (
        MappingRound.objects.filter(
            state=MappingRound.State.OPEN,
            service__employees__user=user,
            service__employees__ended_on__isnull=True,
        )
        .exclude(pk__in=answered)
        .distinct()[:5]
    )
    return [
        AttentionItem(
            title=_("Svar på kartleggingen «%(title)s»") % {"title": r.title},
            url=reverse("competence:round-answer", args=[r.pk]),
            due=r.closes_on,
            severity="info",
            tags=(_("Kompetanse"),),
        )
        for r in rounds
    ]
