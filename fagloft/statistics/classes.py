"""Map classes for a coloured county map: quintile limits rounded to the indicator's decimals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def quintile_breaks(values: Sequence[Decimal | float | None], decimals: int = 1, classes: int = 5) -> list[float]:
    """Upper class limits splitting the values into (up to) `classes` groups of about equal size.

    Limits are rounded to the indicator's decimals and duplicates dropped, so few distinct values
    give fewer classes rather than empty ones.
    """
    ordered = sorted(float(v) for v in values if v is not None)
    if len(ordered) < 2:
        return []
    breaks: list[float] = []
    for i in range(1, classes):
        limit = round(ordered[min(len(ordered) - 1, (len(ordered) * i) // classes)], decimals)
        if limit > ordered[0] and (not breaks or limit > breaks[-1]):
            breaks.append(limit)
    return breaks
