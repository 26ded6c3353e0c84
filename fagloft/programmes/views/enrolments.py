"""Further-education applications: apply, own list, one application, employer confirmation,
withdrawal, the provider's class page with admission, and completion."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, checks_for, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.assessments.models import Need
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.competence import queries as competence_queries
from fagloft.competence.models import Employee, MeasureKind, PlanMeasure
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service
from fagloft.programmes import queries, rules, services, tables
from fagloft.programmes.forms import ApplyForm, CompletionForm, ConfirmEmployerForm, DecisionForm, VersionForm
from fagloft.programmes.models import Enrolment, OfferKind, StudyPlaceAllocation
from fagloft.programmes.permissions import (
    ADMIT,
    APPLY,
    CONFIRM_EMPLOYER,
    VIEW_ENROLMENT,
    VIEW_OFFERS,
    VIEW_OWN,
    VIEW_SERVICE_ENROLMENTS,
    WITHDRAW,
)
from fagloft.programmes.views.common import crumbs


def _applicable_employees(request: HttpRequest):
    """Oneself, and as leader the service's current staff."""
    today = timezone.localdate()
    own = competence_queries.own_employments(request.user).values("pk")
    led = visible(request.user, CONFIRM_EMPLOYER, Service.objects.all()).values("pk")
    active = Employee.objects.filter(anonymised_at__isnull=True, started_on__lte=today).exclude(ended_on__lt=today)
    return active.filter(pk__in=own) | active.filter(service__in=led)


