"""A competence plan measure answered by a programme (further education, Tjenestestøtteprogrammet,
a course) follows the programme: programmes (above this app) works out the state its enrolments
and round places imply and calls `follow_programme`, which writes the state and its audit row.

The programme's own use case has already checked who acted (the provider admitting, the leader
withdrawing, the county closing a round); this is the system carrying the consequence into the
plan, so the plan's state is never edited by hand to match."""

from __future__ import annotations

from typing import Any

from fagloft.accounts.use_cases import system_job
from fagloft.audit.services import record_update, snapshot
from fagloft.competence.models import PlanMeasure


@system_job
def follow_programme(actor: Any = None, *, measure: PlanMeasure, state: str, reason: str = "") -> bool:
    """Set the measure's state to what the programme says (one of `PlanMeasure.State`); True when
    it changed. The version moves too, so an open edit form of the measure sees the change."""
    if state not in PlanMeasure.State.values:
        raise ValueError(f"Not a measure state: {state}")
    measure = PlanMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.state == state:
        return False
    before = snapshot(measure, ["state"])
    measure.state = state
    measure.version += 1
    measure.save(update_fields=["state", "version", "updated_at"])
    record_update(actor, measure, before, message=("fra programmer: " + reason)[:200] if reason else "fra programmer")
    return True
