"""The knowledge bank, offers, the library and technology, and coverage for the whole country.

The demo builder makes the catalogue and its offers around the benchmark county's services; its
coverage publishing then computes coverage for every municipality.
"""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.knowledge.models import Offer

    run_demo("knowledge", world.bench)
    return Offer.objects.count()
