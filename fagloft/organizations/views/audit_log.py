"""The audit trail of the organisation tree's units: all of it for admins, the county's own units for
county advisors."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.audit.models import AuditEvent
from fagloft.organizations import queries
from fagloft.organizations.forms import AuditFilterForm
from fagloft.organizations.permissions import VIEW_AUDIT
from fagloft.organizations.views.units import crumbs

PAGE_SIZE = 50


def _type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return label


def _field_label(label: str, name: str) -> str:
    try:
        return str(apps.get_model(label)._meta.get_field(name).verbose_name).capitalize()
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


def _changes(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(field label, before, after) for each changed field, labelled as in the forms."""
    rows = []
    for name, pair in (event.changes or {}).items():
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        rows.append((_field_label(event.object_type, name), before, after))
    return rows


def _object_types(events: QuerySet[AuditEvent]) -> list[tuple[str, str]]:
    labels = events.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((label, _type_label(label)) for label in labels), key=lambda pair: pair[1])


def _filtered(events: QuerySet[AuditEvent], data: dict[str, Any]) -> QuerySet[AuditEvent]:
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("date_from"):
        events = events.filter(created_at__date__gte=data["date_from"])
    if data.get("date_to"):
        events = events.filter(created_at__date__lte=data["date_to"])
    return events


@requires(VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    events = queries.audit_events_for(request.user)
    form = AuditFilterForm(request.GET or None, object_types=_object_types(events))
    if form.is_valid():
        events = _filtered(events, form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "organizations/audit_log.html", {
        "form": form,
        "page": page,
        "events": [(event, _type_label(event.object_type), _changes(event)) for event in page.object_list],
        "query": query.urlencode(),
        "today": datetime.date.today(),
        "breadcrumbs": crumbs((_("Endringslogg"), None)),
    })
