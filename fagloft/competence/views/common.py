"""Helpers shared by the competence pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import Service


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, Any]]:
    """The kit's breadcrumbs with the competence front page first."""
    return breadcrumbs((_("Kompetanse"), reverse("competence:overview")), *pairs)


def service_crumbs(service: Service, *pairs: tuple[str, str | None]) -> list[dict[str, Any]]:
    return crumbs((service.name, reverse("competence:service", args=[service.pk])), *pairs)


def service_for(request: HttpRequest, service_id: int) -> Service:
    """The service of the page, checked against the action the view declared."""
    return fetch(request, Service.objects.select_related("host_municipality"), pk=service_id)
