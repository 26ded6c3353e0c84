"""Audit of failed logins and logouts, the per-address login limit, and the session clock.

Signals rather than the login view, so logins through OpenID Connect and the admin count too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fagloft.accounts import login_limits
from fagloft.accounts.middleware import start_session_clock
from fagloft.accounts.models import User
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record


@receiver(user_login_failed, dispatch_uid="fagloft.accounts.login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")[:150]
    address = login_limits.client_address(request) if request is not None else ""
    if request is not None and username:
        login_limits.note_failure(request, username)
    # An unknown username is logged too (unsaved user object): spraying shows in the trail.
    target = User.objects.filter(username=username).first() or User(username=username or "?")
    record(None, AuditEvent.Verb.LOGIN_FAILED, target, message=f"fra {address}" if address else "", scope={})


@receiver(user_logged_in, dispatch_uid="fagloft.accounts.session_clock")
def _logged_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)


@receiver(user_logged_out, dispatch_uid="fagloft.accounts.logged_out")
def _logged_out(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None and user.pk:
        reason = getattr(request, "fagloft_logout_reason", "")
        record(user, AuditEvent.Verb.LOGOUT, user, message=reason, scope={})
