"""Reference data kept by Bufdir and the administrator: the recommended list of support measures
(what every municipality's coverage is checked against) and the casework deadlines. Edits go
through use cases, audited, so a change in the national plan or the law is traceable."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.knowledge import services
from fagloft.knowledge.forms import DeadlineForm, RecommendedMeasureForm
from fagloft.knowledge.models import CaseDeadline, Level, RecommendedMeasure
from fagloft.knowledge.permissions import CURATE, VIEW
from fagloft.knowledge.views.common import crumbs
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused


def _list_crumbs(*pairs: tuple[str, str | None]) -> list:
    return crumbs((_("Anbefalte hjelpetiltak"), reverse("knowledge:recommended")), *pairs)


@requires(VIEW)
def recommended(request: AuthenticatedHttpRequest) -> HttpResponse:
    measures = RecommendedMeasure.objects.prefetch_related("interventions", "categories").order_by(
        "level", "position", "name"
    )
    by_level = [(Level(level).label, [m for m in measures if m.level == level]) for level in Level.values]
    return render(
        request,
        "knowledge/recommended.html",
        {
            "levels": by_level,
            "can_curate": can(request.user, CURATE),
            "breadcrumbs": crumbs((_("Anbefalte hjelpetiltak"), None)),
        },
    )


@requires(CURATE, read=VIEW)
def recommended_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RecommendedMeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_recommended(
                request.user,
                interventions=form.cleaned_data["interventions"],
                categories=form.cleaned_data["categories"],
                **form.values(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Hjelpetiltaket er lagt til listen."))
            return redirect("knowledge:recommended")
    return form_page(
        request,
        title=_("Nytt anbefalt hjelpetiltak"),
        intro=_("Dekningen i alle kommuner regnes mot listen, så endringen vises med en gang på kartene."),
        form=form,
        breadcrumbs=_list_crumbs((_("Nytt"), None)),
    )


@requires(CURATE, read=VIEW)
def recommended_edit(request: AuthenticatedHttpRequest, recommended_measure_id: int) -> HttpResponse:
    measure = fetch(request, RecommendedMeasure, pk=recommended_measure_id)
    form = RecommendedMeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_recommended(
                request.user,
                RecommendedMeasure.objects.get(pk=measure.pk),
                expected_version=form.cleaned_data["version"],
                interventions=form.cleaned_data["interventions"],
                categories=form.cleaned_data["categories"],
                **form.values(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Hjelpetiltaket er lagret."))
            return redirect("knowledge:recommended")
    return form_page(
        request,
        title=_("Endre anbefalt hjelpetiltak"),
        intro=_("Dekningen i alle kommuner regnes mot listen, så endringen vises med en gang på kartene."),
        form=form,
        breadcrumbs=_list_crumbs((measure.name, None)),
    )


@requires(CURATE, read=VIEW)
def deadline_edit(request: AuthenticatedHttpRequest, deadline_code: str) -> HttpResponse:
    deadline = fetch(request, CaseDeadline, code=deadline_code)
    form = DeadlineForm(request.POST or None, instance=deadline)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_deadline(
                request.user,
                CaseDeadline.objects.get(pk=deadline.pk),
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Fristen er lagret."))
            return redirect("knowledge:deadlines")
    return form_page(
        request,
        title=_("Endre frist"),
        intro=_("Når loven eller SSBs kontroll endres, oppdater regelen og kilden her."),
        form=form,
        breadcrumbs=crumbs((_("Saksbehandlingsfrister"), reverse("knowledge:deadlines")), (str(deadline), None)),
    )
