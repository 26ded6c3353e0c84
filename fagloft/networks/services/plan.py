"""The overall plan for competence and quality development, its revisions and adoptions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.networks.models import Network, OverallPlan, PlanAdoption
from fagloft.organizations.models import Municipality

PLAN_FIELDS = ("title", "period", "goals", "priorities", "measures")


@transaction.atomic
def save_plan(actor: Any, network: Network, *, plan: OverallPlan | None, expected_version: int | None,
              **values: Any) -> OverallPlan:
    """Create the first revision, or edit the current one (refused if someone saved in between).

    An adopted revision is never edited: the adopted text must stay what was adopted."""
    if plan is None:
        plan = OverallPlan.objects.create(network=network, revision=1, **values)
        record_create(actor, plan)
        return plan
    if plan.adoptions.exists():
        raise ValidationError(_("Denne revisjonen er vedtatt og kan ikke endres. Lag en ny revisjon."))
    before = snapshot(plan, PLAN_FIELDS)
    for name in PLAN_FIELDS:
        setattr(plan, name, values.get(name, getattr(plan, name)))
    save_checked(plan, expected_version or 0, PLAN_FIELDS)
    record_update(actor, plan, before)
    return plan


@transaction.atomic
def new_plan_revision(actor: Any, network: Network) -> OverallPlan:
    latest = network.plans.select_for_update().order_by("-revision").first()
    if latest is None:
        raise ValidationError(_("Nettverket har ingen plan ennå."))
    plan = OverallPlan.objects.create(
        network=network, revision=latest.revision + 1, **{name: getattr(latest, name) for name in PLAN_FIELDS})
    record_create(actor, plan, message=f"ny revisjon basert på revisjon {latest.revision}")
    return plan


@transaction.atomic
def record_adoption(actor: Any, plan: OverallPlan, *, municipality: Municipality | None, adopted_on: Any,
                    body: str, case_reference: str = "", document: Any = None) -> PlanAdoption:
    if municipality is not None and not plan.network.members.filter(municipality=municipality).exists():
        raise ValidationError(_("%(name)s er ikke medlem av nettverket.") % {"name": municipality.name})
    if plan.adoptions.filter(municipality=municipality).exists():
        raise ValidationError(_("Vedtaket er allerede registrert for denne revisjonen."))
    adoption = PlanAdoption(plan=plan, municipality=municipality, adopted_on=adopted_on, body=body,
                            case_reference=case_reference, recorded_by=actor if actor and actor.is_authenticated
                            else None)
    if document:
        adoption.document = document
    adoption.save()
    # The audit trail stores the document's name, not the file object.
    values = snapshot(adoption, ["plan", "municipality", "adopted_on", "body", "case_reference"])
    values["document"] = adoption.document.name or ""
    record(actor, "create", adoption, {k: [None, v] for k, v in values.items()})
    return adoption
