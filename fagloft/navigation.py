"""The main menu and the front page's "needs your attention" list, collected from every app.

An app contributes by having a module `<app>/navigation.py` with `ITEMS: list[NavItem]`, and/or
`<app>/attention.py` with `items_for(user) -> list[AttentionItem]`. Collecting them here keeps
the dependency direction downward: lower apps never import higher ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.urls import reverse

from fagloft.accounts.access import Action, can
from fagloft.lib.discovery import app_modules


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    action: Action
    order: int = 50


@dataclass(frozen=True)
class AttentionItem:
    title: Any
    url: str
    detail: Any = ""
    # "danger", "warning", "info" or "success": maps to Designsystemet colours.
    severity: str = "info"
    due: Any = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    # "task" (something to do by `due`), "event" (something happens on `due`: a gathering, a
    # meeting) or "info" (to read). It decides the card's label and whether `due` is a deadline.
    kind: str = "task"

    @property
    def is_overdue(self) -> bool:
        import datetime

        from django.utils import timezone

        due = self.due.date() if isinstance(self.due, datetime.datetime) else self.due
        return self.kind == "task" and isinstance(due, datetime.date) and due < timezone.localdate()


@cache
def all_nav_items() -> list[NavItem]:
    items = [item for module in app_modules("navigation").values() for item in getattr(module, "ITEMS", [])]
    return sorted(items, key=lambda item: item.order)


def nav_for(user: Any) -> list[dict[str, Any]]:
    return [{"label": item.label, "url": reverse(item.url_name)} for item in all_nav_items() if can(user, item.action)]


@cache
def _attention_modules() -> list[Any]:
    return list(app_modules("attention").values())


def attention_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for module in _attention_modules():
        items.extend(module.items_for(user))
    return items


def layout(request: Any) -> dict[str, Any]:
    """Context processor: the menu and the site-wide flags every page's layout needs."""
    from django.conf import settings

    from fagloft.accounts.middleware import needs_second_factor

    user = getattr(request, "user", None)
    # Until the second factor is given, every menu link would lead back to the two-factor page.
    show_menu = user is not None and user.is_authenticated and not needs_second_factor(request)
    return {
        "demo_mode": settings.DEMO_MODE_NOT_FOR_PRODUCTION,
        # Not `site_name`: Django's LoginView puts the request's host under that name.
        "brand_name": settings.SITE_NAME,
        "main_nav": nav_for(user) if show_menu else [],
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
    }
