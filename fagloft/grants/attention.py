"""Front-page items: the user's draft applications in open calls, and submitted applications
waiting for assessment (for those who assess). A few queries at most."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fagloft.accounts.access import can, checks_for, visible
from fagloft.grants import deadlines
from fagloft.grants.models import Application
from fagloft.grants.permissions import APPLY, ASSESS
from fagloft.navigation import AttentionItem


def items_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    if can(user, APPLY):
        drafts = list(
            visible(
                user, APPLY, Application.objects.filter(status=Application.Status.DRAFT, created_by=user)
            ).select_related("call")[:5]
        )
        now = timezone.now()
        with checks_for(user, drafts):
            items += [
                AttentionItem(
                    title=_("Utkast til søknad: %(title)s") % {"title": a.title},
                    url=reverse("grants:application-edit", args=[a.pk]),
                    detail=_("Frist %(deadline)s") % {"deadline": deadlines.deadline_label(a.call)},
                    severity="warning",
                    due=a.call.deadline,
                )
                # The relationship rule (own unit, coordinated network) is checked per draft.
                for a in drafts
                if deadlines.is_before_deadline(a.call, now) and can(user, APPLY, a)
            ]
    if can(user, ASSESS):
        waiting = visible(user, ASSESS, Application.objects.filter(status=Application.Status.SUBMITTED)).count()
        if waiting:
            title = ngettext(
                "%(count)s søknad venter på vurdering", "%(count)s søknader venter på vurdering", waiting
            ) % {"count": waiting}
            items.append(AttentionItem(title=title, url=reverse("grants:call-list"), severity="info"))
    return items
