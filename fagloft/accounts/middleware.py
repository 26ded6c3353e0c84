"""Two-factor login for the county, national and admin roles.

They can see many municipalities' data, so a stolen password alone must not be enough. Demo mode
relaxes this (and says so in a banner on every page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from fagloft.accounts.access import has_role
from fagloft.accounts.roles import TWO_FACTOR_ROLES

# Paths a user who still owes the second factor may open. Not the rest of /konto/: an API token
# made before the second factor would get around it.
_OPEN_PREFIXES = ("/static/", "/konto/logg-inn/", "/konto/logg-ut/", "/konto/to-faktorer/", "/i18n/", "/helse/")


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or settings.DEMO_MODE_NOT_FOR_PRODUCTION:
        return False
    if not has_role(user, *TWO_FACTOR_ROLES):
        return False
    return not user.is_verified()  # type: ignore[attr-defined]


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_second_factor(request) and not request.path.startswith(_OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Innlogging med to faktorer kreves for denne rollen."}',
                    status=403, content_type="application/json",
                )
            return redirect(f"{reverse('accounts:two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)
