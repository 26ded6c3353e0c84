"""Helpers shared by the grant pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.pages import breadcrumbs, form_page  # noqa: F401  (form_page is used by the views)


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return breadcrumbs((_("Tilskudd"), reverse("grants:call-list")), *pairs)


def call_crumbs(call, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((call.title, reverse("grants:call-detail", args=[call.pk])), *pairs)


