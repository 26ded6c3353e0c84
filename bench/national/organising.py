"""An optimised proposal for a new service structure in every county, with a draft agreement, and
one distance between two of the benchmark county's municipalities set by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.organising.models import Proposal

    for ctx in world.contexts:
        run_demo("organising", ctx)
    _distance_override(world)
    return Proposal.objects.count()


def _distance_override(world: Any) -> None:
    """The admin's list of distances set by hand links each one to deleting it; the demo sets none.
    Set after the proposals, so they keep the estimated distances they were made with."""
    from fagloft.organising import services
    from fagloft.organising.models import DistanceOverride

    municipalities = world.bench.municipalities[:2]
    if len(municipalities) < 2 or DistanceOverride.objects.exists():
        return
    first, second = municipalities
    services.save_distance(
        world.bench_users["admin"],
        first=first,
        second=second,
        km=Decimal("48.5"),
        note="Ferje over fjorden (syntetisk)",
    )
