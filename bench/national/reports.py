"""In every county: last year's report handled by the council and this year's draft (first service)."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.reports.models import Report

    for ctx in world.contexts:
        run_demo("reports", ctx)
    return Report.objects.count()
