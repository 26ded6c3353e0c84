"""An optimised proposal for a new service structure in every county, with a draft agreement."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.organising.models import Proposal

    for ctx in world.contexts:
        run_demo("organising", ctx)
    return Proposal.objects.count()
