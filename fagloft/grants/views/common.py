"""Helpers shared by the grant pages: the app's own crumbs (built with `fagloft.lib.pages.breadcrumbs`)
and the confirmation step of irreversible actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import Crumb, breadcrumbs


def grants_crumb() -> tuple[str, str]:
    return _("Tilskudd"), reverse("grants:call-list")


def call_crumbs(call: Any, *pairs: tuple[str, str | None]) -> list[Crumb]:
    return breadcrumbs(grants_crumb(), (call.title, reverse("grants:call-detail", args=[call.pk])), *pairs)


def application_crumbs(application: Any, *pairs: tuple[str, str | None]) -> list[Crumb]:
    return call_crumbs(
        application.call, (application.title, reverse("grants:application-detail", args=[application.pk])), *pairs
    )


_PK_MARK = 987654321


def pk_url(name: str) -> Callable[[Any], str]:
    """`reverse(name, args=[pk])` for the many rows of one table, reversed once: a long table would
    otherwise resolve the same pattern once per row."""
    pattern = reverse(name, args=[_PK_MARK])
    mark = str(_PK_MARK)
    return lambda pk: pattern.replace(mark, str(pk))


def is_confirmed(request: HttpRequest) -> bool:
    """The second step of a confirmation: the page was the confirmation page (`components/confirm.html`)."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: list[str],
    submit: str,
    cancel_url: str,
    breadcrumbs: list[Crumb],
    confirm_form: ConfirmForm | None = None,
    hidden: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "grants/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "warnings": warnings or [],
            "submit": submit,
            "cancel_url": cancel_url,
            "confirm_form": confirm_form or ConfirmForm(),
            "hidden": hidden or {},
            "breadcrumbs": breadcrumbs,
        },
        status=status,
    )


def carried(form: Any) -> dict[str, Any]:
    """The bound form's values as hidden inputs for the confirmation step (single values only)."""
    values: dict[str, Any] = {}
    for name in form.fields:
        key = form.add_prefix(name)
        if key in form.data:
            values[key] = form.data.get(key)
    return values
