"""Applications: start, write (with live eligibility), submit, read; reports after the decision."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import Action, can, get_object_for, requires, visible
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.competence import queries as competence_queries
from fagloft.competence.permissions import VIEW_STAFF
from fagloft.grants import deadlines, eligibility, queries, services
from fagloft.grants.forms import (
    ApplicationForm,
    BudgetFormSet,
    ReportForm,
    StartApplicationForm,
    budget_initial,
    budget_rows,
)
from fagloft.grants.models import Application, Call, Decision
from fagloft.grants.permissions import (
    APPLY,
    ASSESS,
    DECIDE,
    REPORT,
    VIEW_APPLICATION,
    VIEW_CALL,
)
from fagloft.grants.views.common import call_crumbs, crumbs, form_page
from fagloft.networks.permissions import VIEW_NETWORK
from fagloft.networks.queries import networks_for
from fagloft.organizations.models import Municipality


def _municipalities_for(user: Any, call: Call):
    municipalities = visible(user, APPLY, Municipality.objects.all())
    return municipalities.filter(county=call.county) if call.county_id else municipalities


def _networks_for(user: Any, call: Call):
    networks = networks_for(user, VIEW_NETWORK)
    return networks.filter(county=call.county) if call.county_id else networks


@requires(APPLY)
def application_start(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_for(request.user, VIEW_CALL, queries.calls_for(request.user), pk=call_id)
    if not deadlines.is_before_deadline(call):
        messages.error(request, _("Søknadsfristen for denne utlysningen har gått ut."))
        return redirect("grants:call-detail", call.pk)
    form = StartApplicationForm(request.POST or None, municipalities=_municipalities_for(request.user, call),
                                networks=_networks_for(request.user, call))
    if request.method == "POST" and form.is_valid():
        application = services.start_application(request.user, call, **form.cleaned_data)
        messages.success(request, _("Utkastet er opprettet. Fyll ut søknaden og send den inn før fristen."))
        return redirect("grants:application-edit", application.pk)
    return form_page(request, title=_("Ny søknad: %(call)s") % {"call": call.title}, form=form,
                     intro=_("Søknadsfrist: %(deadline)s") % {"deadline": deadlines.deadline_label(call)},
                     breadcrumbs=call_crumbs(call, (_("Ny søknad"), None)), submit=_("Opprett utkast"))


def _application(request: HttpRequest, action: Action, application_id: int, read_action: Action | None = None) -> Application:
    return get_object_for(request.user, action, queries.application_detail(), read_action=read_action,
                          pk=application_id)


@requires(VIEW_APPLICATION)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, VIEW_APPLICATION, application_id)
    user = request.user
    decision = Decision.objects.filter(application=application).first()
    return render(request, "grants/application_detail.html", {
        "application": application, "call": application.call, "decision": decision,
        "budget": list(application.budget_lines.all()), "requested": queries.requested(application),
        "results": eligibility.check(eligibility.candidate_from(application)),
        "deadline_label": deadlines.deadline_label(application.call),
        "follow_up": queries.follow_up(application),
        "payments": list(decision.payments.all()) if decision else [],
        "reports": list(application.reports.all()),
        "can_edit": application.is_editable and can(user, APPLY, application),
        "can_assess": application.status != Application.Status.DRAFT and can(user, ASSESS, application),
        "can_decide": application.status != Application.Status.DRAFT and can(user, DECIDE, application),
        "can_report": application.status == Application.Status.GRANTED and can(user, REPORT, application),
        "breadcrumbs": call_crumbs(application.call, (application.title, None)),
    })


def _edit_forms(request: HttpRequest, application: Application) -> tuple[ApplicationForm, Any]:
    call = application.call
    initial = {"version": application.version, "title": application.title, "network": application.network,
               "participants": list(application.participants.all()), "partner": application.partner,
               "description": application.description, "goals": application.goals,
               "co_financing": application.co_financing, "co_financing_note": application.co_financing_note,
               "contact_email": application.contact_email}
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, initial=initial, municipalities=_participant_choices(application),
                           networks=_networks_for(request.user, call))
    formset = BudgetFormSet(data, initial=budget_initial(application), prefix="budget",
                            form_kwargs={"staff": _staff_choices(request.user, application)})
    return form, formset


def _staff_choices(user: Any, application: Application) -> Any:
    """The applicant service's current staff for further-education lines; None (free text only) for other
    calls and for applicants who may not see that staff register (competence.view_staff)."""
    if application.call.kind != Call.Kind.FURTHER_EDUCATION:
        return None
    services = competence_queries.visible_services(user, VIEW_STAFF).filter(
        pk__in=competence_queries.services_serving(application.lead_municipality).values("pk"))
    staff = [competence_queries.current_staff(service) for service in services]
    return reduce(operator.or_, staff) if staff else None


def _participant_choices(application: Application):
    call = application.call
    return Municipality.objects.filter(county=call.county) if call.county_id else Municipality.objects.filter(
        county=application.county)


@requires(APPLY)
def application_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, APPLY, application_id, VIEW_APPLICATION)
    if not application.is_editable:
        messages.info(request, _("Søknaden er sendt inn og kan ikke endres."))
        return redirect("grants:application-detail", application.pk)
    form, formset = _edit_forms(request, application)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            _save(request, application, form, formset)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Utkastet er lagret."))
            return redirect("grants:application-edit", application.pk)
    return render(request, "grants/application_form.html", {
        "application": application, "call": application.call, "form": form, "formset": formset,
        "results": _live_results(application, form, formset),
        "deadline_label": deadlines.deadline_label(application.call),
        "breadcrumbs": call_crumbs(application.call, (application.title, None)),
    })


def _save(request: HttpRequest, application: Application, form: ApplicationForm, formset: Any) -> None:
    data = dict(form.cleaned_data)
    version = data.pop("version") or 0
    participants = data.pop("participants")
    services.save_application(request.user, application, expected_version=version, participants=participants,
                              budget_lines=budget_rows(formset), **data)


def _live_results(application: Application, form: ApplicationForm, formset: Any) -> list[eligibility.RuleResult]:
    """Check the rules on what is in the form now, saved or not."""
    if not form.is_bound:
        return eligibility.check(eligibility.candidate_from(application))
    form.is_valid()
    formset.is_valid()
    data = getattr(form, "cleaned_data", {})
    candidate = eligibility.Candidate(
        call=application.call, network=data.get("network"), lead_municipality=application.lead_municipality,
        participants=list(data.get("participants") or []), partner=data.get("partner"),
        budget_lines=[(c, a, s) for c, _d, a, s, _e in budget_rows(formset)],
        employees={s.strip(): e for _c, _d, _a, s, e in budget_rows(formset) if e},
    )
    return eligibility.check(candidate)


@require_POST
@requires(APPLY)
def application_eligibility(request: HttpRequest, application_id: int) -> HttpResponse:
    """The htmx fragment: eligibility of the unsaved form, re-checked as the applicant writes."""
    application = _application(request, APPLY, application_id, VIEW_APPLICATION)
    form, formset = _edit_forms(request, application)
    return render(request, "grants/_eligibility.html", {"results": _live_results(application, form, formset)})


@require_POST
@requires(APPLY)
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, APPLY, application_id, VIEW_APPLICATION)
    try:
        services.submit_application(request.user, application)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:application-edit", application.pk)
    messages.success(request, _("Søknaden er sendt inn %(when)s.") % {
        "when": timezone.localtime().strftime("%d.%m.%Y kl. %H.%M")})
    return redirect("grants:application-detail", application.pk)


@requires(REPORT)
def report_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, REPORT, application_id, VIEW_APPLICATION)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_report(request.user, application, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Rapporten er sendt."))
            return redirect("grants:application-detail", application.pk)
    return form_page(request, title=_("Rapport om %(title)s") % {"title": application.title}, form=form,
                     breadcrumbs=crumbs((application.title, reverse("grants:application-detail",
                                                                    args=[application.pk])), (_("Rapport"), None)))
