"""Applications: start, write (with live eligibility), submit (with confirmation), read; reports after
the decision."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.contrib import messages
from django.db.models import BooleanField, Case, Q, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import fetch, permitted_actions, requires, visible
from fagloft.competence import queries as competence_queries
from fagloft.competence.permissions import VIEW_STAFF
from fagloft.grants import deadlines, eligibility, queries, services
from fagloft.grants.forms import (
    ApplicationForm,
    BudgetFormSet,
    PaymentForm,
    ReportForm,
    StartApplicationForm,
    budget_initial,
)
from fagloft.grants.models import Application, Call, Decision, GrantReport
from fagloft.grants.permissions import APPLY, REPORT, VIEW_APPLICATION, VIEW_CALL
from fagloft.grants.views.common import application_crumbs, call_crumbs, confirm_page, is_confirmed
from fagloft.lib.formatting import datetime_ as format_datetime
from fagloft.lib.formatting import money
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks.models import DevelopmentProject
from fagloft.networks.permissions import VIEW_NETWORK
from fagloft.networks.queries import networks_for
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality


def _municipalities_for(user: Any, call: Call):
    municipalities = visible(user, APPLY, Municipality.objects.all())
    return municipalities.filter(county=call.county) if call.county_id else municipalities


def _networks_for(user: Any, call: Call):
    networks = networks_for(user, VIEW_NETWORK)
    return networks.filter(county=call.county) if call.county_id else networks


def _projects_for(user: Any, call: Call):
    """The development projects of the networks the applicant sees (stimulus funds only: further
    education is for employees, not projects)."""
    if call.kind != Call.Kind.DEVELOPMENT:
        return None
    return (
        DevelopmentProject.objects.filter(network__in=_networks_for(user, call).values("pk"))
        .select_related("network")
        .order_by("network__name", "title")
    )


def _counties_for(call: Call, municipalities: Any, networks: Any):
    """The counties the applicant's own units belong to today (the call's county for a county call)."""
    if call.county_id:
        return County.objects.filter(pk=call.county_id)
    members = (
        CountyMembershipPeriod.objects.valid_on(timezone.localdate())
        .filter(municipality__in=municipalities.values("pk"))
        .values("county")
    )
    return County.objects.filter(Q(pk__in=members) | Q(pk__in=networks.values("county"))).order_by("number")


@requires(APPLY, read=VIEW_CALL)
def application_start(request: HttpRequest, call_id: int) -> HttpResponse:
    call = fetch(request, queries.calls_for(request.user), pk=call_id)
    if not deadlines.is_before_deadline(call):
        messages.error(request, _("Søknadsfristen for denne utlysningen har gått ut."))
        return redirect("grants:call-detail", call.pk)
    municipalities, networks = _municipalities_for(request.user, call), _networks_for(request.user, call)
    projects = _projects_for(request.user, call)
    form = StartApplicationForm(
        request.POST or None,
        municipalities=municipalities,
        networks=networks,
        counties=_counties_for(call, municipalities, networks),
        projects=projects,
        initial=_initial_from_project(request, projects, municipalities),
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(request.user, call, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utkastet er opprettet. Fyll ut søknaden og send den inn før fristen."))
            return redirect("grants:application-edit", application.pk)
    return form_page(
        request,
        title=_("Ny søknad: %(call)s") % {"call": call.title},
        form=form,
        intro=_("Søknadsfrist: %(deadline)s") % {"deadline": deadlines.deadline_label(call)},
        breadcrumbs=call_crumbs(call, (_("Ny søknad"), None)),
        submit=_("Opprett utkast"),
    )


def _initial_from_project(request: HttpRequest, projects: Any, municipalities: Any) -> dict[str, Any]:
    """`?prosjekt=<id>` (the project page's «søk om midler»): start from that project."""
    chosen = request.GET.get("prosjekt", "")
    if projects is None or not chosen.isdigit():
        return {}
    project = projects.filter(pk=int(chosen)).first()
    if project is None:
        return {}
    initial: dict[str, Any] = {"project": project.pk, "network": project.network_id, "title": project.title}
    if municipalities.filter(pk=project.lead_municipality_id).exists():
        initial["lead_municipality"] = project.lead_municipality_id
    return initial


def detail_context(request: HttpRequest, application: Application, **extra: Any) -> dict[str, Any]:
    """What the application page shows: everything the applicant wrote, the decision and the follow-up."""
    decision = Decision.objects.filter(application=application).prefetch_related("payments").first()
    payments = list(decision.payments.all()) if decision else []
    reports = list(application.reports.all())
    permitted = permitted_actions(request.user, application)
    return {
        "application": application,
        "call": application.call,
        "decision": decision,
        "permitted": permitted,
        "budget": queries.budget_rows(application),
        "requested": queries.requested(application),
        "participants": list(application.participants.all()),
        "results": eligibility.check(eligibility.candidate_from(application)),
        "deadline_label": deadlines.deadline_label(application.call),
        "follow_up": queries.follow_up_of(decision, payments, reports),
        "payments": payments,
        "payment_form": extra.pop("payment_form", None) or (PaymentForm() if decision and permitted.decide else None),
        "reports": reports,
        "anchoring": queries.anchoring_needs(request.user, application.project),
        "breadcrumbs": call_crumbs(application.call, (application.title, None)),
        **extra,
    }


@requires(VIEW_APPLICATION)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    return render(request, "grants/application_detail.html", detail_context(request, application))


def _edit_forms(request: HttpRequest, application: Application) -> tuple[ApplicationForm, Any]:
    call = application.call
    initial = {
        "version": application.version,
        "title": application.title,
        "network": application.network,
        "project": application.project,
        "participants": list(application.participants.all()),
        "partner": application.partner,
        "description": application.description,
        "goals": application.goals,
        "co_financing": application.co_financing,
        "co_financing_note": application.co_financing_note,
        "contact_email": application.contact_email,
    }
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(
        data,
        initial=initial,
        municipalities=_participant_choices(application),
        networks=_networks_for(request.user, call),
        projects=_projects_for(request.user, call),
    )
    staff = _staff_choices(request.user, application)
    further_education = application.call.kind == Call.Kind.FURTHER_EDUCATION
    formset = BudgetFormSet(
        data,
        initial=budget_initial(application),
        prefix="budget",
        form_kwargs={"staff": staff, "register_hidden": further_education and staff is None},
        call=call,
    )
    return form, formset


def _staff_choices(user: Any, application: Application) -> Any:
    """The applicant service's current staff for further-education lines; None (free text only) for other
    calls and for applicants who may not see that staff register (competence.view_staff).

    The municipal leadership (kommunedirektør) is one of those on purpose: it sees the services'
    aggregates, never person records, so it types the names (checked against the register like any
    other line) or leaves the further-education lines to the service leader; the form says so."""
    if application.call.kind != Call.Kind.FURTHER_EDUCATION:
        return None
    services = competence_queries.visible_services(user, VIEW_STAFF).filter(
        pk__in=competence_queries.services_serving(application.lead_municipality).values("pk")
    )
    staff = [competence_queries.current_staff(service) for service in services]
    if not staff:
        return None
    # Those who need the course to meet the 2031 requirement come first and are marked in the picker.
    needing = [pk for pk, need in queries.requirement_needs(application.lead_municipality).items() if need.needs_course]
    return (
        reduce(operator.or_, staff)
        .annotate(needs_2031=Case(When(pk__in=needing, then=True), default=False, output_field=BooleanField()))
        .order_by("-needs_2031", "last_name", "first_name", "pk")
    )


def _participant_choices(application: Application):
    call = application.call
    return (
        Municipality.objects.filter(county=call.county)
        if call.county_id
        else Municipality.objects.filter(county=application.county)
    )


@requires(APPLY, read=VIEW_APPLICATION)
def application_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    if not application.is_editable:
        messages.info(request, _("Søknaden er sendt inn og kan ikke endres."))
        return redirect("grants:application-detail", application.pk)
    form, formset = _edit_forms(request, application)
    if request.method == "POST":
        valid = form.is_valid() & formset.is_valid()  # both, so every field and line shows its errors
        if valid:
            try:
                _save(request, application, form, formset)
            except Refused as error:
                form.refuse(error)
            else:
                messages.success(request, _("Utkastet er lagret."))
                return redirect("grants:application-edit", application.pk)
    return render(
        request,
        "grants/application_form.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "formset": formset,
            "results": _live_results(application, form, formset),
            "deadline_label": deadlines.deadline_label(application.call),
            "breadcrumbs": call_crumbs(application.call, (application.title, None)),
        },
    )


