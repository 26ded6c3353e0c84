"""Filters for the stored figures: labels in the active language and values formatted by kind."""

from __future__ import annotations

from typing import Any

from django import template

from fagloft.reports.documents.content import indicator_rows, source_line, value
from fagloft.reports.labels import text

register = template.Library()


@register.filter
def label(raw: Any) -> str:
    return text(raw)


@register.filter
def figure(entry: dict[str, Any] | None) -> str:
    """A fact ({"value", "kind", "decimals"}) as the reader sees it."""
    if not entry:
        return "–"
    return value(entry.get("value"), entry.get("kind", "number"), entry.get("decimals", 0))


@register.simple_tag
def indicator_table(row: dict[str, Any], year: int) -> dict[str, Any]:
    columns, rows = indicator_rows(row, year)
    return {"columns": columns, "rows": rows}


@register.simple_tag
def indicator_source(row: dict[str, Any], date: str) -> str:
    return source_line(row, date)


@register.filter
def cell(raw: Any) -> str:
    return value(raw, "text")
