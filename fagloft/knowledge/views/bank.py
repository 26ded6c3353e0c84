"""The intervention bank: search and filter, detail (who offers it), curate, link to plans and projects."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.competence.models import PlanMeasure
from fagloft.knowledge import evidence, queries, services
from fagloft.knowledge.forms import BankFilterForm, InterventionForm, LinkForm
from fagloft.knowledge.models import Intervention, MeasureCategory
from fagloft.knowledge.permissions import CURATE, LINK, VIEW
from fagloft.knowledge.views.common import crumbs
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks.models import DevelopmentProject


def _category_choices() -> list[tuple[str, str]]:
    return [(c.code, str(c)) for c in MeasureCategory.objects.order_by("position")]


@requires(VIEW)
def bank(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BankFilterForm(request.GET or None, categories=_category_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    items = list(
        queries.interventions(
            filters.get("q", ""), filters.get("level", ""), filters.get("category", ""), filters.get("evidence", "")
        )
    )
    return render(
        request,
        "knowledge/bank.html",
        {
            "form": form,
            "items": [(i, evidence.label(i.evidence_scale, i.evidence_level)) for i in items],
            "can_curate": can(request.user, CURATE),
            "breadcrumbs": crumbs((_("Tiltaksbank"), None)),
        },
    )


@requires(VIEW)
def intervention_detail(request: AuthenticatedHttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_object_or_404(Intervention.objects.prefetch_related("categories"), pk=intervention_id)
    offers = list(queries.offers_for(request.user, intervention.offers.all()))
    return render(
        request,
        "knowledge/intervention_detail.html",
        {
            "intervention": intervention,
            "evidence_label": evidence.label(intervention.evidence_scale, intervention.evidence_level),
            "offers": offers,
            "measure_uses": _visible_measure_uses(request, intervention),
            "project_uses": _visible_project_uses(request, intervention),
            "permitted": permitted_actions(request.user, intervention),
            "can_link": can(request.user, LINK),
            "breadcrumbs": crumbs((_("Tiltaksbank"), reverse("knowledge:bank")), (intervention.name, None)),
        },
    )


def _visible_measure_uses(request: AuthenticatedHttpRequest, intervention: Intervention) -> list:
    from fagloft.competence.permissions import VIEW_PLAN

    measures = visible(request.user, VIEW_PLAN, PlanMeasure.objects.all()).values("pk")
    return list(
        intervention.measure_uses.filter(plan_measure__in=measures).select_related("plan_measure__plan__service")
    )


def _visible_project_uses(request: AuthenticatedHttpRequest, intervention: Intervention) -> list:
    from fagloft.networks.permissions import VIEW_NETWORK

    projects = visible(request.user, VIEW_NETWORK, DevelopmentProject.objects.all()).values("pk")
    return list(intervention.project_uses.filter(project__in=projects).select_related("project__network"))


@requires(CURATE)
def intervention_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.create_intervention(
                request.user, categories=form.cleaned_data["categories"], **form.values()
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tiltaket er lagt i tiltaksbanken."))
            return redirect("knowledge:intervention-detail", intervention.pk)
    return form_page(
        request,
        title=_("Nytt tiltak"),
        form=form,
        breadcrumbs=crumbs((_("Tiltaksbank"), reverse("knowledge:bank")), (_("Nytt tiltak"), None)),
    )


@requires(CURATE, read=VIEW)
def intervention_edit(request: AuthenticatedHttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_object_or_404(Intervention, pk=intervention_id)
    form = InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_intervention(
                request.user,
                intervention,
                expected_version=form.cleaned_data["version"],
                categories=form.cleaned_data["categories"],
                **form.values(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tiltaket er lagret."))
            return redirect("knowledge:intervention-detail", intervention.pk)
    return form_page(
        request,
        title=_("Endre tiltak"),
        form=form,
        breadcrumbs=crumbs(
            (_("Tiltaksbank"), reverse("knowledge:bank")),
            (intervention.name, reverse("knowledge:intervention-detail", args=[intervention.pk])),
            (_("Endre"), None),
        ),
    )


@requires(LINK, read=VIEW)
def intervention_link(request: AuthenticatedHttpRequest, intervention_id: int) -> HttpResponse:
    """Link the intervention to a competence plan measure or a network project the user may link."""
    intervention = get_object_or_404(Intervention, pk=intervention_id)
    measures = visible(request.user, LINK, PlanMeasure.objects.select_related("plan__service")).order_by("pk")[:200]
    projects = visible(request.user, LINK, DevelopmentProject.objects.select_related("network")).order_by("title")[:200]
    choices = [(f"m{m.pk}", f"{_('Kompetanseplan')}: {m.plan.service} – {m.description}") for m in measures]
    choices += [(f"p{p.pk}", f"{_('Prosjekt')}: {p.title} ({p.network})") for p in projects]
    form = LinkForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            if target.startswith("m"):
                measure = visible(request.user, LINK, PlanMeasure.objects.all()).get(pk=int(target[1:]))
                services.link_plan_measure(request.user, measure, intervention)
            else:
                project = visible(request.user, LINK, DevelopmentProject.objects.all()).get(pk=int(target[1:]))
                services.link_project(request.user, project, intervention=intervention)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Koblingen er lagret."))
            return redirect("knowledge:intervention-detail", intervention.pk)
    return form_page(
        request,
        title=_("Koble tiltaket til en plan eller et prosjekt"),
        form=form,
        submit=_("Koble"),
        breadcrumbs=crumbs(
            (_("Tiltaksbank"), reverse("knowledge:bank")),
            (intervention.name, reverse("knowledge:intervention-detail", args=[intervention.pk])),
            (_("Koble"), None),
        ),
    )