@requires(APPLY, read=VIEW_OFFERS)
def apply(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = get_object_or_404(
        StudyPlaceAllocation.objects.select_related("offer").filter(offer__kind=OfferKind.FURTHER_EDUCATION),
        pk=allocation_id,
    )
    employees = _applicable_employees(request).select_related("service").order_by("last_name", "first_name")
    services_of = employees.values("service")
    form = ApplyForm(
        request.POST or None,
        employees=employees,
        measures=PlanMeasure.objects.filter(plan__service__in=services_of, kind=MeasureKind.FURTHER_EDUCATION),
        needs=Need.objects.filter(assessment__service__in=services_of),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.apply(
                request.user,
                data["employee"],
                allocation,
                motivation=data["motivation"],
                plan_measure=data["plan_measure"],
                need=data["need"],
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Søknaden er sendt. Arbeidsgiveren må bekrefte den."))
            return redirect("programmes:enrolment", enrolment.pk)
    window = rules.window_for(allocation.year)
    intro = (
        _("Søknadsperioden er %(window)s, norsk tid.") % {"window": rules.window_text(window)}
        if window
        else _("Det er ikke satt noen søknadsperiode for dette året.")
    )
    return form_page(
        request,
        title=_("Søk om studieplass: %(title)s") % {"title": allocation},
        form=form,
        intro=intro,
        submit=_("Send søknad"),
        breadcrumbs=crumbs(
            (allocation.offer.title, reverse("programmes:offer", args=[allocation.offer_id])), (_("Søk"), None)
        ),
    )


@requires(VIEW_OWN)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    enrolments = list(
        queries.visible_enrolments(request.user).filter(employee__user=request.user).order_by("-year", "-pk")
    )
    return render(
        request,
        "programmes/mine.html",
        {"enrolments": enrolments, "breadcrumbs": crumbs((_("Mine søknader og kurs"), None))},
    )


@requires(VIEW_ENROLMENT)
def enrolment_detail(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    # The page's own check and its buttons' checks in one block: they share the scope answer and
    # the rules' lookups (`Enrolment(pk=...)` names the row before it is read).
    with checks_for(request.user, [Enrolment(pk=enrolment_id)]):
        enrolment = fetch(request, queries.visible_enrolments(request.user), pk=enrolment_id)
        permitted = permitted_actions(request.user, enrolment)
    attendance = list(enrolment.attendance.select_related("session").order_by("session__held_on"))
    return render(
        request,
        "programmes/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "permitted": permitted,
            "attendance": attendance,
            "confirm_form": ConfirmEmployerForm(
                initial={"version": enrolment.version, "confirmed_on": timezone.localdate()}
            ),
            "decision_form": DecisionForm(),
            "completion_form": CompletionForm(
                initial={"ects_passed": enrolment.offer.ects, "completed_on": timezone.localdate()}
            ),
            "breadcrumbs": crumbs((str(enrolment), None)),
        },
    )


def _back(enrolment: Enrolment) -> HttpResponse:
    return redirect("programmes:enrolment", enrolment.pk)


@requires(CONFIRM_EMPLOYER, read=VIEW_ENROLMENT)
def confirm_employer(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = fetch(request, Enrolment, pk=enrolment_id)
    form = ConfirmEmployerForm(
        request.POST or None, initial={"version": enrolment.version, "confirmed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_employer(
                request.user,
                enrolment,
                confirmed_on=form.cleaned_data["confirmed_on"],
                expected_version=form.cleaned_data["version"],
            )
        except (Refused, ConcurrentEditError) as error:
            form.refuse(error if isinstance(error, Refused) else Refused(str(error)))
        else:
            messages.success(request, _("Søknaden er bekreftet av arbeidsgiveren."))
            return _back(enrolment)
    return form_page(
        request,
        title=_("Bekreft som arbeidsgiver"),
        form=form,
        breadcrumbs=crumbs(
            (str(enrolment), reverse("programmes:enrolment", args=[enrolment.pk])), (_("Bekreft"), None)
        ),
    )


@requires(WITHDRAW, read=VIEW_ENROLMENT)
def withdraw(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = fetch(request, Enrolment, pk=enrolment_id)
    confirm = ConfirmForm(request.POST or None)
    version = VersionForm(request.POST or None, initial={"version": enrolment.version})
    if request.method == "POST" and confirm.is_valid() and version.is_valid():
        try:
            services.withdraw(request.user, enrolment, expected_version=version.cleaned_data["version"])
        except (Refused, ConcurrentEditError) as error:
            confirm.add_error(None, str(error))
        else:
            messages.success(request, _("Søknaden er trukket."))
            return _back(enrolment)
    return render(
        request,
        "programmes/confirm.html",
        {
            "title": _("Trekk søknaden"),
            "consequences": [
                _("Søknaden blir trukket, og en eventuell studieplass blir ledig for neste på ventelisten.")
            ],
            "confirm_form": confirm,
            "hidden": {"version": enrolment.version},
            "submit": _("Trekk søknaden"),
            "cancel_url": reverse("programmes:enrolment", args=[enrolment.pk]),
            "breadcrumbs": crumbs(
                (str(enrolment), reverse("programmes:enrolment", args=[enrolment.pk])), (_("Trekk"), None)
            ),
        },
    )


@requires(ADMIT, read=VIEW_ENROLMENT)
def decide(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = fetch(request, Enrolment, pk=enrolment_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = {"admit": services.admit, "waitlist": services.waitlist, "reject": services.reject}[
            form.cleaned_data["decision"]
        ]
        try:
            action(request.user, enrolment)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Opptaket er registrert."))
            if enrolment.allocation_id:
                return redirect("programmes:allocation", enrolment.allocation_id)
            return _back(enrolment)
    return form_page(
        request,
        title=_("Opptak: %(name)s") % {"name": enrolment.employee},
        form=form,
        breadcrumbs=crumbs((str(enrolment), reverse("programmes:enrolment", args=[enrolment.pk])), (_("Opptak"), None)),
    )


@requires(ADMIT, read=VIEW_ENROLMENT)
def completion(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = fetch(request, Enrolment, pk=enrolment_id)
    form = CompletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_completion(request.user, enrolment, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Resultatet er registrert i kompetanseregisteret."))
            return _back(enrolment)
    return form_page(
        request,
        title=_("Resultat: %(name)s") % {"name": enrolment.employee},
        form=form,
        breadcrumbs=crumbs(
            (str(enrolment), reverse("programmes:enrolment", args=[enrolment.pk])), (_("Resultat"), None)
        ),
    )


@requires(ADMIT)
def allocation_detail(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = fetch(request, queries.allocations(), pk=allocation_id)
    if request.method == "POST" and request.POST.get("admit_all") == "1":
        try:
            result = services.admit_in_priority_order(request.user, allocation)
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(admitted)s tatt opp, %(waitlisted)s på venteliste.") % result,
            )
        return redirect("programmes:allocation", allocation.pk)
    applicants = queries.applicants(allocation)
    # The admission on every applicant answered together: a fixed number of queries for the
    # class. The table offers only that action, so the others are not asked.
    with checks_for(request.user, applicants):
        rows = [(e, can(request.user, ADMIT, e)) for e in applicants]
    return render(
        request,
        "programmes/allocation_detail.html",
        {
            "allocation": allocation,
            "table_body": tables.applicant_rows(rows),
            "breadcrumbs": crumbs(
                (allocation.offer.title, reverse("programmes:offer", args=[allocation.offer_id])),
                (str(allocation), None),
            ),
        },
    )


@requires(VIEW_SERVICE_ENROLMENTS)
def service_page(request: HttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service, pk=service_id)
    enrolments = list(
        queries.visible_enrolments(request.user).filter(service=service).order_by("-year", "priority", "pk")[:300]
    )
    return render(
        request,
        "programmes/service.html",
        {
            "service": service,
            "enrolments": enrolments,
            "participations": list(service.programme_rounds.select_related("cohort")),
            "new_staff": queries.suggested_new_staff(service),
            "breadcrumbs": crumbs((service.name, None)),
        },
    )
