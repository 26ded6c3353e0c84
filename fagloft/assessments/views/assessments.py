"""Assessment pages: list, start, read, edit (conclusion, themes, measures), comment, workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, get_object_for, requires, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import (
    AssessmentForm,
    CommentForm,
    EditMeasureForm,
    MeasureForm,
    NewAssessmentForm,
    ThemeEntryForm,
    TransitionForm,
)
from fagloft.assessments.models import Assessment, FollowUpMeasure, ThemeEntry
from fagloft.assessments.signals import compute_signals
from fagloft.assessments.views.common import crumbs, refuse
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.organizations.models import County, Service

ASSESSMENTS = Assessment.objects.select_related("service__host_municipality")


def _assessment(request: HttpRequest, action: Any, assessment_id: int) -> Assessment:
    return get_object_for(request.user, action, ASSESSMENTS, read_action=perms.VIEW_ASSESSMENT, pk=assessment_id)


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessments:detail", args=[assessment.pk])


def _overview_counties(user: Any) -> list[County]:
    """The counties whose overview the user may open; Bufdir goes through the national page instead."""
    if not can(user, perms.VIEW_COUNTY_OVERVIEW) or can(user, perms.VIEW_NATIONAL_PICTURE):
        return []
    return list(visible(user, perms.VIEW_COUNTY_OVERVIEW, County.objects.valid_on()))


@requires(perms.VIEW_ASSESSMENT)
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = queries.visible_assessments(request.user).order_by("-year", "service__name", "-revision")[:200]
    return render(request, "assessments/assessment_list.html", {
        "assessments": assessments,
        "can_create": can(request.user, perms.CREATE_ASSESSMENT),
        "can_see_nation": can(request.user, perms.VIEW_NATIONAL_PICTURE),
        "can_see_rules": can(request.user, perms.VIEW_SIGNAL_RULES),
        "overview_counties": _overview_counties(request.user),
        "breadcrumbs": crumbs((_("Risiko- og tilstandsvurderinger"), None)),
    })


@requires(perms.CREATE_ASSESSMENT)
def assessment_create(request: HttpRequest) -> HttpResponse:
    service_choices = visible(request.user, perms.CREATE_ASSESSMENT, Service.objects.order_by("name"))
    form = NewAssessmentForm(request.POST or None, services=service_choices)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.create_assessment(request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Vurderingen er opprettet som utkast."))
            return redirect(_detail_url(assessment))
    return render(request, "assessments/form_page.html", {
        "form": form, "title": _("Ny risiko- og tilstandsvurdering"), "back_url": reverse("assessments:list"),
        "breadcrumbs": crumbs((_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")),
                              (_("Ny vurdering"), None)),
    })


def _theme_rows(assessment: Assessment, signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    bands = queries.risk_bands()
    by_theme: dict[str, list[dict[str, Any]]] = {}
    for signal in signals:
        by_theme.setdefault(signal.get("theme", ""), []).append(signal)
    rows = []
    for entry in assessment.entries.select_related("theme"):
        answers = list(entry.answers or [])
        qa = [(q, answers[n] if n < len(answers) else "") for n, q in enumerate(entry.theme.question_texts)]
        rows.append({"entry": entry, "band": queries.band_for(entry.score, bands), "qa": qa,
                     "signals": by_theme.get(entry.theme.code, [])})
    return rows


@requires(perms.VIEW_ASSESSMENT)
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.VIEW_ASSESSMENT, assessment_id)
    live = assessment.status == Assessment.Status.DRAFT
    signals = ([s.as_dict() for s in compute_signals(assessment.service, assessment.year)] if live
               else assessment.signals_snapshot)
    user = request.user
    steps = {name: can(user, step.action, assessment) and assessment.status == step.source
             for name, step in services.TRANSITIONS.items()}
    return render(request, "assessments/assessment_detail.html", {
        "assessment": assessment,
        "themes": _theme_rows(assessment, signals),
        "signals": signals,
        "signals_are_live": live,
        "measures": assessment.measures.select_related("theme"),
        "comments": assessment.comments.all(),
        "versions": Assessment.objects.filter(service=assessment.service, year=assessment.year).order_by("revision"),
        "can_edit": live and can(user, perms.EDIT_ASSESSMENT, assessment),
        "can_comment": not assessment.is_locked and can(user, perms.COMMENT_ASSESSMENT, assessment),
        "can_revise": assessment.is_locked and not hasattr(assessment, "next_revision")
        and can(user, perms.REVISE_ASSESSMENT, assessment),
        "steps": steps,
        "comment_form": CommentForm(),
        "measure_form": MeasureForm(),
        "breadcrumbs": crumbs((_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")),
                              (str(assessment), None)),
    })


def _save_form(request: HttpRequest, form: Any, save: Any) -> bool:
    """Run a service with the form's values; on refusal keep the user's input and show why."""
    if not form.is_valid():
        return False
    try:
        save(form)
    except ConcurrentEditError as error:
        form.add_error(None, str(error))
    except services.WorkflowError as error:
        form.add_error(None, error.message)
    else:
        messages.success(request, _("Endringene er lagret."))
        return True
    return False


@requires(perms.EDIT_ASSESSMENT)
def assessment_edit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.EDIT_ASSESSMENT, assessment_id)
    if assessment.status != Assessment.Status.DRAFT:
        return refuse(request, _("Vurderingen kan bare endres mens den er et utkast."), _detail_url(assessment))
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and _save_form(request, form, lambda f: services.update_assessment(
            request.user, assessment, expected_version=f.cleaned_data["expected_version"], **f.changed_values())):
        return redirect(_detail_url(assessment))
    return render(request, "assessments/form_page.html", {
        "form": form, "title": _("Konklusjon og risikonivå"), "back_url": _detail_url(assessment),
        "breadcrumbs": crumbs((str(assessment), _detail_url(assessment)), (_("Konklusjon"), None)),
    })


@requires(perms.EDIT_ASSESSMENT)
def entry_edit(request: HttpRequest, assessment_id: int, theme_entry_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.EDIT_ASSESSMENT, assessment_id)
    entry = get_object_for(request.user, perms.EDIT_ASSESSMENT, ThemeEntry.objects.select_related("theme"),
                           pk=theme_entry_id, assessment=assessment)
    if assessment.status != Assessment.Status.DRAFT:
        return refuse(request, _("Vurderingen kan bare endres mens den er et utkast."), _detail_url(assessment))
    form = ThemeEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and _save_form(request, form, lambda f: services.update_entry(
            request.user, entry, expected_version=f.cleaned_data["expected_version"], **f.changed_values())):
        return redirect(_detail_url(assessment) + f"#tema-{entry.theme.code}")
    return render(request, "assessments/form_page.html", {
        "form": form, "title": entry.theme.name, "back_url": _detail_url(assessment),
        "intro": _("Sannsynlighet og konsekvens for svikt vurderes fra 1 (svært lav) til 5 (svært høy)."),
        "breadcrumbs": crumbs((str(assessment), _detail_url(assessment)), (entry.theme.name, None)),
    })


@requires(perms.EDIT_ASSESSMENT)
@require_POST
def measure_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.EDIT_ASSESSMENT, assessment_id)
    form = MeasureForm(request.POST)
    if form.is_valid():
        try:
            services.add_measure(request.user, assessment, **form.cleaned_data)
            messages.success(request, _("Tiltaket er lagt til."))
        except services.WorkflowError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "; ".join(f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items()))
    return redirect(_detail_url(assessment) + "#tiltak")


@requires(perms.EDIT_ASSESSMENT)
def measure_edit(request: HttpRequest, assessment_id: int, follow_up_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.EDIT_ASSESSMENT, assessment_id)
    measure = get_object_for(request.user, perms.EDIT_ASSESSMENT, FollowUpMeasure, pk=follow_up_id,
                             assessment=assessment)
    form = EditMeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and _save_form(request, form, lambda f: services.update_measure(
            request.user, measure, expected_version=f.cleaned_data["expected_version"], **f.changed_values())):
        return redirect(_detail_url(assessment) + "#tiltak")
    return render(request, "assessments/form_page.html", {
        "form": form, "title": _("Oppfølgingstiltak"), "back_url": _detail_url(assessment),
        "breadcrumbs": crumbs((str(assessment), _detail_url(assessment)), (_("Tiltak"), None)),
    })


@requires(perms.COMMENT_ASSESSMENT)
@require_POST
def comment_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.COMMENT_ASSESSMENT, assessment_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(request.user, assessment, text=form.cleaned_data["text"])
            messages.success(request, _("Kommentaren er lagret."))
        except services.WorkflowError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Kommentar: skriv en kommentar før du lagrer."))
    return redirect(_detail_url(assessment) + "#kommentarer")


def _transition_view(name: str) -> Any:
    step = services.TRANSITIONS[name]

    @requires(step.action)
    @require_POST
    def view(request: HttpRequest, assessment_id: int) -> HttpResponse:
        assessment = _assessment(request, step.action, assessment_id)
        form = TransitionForm(request.POST)
        expected = form.cleaned_data["expected_version"] if form.is_valid() else assessment.version
        try:
            services.transition(request.user, assessment, name, expected_version=expected)
        except (services.WorkflowError, ConcurrentEditError) as error:
            messages.error(request, getattr(error, "message", str(error)))
        else:
            messages.success(request, _("Vurderingen er {step}.").format(step=step.label))
        return redirect(_detail_url(assessment))

    view.__name__ = f"transition_{name}"
    return view


submit = _transition_view("submit")
withdraw = _transition_view("withdraw")
discuss = _transition_view("discuss")
finalise = _transition_view("finalise")


@requires(perms.REVISE_ASSESSMENT)
@require_POST
def revise(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, perms.REVISE_ASSESSMENT, assessment_id)
    try:
        fresh = services.start_new_revision(request.user, assessment)
    except services.WorkflowError as error:
        messages.error(request, error.message)
        return redirect(_detail_url(assessment))
    messages.success(request, _("Versjon {n} er opprettet som utkast. Den endelige versjonen er tatt vare på.")
                     .format(n=fresh.revision))
    return redirect(_detail_url(fresh))
