"""Assessment by the county: scoring, decision (with confirmation), letters, payments. Never reachable by
applicants."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.grants import eligibility, letters, queries, services
from fagloft.grants.forms import AssessmentForm, DecisionForm, PaymentForm
from fagloft.grants.models import Application, Assessment, Decision
from fagloft.grants.permissions import ASSESS, DECIDE, VIEW_APPLICATION
from fagloft.grants.views.applications import detail_context
from fagloft.grants.views.common import application_crumbs, carried, confirm_page, is_confirmed
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import money
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.refusals import Refused


@requires(ASSESS, read=VIEW_APPLICATION)
def assessment_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    criteria = [c for c in application.call.criteria.all() if not c.automatic]
    mine = Assessment.objects.filter(application=application, assessor_id=request.user.pk).first()
    initial = {"version": mine.version if mine else None, "comment": mine.comment if mine else ""}
    if mine:
        initial.update({f"score_{s.criterion_id}": s.score for s in mine.scores.all()})
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessment(
                request.user,
                application,
                expected_version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
                scores=form.scores(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Vurderingen din er lagret."))
            return redirect("grants:assessment-edit", application.pk)
    others = (
        application.assessments.exclude(assessor_id=request.user.pk)
        .select_related("assessor")
        .prefetch_related("scores__criterion")
    )
    return render(
        request,
        "grants/assessment_form.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "others": list(others),
            "requested": queries.requested(application),
            "budget": queries.budget_rows(application),
            "participants": list(application.participants.all()),
            "permitted": permitted_actions(request.user, application),
            "results": eligibility.check(eligibility.candidate_from(application)),
            "anchoring": queries.anchoring_needs(request.user, application.project),
            "breadcrumbs": application_crumbs(application, (_("Vurdering"), None)),
        },
    )


def _decision_consequences(application: Application, values: dict) -> list[str]:
    if values["outcome"] == Decision.Outcome.GRANTED:
        first = _("Vedtaksbrevet lages med innvilget beløp %(amount)s til «%(title)s».") % {
            "amount": money(values["amount"]),
            "title": application.title,
        }
    else:
        first = _("Vedtaksbrevet lages med avslag og begrunnelsen du har skrevet.")
    return [
        first,
        _("Søknaden får status «%(status)s», og %(lead)s kan laste ned vedtaksbrevet med en gang.")
        % {
            "status": (
                Application.Status.GRANTED.label
                if values["outcome"] == Decision.Outcome.GRANTED
                else Application.Status.REFUSED.label
            ),
            "lead": application.lead_municipality.name,
        },
        _("Vedtaksdato: %(date)s. Klagefristen på tre uker regnes fra søkeren mottar vedtaket.")
        % {"date": format_date(values["decided_on"] or timezone.localdate(), "long")},
    ]


@requires(DECIDE, read=VIEW_APPLICATION)
def decision_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    decision = Decision.objects.filter(application=application).first()
    initial = {} if decision else {"decided_on": timezone.localdate(), "amount": queries.requested(application)}
    form = DecisionForm(request.POST or None, instance=decision, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        refusal = services.decision_refusal(
            application, outcome=values["outcome"], amount=values["amount"], reasons=values["reasons"]
        )
        if refusal is None and decision is not None and form.cleaned_data.get("version") != decision.version:
            refusal = ConcurrentEditError()  # told now, not only after the confirmation step
        if refusal is not None:
            form.refuse(refusal)
        else:
            confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
            if is_confirmed(request) and confirm.is_valid():
                try:
                    services.decide(request.user, application, expected_version=form.cleaned_data["version"], **values)
                except Refused as error:
                    form.refuse(error)
                else:
                    messages.success(request, _("Vedtaket er lagret. Vedtaksbrevet kan lastes ned."))
                    return redirect("grants:application-detail", application.pk)
            else:
                return confirm_page(
                    request,
                    title=_("Bekreft vedtak om %(title)s") % {"title": application.title},
                    consequences=_decision_consequences(application, values),
                    submit=_("Fatt vedtaket"),
                    confirm_form=confirm,
                    hidden=carried(form),
                    cancel_url=reverse("grants:decision-edit", args=[application.pk]),
                    breadcrumbs=application_crumbs(application, (_("Vedtak"), None)),
                )
    return render(
        request,
        "grants/decision_form.html",
        {
            "application": application,
            "form": form,
            "decision": decision,
            "requested": queries.requested(application),
            "budget_left": services.budget_left(application),
            "call": application.call,
            "breadcrumbs": application_crumbs(application, (_("Vedtak"), None)),
        },
    )


def _letter(request: HttpRequest, application_id: int) -> Decision:
    application = fetch(request, queries.application_detail(), pk=application_id)
    decision = (
        Decision.objects.filter(application=application)
        .select_related("application__call__county", "application__lead_municipality", "decided_by")
        .first()
    )
    if decision is None:
        raise Http404
    return decision


@requires(VIEW_APPLICATION)
def letter_docx(request: HttpRequest, application_id: int) -> HttpResponse:
    decision = _letter(request, application_id)
    record(request.user, AuditEvent.Verb.EXPORT, decision, message="vedtaksbrev (Word)")
    return _download(
        letters.as_docx(decision),
        decision,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@requires(VIEW_APPLICATION)
def letter_pdf(request: HttpRequest, application_id: int) -> HttpResponse:
    decision = _letter(request, application_id)
    record(request.user, AuditEvent.Verb.EXPORT, decision, message="vedtaksbrev (PDF)")
    return _download(letters.as_pdf(decision), decision, "pdf", "application/pdf")


_ASCII_LETTERS = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def content_disposition(name: str) -> str:
    """An attachment header that keeps «ø» and «å» (RFC 6266 with an RFC 5987 `filename*`), with a plain
    ASCII `filename` for clients that only read that."""
    fallback = slugify(name.rsplit(".", 1)[0].translate(_ASCII_LETTERS)) or "vedtak"
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    ascii_name = f"{fallback}.{extension}" if extension else fallback
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def letter_filename(decision: Decision, extension: str) -> str:
    title = " ".join(decision.application.title.split())[:60].strip()
    name = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in f"Vedtak {title}").strip().replace(" ", "-")
    return f"{name or 'Vedtak'}.{extension}"


def _download(body: bytes, decision: Decision, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition(letter_filename(decision, extension))
    return response


@requires(DECIDE, read=VIEW_APPLICATION)
def payment_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    decision = Decision.objects.filter(application=application).first()
    if decision is None:
        messages.error(request, _("Søknaden har ikke vedtak ennå."))
        return redirect("grants:application-detail", application.pk)
    if request.method != "POST":
        return redirect(reverse("grants:application-detail", args=[application.pk]) + "#utbetalinger")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.add_payment(request.user, decision, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utbetalingen er registrert."))
            return redirect("grants:application-detail", application.pk)
    return render(
        request, "grants/application_detail.html", detail_context(request, application, payment_form=form), status=400
    )