def _save(request: HttpRequest, application: Application, form: ApplicationForm, formset: Any) -> None:
    data = dict(form.cleaned_data)
    version = data.pop("version") or 0
    participants = data.pop("participants")
    services.save_application(
        request.user,
        application,
        expected_version=version,
        participants=participants,
        budget_lines=formset.rows(),
        **data,
    )


def _live_results(application: Application, form: ApplicationForm, formset: Any) -> list[eligibility.RuleResult]:
    """Check the rules on what is in the form now, saved or not."""
    if not form.is_bound:
        return eligibility.check(eligibility.candidate_from(application))
    form.is_valid()
    formset.is_valid()
    data = getattr(form, "cleaned_data", {})
    rows = formset.rows()
    candidate = eligibility.Candidate(
        call=application.call,
        network=data.get("network"),
        lead_municipality=application.lead_municipality,
        participants=list(data.get("participants") or []),
        partner=data.get("partner"),
        budget_lines=[(c, a, s) for c, _d, a, s, _e in rows],
        employees={s.strip(): e for _c, _d, _a, s, e in rows if e},
        project=data.get("project") if "project" in form.fields else application.project,
    )
    return eligibility.check(candidate)


@require_POST
@requires(APPLY, read=VIEW_APPLICATION)
def application_eligibility(request: HttpRequest, application_id: int) -> HttpResponse:
    """The htmx fragment: eligibility of the unsaved form, re-checked as the applicant writes."""
    application = fetch(request, queries.application_detail(), pk=application_id)
    form, formset = _edit_forms(request, application)
    return render(request, "grants/_eligibility.html", {"results": _live_results(application, form, formset)})


