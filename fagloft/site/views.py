"""The change log (endringslogg) across every app: `/endringslogg/`."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.audit.models import AuditEvent
from fagloft.lib.pages import breadcrumbs
from fagloft.site import audit_log
from fagloft.site.forms import AuditFilterForm
from fagloft.site.permissions import VIEW_AUDIT

PAGE_SIZE = 50


def _object_types(events: QuerySet[AuditEvent]) -> list[tuple[str, str]]:
    labels = events.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((label, audit_log.type_label(label)) for label in labels), key=lambda pair: pair[1])


def _filtered(events: QuerySet[AuditEvent], data: dict[str, Any]) -> QuerySet[AuditEvent]:
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("date_from"):
        events = events.filter(created_at__date__gte=data["date_from"])
    if data.get("date_to"):
        events = events.filter(created_at__date__lte=data["date_to"])
    return events


@requires(VIEW_AUDIT)
def audit_log_page(request: HttpRequest) -> HttpResponse:
    events = audit_log.events_for(request.user)
    form = AuditFilterForm(request.GET or None, object_types=_object_types(events))
    if form.is_valid():
        events = _filtered(events, form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "site/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": [audit_log.row(request.user, event) for event in page.object_list],
            "query": query.urlencode(),
            "breadcrumbs": breadcrumbs((_("Endringslogg"), None)),
        },
    )
