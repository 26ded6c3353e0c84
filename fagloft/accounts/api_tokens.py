"""Personal API tokens, held to the same second-factor rule as a session.

The two-factor middleware only sees the session user; DRF authenticates a token later, in the view.
So the rule is applied here as well: a user whose role needs two factors can only use a token that
was made in a session verified with the second factor, and only while that device is still
confirmed. A token made before the user was given such a role (so without a second factor) is
refused once the role is given. Tokens expire, can be revoked, and only their SHA-256 hash and a
short prefix are stored.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from fagloft.accounts import login_limits
from fagloft.accounts.middleware import second_factor_required
from fagloft.accounts.models import ApiToken

KEY_PREFIX = "flk_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8
# Writing `last_used_at` on every request would turn each API read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.FAGLOFT_API_TOKEN_DAYS)


def create_token(user: Any, device: Any | None, name: str = "") -> tuple[ApiToken, str]:
    """Make a token for `user`; `device` is the second-factor device verified in this session
    (None if it was not). Returns the stored token and the key, which is never stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        second_factor_device=device.persistent_id if device is not None else "",
        expires_at=timezone.now() + lifetime(),
    )
    return token, key


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def verified_device(token: ApiToken) -> Any | None:
    """The device the token was made with, if it still belongs to the user and is confirmed."""
    if not token.second_factor_device:
        return None
    for device in devices_for_user(token.user, confirmed=True):
        if device.persistent_id == token.second_factor_device:
            return device
    return None


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`)."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Ugyldig Authorization-overskrift: oppgi «Token <nøkkel>»."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøkkel.")) from None
        return self.authenticate_key(key, request)

    def authenticate_key(self, key: str, request: Any = None) -> tuple[Any, ApiToken]:
        # DRF authenticates before it throttles, so guessing keys would never be slowed down by the
        # API throttles; wrong keys are counted per address here instead.
        if request is not None and login_limits.too_many_token_failures(request):
            raise exceptions.Throttled(detail=_("For mange ugyldige API-nøkler fra denne adressen. Vent litt."))
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            if request is not None:
                login_limits.note_token_failure(request)
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøkkel."))
        if not token.usable:
            raise exceptions.AuthenticationFailed(
                _("API-nøkkelen er utløpt eller trukket tilbake. Lag en ny på «Min konto».")
            )
        user = token.user
        device = verified_device(token)
        # The same object django-otp's middleware gives a session user, so `is_verified()` works.
        user.otp_device = device  # type: ignore[attr-defined]
        user.is_verified = lambda: device is not None  # type: ignore[attr-defined]
        if second_factor_required(user):
            raise exceptions.AuthenticationFailed(
                _(
                    "Rollen din krever innlogging med to faktorer. Lag en ny API-nøkkel etter at du har logget inn "
                    "med to faktorer."
                )
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token

    def authenticate_header(self, request: Any) -> str:
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the API documentation describes the token (Swagger UI sends it as `Bearer <key>`)."""

    target_class = "fagloft.accounts.api_tokens.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Personal API key from «Min konto», as `Authorization: Token <key>` or `Bearer <key>`.",
        }
