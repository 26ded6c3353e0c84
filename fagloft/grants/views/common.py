"""Helpers shared by the grant pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")},
            {"label": _("Tilskudd"), "url": reverse("grants:call-list")},
            *({"label": label, "url": url} for label, url in pairs)]


def call_crumbs(call, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((call.title, reverse("grants:call-detail", args=[call.pk])), *pairs)


def form_page(request: HttpRequest, *, title: str, form: Any, breadcrumbs: list, submit: str | None = None,
              intro: str = "") -> HttpResponse:
    """One generic page for a single form (the caller does POST/redirect/GET)."""
    return render(request, "grants/form.html", {
        "title": title, "form": form, "breadcrumbs": breadcrumbs, "submit": submit or _("Lagre"), "intro": intro,
    })
