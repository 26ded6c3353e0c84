from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def layout(request: HttpRequest) -> dict[str, Any]:
    from fagloft.accounts.middleware import needs_second_factor
    from fagloft.navigation import nav_for

    user = getattr(request, "user", None)
    # Until the second factor is given, every menu link would lead back to the two-factor page.
    show_menu = user is not None and user.is_authenticated and not needs_second_factor(request)
    return {
        "demo_mode": settings.DEMO_MODE_NOT_FOR_PRODUCTION,
        "site_name": settings.SITE_NAME,
        "main_nav": nav_for(user) if show_menu else [],
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
    }
