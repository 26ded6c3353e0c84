"""Small helpers shared by the network pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.networks.models import Network


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")},
            {"label": _("Læringsnettverk"), "url": reverse("networks:network-list")},
            *({"label": label, "url": url} for label, url in pairs)]


def network_crumbs(network: Network, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((network.name, reverse("networks:network-detail", args=[network.pk])), *pairs)


def form_page(request: HttpRequest, *, title: str, form: Any, breadcrumbs: list, submit: str | None = None,
              intro: str = "", multipart: bool = False, status: int = 200) -> HttpResponse:
    """One generic page for a single form (POST/redirect/GET is done by the caller)."""
    return render(request, "networks/form.html", {
        "title": title, "form": form, "breadcrumbs": breadcrumbs, "submit": submit or _("Lagre"),
        "intro": intro, "multipart": multipart,
    }, status=status)


def version_of(form: Any) -> int:
    return form.cleaned_data.get("version") or 0
