"""Texts the system wrote itself in bokmål (signal names, factor labels from reference.py, stored
in rows and in the signals snapshot) shown in the user's language: the message catalogue has the
nynorsk and English of every seeded text; a text someone wrote by hand has no entry and is shown as
written."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def system_text(value: Any) -> str:
    text = str(value or "")
    return gettext(text) if text else ""
