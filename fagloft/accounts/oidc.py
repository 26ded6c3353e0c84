"""OpenID Connect login through ID-porten or Entra ID (see docs/login.md).

Only people who already have a Fagløft user may log in this way: roles are given in Fagløft, never
taken from the identity provider. The configured claim (`pid`, `email` or `oid`) is matched to the
user's `oidc_subject`, or to the e-mail address for the first login.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


def subject_key(claims: dict[str, Any]) -> str:
    value = str(claims.get(settings.OIDC_USERNAME_CLAIM, "")).strip()
    if settings.OIDC_USERNAME_CLAIM == "pid" and value:
        # A national identity number is never stored in clear text.
        return "pid:" + hashlib.sha256((settings.SECRET_KEY + value).encode()).hexdigest()
    return value.lower()


class FagloftOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]):
        key = subject_key(claims)
        if not key:
            return self.UserModel.objects.none()
        users = self.UserModel.objects.filter(oidc_subject=key, is_active=True)
        if not users.exists() and claims.get("email"):
            users = self.UserModel.objects.filter(email__iexact=claims["email"], is_active=True, oidc_subject="")
        return users

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(subject_key(claims))

    def update_user(self, user, claims: dict[str, Any]):
        if not user.oidc_subject:
            user.oidc_subject = subject_key(claims)
            user.save(update_fields=["oidc_subject"])
        return user

    def create_user(self, claims: dict[str, Any]):
        return None  # accounts are created by an admin in Fagløft, with their roles
