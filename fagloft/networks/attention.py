"""Front-page items: the next gathering in the user's networks (two queries).

Gatherings are events (`kind="event"`); anything with a deadline added here later (a
registration deadline, a status report due) is `kind="task"`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.access import can
from fagloft.navigation import AttentionItem
from fagloft.networks import queries
from fagloft.networks.permissions import VIEW_NETWORK


def items_for(user: Any) -> list[AttentionItem]:
    if not can(user, VIEW_NETWORK):
        return []
    gathering = queries.gatherings_for_feed(user).filter(starts_at__gte=timezone.now()).first()
    if gathering is None:
        return []
    # A gathering is an event that happens on `due`, not a deadline: kind "event" (the front page
    # says «Dato» and «Kommer», and never "late"). The date is printed once, from `due`; `detail`
    # names the network only.
    return [
        AttentionItem(
            title=_("Neste samling: %(title)s") % {"title": gathering.title},
            url=reverse("networks:gathering-detail", args=[gathering.pk]),
            detail=gathering.network.name,
            due=timezone.localtime(gathering.starts_at).date(),
            tags=(str(_("Læringsnettverk")),),
            kind="event",
        )
    ]
