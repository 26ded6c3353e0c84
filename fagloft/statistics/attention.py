"""Front-page item: a service leader whose service has not registered its own figures for last year.

Two queries, and only for users who lead a service (global roles would get every service).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import matching_memberships, visible
from fagloft.accounts.roles import Role
from fagloft.navigation import AttentionItem
from fagloft.organizations.models import Service
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import ENTER_OWN_VALUES

LIMIT = 3


def items_for(user: Any) -> list[AttentionItem]:
    if not any(m.role == Role.SERVICE_LEADER for m in matching_memberships(user, ENTER_OWN_VALUES)):
        return []
    year = timezone.localdate().year - 1
    services = list(visible(user, ENTER_OWN_VALUES, Service.objects.all()).order_by("name")[:LIMIT])
    done = set(
        IndicatorValue.objects.filter(
            service__in=services,
            year=year,
            indicator__source=Indicator.Source.OWN,
        ).values_list("service_id", flat=True)
    )
    return [
        AttentionItem(
            _("Registrer egne tall for %(year)s") % {"year": year},
            reverse("statistics:service-enter", args=[service.pk]),
            _("%(service)s har ikke registrert klager og avvik for %(year)s.")
            % {"service": service.name, "year": year},
            "info",
        )
        for service in services
        if service.pk not in done
    ]
