"""Development projects (with milestones, status and final reports) and professional groups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from fagloft.accounts.use_cases import system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_delete, record_update, snapshot
from fagloft.lib.refusals import Refused
from fagloft.networks.models import (
    DevelopmentProject,
    GroupMeeting,
    GroupMember,
    Idea,
    Milestone,
    Network,
    OutcomeMeasure,
    ProfessionalGroup,
    StatusReport,
    status_rank,
)
from fagloft.networks.permissions import MANAGE_NETWORK, PRIORITISE_IDEAS, REPORT_ON_PROJECT, TAKE_PART
from fagloft.organizations.models import Municipality

FINAL_FIELDS = ("status", "final_report", "evaluation")


@use_case(MANAGE_NETWORK, on="network")
def create_project(
    actor: Any, network: Network, *, participants: Iterable[Municipality] = (), **values: Any
) -> DevelopmentProject:
    return _create_project(actor, network, participants=participants, **values)


def _create_project(
    actor: Any, network: Network, *, participants: Iterable[Municipality] = (), **values: Any
) -> DevelopmentProject:
    project = DevelopmentProject.objects.create(network=network, **values)
    project.participants.set(list(participants))
    record_create(actor, project)
    return project


@use_case(PRIORITISE_IDEAS, on="idea")
def idea_to_project(
    actor: Any,
    idea: Idea,
    *,
    lead_municipality: Municipality,
    participants: Iterable[Municipality] = (),
    partner: Any = None,
) -> DevelopmentProject:
    """The steering group turns an idea into a development project (the steering group need not
    run the network, so this does not go through `create_project`'s MANAGE_NETWORK)."""
    if idea.project_id:
        raise Refused(_("Idéen er allerede blitt et prosjekt."))
    project = _create_project(
        actor,
        idea.network,
        title=idea.title,
        description=idea.description,
        lead_municipality=lead_municipality,
        participants=participants,
        partner=partner,
        overall_plan=idea.network.plans.order_by("-revision").first(),
    )
    before = snapshot(idea, ["status", "project"])
    idea.status, idea.project = Idea.Status.PROJECT, project
    idea.save(update_fields=["status", "project", "updated_at"])
    record_update(actor, idea, before)
    return project


@use_case(REPORT_ON_PROJECT, on="project")
def add_milestone(actor: Any, project: DevelopmentProject, **values: Any) -> Milestone:
    milestone = Milestone.objects.create(project=project, **values)
    record(actor, AuditEvent.Verb.UPDATE, project, {"milestone": [None, milestone.title]})
    return milestone


@use_case(REPORT_ON_PROJECT, on="project")
def add_status_report(actor: Any, project: DevelopmentProject, *, text: str, gathering: Any = None) -> StatusReport:
    report = StatusReport.objects.create(project=project, author=actor, text=text, gathering=gathering)
    record(actor, AuditEvent.Verb.UPDATE, project, {"status_report": [None, text[:200]]})
    return report


@system_job
def advance_project_status(project: DevelopmentProject, status: str, *, reason: str = "", actor: Any = None) -> bool:
    """Move the project to `status` if that is further along (planned → granted → running →
    reported → evaluated); an earlier or the same status changes nothing. Grants calls this when
    an application for the project is decided (granted), first paid (running) and reported
    (reported). Returns whether the status changed."""
    if status not in DevelopmentProject.Status.values:
        raise ValueError(f"unknown project status {status!r}")
    project = DevelopmentProject.objects.select_for_update().get(pk=project.pk)
    if status_rank(status) <= status_rank(project.status):
        return False
    before = snapshot(project, ["status"])
    project.status = status
    project.save(update_fields=["status", "updated_at"])
    record_update(actor, project, before, message=reason)
    return True


def _refuse_backwards(project: DevelopmentProject, status: str | None) -> None:
    if status and status_rank(status) < status_rank(project.status):
        raise Refused(
            _("Status kan bare gå fremover: prosjektet er allerede «%(status)s».")
            % {"status": project.get_status_display()},
            field="status",
        )


@use_case(REPORT_ON_PROJECT, on="project")
def save_final_report(
    actor: Any, project: DevelopmentProject, *, expected_version: int, **values: Any
) -> DevelopmentProject:
    stored = DevelopmentProject.objects.get(pk=project.pk)
    _refuse_backwards(stored, values.get("status"))
    before = snapshot(project, FINAL_FIELDS)
    for name in FINAL_FIELDS:
        setattr(project, name, values.get(name, getattr(project, name)))
    save_checked(project, expected_version, FINAL_FIELDS)
    record_update(actor, project, before)
    return project


@use_case(PRIORITISE_IDEAS, on="network")
def create_professional_group(actor: Any, network: Network, **values: Any) -> ProfessionalGroup:
    """Groups across municipal borders are started by the steering group (or who runs the network)."""
    group = ProfessionalGroup.objects.create(network=network, **values)
    record_create(actor, group)
    return group


@use_case(TAKE_PART, on="group")
def add_group_member(actor: Any, group: ProfessionalGroup, *, name: str, municipality: Municipality) -> GroupMember:
    member = GroupMember.objects.create(group=group, name=name, municipality=municipality)
    record(actor, AuditEvent.Verb.UPDATE, group, {"member": [None, name]})
    return member


@use_case(TAKE_PART, on="group")
def add_group_meeting(actor: Any, group: ProfessionalGroup, **values: Any) -> GroupMeeting:
    meeting = GroupMeeting.objects.create(group=group, **values)
    record(actor, AuditEvent.Verb.UPDATE, group, {"meeting": [None, str(meeting.held_on)]})
    return meeting


@use_case(REPORT_ON_PROJECT, on="project")
def set_project_needs(actor: Any, project: DevelopmentProject, needs: Iterable[Any]) -> None:
    """Tie the project to the needs it answers; only needs from the latest assessments of the
    municipalities that take part (the lead municipality included) may be chosen."""
    from fagloft.networks.queries import candidate_needs

    allowed = {need.pk for need in candidate_needs(project)} | set(project.needs.values_list("pk", flat=True))
    chosen = list(needs)
    outside = [need for need in chosen if need.pk not in allowed]
    if outside:
        raise Refused(_("Behovet hører ikke til en av de deltakende kommunene."), field="needs")
    before = sorted(project.needs.values_list("pk", flat=True))
    project.needs.set(chosen)
    after = sorted(need.pk for need in chosen)
    if before != after:
        record(actor, AuditEvent.Verb.UPDATE, project, {"needs": [before, after]})


@use_case(REPORT_ON_PROJECT, on="project")
def add_outcome(actor: Any, project: DevelopmentProject, **values: Any) -> OutcomeMeasure:
    if not values.get("indicator") and not values.get("own_measure"):
        raise Refused(_("Velg en indikator eller skriv et eget mål."), field="indicator")
    if values.get("target_year") and values.get("baseline_year") and values["target_year"] < values["baseline_year"]:
        raise Refused(_("Målåret kan ikke være før året for utgangspunktet."), field="target_year")
    outcome = OutcomeMeasure.objects.create(project=project, **values)
    record_create(actor, outcome)
    return outcome


@use_case(REPORT_ON_PROJECT, on="outcome")
def delete_outcome(actor: Any, outcome: OutcomeMeasure) -> None:
    record_delete(actor, outcome)
    outcome.delete()
