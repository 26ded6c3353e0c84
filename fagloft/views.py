"""Project-level pages: the front page, the language switch and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from fagloft.accounts.access import LOGGED_IN, PUBLIC, memberships, requires
from fagloft.navigation import attention_for


@requires(LOGGED_IN)
def front(request: HttpRequest) -> HttpResponse:
    items = attention_for(request.user)
    order = {"danger": 0, "warning": 1, "info": 2, "success": 3}
    items.sort(key=lambda item: (order.get(item.severity, 9), str(item.due or "")))
    return render(request, "front.html", {
        "attention": items,
        "memberships": [m for m in memberships(request.user) if m.pk],
    })


@requires(PUBLIC)
@require_http_methods(["POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)


@requires(PUBLIC)
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
