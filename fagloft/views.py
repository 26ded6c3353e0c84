"""Project-level pages: the front page, the language switch, the health check and the error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from fagloft.accounts.access import PUBLIC, can, memberships, requires
from fagloft.navigation import attention_for

SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2, "success": 3}


def _unit_link(membership: Any) -> str | None:
    if membership.service_id:
        return reverse("organizations:service-detail", args=[membership.service_id])
    if membership.municipality_id:
        return reverse("organizations:municipality-detail", args=[membership.municipality.number])
    if membership.county_id:
        return reverse("organizations:county-detail", args=[membership.county.number])
    return None


# PUBLIC rather than LOGGED_IN: `can(user, LOGGED_IN)` needs a membership, and a person who has
# just been given a user but no role yet must still land here and be told what to do.
@requires(PUBLIC)
def front(request: HttpRequest) -> HttpResponse:
    from fagloft.organizations.permissions import SEARCH_MUNICIPALITIES

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    items = attention_for(request.user)
    items.sort(key=lambda item: (not item.is_overdue, SEVERITY_ORDER.get(item.severity, 9), str(item.due or "")))
    roles = [{"membership": m, "url": _unit_link(m)} for m in memberships(request.user) if m.pk]
    return render(
        request,
        "front.html",
        {
            "attention": items,
            "roles": roles,
            "can_search": can(request.user, SEARCH_MUNICIPALITIES),
        },
    )


@requires(PUBLIC)
@require_http_methods(["POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)


@requires(PUBLIC)
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
