"""The overall plan: read, write, revise, and record adoptions (with document upload)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import AdoptionForm, PlanForm
from fagloft.networks.models import Network, OverallPlan
from fagloft.networks.permissions import (
    EDIT_PLAN,
    MANAGE_NETWORK,
    RECORD_ADOPTION,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import network_crumbs, version_of

NETWORKS = Network.objects.select_related("county", "county_advisor")


@requires(VIEW_NETWORK)
def plan_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    plans = list(network.plans.order_by("-revision"))
    plan = plans[0] if plans else None
    return render(
        request,
        "networks/plan.html",
        {
            "network": network,
            "plan": plan,
            "older": plans[1:],
            "adoption": queries.adoption_status(network, plan),
            "permitted": permitted_actions(request.user, network),
            "breadcrumbs": network_crumbs(network, (_("Overordnet plan"), None)),
        },
    )


@requires(EDIT_PLAN, read=VIEW_NETWORK)
def plan_edit(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    plan = queries.current_plan(network)
    if plan is not None and plan.adoptions.exists():
        messages.info(request, _("Denne revisjonen er vedtatt. Lag en ny revisjon for å endre planen."))
        return redirect("networks:plan-detail", network.pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan(
                request.user, network, plan=plan, expected_version=version_of(form), **form.changed_values()
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Planen er lagret."))
            return redirect("networks:plan-detail", network.pk)
    return form_page(
        request,
        title=_("Overordnet plan for kompetanse- og kvalitetsutvikling"),
        form=form,
        breadcrumbs=network_crumbs(network, (_("Overordnet plan"), None)),
    )


@require_POST
@requires(EDIT_PLAN, read=VIEW_NETWORK)
def plan_new_revision(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    try:
        plan = services.new_plan_revision(request.user, network)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Revisjon %(revision)s er laget. Den må vedtas på nytt.") % {"revision": plan.revision}
        )
    return redirect("networks:plan-detail", network.pk)


@requires(RECORD_ADOPTION, read=VIEW_NETWORK)
def adoption_add(request: HttpRequest, overall_plan_id: int) -> HttpResponse:
    plan = fetch(request, OverallPlan.objects.select_related("network"), pk=overall_plan_id)
    network = plan.network
    # A municipal leader records only their own municipality's adoption; the network's own
    # adoption is recorded by those who run the network (the use case checks the same).
    municipalities = visible(request.user, RECORD_ADOPTION, queries.member_municipalities(network))
    network_allowed = can(request.user, MANAGE_NETWORK, network)
    form = AdoptionForm(
        request.POST or None, request.FILES or None, municipalities=municipalities, network_allowed=network_allowed
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_adoption(request.user, plan, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Vedtaket er registrert."))
            return redirect("networks:plan-detail", network.pk)
    return form_page(
        request,
        title=_("Registrer vedtak av %(plan)s") % {"plan": plan},
        form=form,
        multipart=True,
        breadcrumbs=network_crumbs(network, (_("Overordnet plan"), None)),
    )
