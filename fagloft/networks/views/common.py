"""Small helpers shared by the network pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.pages import Crumb, breadcrumbs
from fagloft.networks.models import Network


def network_crumbs(network: Network | None, *pairs: tuple[str, str | None]) -> list[Crumb]:
    """Breadcrumbs under "Læringsnettverk" (and the network, when the page belongs to one)."""
    own = [(_("Læringsnettverk"), reverse("networks:network-list"))]
    if network is not None:
        own.append((network.name, reverse("networks:network-detail", args=[network.pk])))
    return breadcrumbs(*own, *pairs)


def version_of(form: Any) -> Any:
    """The version the user loaded (the kit's hidden `version` field); `save_checked` refuses a
    missing or stale one."""
    return form.cleaned_data.get("version")
