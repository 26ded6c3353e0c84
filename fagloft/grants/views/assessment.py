"""Assessment by the county: scoring, decision, letters, payments. Never reachable by applicants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import Action, get_object_for, requires
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.services import record
from fagloft.grants import eligibility, letters, queries, services
from fagloft.grants.forms import AssessmentForm, DecisionForm, PaymentForm
from fagloft.grants.models import Application, Assessment, Decision
from fagloft.grants.permissions import ASSESS, DECIDE, VIEW_APPLICATION
from fagloft.grants.views.common import call_crumbs


def _application(request: HttpRequest, action: Action, application_id: int) -> Application:
    return get_object_for(request.user, action, queries.application_detail(), read_action=VIEW_APPLICATION,
                          pk=application_id)


@requires(ASSESS)
def assessment_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, ASSESS, application_id)
    criteria = [c for c in application.call.criteria.all() if not c.automatic]
    mine = Assessment.objects.filter(application=application, assessor=request.user).first()
    initial = {"version": mine.version if mine else None, "comment": mine.comment if mine else ""}
    if mine:
        initial.update({f"score_{s.criterion_id}": s.score for s in mine.scores.all()})
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessment(request.user, application, expected_version=form.cleaned_data["version"],
                                     comment=form.cleaned_data["comment"], scores=form.scores())
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Vurderingen din er lagret."))
            return redirect("grants:assessment-edit", application.pk)
    others = application.assessments.exclude(assessor=request.user).select_related("assessor").prefetch_related(
        "scores__criterion")
    return render(request, "grants/assessment_form.html", {
        "application": application, "form": form, "others": list(others),
        "requested": queries.requested(application), "budget": queries.budget_by_category(application),
        "participants": list(application.participants.all()),
        "results": eligibility.check(eligibility.candidate_from(application)),
        "breadcrumbs": call_crumbs(application.call, (application.title, None), (_("Vurdering"), None)),
    })


@requires(DECIDE)
def decision_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, DECIDE, application_id)
    decision = Decision.objects.filter(application=application).first()
    initial = {"version": decision.version if decision else None, "decided_on": timezone.localdate(),
               "amount": queries.requested(application)}
    form = DecisionForm(request.POST or None, instance=decision, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ("outcome", "amount", "conditions", "reasons", "decided_on")}
        try:
            services.decide(request.user, application, expected_version=form.cleaned_data["version"], **values)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Vedtaket er lagret. Vedtaksbrevet kan lastes ned."))
            return redirect("grants:application-detail", application.pk)
    if decision is not None and not form.is_bound:
        form.initial["version"] = decision.version
    return render(request, "grants/decision_form.html", {
        "application": application, "form": form, "decision": decision,
        "requested": queries.requested(application),
        "breadcrumbs": call_crumbs(application.call, (application.title, None), (_("Vedtak"), None)),
    })


def _letter(request: HttpRequest, application_id: int) -> Decision:
    application = _application(request, VIEW_APPLICATION, application_id)
    decision = Decision.objects.filter(application=application).select_related(
        "application__call__county", "application__lead_municipality").first()
    if decision is None:
        raise Http404
    return decision


@requires(VIEW_APPLICATION)
def letter_docx(request: HttpRequest, application_id: int) -> HttpResponse:
    decision = _letter(request, application_id)
    record(request.user, "export", decision, message="vedtaksbrev (Word)")
    return _download(letters.as_docx(decision), decision, "docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@requires(VIEW_APPLICATION)
def letter_pdf(request: HttpRequest, application_id: int) -> HttpResponse:
    decision = _letter(request, application_id)
    record(request.user, "export", decision, message="vedtaksbrev (PDF)")
    return _download(letters.as_pdf(decision), decision, "pdf", "application/pdf")


def _download(body: bytes, decision: Decision, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    name = slugify(f"vedtak-{decision.application.title}")[:60] or "vedtak"
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@require_POST
@requires(DECIDE)
def payment_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, DECIDE, application_id)
    decision = Decision.objects.filter(application=application).first()
    form = PaymentForm(request.POST)
    if decision is None or not form.is_valid():
        messages.error(request, _("Utbetalingen mangler beløp eller dato, eller søknaden har ikke vedtak."))
        return redirect("grants:application-detail", application.pk)
    try:
        services.add_payment(request.user, decision, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Utbetalingen er registrert."))
    return redirect("grants:application-detail", application.pk)