@requires(APPLY, read=VIEW_APPLICATION)
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    """Submitting is irreversible: a confirmation page first says what will happen."""
    application = fetch(request, queries.application_detail(), pk=application_id)
    if not application.is_editable:
        messages.info(request, _("Søknaden er allerede sendt inn."))
        return redirect("grants:application-detail", application.pk)
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    refusal = services.submission_refusal(application)
    if refusal is None and is_confirmed(request) and confirm.is_valid():
        try:
            services.submit_application(request.user, application)
        except Refused as error:
            refusal = error
        else:
            messages.success(request, _("Søknaden er sendt inn %(when)s.") % {"when": format_datetime(timezone.now())})
            return redirect("grants:application-detail", application.pk)
    if refusal is not None:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect("grants:application-edit", application.pk)
    assessor = _("Statsforvalteren i %(county)s") % {"county": application.county.name}
    consequences = [
        _("Søknaden sendes til %(assessor)s og kan ikke endres etterpå.") % {"assessor": assessor},
        _("Det søkes om %(amount)s til «%(title)s», med %(lead)s som ansvarlig kommune.")
        % {
            "amount": money(queries.requested(application)),
            "title": application.title,
            "lead": application.lead_municipality.name,
        },
        _("Alle vilkårene er sjekket og oppfylt. Søknaden vurderes etter søknadsfristen %(deadline)s.")
        % {"deadline": deadlines.deadline_label(application.call)},
    ]
    return confirm_page(
        request,
        title=_("Send inn %(title)s") % {"title": application.title},
        consequences=consequences,
        submit=_("Send inn søknaden"),
        confirm_form=confirm,
        cancel_url=reverse("grants:application-edit", args=[application.pk]),
        breadcrumbs=application_crumbs(application, (_("Send inn"), None)),
    )


@requires(REPORT, read=VIEW_APPLICATION)
def report_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    rows = queries.outcome_rows(application.project)
    form = ReportForm(request.POST or None, with_outcomes=bool(rows))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.add_report(request.user, application, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Rapporten er sendt."))
            return redirect("grants:report-detail", report.pk)
    return render(
        request,
        "grants/report_form.html",
        {
            "title": _("Rapport om %(title)s") % {"title": application.title},
            "form": form,
            "rows": rows,
            "project": application.project,
            "breadcrumbs": application_crumbs(application, (_("Rapport"), None)),
        },
    )


@requires(VIEW_APPLICATION)
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """A progress or final report: what was done, what was spent, and the project's outcome measures
    as reported, with the values read from statistics since (today's figures next to them)."""
    report = fetch(
        request, GrantReport.objects.select_related("application__call", "application__project"), pk=report_id
    )
    application = report.application
    return render(
        request,
        "grants/report_detail.html",
        {
            "report": report,
            "application": application,
            "project": application.project,
            "reported": queries.reported_outcomes(report),
            "current": queries.outcome_rows(application.project) if application.project else [],
            "breadcrumbs": application_crumbs(application, (str(report.get_kind_display()), None)),
        },
    )
