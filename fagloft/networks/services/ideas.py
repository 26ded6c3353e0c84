"""The idea bank: propose, support, comment; the steering group prioritises."""

from __future__ import annotations

from typing import Any

from fagloft.accounts.use_cases import use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.networks.models import Idea, IdeaComment, IdeaSupport, Network
from fagloft.networks.permissions import PRIORITISE_IDEAS, TAKE_PART


@use_case(TAKE_PART, on="network")
def propose_idea(actor: Any, network: Network, *, title: str, description: str) -> Idea:
    idea = Idea.objects.create(network=network, title=title, description=description, proposed_by=actor)
    record_create(actor, idea)
    return idea


@use_case(TAKE_PART, on="idea")
def support_idea(actor: Any, idea: Idea) -> bool:
    """Toggle the actor's support; returns whether the actor now supports the idea."""
    existing = IdeaSupport.objects.filter(idea=idea, user=actor)
    if existing.exists():
        existing.delete()
        record(actor, AuditEvent.Verb.UPDATE, idea, {"support": [str(actor), None]})
        return False
    IdeaSupport.objects.create(idea=idea, user=actor)
    record(actor, AuditEvent.Verb.UPDATE, idea, {"support": [None, str(actor)]})
    return True


@use_case(TAKE_PART, on="idea")
def comment_on_idea(actor: Any, idea: Idea, *, text: str) -> IdeaComment:
    comment = IdeaComment.objects.create(idea=idea, author=actor, text=text)
    record(actor, AuditEvent.Verb.UPDATE, idea, {"comment": [None, text[:200]]})
    return comment


@use_case(PRIORITISE_IDEAS, on="idea")
def prioritise_idea(actor: Any, idea: Idea, *, status: str, priority: int | None) -> Idea:
    """The steering group (or those who run the network) prioritises: the rule
    `permissions.STEERING_GROUP_OR_RUNS` on PRIORITISE_IDEAS decides, before this runs."""
    before = snapshot(idea, ["status", "priority"])
    idea.status, idea.priority = status, priority
    idea.save(update_fields=["status", "priority", "updated_at"])
    record_update(actor, idea, before)
    return idea
