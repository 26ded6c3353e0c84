"""Calls: list, create, read, edit, publish (with confirmation), criteria, ranking."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, fetch, has_role, permitted_actions, requires, visible
from fagloft.grants import deadlines, eligibility, queries, services
from fagloft.grants.forms import CallForm, CriterionForm
from fagloft.grants.models import Application, Call
from fagloft.grants.permissions import ASSESS, DECIDE, MANAGE_CALL, VIEW_ASSESSMENTS, VIEW_CALL
from fagloft.grants.views.common import call_crumbs, confirm_page, grants_crumb, is_confirmed, pk_url
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import money
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import breadcrumbs, form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import County


@requires(VIEW_CALL)
def call_list(request: HttpRequest) -> HttpResponse:
    calls = list(queries.calls_for(request.user).order_by("-deadline"))
    now = timezone.now()
    return render(
        request,
        "grants/call_list.html",
        {
            "calls": [(call, call.is_open_at(now), deadlines.deadline_label(call)) for call in calls],
            "applications": queries.latest_applications_for(request.user, 50),
            "can_create": can(request.user, MANAGE_CALL),
            "breadcrumbs": breadcrumbs((_("Tilskudd"), None)),
        },
    )


def _call_form(request: HttpRequest, instance: Call | None = None) -> CallForm:
    counties = visible(request.user, MANAGE_CALL, County.objects.all())
    return CallForm(
        request.POST or None,
        instance=instance,
        counties=counties,
        national_allowed=has_role(request.user, *GLOBAL_ROLES),
    )


@requires(MANAGE_CALL)
def call_create(request: HttpRequest) -> HttpResponse:
    form = _call_form(request)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            call = services.create_call(
                request.user, county=form.cleaned_data["county"], criteria=_default_criteria(values["kind"]), **values
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utlysningen er lagret som utkast. Publiser den når den er klar."))
            return redirect("grants:call-detail", call.pk)
    return form_page(
        request, title=_("Ny utlysning"), form=form, breadcrumbs=breadcrumbs(grants_crumb(), (_("Ny utlysning"), None))
    )


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
    call = fetch(request, queries.calls_for(request.user), pk=call_id)
    permitted = permitted_actions(request.user, call)
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "criteria": list(call.criteria.all()),
            "permitted": permitted,
            "rules": [str(eligibility.RULES[code][0]) for code in eligibility.rules_for(call)],
            "deadline_label": deadlines.deadline_label(call),
            "is_open": call.is_open_at(timezone.now()),
            "criterion_form": CriterionForm() if permitted.manage_call else None,
            "summary": queries.call_summary(call) if permitted.manage_call else None,
            "repayments": queries.repayments_due(call) if permitted.manage_call else [],
            "breadcrumbs": breadcrumbs(grants_crumb(), (call.title, None)),
        },
    )


@requires(MANAGE_CALL, read=VIEW_CALL)
def call_edit(request: HttpRequest, call_id: int) -> HttpResponse:
    call = fetch(request, Call, pk=call_id)
    form = _call_form(request, call)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(
                request.user, call, expected_version=form.cleaned_data["version"] or 0, **form.values()
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utlysningen er lagret."))
            return redirect("grants:call-detail", call.pk)
    return form_page(request, title=_("Endre utlysning"), form=form, breadcrumbs=call_crumbs(call, (_("Endre"), None)))


@requires(MANAGE_CALL, read=VIEW_CALL)
def call_publish(request: HttpRequest, call_id: int) -> HttpResponse:
    """Publishing is a confirmation step: the page says who will see the call and until when they may apply."""
    call = fetch(request, Call, pk=call_id)
    if call.status == Call.Status.PUBLISHED:
        messages.info(request, _("Utlysningen er allerede publisert."))
        return redirect("grants:call-detail", call.pk)
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    if is_confirmed(request) and confirm.is_valid():
        try:
            services.publish_call(request.user, call, expected_version=request.POST.get("version"))
        except Refused as error:
            confirm.refuse(error)
        else:
            messages.success(request, _("Utlysningen er publisert."))
            return redirect("grants:call-detail", call.pk)
    audience = (
        _("Utlysningen blir synlig for alle kommuner og tjenester i %(county)s.") % {"county": call.county.name}
        if call.county
        else _("Utlysningen blir synlig for alle kommuner og tjenester i hele landet.")
    )
    consequences = [
        audience,
        _("Det kan søkes fra %(opens)s til søknadsfristen %(deadline)s.")
        % {"opens": format_date(call.opens_on, "long"), "deadline": deadlines.deadline_label(call)},
        _("Rammen er %(budget)s. Når noen har søkt, kan utlysningen ikke gjøres om til utkast.")
        % {"budget": money(call.budget)},
    ]
    return confirm_page(
        request,
        title=_("Publiser %(title)s") % {"title": call.title},
        consequences=consequences,
        submit=_("Publiser utlysningen"),
        cancel_url=reverse("grants:call-detail", args=[call.pk]),
        confirm_form=confirm,
        hidden={"version": call.version},
        breadcrumbs=call_crumbs(call, (_("Publiser"), None)),
    )


@requires(MANAGE_CALL, read=VIEW_CALL)
def criterion_add(request: HttpRequest, call_id: int) -> HttpResponse:
    call = fetch(request, Call, pk=call_id)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_criterion(request.user, call, **form.cleaned_data)
        messages.success(request, _("Kriteriet er lagt til."))
        return redirect("grants:call-detail", call.pk)
    return form_page(
        request,
        title=_("Nytt kriterium for %(title)s") % {"title": call.title},
        form=form,
        submit=_("Legg til kriterium"),
        breadcrumbs=call_crumbs(call, (_("Nytt kriterium"), None)),
        status=400 if form.is_bound else 200,
    )


@requires(VIEW_ASSESSMENTS, read=VIEW_CALL)
def call_ranking(request: HttpRequest, call_id: int) -> HttpResponse:
    call = fetch(request, queries.calls_for(request.user), pk=call_id)
    # An assessor ranks the applications their county assesses (for a national call, their
    # county's share of it; Bufdir sees all).
    ranked = queries.ranking(call, visible(request.user, VIEW_ASSESSMENTS, call.applications.all()))
    may_assess = can(request.user, ASSESS)
    # Links and status labels made once per row here: `{% url %}` and `get_status_display` per row
    # of a call with a hundred applications cost more than the rest of the page.
    open_url = pk_url("grants:assessment-edit" if may_assess else "grants:application-detail")
    decision_url = pk_url("grants:decision-edit")
    labels = dict(Application.Status.choices)
    rows = [
        (
            row,
            open_url(row.application.pk),
            decision_url(row.application.pk),
            labels.get(row.application.status, row.application.status),
        )
        for row in ranked
    ]
    return render(
        request,
        "grants/ranking.html",
        {
            "call": call,
            "rows": rows,
            # Further education: the students, those who need the course for the 2031 requirement first.
            "students": queries.ranked_students(ranked) if call.kind == Call.Kind.FURTHER_EDUCATION else None,
            "criteria": list(call.criteria.all()),
            # Bufdir reads the ranking but neither scores nor decides: its rows link to the application.
            "may_assess": may_assess,
            "may_decide": can(request.user, DECIDE),
            "breadcrumbs": call_crumbs(call, (_("Rangering"), None)),
        },
    )
