"""The overall plan: read, write, revise, and record adoptions (with document upload)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, checks_for, fetch, permitted_actions, requires, visible
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import AdoptionForm, PlanForm, PriorityForm
from fagloft.networks.models import Network, OverallPlan, PlanPriority
from fagloft.networks.permissions import (
    EDIT_PLAN,
    MANAGE_NETWORK,
    RECORD_ADOPTION,
    VIEW_NETWORK,
    is_steering_member,
)
from fagloft.networks.views.common import network_crumbs, version_of

NETWORKS = Network.objects.select_related("county", "county_advisor")


@requires(VIEW_NETWORK)
def plan_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    plans = list(network.plans.order_by("-revision"))
    # One block for the whole page: its own checks, and those of the linked apps' sections on this
    # network and plan, share their scope queries and the rules' lookups.
    with checks_for(request.user, [network, *plans]):
        return _plan_page(request, network, plans)


def _plan_page(request: HttpRequest, network: Network, plans: list[OverallPlan]) -> HttpResponse:
    plan = plans[0] if plans else None
    permitted = permitted_actions(request.user, network)
    adoption = queries.adoption_status(network, plan)
    writes = _writes_plan(request, network)
    needs = queries.members_needs(network) if writes else []
    editable = plan is not None and permitted.edit_plan and not plan.adoptions.exists()
    return render(
        request,
        "networks/plan.html",
        {
            "network": network,
            "plan": plan,
            "older": plans[1:],
            "adoption": adoption,
            "permitted": permitted,
            "priorities": queries.priorities_of(plan),
            "writes": writes,
            "needs_by_theme": queries.needs_by_theme(needs),
            "priority_form": PriorityForm(needs=needs) if editable else None,
            "editable": editable,
            "breadcrumbs": network_crumbs(network, (_("Overordnet plan"), None)),
        },
    )


def _writes_plan(request: HttpRequest, network: Network) -> bool:
    """Those who write and revise the plan (the coordinator and who runs the network) and the
    steering group see the members' needs; other members read the plan itself."""
    return can(request.user, EDIT_PLAN, network) or is_steering_member(request.user, network.pk)


@require_POST
@requires(EDIT_PLAN, read=VIEW_NETWORK)
def priority_add(request: HttpRequest, overall_plan_id: int) -> HttpResponse:
    plan = fetch(request, OverallPlan.objects.select_related("network"), pk=overall_plan_id)
    form = PriorityForm(request.POST, needs=queries.members_needs(plan.network))
    if form.is_valid():
        try:
            services.add_priority(request.user, plan, **form.cleaned_data)
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Prioriteringen er lagt til."))
    else:
        messages.error(request, _("Prioriteringen må ha en tittel."))
    return redirect("networks:plan-detail", plan.network_id)


@requires(EDIT_PLAN, read=VIEW_NETWORK)
def priority_edit(request: HttpRequest, priority_id: int) -> HttpResponse:
    priority = fetch(request, PlanPriority.objects.select_related("plan__network"), pk=priority_id)
    network = priority.plan.network
    needs = queries.members_needs(network)
    kept = [n for n in priority.needs.all() if n.pk not in {m.pk for m in needs}]
    form = PriorityForm(
        request.POST or None,
        needs=[*needs, *kept],
        initial={"title": priority.title, "description": priority.description, "needs": list(priority.needs.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_priority(request.user, priority, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Prioriteringen er lagret."))
            return redirect("networks:plan-detail", network.pk)
    return form_page(
        request,
        title=_("Endre prioritering"),
        form=form,
        breadcrumbs=network_crumbs(
            network, (_("Overordnet plan"), reverse("networks:plan-detail", args=[network.pk])), (priority.title, None)
        ),
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


@requires(EDIT_PLAN, read=VIEW_NETWORK)
def priority_delete(request: HttpRequest, priority_id: int) -> HttpResponse:
    """Deleting a priority cannot be undone (its links to the members' needs go with it): confirm first."""
    priority = fetch(request, PlanPriority.objects.select_related("plan__network"), pk=priority_id)
    network = priority.plan.network
    plan_url = reverse("networks:plan-detail", args=[network.pk])
    confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
    confirm = ConfirmForm(request.POST if confirmed else None)
    if confirmed and confirm.is_valid():
        try:
            services.delete_priority(request.user, priority)
        except Refused as error:
            messages.error(request, error.text)
        else:
            messages.success(request, _("Prioriteringen er slettet."))
        return redirect(plan_url)
    return render(
        request,
        "networks/confirm_delete.html",
        {
            "heading": _("Slett prioriteringen «%(title)s»") % {"title": priority.title},
            "confirm_form": confirm,
            "consequences": [
                _("Prioriteringen «%(title)s» fjernes fra den overordnede planen for %(network)s.")
                % {"title": priority.title, "network": network.name},
                _("Koblingen til medlemmenes behov fjernes. Behovene i vurderingene beholdes."),
                _("Dette kan ikke angres."),
            ],
            "submit": _("Slett prioriteringen"),
            "cancel_url": plan_url,
            "breadcrumbs": network_crumbs(network, (_("Overordnet plan"), plan_url), (_("Slett prioritering"), None)),
        },
    )
