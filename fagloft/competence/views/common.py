"""Helpers shared by the competence pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import Action, can, get_object_for
from fagloft.competence.models import Employee
from fagloft.competence.permissions import (
    CHANGE_STAFF,
    OWN_PROFILE,
    VIEW_OVERVIEW,
    VIEW_STAFF,
)
from fagloft.organizations.models import Service


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")},
            {"label": _("Kompetanse"), "url": reverse("competence:overview")},
            *({"label": label, "url": url} for label, url in pairs)]


def service_crumbs(service: Service, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((service.name, reverse("competence:service", args=[service.pk])), *pairs)


def service_for(user: Any, action: Action, service_id: int) -> Service:
    return get_object_for(user, action, Service.objects.select_related("host_municipality"),
                          read_action=VIEW_OVERVIEW, pk=service_id)


def employee_for(user: Any, employee_id: int, write: bool = False) -> tuple[Employee, str]:
    """The employee and how the user may treat them: "staff" (as leader), "read" (reading as
    municipal leadership) or "own" (their own profile). Anyone else gets 404, so a person's
    existence is never revealed to those who see aggregates only."""
    employee = get_object_or_404(Employee.objects.select_related("service"), pk=employee_id,
                                 anonymised_at__isnull=True)
    if can(user, CHANGE_STAFF, employee):
        return employee, "staff"
    if employee.user_id == user.pk and can(user, OWN_PROFILE):
        return employee, "own"
    if not write and can(user, VIEW_STAFF, employee):
        return employee, "read"
    if can(user, VIEW_STAFF, employee):
        raise PermissionDenied
    raise Http404
