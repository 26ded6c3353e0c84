"""Two-factor login for the county, national and admin roles.

They can see many municipalities' data, so a stolen password alone must not be enough. Demo mode
relaxes this (and says so in a banner on every page).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import has_role
from fagloft.accounts.api_fields import plain_user
from fagloft.accounts.roles import TWO_FACTOR_ROLES
from fagloft.lib.api_errors import problem_response

# Paths a user who still owes the second factor may open. Not the rest of /konto/: an API token
# made before the second factor would get around it.
_OPEN_PREFIXES = ("/static/", "/konto/logg-inn/", "/konto/logg-ut/", "/konto/to-faktorer/", "/i18n/", "/helse/")


def second_factor_required(user: Any) -> bool:
    """True if `user` holds a role that needs two factors and has not given the second one.

    The one rule for sessions (the middleware below) and API tokens (`api_tokens.py`): both set
    `user.is_verified()`."""
    if not user.is_authenticated or settings.DEMO_MODE_NOT_FOR_PRODUCTION:
        return False
    if not has_role(user, *TWO_FACTOR_ROLES):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def needs_second_factor(request: HttpRequest) -> bool:
    return second_factor_required(request.user)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # From here on the user object itself, not the lazy wrappers of the authentication and OTP
        # middleware (both evaluated by now): every attribute read through a wrapper costs two more
        # calls, and a page's permission checks read the user's memberships thousands of times.
        request.user = plain_user(request.user)
        if needs_second_factor(request) and not request.path.startswith(_OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                return problem_response(403, _("Innlogging med to faktorer kreves for denne rollen."))
            return redirect(f"{reverse('accounts:two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)


# Session keys of the timeout check: when the person logged in, and when they were last seen.
LOGIN_AT = "fagloft_login_at"
SEEN_AT = "fagloft_seen_at"
TIMED_OUT = "fagloft_timed_out"
# Saving the session on every request would be a write per page; a minute's precision is enough.
SEEN_RESOLUTION = 60


def idle_limit_seconds(user: Any) -> int:
    """Privileged roles see many municipalities' data, so an unattended session ends sooner."""
    if has_role(user, *TWO_FACTOR_ROLES):
        return settings.FAGLOFT_SESSION_IDLE_MINUTES_PRIVILEGED * 60
    return settings.FAGLOFT_SESSION_IDLE_MINUTES * 60


def start_session_clock(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Ends a session after a period without requests, and in any case some hours after login.

    Django's own expiry moves forward whenever the session is saved, so it cannot give an absolute
    lifetime; the login time is kept in the session instead. After a timeout the request goes on
    as anonymous (the page asks for login, the API refuses), and the login page says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            login_at = request.session.setdefault(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            if now - login_at > settings.FAGLOFT_SESSION_MAX_HOURS * 3600 or now - seen_at > idle_limit_seconds(user):
                request.fagloft_logout_reason = "tidsavbrudd"  # type: ignore[attr-defined]
                logout(request)
                request.session[TIMED_OUT] = True
            elif now - seen_at >= SEEN_RESOLUTION or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        return self.get_response(request)
