"""Setting up and checking the TOTP second factor."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being set up, created on first visit so the QR code stays the same on reload."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "app"})
    return device


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg"):]


def verify(device: TOTPDevice, token: str) -> bool:
    return device.verify_token(token.strip().replace(" ", ""))
