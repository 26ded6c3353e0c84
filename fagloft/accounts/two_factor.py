"""Setting up and checking the TOTP second factor, and optional one-time backup codes.

Backup codes (django-otp's static tokens) let a person log in once each when the phone is lost;
they are shown only when made, and each works once.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import secrets
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being set up, created on first visit so the QR code stays the same on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name="app")


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for apps that cannot scan the QR code."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def clean_token(token: str) -> str:
    return token.strip().replace(" ", "").replace("-", "")


def verify(device: TOTPDevice, token: str) -> bool:
    return device.verify_token(clean_token(token))


def verify_backup_code(user: Any, code: str) -> StaticDevice | None:
    """The backup-code device if `code` is one of the user's unused codes (it is used up)."""
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(clean_token(code).lower()):
            return device
    return None


def make_backup_codes(user: Any) -> list[str]:
    """Replace the user's backup codes with new ones, and return them (the only time they are shown)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Enrolment: setting up the app needs more than the password -------------------------------
#
# A stolen password of an account that has not set up its app yet would otherwise be enough to set
# up the attacker's app, and with it the second factor. So setting up needs something the attacker
# lacks: a one-time code an admin gave the person (through another channel), or a login through
# OpenID Connect (ID-porten or Entra ID, which check the person themselves).

ENROLMENT_GRANT = "fagloft_enrolment_grant"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, read aloud or typed from paper
CODE_LENGTH = 12
OIDC_BACKEND = "fagloft.accounts.oidc.FagloftOIDCBackend"


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _code_hash(user: Any, code: str) -> str:
    return hashlib.sha256(f"{user.pk}:{_normalise_code(code)}".encode()).hexdigest()


def issue_enrolment_code(user: Any, issued_by: Any | None) -> str:
    """A new code for `user` (earlier unused ones stop working). Returned once; only its hash is kept."""
    from fagloft.accounts.models import EnrolmentCode

    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        EnrolmentCode.objects.create(
            user=user,
            code_hash=_code_hash(user, raw),
            issued_by=issued_by,
            expires_at=timezone.now() + datetime.timedelta(hours=settings.FAGLOFT_ENROLMENT_CODE_HOURS),
        )
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def redeem_enrolment_code(user: Any, code: str) -> Any | None:
    """The code, used up, if it is `user`'s, unused and not expired."""
    from fagloft.accounts.models import EnrolmentCode

    now = timezone.now()
    with transaction.atomic():
        found = (
            EnrolmentCode.objects.select_for_update()
            .filter(user=user, code_hash=_code_hash(user, code), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if found is None:
            return None
        found.used_at = now
        found.save(update_fields=["used_at"])
    return found


def logged_in_with_oidc(request: Any) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND


def grant_enrolment(request: Any) -> None:
    request.session[ENROLMENT_GRANT] = request.user.pk


def may_enrol(request: Any) -> bool:
    """May this session set up the authenticator app?"""
    return request.session.get(ENROLMENT_GRANT) == request.user.pk or logged_in_with_oidc(request)


def how_enrolled(request: Any) -> str:
    return "OpenID Connect" if logged_in_with_oidc(request) else "engangskode fra administrator"


def end_enrolment(request: Any) -> None:
    request.session.pop(ENROLMENT_GRANT, None)
