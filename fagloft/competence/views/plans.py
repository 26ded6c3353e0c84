"""Competence plans (kompetanseplan) with measures, built from the gaps."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.competence import plan_exports, queries, services
from fagloft.competence.forms import GapsForm, MeasureForm, PlanForm
from fagloft.competence.models import CompetencePlan, MeasureOrigin, PlanMeasure
from fagloft.competence.permissions import CHANGE_PLAN, VIEW_PLAN
from fagloft.competence.views.common import service_crumbs, service_for
from fagloft.lib.refusals import Refused
from fagloft.networks import queries as network_queries
from fagloft.networks.models import OverallPlan
from fagloft.organizations.models import Service

PLANS = CompetencePlan.objects.select_related("service", "network_plan__network", "assessment")


def _municipality_ids(service: Service) -> list[int]:
    return list(service.coverages.valid_on(timezone.localdate()).values_list("municipality_id", flat=True))


def _network_plans(service: Service) -> QuerySet[OverallPlan]:
    """The revisions of the overall plans of the networks the service's municipalities are in."""
    return network_queries.plans_for_municipalities(_municipality_ids(service))


@requires(VIEW_PLAN)
def plan_list(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    can_edit = permitted_actions(request.user, service).change_plan
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        network_plans=_network_plans(service),
        initial={"start_year": year, "end_year": year + 1, "title": _("Kompetanseplan %(year)s") % {"year": year}},
    )
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            plan = services.create_plan(request.user, service, data)
            messages.success(request, _("Planen er opprettet."))
            return redirect("competence:plan", plan_id=plan.pk)
    return render(
        request,
        "competence/plan_list.html",
        {
            "service": service,
            "plans": service.competence_plans.all(),
            "form": form if can_edit else None,
            "breadcrumbs": service_crumbs(service, (_("Kompetanseplaner"), None)),
        },
    )


def _plan_crumbs(plan: CompetencePlan, *more: tuple[str, str | None]) -> list[dict]:
    return service_crumbs(
        plan.service,
        (_("Kompetanseplaner"), reverse("competence:plans", args=[plan.service_id])),
        (plan.title, reverse("competence:plan", args=[plan.pk]) if more else None),
        *more,
    )


@requires(VIEW_PLAN)
def plan_detail(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = fetch(request, PLANS, pk=plan_id)
    permitted = permitted_actions(request.user, plan)
    can_edit = permitted.change_plan
    action = request.POST.get("form") if request.method == "POST" else None
    if action and not can_edit:
        raise Http404
    plan_form = PlanForm(
        request.POST if action == "plan" else None,
        instance=plan,
        prefix="plan",
        network_plans=_network_plans(plan.service),
    )
    measure_form = MeasureForm(request.POST if action == "measure" else None, prefix="measure")
    if action == "plan" and plan_form.is_valid():
        try:
            services.update_plan(
                request.user, plan, plan_form.changed_values(), plan_form.cleaned_data.get("version") or 0
            )
        except Refused as error:
            plan_form.refuse(error)
        else:
            messages.success(request, _("Planen er lagret."))
            return redirect("competence:plan", plan_id=plan.pk)
    if action == "measure" and measure_form.is_valid():
        services.add_measure(request.user, plan, measure_form.changed_values())
        messages.success(request, _("Tiltaket er lagt til."))
        return redirect("competence:plan", plan_id=plan.pk)
    measures = list(plan.measures.select_related("area", "need__theme", "follow_up"))
    standing = (
        network_queries.plan_standing(plan.network_plan, _municipality_ids(plan.service)) if plan.network_plan else None
    )
    return render(
        request,
        "competence/plan_detail.html",
        {
            "plan": plan,
            "measures": measures,
            "standing": standing,
            "permitted": permitted,
            "plan_form": plan_form,
            "measure_form": measure_form,
            "total_cost": sum(m.cost or 0 for m in measures),
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


@requires(CHANGE_PLAN, read=VIEW_PLAN)
def plan_gaps(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = fetch(request, PLANS, pk=plan_id)
    covered = set(plan.measures.exclude(need=None).values_list("need_id", flat=True))
    assessment, from_assessment = queries.need_gaps(plan.service, covered)
    gaps = from_assessment + queries.gaps_for(plan.service)
    form = GapsForm(request.POST or None, gaps=gaps, initial={"owner": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        created = services.measures_from_gaps(
            request.user, plan, form.chosen(), form.cleaned_data["owner"], form.cleaned_data["due_on"]
        )
        messages.success(request, _("%(count)s tiltak er lagt til i planen.") % {"count": len(created)})
        return redirect("competence:plan", plan_id=plan.pk)
    return render(
        request,
        "competence/plan_gaps.html",
        {
            "plan": plan,
            "form": form,
            "gaps": gaps,
            "groups": _grouped_choices(form, gaps),
            "assessment": assessment,
            "breadcrumbs": _plan_crumbs(plan, (_("Behov"), None)),
        },
    )


def _grouped_choices(form: GapsForm, gaps: list[queries.Gap]) -> list[tuple[str, list]]:
    """The checkboxes grouped by where the gaps come from, in the order of the origins."""
    origin_of = {gap.key: gap.origin for gap in gaps}
    groups: dict[str, list] = {value: [] for value in MeasureOrigin.values}
    for choice in form["gaps"]:
        groups[origin_of[str(choice.data["value"])]].append(choice)
    labels = dict(MeasureOrigin.choices)
    return [(str(labels[origin]), choices) for origin, choices in groups.items() if choices]


@requires(CHANGE_PLAN, read=VIEW_PLAN)
def measure_edit(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    plan = fetch(request, PLANS, pk=plan_id)
    measure = get_object_or_404(PlanMeasure, pk=measure_id, plan=plan)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_measure(request.user, measure, form.changed_values(), form.cleaned_data.get("version") or 0)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tiltaket er lagret."))
            return redirect("competence:plan", plan_id=plan.pk)
    return render(
        request,
        "competence/measure_form.html",
        {
            "plan": plan,
            "measure": measure,
            "form": form,
            "breadcrumbs": _plan_crumbs(plan, (_("Endre tiltak"), None)),
        },
    )


def _download(
    request: AuthenticatedHttpRequest, plan: CompetencePlan, content: bytes, extension: str, content_type: str
) -> HttpResponse:
    """A file of the plan: never cached, its name kept with «ø» (RFC 5987), the download audited."""
    record(request.user, AuditEvent.Verb.EXPORT, plan, message=f"kompetanseplan ({extension})")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, plan_exports.filename(plan, extension))
    response["Cache-Control"] = "no-store"
    return response


@requires(VIEW_PLAN)
def plan_pdf(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = fetch(request, PLANS, pk=plan_id)
    return _download(request, plan, plan_exports.as_pdf(plan), "pdf", "application/pdf")


@requires(VIEW_PLAN)
def plan_xlsx(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = fetch(request, PLANS, pk=plan_id)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(request, plan, plan_exports.as_xlsx(plan), "xlsx", content_type)
