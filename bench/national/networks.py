"""A learning network in every county: members, steering group, contacts, an adopted overall plan,
gatherings with agenda and participants, ideas with support and comments, a project. In the
benchmark county the coordinator has started the plan's next revision, not adopted yet."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.networks.models import Network

    for ctx in world.contexts:
        run_demo("networks", ctx)
    _revision_in_draft(world)
    return Network.objects.count()


def _revision_in_draft(world: Any) -> None:
    """The plan page links to editing the plan and its priorities only while the newest revision is
    not adopted; the demo adopts the first one. The adopted revision stays, as an older revision."""
    from fagloft.networks import services
    from fagloft.networks.models import Network

    network = Network.objects.filter(county=world.bench.county).order_by("pk").first()
    if network is not None and network.plans.exists():
        services.new_plan_revision(world.bench_users["network_coordinator"], network)
