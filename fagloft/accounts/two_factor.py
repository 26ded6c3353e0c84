"""Setting up and checking the TOTP second factor, and optional one-time backup codes.

Backup codes (django-otp's static tokens) let a person log in once each when the phone is lost;
they are shown only when made, and each works once.
"""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.db import transaction
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
    return svg[svg.index("<svg"):]


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for apps that cannot scan the QR code."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


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
