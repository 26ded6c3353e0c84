"""The idea bank: propose, support, comment; the steering group prioritises."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.networks.models import Idea, IdeaComment, IdeaSupport, Network


@transaction.atomic
def propose_idea(actor: Any, network: Network, *, title: str, description: str) -> Idea:
    idea = Idea.objects.create(network=network, title=title, description=description, proposed_by=actor)
    record_create(actor, idea)
    return idea


@transaction.atomic
def support_idea(actor: Any, idea: Idea) -> bool:
    """Toggle the actor's support; returns whether the actor now supports the idea."""
    existing = IdeaSupport.objects.filter(idea=idea, user=actor)
    if existing.exists():
        existing.delete()
        record(actor, "update", idea, {"support": [str(actor), None]})
        return False
    IdeaSupport.objects.create(idea=idea, user=actor)
    record(actor, "update", idea, {"support": [None, str(actor)]})
    return True


@transaction.atomic
def comment_on_idea(actor: Any, idea: Idea, *, text: str) -> IdeaComment:
    comment = IdeaComment.objects.create(idea=idea, author=actor, text=text)
    record(actor, "update", idea, {"comment": [None, text[:200]]})
    return comment


@transaction.atomic
def prioritise_idea(actor: Any, idea: Idea, *, status: str, priority: int | None, may_prioritise: bool) -> Idea:
    """Only the steering group (or those who run the network) may prioritise; the view decides
    `may_prioritise` from `queries.is_steering_member` and the manage permission."""
    if not may_prioritise:
        raise PermissionDenied
    before = snapshot(idea, ["status", "priority"])
    idea.status, idea.priority = status, priority
    idea.save(update_fields=["status", "priority", "updated_at"])
    record_update(actor, idea, before)
    return idea
