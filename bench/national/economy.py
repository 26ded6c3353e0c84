"""A cost model and a finished simulation in every county (its first service's host municipality)."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.economy.models import SimulationRun

    for ctx in world.contexts:
        run_demo("economy", ctx)
    return SimulationRun.objects.count()
