"""Hub links: for those who may check KOSTRA files (the service leader, the admin), the service's and
the municipality's pages lead to the 15F check. Nobody else sees the link: reports are private to
the uploader, and the county and Bufdir see only the figures a service stored, through statistics."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.permissions import UPLOAD
from fagloft.lib.formatting import date as format_date
from fagloft.lib.links import Link


def _detail(user: Any, **where: Any) -> str:
    latest = ValidationRun.objects.filter(uploaded_by=user, **where).order_by("-created_at").first()
    if latest is None:
        return _("Kontroller 15F-filen før den sendes til SSB.")
    return _("Siste kontroll: %(file)s, %(date)s.") % {
        "file": latest.file_name,
        "date": format_date(timezone.localdate(latest.created_at)),
    }


def _link(unit: Any, user: Any, detail: str) -> Link:
    return Link(
        kind=_("KOSTRA-kontroll"),
        title=_("Kontroller KOSTRA-filen"),
        url=reverse("kostra:index"),
        detail=detail,
        model=f"organizations.{unit._meta.model_name}",
        pk=unit.pk,
        group="hub",
        order=15,
    )


def municipality_hub(municipality: Any, user: Any) -> list[Link]:
    if not can(user, UPLOAD, municipality):
        return []
    return [_link(municipality, user, _detail(user, service__coverages__municipality=municipality))]


def service_hub(service: Any, user: Any) -> list[Link]:
    if not can(user, UPLOAD, service):
        return []
    return [_link(service, user, _detail(user, service=service))]


PROVIDERS = [
    ("organizations.municipality", municipality_hub),
    ("organizations.service", service_hub),
]
