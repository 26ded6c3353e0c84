"""A cost model and a finished simulation in every county (its first service's host municipality),
and this calendar year's model for the benchmark municipality."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.economy.models import SimulationRun

    for ctx in world.contexts:
        run_demo("economy", ctx)
    _this_years_model(world)
    return SimulationRun.objects.count()


def _this_years_model(world: Any) -> None:
    """The municipality page opens on the calendar year and links to the model's edit page only when
    that year's model is stored; the demo stores the data set's year (last year's figures)."""
    from django.utils import timezone

    from fagloft.economy import services
    from fagloft.economy.models import CostModel

    municipality = world.bench.services[0].host_municipality
    year = timezone.localdate().year
    if not CostModel.objects.filter(municipality=municipality, year=year).exists():
        services.create_cost_model(world.bench_users["municipal_leader"], municipality, year=year)
