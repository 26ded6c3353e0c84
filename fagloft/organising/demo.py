"""Demo: one proposal for Finnmark with the default rules (at least 5 FTE, at most 250 km, detour
1.3), and a draft host-municipality agreement for its largest shared service."""

from __future__ import annotations

from typing import Any

from fagloft.organising import services
from fagloft.organising.models import Proposal

DEPENDS_ON = ["organizations", "competence", "assessments", "economy"]


def build(ctx: Any) -> None:
    if Proposal.objects.filter(county=ctx.county, is_demo=True).exists():
        return
    advisor = ctx.users.get("statsforvalter.finnmark")
    proposal = services.start_proposal(
        None,
        ctx.county,
        title="Minst 5 årsverk, høyst 250 km",
        rules={"min_fte": 5.0, "max_km": 250.0, "detour": 1.3, "time_limit": 10.0},
        is_demo=True,
    )
    proposal.refresh_from_db()
    if proposal.status != Proposal.Status.DONE:
        ctx.log(f"organising: the demo proposal ended as {proposal.status}")
        return
    shared = [s for s in proposal.services.prefetch_related("members") if s.members.count() > 1]
    if shared:
        largest = max(shared, key=lambda s: s.children)
        services.draft_agreement(advisor, proposal, service=largest)
    ctx.extra["organising_proposal"] = proposal
    ctx.log(f"organising: a proposal for {ctx.county.name} with {proposal.services.count()} services")
