"""Template filters over `fagloft.lib.formatting`: {{ amount|kroner }}, {{ share|percent }}, {{ day|dato }}."""

from __future__ import annotations

from typing import Any

from django import template

from fagloft.lib import formatting

register = template.Library()


@register.filter
def kroner(value: Any) -> str:
    return formatting.money(value)


@register.filter
def number(value: Any, decimals: int = 0) -> str:
    return formatting.number(value, int(decimals))


@register.filter
def percent(value: Any, decimals: int = 1) -> str:
    return formatting.percent(value, int(decimals))


@register.filter
def share_percent(value: Any, decimals: int = 1) -> str:
    return formatting.percent(value, int(decimals), share=True)


@register.filter
def dato(value: Any, style: str = "short") -> str:
    return formatting.date(value, style)


@register.filter
def tidspunkt(value: Any, style: str = "short") -> str:
    return formatting.datetime_(value, style)


@register.filter
def klokkeslett(value: Any) -> str:
    return formatting.time(value)
