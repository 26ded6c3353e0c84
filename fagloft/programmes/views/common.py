"""Helpers shared by the programme pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.pages import Crumb, breadcrumbs


def crumbs(*pairs: tuple[Any, str | None]) -> list[Crumb]:
    return breadcrumbs((_("Programmer"), reverse("programmes:index")), *pairs)


def posted_ids(values: list[str]) -> set[int]:
    return {int(v) for v in values if str(v).isdigit()}
