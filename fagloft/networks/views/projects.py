"""Development projects (milestones, status reports, final report) and professional groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import checks_for, fetch, permitted_actions, requires
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    FinalReportForm,
    GroupMeetingForm,
    GroupMemberForm,
    MilestoneForm,
    OutcomeForm,
    ProfessionalGroupForm,
    ProjectForm,
    ProjectNeedsForm,
    StatusReportForm,
)
from fagloft.networks.models import DevelopmentProject, Network, OutcomeMeasure, ProfessionalGroup, status_rank
from fagloft.networks.permissions import (
    MANAGE_NETWORK,
    REPORT_ON_PROJECT,
    TAKE_PART,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import network_crumbs, version_of

PROJECTS = DevelopmentProject.objects.select_related("network", "lead_municipality", "partner", "overall_plan", "idea")
GROUPS = ProfessionalGroup.objects.select_related("network")


@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def project_create(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, Network.objects.select_related("county"), pk=network_id)
    form = ProjectForm(
        request.POST or None,
        municipalities=queries.member_municipalities(network),
        plans=network.plans.order_by("-revision"),
        initial={"overall_plan": queries.current_plan(network)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        project = services.create_project(request.user, network, participants=data.pop("participants"), **data)
        messages.success(request, _("Prosjektet er opprettet."))
        return redirect("networks:project-detail", project.pk)
    return form_page(
        request,
        title=_("Nytt utviklingsprosjekt"),
        form=form,
        breadcrumbs=network_crumbs(network, (_("Nytt prosjekt"), None)),
    )


@requires(VIEW_NETWORK)
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    # One block for the whole page: its own checks, and those of the linked apps' sections on this
    # project, share their scope queries and the rules' lookups.
    with checks_for(request.user, [project, project.network]):
        return _project_page(request, project)


def _project_page(request: HttpRequest, project: DevelopmentProject) -> HttpResponse:
    permitted = permitted_actions(request.user, project)
    can_report = permitted.report_on_project
    needs = queries.project_needs(project)
    return render(
        request,
        "networks/project_detail.html",
        {
            "project": project,
            "network": project.network,
            "permitted": permitted,
            "participants": list(project.participants.all()),
            "milestones": list(project.milestones.all()),
            "reports": list(project.status_reports.select_related("author", "gathering")),
            "milestone_form": MilestoneForm() if can_report else None,
            "status_form": StatusReportForm(gatherings=project.network.gatherings.all()) if can_report else None,
            "final_form": FinalReportForm(instance=project) if can_report else None,
            "needs": needs,
            "needs_form": _needs_form(project, chosen=needs) if can_report else None,
            "outcomes": queries.outcome_values(project),
            "outcome_form": OutcomeForm() if can_report else None,
            "statuses": _status_steps(project),
            "breadcrumbs": network_crumbs(project.network, (project.title, None)),
        },
    )


def _status_steps(project: DevelopmentProject) -> list[tuple[str, bool, bool]]:
    """(label, reached, current) for each status, so the page shows where the project is."""
    rank = status_rank(project.status)
    return [
        (str(label), status_rank(value) <= rank, value == project.status)
        for value, label in DevelopmentProject.Status.choices
    ]


def _needs_form(project: DevelopmentProject, data: Any = None, chosen: list[Any] | None = None) -> ProjectNeedsForm:
    # The page has read the chosen needs already: reading them again cost two queries.
    chosen = queries.project_needs(project) if chosen is None else chosen
    candidates = queries.candidate_needs(project)
    known = {n.pk for n in candidates}
    return ProjectNeedsForm(
        data, needs=[*candidates, *(n for n in chosen if n.pk not in known)], initial={"needs": chosen}
    )


@require_POST
@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def project_needs_save(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    form = _needs_form(project, request.POST)
    if form.is_valid():
        try:
            services.set_project_needs(request.user, project, form.cleaned_data["needs"])
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Behovene prosjektet svarer på er lagret."))
    else:
        messages.error(request, _("Velg blant behovene som er listet."))
    return redirect("networks:project-detail", project.pk)


@require_POST
@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def outcome_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.add_outcome(request.user, project, **form.cleaned_data)
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Resultatmålet er lagt til."))
    else:
        errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, _("Resultatmålet ble ikke lagret: %(errors)s") % {"errors": errors})
    return redirect("networks:project-detail", project.pk)


@require_POST
@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def milestone_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.add_milestone(request.user, project, **form.cleaned_data)
        messages.success(request, _("Milepælen er lagt til."))
    else:
        messages.error(request, _("Milepæl og frist må fylles ut."))
    return redirect("networks:project-detail", project.pk)


@require_POST
@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def status_report_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    form = StatusReportForm(request.POST, gatherings=project.network.gatherings.all())
    if form.is_valid():
        services.add_status_report(request.user, project, **form.cleaned_data)
        messages.success(request, _("Statusrapporten er lagret."))
    else:
        messages.error(request, _("Status må fylles ut."))
    return redirect("networks:project-detail", project.pk)


@require_POST
@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def final_report_save(request: HttpRequest, project_id: int) -> HttpResponse:
    project = fetch(request, PROJECTS, pk=project_id)
    # A fresh instance for the form: cleaning a ModelForm writes into its instance, and `project`
    # must keep the stored values for the audit snapshot.
    form = FinalReportForm(request.POST, instance=DevelopmentProject.objects.get(pk=project.pk))
    if form.is_valid():
        try:
            services.save_final_report(
                request.user, project, expected_version=version_of(form), **form.changed_values()
            )
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sluttrapport og evaluering er lagret."))
    return redirect("networks:project-detail", project.pk)


@requires(VIEW_NETWORK)
def group_list(request: HttpRequest, network_id: int) -> HttpResponse:
    """The network's professional groups; the steering group starts new ones here (the use case
    `create_professional_group` checks PRIORITISE_IDEAS and its steering-group rule)."""
    network = fetch(request, Network.objects.select_related("county"), pk=network_id)
    can_create = permitted_actions(request.user, network).prioritise_ideas
    form = ProfessionalGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.create_professional_group(request.user, network, **form.cleaned_data)
        messages.success(request, _("Faggruppen er opprettet."))
        return redirect("networks:group-detail", group.pk)
    return render(
        request,
        "networks/groups.html",
        {
            "network": network,
            "groups": list(network.professional_groups.all()),
            "form": form if can_create else None,
            "breadcrumbs": network_crumbs(network, (_("Faggrupper"), None)),
        },
    )


@requires(VIEW_NETWORK)
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = fetch(request, GROUPS, pk=group_id)
    municipalities = queries.member_municipalities(group.network)
    can_edit = permitted_actions(request.user, group).take_part
    return render(
        request,
        "networks/group_detail.html",
        {
            "group": group,
            "network": group.network,
            "members": list(group.group_members.select_related("municipality")),
            "meetings": list(group.meetings.all()),
            "member_form": GroupMemberForm(municipalities=municipalities) if can_edit else None,
            "meeting_form": GroupMeetingForm() if can_edit else None,
            "breadcrumbs": network_crumbs(group.network, (_("Faggrupper"), None), (group.name, None)),
        },
    )


@require_POST
@requires(TAKE_PART, read=VIEW_NETWORK)
def group_member_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = fetch(request, GROUPS, pk=group_id)
    form = GroupMemberForm(request.POST, municipalities=queries.member_municipalities(group.network))
    if form.is_valid():
        services.add_group_member(request.user, group, **form.cleaned_data)
        messages.success(request, _("Medlemmet er lagt til."))
    else:
        messages.error(request, _("Navn og kommune må fylles ut."))
    return redirect("networks:group-detail", group.pk)


@require_POST
@requires(TAKE_PART, read=VIEW_NETWORK)
def group_meeting_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = fetch(request, GROUPS, pk=group_id)
    form = GroupMeetingForm(request.POST)
    if form.is_valid():
        services.add_group_meeting(request.user, group, **form.cleaned_data)
        messages.success(request, _("Møtet er registrert."))
    else:
        messages.error(request, _("Dato må fylles ut."))
    return redirect("networks:group-detail", group.pk)


@requires(REPORT_ON_PROJECT, read=VIEW_NETWORK)
def outcome_delete(request: HttpRequest, outcome_id: int) -> HttpResponse:
    """Deleting an outcome measure cannot be undone (baseline and target go with it): confirm first."""
    outcome = fetch(request, OutcomeMeasure.objects.select_related("project__network", "indicator"), pk=outcome_id)
    project = outcome.project
    project_url = reverse("networks:project-detail", args=[project.pk])
    confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
    confirm = ConfirmForm(request.POST if confirmed else None)
    if confirmed and confirm.is_valid():
        services.delete_outcome(request.user, outcome)
        messages.success(request, _("Resultatmålet er slettet."))
        return redirect(project_url)
    return render(
        request,
        "networks/confirm_delete.html",
        {
            "heading": _("Slett resultatmålet «%(name)s»") % {"name": outcome.name},
            "confirm_form": confirm,
            "consequences": [
                _("Resultatmålet «%(name)s» fjernes fra prosjektet %(project)s, med utgangspunkt og mål.")
                % {"name": outcome.name, "project": project.title},
                _("Verdiene i statistikken beholdes."),
                _("Dette kan ikke angres."),
            ],
            "submit": _("Slett resultatmålet"),
            "cancel_url": project_url,
            "breadcrumbs": network_crumbs(
                project.network, (project.title, project_url), (_("Slett resultatmål"), None)
            ),
        },
    )
