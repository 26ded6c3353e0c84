"""Helpers shared by the grant pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")},
            {"label": _("Tilskudd"), "url": reverse("grants:call-list")},
            *({"label": label, "url": url} for label, url in pairs)]


def call_crumbs(call, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((call.title, reverse("grants:call-detail", args=[call.pk])), *pairs)
