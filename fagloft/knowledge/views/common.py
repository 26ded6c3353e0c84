"""Crumbs and the confirmation page shared by the knowledge pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import Crumb, breadcrumbs


def bank_crumb() -> tuple[str, str]:
    return _("Kunnskap"), reverse("knowledge:bank")


def crumbs(*pairs: tuple[Any, str | None]) -> list[Crumb]:
    return breadcrumbs(bank_crumb(), *pairs)


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: list[str],
    submit: str,
    cancel_url: str,
    breadcrumbs: list[Crumb],
    confirm_form: ConfirmForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "knowledge/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "submit": submit,
            "cancel_url": cancel_url,
            "confirm_form": confirm_form or ConfirmForm(),
            "breadcrumbs": breadcrumbs,
        },
    )
