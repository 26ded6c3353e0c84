"""A learning network in every county: members, steering group, contacts, an adopted overall plan,
gatherings with agenda and participants, ideas with support and comments, a project."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.networks.models import Network

    for ctx in world.contexts:
        run_demo("networks", ctx)
    return Network.objects.count()
