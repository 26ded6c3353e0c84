"""Small helpers shared by this app's views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def crumbs(*pairs: tuple[Any, str | None]) -> list[dict[str, Any]]:
    return [{"label": _("Forside"), "url": reverse("front")}, *({"label": label, "url": url} for label, url in pairs)]


def refuse(request: HttpRequest, message: Any, url: str) -> HttpResponse:
    """Tell the user why (in Norwegian) and go back to where the action is explained."""
    messages.error(request, str(message))
    return redirect(url)
