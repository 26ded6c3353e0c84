"""Front-page items: drafts due soon, dialogue meetings coming up, agreed actions overdue.

Each check is one query and runs only for users whose roles take part in it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.access import matching_memberships, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries
from fagloft.assessments.models import Assessment, DialogueMeeting
from fagloft.navigation import AttentionItem

DRAFT_HORIZON_DAYS = 30
MEETING_HORIZON_DAYS = 14
LIMIT = 5


def _drafts_due(user: Any, today: datetime.date) -> list[AttentionItem]:
    if not matching_memberships(user, perms.EDIT_ASSESSMENT):
        return []
    drafts = visible(user, perms.EDIT_ASSESSMENT, Assessment.objects.filter(
        status=Assessment.Status.DRAFT, due_date__isnull=False,
        due_date__lte=today + datetime.timedelta(days=DRAFT_HORIZON_DAYS),
    ).select_related("service")).order_by("due_date")[:LIMIT]
    return [AttentionItem(
        _("Vurderingen for {year} skal sendes inn").format(year=a.year), reverse("assessments:detail", args=[a.pk]),
        _("{service}: frist {date}.").format(service=a.service.name, date=a.due_date.strftime("%d.%m.%Y")),
        "danger" if a.due_date < today else "warning", due=a.due_date,
    ) for a in drafts]


def _meetings_soon(user: Any, today: datetime.date) -> list[AttentionItem]:
    if not matching_memberships(user, perms.VIEW_MEETINGS):
        return []
    start = timezone.now()
    meetings = visible(user, perms.VIEW_MEETINGS, DialogueMeeting.objects.filter(
        starts_at__gte=start, starts_at__lte=start + datetime.timedelta(days=MEETING_HORIZON_DAYS),
    ).select_related("municipality")).order_by("starts_at")[:LIMIT]
    return [AttentionItem(
        _("Dialogmøte med {name}").format(name=m.municipality.name),
        reverse("assessments:meeting-detail", args=[m.pk]),
        _("{when}, {place}.").format(when=timezone.localtime(m.starts_at).strftime("%d.%m.%Y %H:%M"), place=m.place),
        "info", due=m.starts_at.date(),
    ) for m in meetings]


def _overdue_actions(user: Any) -> list[AttentionItem]:
    if not matching_memberships(user, perms.MANAGE_MEETINGS) and not matching_memberships(user, perms.VIEW_MEETINGS):
        return []
    count = queries.overdue_actions(user).count()
    if not count:
        return []
    return [AttentionItem(
        _("Avtalt oppfølging etter dialogmøter er forsinket"), reverse("assessments:meeting-list"),
        ngettext("%(n)s oppfølgingspunkt har passert fristen.", "%(n)s oppfølgingspunkter har passert fristen.",
                 count) % {"n": count},
        "danger",
    )]


def items_for(user: Any) -> list[AttentionItem]:
    today = timezone.localdate()
    return [*_drafts_due(user, today), *_meetings_soon(user, today), *_overdue_actions(user)]
