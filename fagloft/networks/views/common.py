"""Small helpers shared by the network pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.pages import breadcrumbs, form_page  # noqa: F401  (form_page is used by the views)
from fagloft.networks.models import Network


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return breadcrumbs((_("Læringsnettverk"), reverse("networks:network-list")), *pairs)


def network_crumbs(network: Network, *pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return crumbs((network.name, reverse("networks:network-detail", args=[network.pk])), *pairs)


def version_of(form: Any) -> int:
    return form.cleaned_data.get("version") or 0
