"""The overall plan for competence and quality development, its revisions and adoptions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import diff, record, record_create, record_delete, record_update, snapshot
from fagloft.lib.refusals import Refused
from fagloft.networks.models import Network, OverallPlan, PlanAdoption, PlanPriority
from fagloft.networks.permissions import EDIT_PLAN, MANAGE_NETWORK, RECORD_ADOPTION
from fagloft.organizations.models import Municipality

PLAN_FIELDS = ("title", "period", "goals", "priorities", "measures")


@use_case(EDIT_PLAN, on="network")
def save_plan(
    actor: Any, network: Network, *, plan: OverallPlan | None, expected_version: int | None, **values: Any
) -> OverallPlan:
    """Create the first revision, or edit the current one (refused if someone saved in between).

    An adopted revision is never edited: the adopted text must stay what was adopted."""
    if plan is None:
        plan = OverallPlan.objects.create(network=network, revision=1, **values)
        record_create(actor, plan)
        return plan
    if plan.adoptions.exists():
        raise Refused(_("Denne revisjonen er vedtatt og kan ikke endres. Lag en ny revisjon."))
    before = snapshot(plan, PLAN_FIELDS)
    for name in PLAN_FIELDS:
        setattr(plan, name, values.get(name, getattr(plan, name)))
    save_checked(plan, expected_version, PLAN_FIELDS)
    record_update(actor, plan, before)
    return plan


@use_case(EDIT_PLAN, on="network")
def new_plan_revision(actor: Any, network: Network) -> OverallPlan:
    latest = network.plans.select_for_update().order_by("-revision").first()
    if latest is None:
        raise Refused(_("Nettverket har ingen plan ennå."))
    plan = OverallPlan.objects.create(
        network=network, revision=latest.revision + 1, **{name: getattr(latest, name) for name in PLAN_FIELDS}
    )
    # The priorities and the needs they answer carry over; the new revision revises them.
    for priority in latest.priority_items.prefetch_related("needs"):
        copy = PlanPriority.objects.create(
            plan=plan, title=priority.title, description=priority.description, position=priority.position
        )
        copy.needs.set(priority.needs.all())
    record_create(actor, plan, message=f"ny revisjon basert på revisjon {latest.revision}")
    return plan


def _refuse_if_adopted(plan: OverallPlan) -> None:
    if plan.adoptions.exists():
        raise Refused(_("Denne revisjonen er vedtatt og kan ikke endres. Lag en ny revisjon."))


def _needs_allowed(plan: OverallPlan, needs: list[Any]) -> None:
    from fagloft.networks.queries import members_needs

    allowed = {need.pk for need in members_needs(plan.network)}
    if any(need.pk not in allowed for need in needs):
        raise Refused(_("Behovet hører ikke til en medlemskommunes siste vurdering."), field="needs")


@use_case(EDIT_PLAN, on="plan")
def add_priority(actor: Any, plan: OverallPlan, *, title: str, description: str = "", needs: Any = ()) -> PlanPriority:
    """A priority of the plan, tied to the members' needs it answers."""
    _refuse_if_adopted(plan)
    needs = list(needs)
    _needs_allowed(plan, needs)
    last = plan.priority_items.order_by("-position").values_list("position", flat=True).first() or 0
    priority = PlanPriority.objects.create(plan=plan, title=title, description=description, position=last + 1)
    priority.needs.set(needs)
    record_create(actor, priority)
    return priority


@use_case(EDIT_PLAN, on="priority")
def update_priority(
    actor: Any, priority: PlanPriority, *, title: str, description: str = "", needs: Any = ()
) -> PlanPriority:
    _refuse_if_adopted(priority.plan)
    needs = list(needs)
    kept = set(priority.needs.values_list("pk", flat=True))
    _needs_allowed(priority.plan, [need for need in needs if need.pk not in kept])
    changes = diff(snapshot(priority, ["title", "description"]), {"title": title, "description": description})
    priority.title, priority.description = title, description
    priority.save(update_fields=["title", "description", "updated_at"])
    priority.needs.set(needs)
    after_needs = sorted(need.pk for need in needs)
    if after_needs != sorted(kept):
        changes["needs"] = [sorted(kept), after_needs]
    if changes:
        record(actor, AuditEvent.Verb.UPDATE, priority, changes)
    return priority


@use_case(EDIT_PLAN, on="priority")
def delete_priority(actor: Any, priority: PlanPriority) -> None:
    _refuse_if_adopted(priority.plan)
    record_delete(actor, priority)
    priority.delete()


@use_case(RECORD_ADOPTION, on="plan")
def record_adoption(
    actor: Any,
    plan: OverallPlan,
    *,
    municipality: Municipality | None,
    adopted_on: Any,
    body: str,
    case_reference: str = "",
    document: Any = None,
) -> PlanAdoption:
    """Record that the network (municipality empty) or one member municipality adopted `plan`.

    A municipal leader records only their own municipality's adoption; the network's own adoption
    is recorded by those who run the network."""
    if actor is not None:
        allowed = (
            can(actor, MANAGE_NETWORK, plan.network)
            if municipality is None
            else can(actor, RECORD_ADOPTION, municipality)
        )
        if not allowed:
            raise PermissionDenied
    if municipality is not None and not plan.network.members.filter(municipality=municipality).exists():
        raise Refused(_("%(name)s er ikke medlem av nettverket.") % {"name": municipality.name}, field="municipality")
    if plan.adoptions.filter(municipality=municipality).exists():
        raise Refused(_("Vedtaket er allerede registrert for denne revisjonen."), field="municipality")
    adoption = PlanAdoption(
        plan=plan,
        municipality=municipality,
        adopted_on=adopted_on,
        body=body,
        case_reference=case_reference,
        recorded_by=actor if actor and actor.is_authenticated else None,
    )
    if document:
        adoption.document = document
    adoption.save()
    # The audit trail stores the document's name, not the file object.
    values = snapshot(adoption, ["plan", "municipality", "adopted_on", "body", "case_reference"])
    values["document"] = adoption.document.name or ""
    record(actor, AuditEvent.Verb.CREATE, adoption, {k: [None, v] for k, v in values.items()})
    return adoption
