"""Calls: list, create, read, edit, criteria, ranking."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import (
    GLOBAL_ROLES,
    can,
    get_object_for,
    has_role,
    requires,
    visible,
)
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.grants import deadlines, eligibility, queries, services
from fagloft.grants.forms import CallForm, CriterionForm
from fagloft.grants.models import Call
from fagloft.grants.permissions import APPLY, MANAGE_CALL, VIEW_ASSESSMENTS, VIEW_CALL
from fagloft.grants.views.common import call_crumbs, crumbs, form_page
from fagloft.organizations.models import County


@requires(VIEW_CALL)
def call_list(request: HttpRequest) -> HttpResponse:
    calls = list(queries.calls_for(request.user).order_by("-deadline"))
    now = timezone.now()
    return render(request, "grants/call_list.html", {
        "calls": [(call, call.is_open_at(now), deadlines.deadline_label(call)) for call in calls],
        "applications": list(queries.applications_for(request.user).order_by("-created_at")[:50]),
        "can_create": can(request.user, MANAGE_CALL),
        "breadcrumbs": crumbs(),
    })


def _call_form(request: HttpRequest, instance: Call | None = None) -> CallForm:
    counties = visible(request.user, MANAGE_CALL, County.objects.all())
    return CallForm(request.POST or None, instance=instance, counties=counties,
                    national_allowed=has_role(request.user, *GLOBAL_ROLES))


@requires(MANAGE_CALL)
def call_create(request: HttpRequest) -> HttpResponse:
    form = _call_form(request)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "county")}
        call = services.create_call(request.user, county=form.cleaned_data["county"], criteria=_default_criteria(
            values["kind"]), **values)
        messages.success(request, _("Utlysningen er lagret."))
        return redirect("grants:call-detail", call.pk)
    return form_page(request, title=_("Ny utlysning"), form=form, breadcrumbs=crumbs((_("Ny utlysning"), None)))


def _default_criteria(kind: str) -> list[dict]:
    if kind != Call.Kind.DEVELOPMENT:
        return [{"name": _("Behov og effekt for ansatte"), "weight": 2}]
    return [
        {"name": _("Forankring i overordnet plan og i risiko- og tilstandsvurderinger"), "weight": 3},
        {"name": _("Nytte for utsatte barn og familier"), "weight": 3},
        {"name": _("Flere kommuner deltar"), "weight": 2, "automatic": "several_municipalities"},
        {"name": _("Realistisk budsjett og gjennomføring"), "weight": 1},
    ]


@requires(VIEW_CALL)
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_for(request.user, VIEW_CALL, queries.calls_for(request.user), pk=call_id)
    can_manage = can(request.user, MANAGE_CALL, call)
    return render(request, "grants/call_detail.html", {
        "call": call, "criteria": list(call.criteria.all()),
        "rules": [str(eligibility.RULES[code][0]) for code in eligibility.rules_for(call)],
        "deadline_label": deadlines.deadline_label(call), "is_open": call.is_open_at(timezone.now()),
        "can_manage": can_manage, "can_apply": can(request.user, APPLY),
        "can_rank": can(request.user, VIEW_ASSESSMENTS, call),
        "criterion_form": CriterionForm() if can_manage else None,
        "summary": queries.call_summary(call) if can_manage else None,
        "repayments": queries.repayments_due(call) if can_manage else [],
        "breadcrumbs": crumbs((call.title, None)),
    })


@requires(MANAGE_CALL)
def call_edit(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_for(request.user, MANAGE_CALL, Call, read_action=VIEW_CALL, pk=call_id)
    form = _call_form(request, call)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "county")}
        try:
            services.update_call(request.user, call, expected_version=form.cleaned_data["version"] or 0, **values)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Utlysningen er lagret."))
            return redirect("grants:call-detail", call.pk)
    return form_page(request, title=_("Endre utlysning"), form=form, breadcrumbs=call_crumbs(call, (_("Endre"), None)))


@require_POST
@requires(MANAGE_CALL)
def criterion_add(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_for(request.user, MANAGE_CALL, Call, read_action=VIEW_CALL, pk=call_id)
    form = CriterionForm(request.POST)
    if form.is_valid():
        services.add_criterion(request.user, call, **form.cleaned_data)
        messages.success(request, _("Kriteriet er lagt til."))
    else:
        messages.error(request, _("Kriterium og vekt må fylles ut."))
    return redirect("grants:call-detail", call.pk)


@requires(VIEW_ASSESSMENTS)
def call_ranking(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_for(request.user, VIEW_CALL, queries.calls_for(request.user), pk=call_id)
    # An assessor ranks the applications their county assesses (for a national call, their
    # county's share of it; Bufdir sees all).
    ranked = queries.ranking(call, visible(request.user, VIEW_ASSESSMENTS, call.applications.all()))
    return render(request, "grants/ranking.html", {
        "call": call, "ranked": ranked,
        "criteria": list(call.criteria.all()),
        "breadcrumbs": call_crumbs(call, (_("Rangering"), None)),
    })
