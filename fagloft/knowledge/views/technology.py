"""The technology catalogue: solutions, where they are in use, and trials with their evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.knowledge import queries, services
from fagloft.knowledge.forms import TechnologyForm, TrialForm, TrialStartForm
from fagloft.knowledge.models import Technology, TechnologyTrial
from fagloft.knowledge.permissions import CURATE, RECORD_TRIAL, VIEW, VIEW_OFFERS
from fagloft.knowledge.views.common import crumbs
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service


def _crumbs(*pairs: tuple[str, str | None]) -> list:
    return crumbs((_("Teknologi"), reverse("knowledge:technology")), *pairs)


@requires(VIEW)
def technology(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = list(queries.technologies(request.GET.get("q", "")[:100], request.GET.get("purpose", "")[:20]))
    trials = list(queries.trials_for(request.user))
    by_technology: dict[int, list[TechnologyTrial]] = {}
    for trial in trials:
        by_technology.setdefault(trial.technology_id, []).append(trial)
    return render(
        request,
        "knowledge/technology.html",
        {
            "rows": [(t, by_technology.get(t.pk, [])) for t in items],
            "purposes": Technology.Purpose.choices,
            "q": request.GET.get("q", "")[:100],
            "can_curate": can(request.user, CURATE),
            "breadcrumbs": crumbs((_("Teknologi"), None)),
        },
    )


@requires(CURATE)
def technology_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TechnologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_technology(request.user, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            return redirect("knowledge:technology-detail", item.pk)
    return form_page(request, title=_("Ny løsning"), form=form, breadcrumbs=_crumbs((_("Ny løsning"), None)))


@requires(VIEW)
def technology_detail(request: AuthenticatedHttpRequest, technology_id: int) -> HttpResponse:
    item = get_object_or_404(Technology, pk=technology_id)
    return render(
        request,
        "knowledge/technology_detail.html",
        {
            "item": item,
            "trials": [(t, permitted_actions(request.user, t)) for t in queries.trials_for(request.user, item)],
            "can_record": can(request.user, RECORD_TRIAL),
            "breadcrumbs": _crumbs((item.name, None)),
        },
    )


@requires(RECORD_TRIAL, read=VIEW)
def trial_create(request: AuthenticatedHttpRequest, technology_id: int) -> HttpResponse:
    item = get_object_or_404(Technology, pk=technology_id)
    services_ = visible(request.user, RECORD_TRIAL, Service.objects.all()).order_by("name")
    start = TrialStartForm(request.POST or None, services=services_, prefix="s")
    form = TrialForm(request.POST or None)
    if request.method == "POST" and start.is_valid() and form.is_valid():
        try:
            services.record_trial(request.user, start.cleaned_data["service"], item, **form.values())
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utprøvingen er registrert."))
            return redirect("knowledge:technology-detail", item.pk)
    return render(
        request,
        "knowledge/trial_form.html",
        {
            "start": start,
            "form": form,
            "item": item,
            "breadcrumbs": _crumbs((item.name, None), (_("Ny utprøving"), None)),
        },
    )


@requires(RECORD_TRIAL, read=VIEW_OFFERS)
def trial_edit(request: AuthenticatedHttpRequest, technology_trial_id: int) -> HttpResponse:
    trial = fetch(request, TechnologyTrial.objects.select_related("technology", "service"), pk=technology_trial_id)
    form = TrialForm(request.POST or None, instance=trial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_trial(request.user, trial, expected_version=form.cleaned_data["version"], **form.values())
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utprøvingen er lagret."))
            return redirect("knowledge:technology-detail", trial.technology_id)
    return form_page(
        request,
        title=_("Evaluer utprøving"),
        form=form,
        breadcrumbs=_crumbs(
            (trial.technology.name, reverse("knowledge:technology-detail", args=[trial.technology_id])),
            (str(trial.service), None),
        ),
    )
