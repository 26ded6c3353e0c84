"""Front-page items: reports that wait for the writer (drafts) and for the council's handling to be
recorded (ready). Two queries at most."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, visible
from fagloft.navigation import AttentionItem
from fagloft.reports.models import Report
from fagloft.reports.permissions import EDIT, RECORD_HANDLING


def items_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    if can(user, EDIT):
        for report in visible(user, EDIT, Report.objects.filter(status=Report.Status.DRAFT)).order_by("-year")[:3]:
            items.append(
                AttentionItem(
                    title=_("Utkast til tilstandsrapport: %(title)s") % {"title": report.title},
                    url=reverse("reports:detail", args=[report.pk]),
                    detail=_("Lås tallene og send rapporten til kommunestyret."),
                    severity="info",
                )
            )
    if can(user, RECORD_HANDLING):
        for report in visible(user, RECORD_HANDLING, Report.objects.filter(status=Report.Status.READY))[:3]:
            items.append(
                AttentionItem(
                    title=_("Registrer kommunestyrets behandling: %(title)s") % {"title": report.title},
                    url=reverse("reports:handling", args=[report.pk]),
                    severity="warning",
                )
            )
    return items
