"""The main menu and the front page's "needs your attention" list, collected from every app.

An app contributes by having a module `<app>/navigation.py` with `ITEMS: list[NavItem]`, and/or
`<app>/attention.py` with `items_for(user) -> list[AttentionItem]`. Collecting them here keeps
the dependency direction downward: lower apps never import higher ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.cache import cache as django_cache
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


# A backstop only: the key changes with every audited change, so the list is never older than the
# data it lists. Without it a change made without an audit event (a shell, a fixture) would
# linger; five minutes is as long as a stale card may stay.
ATTENTION_SECONDS = 300


def attention_for(user: Any) -> list[AttentionItem]:
    """Every app's attention items for `user`. The front page asks eight apps some twenty-five
    queries; the answer is cached per user, language and day under the data version: the newest
    audited change (every use case writes one) and the newest edit in the Django admin."""
    key = _attention_key(user)
    items = None if key is None else django_cache.get(key)
    if items is None:
        items = []
        for module in _attention_modules():
            items.extend(module.items_for(user))
        if key is not None:
            django_cache.set(key, items, ATTENTION_SECONDS)
    return list(items)


def _attention_key(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    from django.contrib.admin.models import LogEntry
    from django.db import connection
    from django.utils import timezone, translation

    from fagloft.accounts.access import memberships
    from fagloft.audit.services import latest_change_sql

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {latest_change_sql()}, (SELECT MAX({quote('id')}) FROM {quote(LogEntry._meta.db_table)})"
        )
        version = cursor.fetchone()
    roles = sorted(
        (m.pk or 0, m.role, m.county_id, m.municipality_id, m.service_id, str(m.valid_to)) for m in memberships(user)
    )
    parts = (user.pk, user.is_superuser, translation.get_language(), timezone.localdate(), roles, version)
    return "attention:" + hashlib.sha256(repr(parts).encode()).hexdigest()


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
