"""Development projects (with milestones, status and final reports) and professional groups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.networks.models import (
    DevelopmentProject,
    GroupMeeting,
    GroupMember,
    Idea,
    Milestone,
    Network,
    ProfessionalGroup,
    StatusReport,
)
from fagloft.organizations.models import Municipality

FINAL_FIELDS = ("status", "final_report", "evaluation")


@transaction.atomic
def create_project(actor: Any, network: Network, *, participants: Iterable[Municipality] = (),
                   **values: Any) -> DevelopmentProject:
    project = DevelopmentProject.objects.create(network=network, **values)
    project.participants.set(list(participants))
    record_create(actor, project)
    return project


@transaction.atomic
def idea_to_project(actor: Any, idea: Idea, *, may_prioritise: bool, lead_municipality: Municipality,
                    participants: Iterable[Municipality] = (), partner: Any = None) -> DevelopmentProject:
    """The steering group turns an idea into a development project."""
    if not may_prioritise:
        raise PermissionDenied
    if idea.project_id:
        raise ValidationError(_("Idéen er allerede blitt et prosjekt."))
    project = create_project(actor, idea.network, title=idea.title, description=idea.description,
                             lead_municipality=lead_municipality, participants=participants, partner=partner)
    before = snapshot(idea, ["status", "project"])
    idea.status, idea.project = Idea.Status.PROJECT, project
    idea.save(update_fields=["status", "project", "updated_at"])
    record_update(actor, idea, before)
    return project


@transaction.atomic
def add_milestone(actor: Any, project: DevelopmentProject, **values: Any) -> Milestone:
    milestone = Milestone.objects.create(project=project, **values)
    record(actor, "update", project, {"milestone": [None, milestone.title]})
    return milestone


@transaction.atomic
def add_status_report(actor: Any, project: DevelopmentProject, *, text: str, gathering: Any = None) -> StatusReport:
    report = StatusReport.objects.create(project=project, author=actor, text=text, gathering=gathering)
    record(actor, "update", project, {"status_report": [None, text[:200]]})
    return report


@transaction.atomic
def save_final_report(actor: Any, project: DevelopmentProject, *, expected_version: int,
                      **values: Any) -> DevelopmentProject:
    before = snapshot(project, FINAL_FIELDS)
    for name in FINAL_FIELDS:
        setattr(project, name, values.get(name, getattr(project, name)))
    save_checked(project, expected_version, FINAL_FIELDS)
    record_update(actor, project, before)
    return project


@transaction.atomic
def create_professional_group(actor: Any, network: Network, **values: Any) -> ProfessionalGroup:
    group = ProfessionalGroup.objects.create(network=network, **values)
    record_create(actor, group)
    return group


@transaction.atomic
def add_group_member(actor: Any, group: ProfessionalGroup, *, name: str, municipality: Municipality) -> GroupMember:
    member = GroupMember.objects.create(group=group, name=name, municipality=municipality)
    record(actor, "update", group, {"member": [None, name]})
    return member


@transaction.atomic
def add_group_meeting(actor: Any, group: ProfessionalGroup, **values: Any) -> GroupMeeting:
    meeting = GroupMeeting.objects.create(group=group, **values)
    record(actor, "update", group, {"meeting": [None, str(meeting.held_on)]})
    return meeting
