"""Small page helpers shared by the apps' views: breadcrumbs and the generic one-form page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

Crumb = dict[str, Any]


def breadcrumbs(*pairs: tuple[Any, str | None]) -> list[Crumb]:
    """The front page first, then each (label, url); the last one is the current page."""
    return [{"label": _("Forside"), "url": reverse("front")}, *({"label": label, "url": url} for label, url in pairs)]


def form_page(
    request: HttpRequest,
    *,
    title: str,
    form: Any,
    breadcrumbs: list[Crumb],
    submit: str | None = None,
    intro: str = "",
    multipart: bool = False,
    status: int = 200,
) -> HttpResponse:
    """One generic page for a single form (the caller does POST/redirect/GET)."""
    return render(
        request,
        "components/form_page.html",
        {
            "title": title,
            "form": form,
            "breadcrumbs": breadcrumbs,
            "submit": submit or _("Lagre"),
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )
