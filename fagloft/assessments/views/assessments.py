"""Assessment pages: list, start, read, edit (conclusion, themes, measures), comment, workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.assessments import exports, figures, queries, reference, services, suggestions, tables
from fagloft.assessments import permissions as perms
from fagloft.assessments.forms import (
    AssessmentForm,
    CommentForm,
    EditMeasureForm,
    MeasureForm,
    NewAssessmentForm,
    ReviewForm,
    ThemeEntryForm,
    TransitionForm,
)
from fagloft.assessments.live_cache import live_data, live_signals, live_theme_figures
from fagloft.assessments.models import Assessment, FollowUpMeasure, ThemeEntry
from fagloft.assessments.views.common import refuse, run
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.lib.links import prefetch_related_links
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import County, Municipality, Service

ASSESSMENTS = Assessment.objects.select_related("service__host_municipality")


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessments:detail", args=[assessment.pk])


def _list_crumb() -> tuple[str, str]:
    return _("Risiko- og tilstandsvurderinger"), reverse("assessments:list")


def _overview_counties(user: Any) -> list[County]:
    """The counties whose overview the user may open; Bufdir goes through the national page instead."""
    if not can(user, perms.VIEW_COUNTY_OVERVIEW) or can(user, perms.VIEW_NATIONAL_PICTURE):
        return []
    return list(visible(user, perms.VIEW_COUNTY_OVERVIEW, County.objects.valid_on()))


@requires(perms.VIEW_ASSESSMENT)
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = queries.visible_assessments(request.user).order_by("-year", "service__name", "-revision")
    # The hub links of a municipality or a service open the list for that unit.
    unit_name = ""
    service_id, number = request.GET.get("tjeneste", ""), request.GET.get("kommune", "")
    if service_id.isdigit():
        assessments = assessments.filter(service_id=int(service_id))
        unit_name = Service.objects.filter(pk=int(service_id)).values_list("name", flat=True).first() or ""
    elif number.isdigit():
        assessments = assessments.filter(service__coverages__municipality__number=number).distinct()
        unit_name = Municipality.objects.filter(number=number).values_list("name", flat=True).first() or ""
    # Only what the table shows: an assessment row is wide (answers, the signals' snapshot).
    assessments = (
        assessments.select_related(None)
        .select_related("service")
        .only("year", "revision", "status", "risk_level", "service__name")[:200]
    )
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "rows": tables.list_rows(assessments),
            "unit_name": unit_name,
            "can_create": can(request.user, perms.CREATE_ASSESSMENT),
            "can_see_nation": can(request.user, perms.VIEW_NATIONAL_PICTURE),
            "can_see_rules": can(request.user, perms.VIEW_SIGNAL_RULES),
            "overview_counties": _overview_counties(request.user),
            "breadcrumbs": breadcrumbs((_("Risiko- og tilstandsvurderinger"), None)),
        },
    )


@requires(perms.CREATE_ASSESSMENT)
def assessment_create(request: HttpRequest) -> HttpResponse:
    service_choices = visible(request.user, perms.CREATE_ASSESSMENT, Service.objects.order_by("name"))
    # The front page's "Start vurderingen for {year}" links here with the service and the year.
    year = reference.current_assessment_year(timezone.localdate())
    try:
        year = int(request.GET.get("year", year))
    except ValueError:
        pass
    initial = {
        "year": year,
        "due_date": reference.submission_deadline(year) if 1900 <= year < 2100 else None,
        "service": request.GET.get("service"),
    }
    form = NewAssessmentForm(request.POST or None, services=service_choices, initial=initial)
    if request.method == "POST":
        assessment = run(form, lambda data: services.create_assessment(request.user, **data))
        if assessment is not None:
            messages.success(request, _("Vurderingen er opprettet som utkast."))
            return redirect(_detail_url(assessment))
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": _("Ny risiko- og tilstandsvurdering"),
            "back_url": reverse("assessments:list"),
            "breadcrumbs": breadcrumbs(_list_crumb(), (_("Ny vurdering"), None)),
        },
        status=400 if form.errors else 200,
    )


def _theme_rows(
    assessment: Assessment,
    signals: list[dict[str, Any]],
    entries: list[ThemeEntry],
    previous: dict[int | None, queries.PreviousTheme],
    live_figures: dict[int, list[figures.Figure]],
    needs: list[Any],
    bands: list[Any],
) -> list[dict[str, Any]]:
    by_theme: dict[str, list[dict[str, Any]]] = {}
    for signal in signals:
        by_theme.setdefault(signal.get("theme", ""), []).append(signal)
    rows = []
    for entry in entries:
        answers = list(entry.answers or [])
        qa = [(q, answers[n] if n < len(answers) else "") for n, q in enumerate(entry.theme.question_texts)]
        rows.append(
            {
                "entry": entry,
                "band": queries.band_for(entry.score, bands),
                "qa": qa,
                "signals": by_theme.get(entry.theme.code, []),
                "previous": previous.get(entry.theme_id),
                "figures": live_figures.get(entry.theme_id, []),
                "needs": [n for n in needs if n.theme_id == entry.theme_id],
            }
        )
    return rows


def _steps(permitted: Any, assessment: Assessment) -> dict[str, Any]:
    """The workflow steps this user may take now: allowed by their actions and by the status."""
    return {
        name: step
        for name, step in services.TRANSITIONS.items()
        if permitted.get(step.action.short_name) and assessment.status == step.source
    }


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    *,
    measure_form: Any = None,
    comment_form: Any = None,
    step_form: Any = None,
    step_name: str = "",
) -> HttpResponse:
    """The assessment page; a form sent from it and refused comes back bound, with its errors."""
    live = assessment.status == Assessment.Status.DRAFT
    signals, live_figures = (
        live_data(assessment.service, assessment.year) if live else (assessment.signals_snapshot, {})
    )
    permitted = permitted_actions(request.user, assessment)
    steps = _steps(permitted, assessment)
    entries = list(assessment.entries.select_related("theme"))
    bands = queries.risk_bands()
    suggestion = suggestions.suggest(entries, bands=bands)
    previous = queries.previous_assessment(assessment)
    by_theme = queries.previous_by_theme(previous)
    needs = list(assessment.need_items.select_related("theme").prefetch_related("guidance_engagements"))
    for need in needs:
        # This assessment itself, not a copy per need (a joined copy decodes its JSON columns each time).
        need.assessment = assessment
    may_request = can(request.user, perms.REQUEST_GUIDANCE, assessment.service)
    # Each need shows what other apps answer it with: read for all needs at once.
    prefetch_related_links([*needs, *(n for theme in by_theme.values() for n in theme.needs)], request.user)
    review_form = step_form if step_name in services.COMMENTED_STEPS else None
    if review_form is None and ("forward" in steps or "send_back" in steps):
        review_form = ReviewForm(initial={"version": assessment.version})
    bound = [f for f in (measure_form, comment_form, step_form) if f is not None]
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "themes": _theme_rows(
                assessment,
                signals,
                entries,
                by_theme,
                live_figures,
                needs,
                bands,
            ),
            "needs": needs,
            "unthemed_needs": [n for n in needs if n.theme_id is None],
            "may_request_guidance": may_request,
            "suggestion": suggestion,
            "suggested_level": suggestion.level if live else assessment.suggested_risk_level,
            "level_differs": bool(
                assessment.risk_level
                and (suggestion.level if live else assessment.suggested_risk_level)
                and assessment.risk_level != (suggestion.level if live else assessment.suggested_risk_level)
            ),
            "previous": previous,
            "previous_unthemed": by_theme.get(None),
            "signals": signals,
            "signals_are_live": live,
            "measures": assessment.measures.select_related("theme"),
            "comments": assessment.comments.all(),
            "versions": Assessment.objects.filter(service=assessment.service, year=assessment.year).order_by(
                "revision"
            ),
            "permitted": permitted,
            "editable": live and permitted.edit,
            "revisable": assessment.is_locked and not hasattr(assessment, "next_revision") and permitted.revise,
            "steps": steps,
            "step_form": step_form if step_name not in services.COMMENTED_STEPS else None,
            "step_name": step_name,
            "review_form": review_form,
            "comment_form": comment_form or CommentForm(),
            "measure_form": measure_form or MeasureForm(),
            # A refused form stays on the page with its errors, even when the status no longer allows it.
            "show_measure_form": (live and permitted.edit) or bool(measure_form is not None and measure_form.errors),
            "show_comment_form": (not assessment.is_locked and permitted.comment)
            or bool(comment_form is not None and comment_form.errors),
            "breadcrumbs": breadcrumbs(_list_crumb(), (str(assessment), None)),
        },
        status=400 if any(f.errors for f in bound) else 200,
    )


@requires(perms.VIEW_ASSESSMENT)
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _detail(request, fetch(request, ASSESSMENTS, pk=assessment_id))


def _download(
    request: HttpRequest, assessment: Assessment, content: bytes, extension: str, content_type: str, what: str
) -> HttpResponse:
    """A file of the assessment: never cached (it holds what the service says about its own risk),
    its name kept with «ø» (RFC 5987 `filename*`, ASCII fallback), and the download audited."""
    record(request.user, AuditEvent.Verb.EXPORT, assessment, message=what)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(assessment, extension))
    response["Cache-Control"] = "no-store"
    return response


@requires(perms.VIEW_ASSESSMENT)
def assessment_pdf(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    # The same signals the page shows: live while a draft, as stored at submission afterwards.
    signals = (
        live_signals(assessment.service, assessment.year)
        if assessment.status == Assessment.Status.DRAFT
        else assessment.signals_snapshot
    )
    return _download(
        request, assessment, exports.as_pdf(assessment, signals), "pdf", "application/pdf", "vurdering (PDF)"
    )


@requires(perms.VIEW_ASSESSMENT)
def assessment_xlsx(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    return _download(
        request,
        assessment,
        exports.as_xlsx(assessment),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "temaer og tiltak (Excel)",
    )


def _edit_page(request: HttpRequest, form: Any, write: Any, done_url: str, **context: Any) -> HttpResponse:
    """A one-form edit page: on success back to the assessment, otherwise the form with its errors."""
    if request.method == "POST" and run(form, write) is not None:
        messages.success(request, _("Endringene er lagret."))
        return redirect(done_url)
    return render(request, "assessments/form_page.html", {"form": form, **context}, status=400 if form.errors else 200)


@requires(perms.EDIT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
def assessment_edit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    if assessment.status != Assessment.Status.DRAFT and request.method != "POST":
        return refuse(request, _("Vurderingen kan bare endres mens den er et utkast."), _detail_url(assessment))
    form = AssessmentForm(request.POST or None, instance=assessment, suggestion=suggestions.suggest_for(assessment))
    return _edit_page(
        request,
        form,
        lambda data: services.update_assessment(
            request.user, assessment, expected_version=data["version"], **form.changed_values()
        ),
        _detail_url(assessment),
        title=_("Konklusjon og risikonivå"),
        back_url=_detail_url(assessment),
        breadcrumbs=breadcrumbs(_list_crumb(), (str(assessment), _detail_url(assessment)), (_("Konklusjon"), None)),
    )


@requires(perms.EDIT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
def entry_edit(request: HttpRequest, assessment_id: int, theme_entry_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    entry = fetch(
        request, ThemeEntry.objects.select_related("theme", "assessment"), pk=theme_entry_id, assessment=assessment
    )
    if assessment.status != Assessment.Status.DRAFT and request.method != "POST":
        return refuse(request, _("Vurderingen kan bare endres mens den er et utkast."), _detail_url(assessment))
    found = live_theme_figures(assessment.service, assessment.year).get(entry.theme_id, [])
    form = ThemeEntryForm(request.POST or None, instance=entry, prefill=figures.prefill_text(found))
    return _edit_page(
        request,
        form,
        lambda data: services.update_entry(
            request.user, entry, expected_version=data["version"], **form.changed_values()
        ),
        _detail_url(assessment) + f"#tema-{entry.theme.code}",
        title=entry.theme.name,
        back_url=_detail_url(assessment),
        intro=_("Sannsynlighet og konsekvens for svikt vurderes fra 1 (svært lav) til 5 (svært høy)."),
        figures=found,
        breadcrumbs=breadcrumbs(_list_crumb(), (str(assessment), _detail_url(assessment)), (entry.theme.name, None)),
    )


@requires(perms.EDIT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
@require_POST
def measure_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    form = MeasureForm(request.POST)
    if run(form, lambda data: services.add_measure(request.user, assessment, **data)) is None:
        return _detail(request, assessment, measure_form=form)
    messages.success(request, _("Tiltaket er lagt til."))
    return redirect(_detail_url(assessment) + "#tiltak")


@requires(perms.EDIT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
def measure_edit(request: HttpRequest, assessment_id: int, follow_up_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    measure = fetch(
        request, FollowUpMeasure.objects.select_related("assessment"), pk=follow_up_id, assessment=assessment
    )
    form = EditMeasureForm(request.POST or None, instance=measure)
    return _edit_page(
        request,
        form,
        lambda data: services.update_measure(
            request.user, measure, expected_version=data["version"], **form.changed_values()
        ),
        _detail_url(assessment) + "#tiltak",
        title=_("Oppfølgingstiltak"),
        back_url=_detail_url(assessment),
        breadcrumbs=breadcrumbs(_list_crumb(), (str(assessment), _detail_url(assessment)), (_("Tiltak"), None)),
    )


@requires(perms.COMMENT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
@require_POST
def comment_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    form = CommentForm(request.POST)
    if run(form, lambda data: services.add_comment(request.user, assessment, text=data["text"])) is None:
        return _detail(request, assessment, comment_form=form)
    messages.success(request, _("Kommentaren er lagret."))
    return redirect(_detail_url(assessment) + "#kommentarer")


def _transition_view(name: str) -> Any:
    step = services.TRANSITIONS[name]
    use_case = services.STEPS[name]
    form_class = ReviewForm if name in services.COMMENTED_STEPS else TransitionForm

    @requires(step.action, read=perms.VIEW_ASSESSMENT)
    @require_POST
    def view(request: HttpRequest, assessment_id: int) -> HttpResponse:
        assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
        form = form_class(request.POST)
        extra = (lambda data: {"comment": data.get("comment", "")}) if form_class is ReviewForm else (lambda d: {})
        done = run(
            form, lambda data: use_case(request.user, assessment, expected_version=data.get("version"), **extra(data))
        )
        if done is None:
            assessment.refresh_from_db()
            return _detail(request, assessment, step_form=form, step_name=name)
        messages.success(request, _("Vurderingen er {step}.").format(step=step.label))
        return redirect(_detail_url(assessment))

    view.__name__ = f"transition_{name}"
    return view


submit = _transition_view("submit")
withdraw = _transition_view("withdraw")
forward = _transition_view("forward")
send_back = _transition_view("send_back")
discuss = _transition_view("discuss")
finalise = _transition_view("finalise")


@requires(perms.REVISE_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
@require_POST
def revise(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    form = TransitionForm(request.POST)
    fresh = run(form, lambda data: services.start_new_revision(request.user, assessment))
    if fresh is None:
        return _detail(request, assessment, step_form=form, step_name="revise")
    messages.success(
        request,
        _("Versjon {n} er opprettet som utkast. Den endelige versjonen er tatt vare på.").format(n=fresh.revision),
    )
    return redirect(_detail_url(fresh))
