"""Programme rounds and cohorts: Tjenestestøtteprogrammet (candidates, choice, commitment), basic
training, leadership development and certification courses; sessions and attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.competence import queries as competence_queries
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import County, Service
from fagloft.programmes import queries, services
from fagloft.programmes.forms import (
    AttendanceForm,
    ChooseServiceForm,
    CohortForm,
    CommitmentForm,
    EnrolForm,
    RoundForm,
    SessionForm,
)
from fagloft.programmes.models import Attendance, Cohort, CohortService, EnrolmentStatus, Offer, Session
from fagloft.programmes.permissions import (
    CONFIRM_EMPLOYER,
    MANAGE_COHORT,
    MANAGE_ROUND,
    VIEW_COHORTS,
)
from fagloft.programmes.views.common import crumbs, posted_ids

TSP_CODE = "tjenestestotteprogrammet"


def _rounds_crumb() -> tuple[str, str]:
    return _("Programrunder"), reverse("programmes:cohorts")


@requires(VIEW_COHORTS)
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = list(queries.visible_cohorts(request.user).order_by("-year", "title")[:200])
    counties = list(visible(request.user, MANAGE_ROUND, County.objects.valid_on()).order_by("number"))
    cohort_counties = list(visible(request.user, MANAGE_COHORT, County.objects.valid_on()).order_by("number"))
    return render(
        request,
        "programmes/cohort_list.html",
        {
            "cohorts": cohorts,
            "round_counties": counties,
            "cohort_counties": cohort_counties,
            "breadcrumbs": crumbs((_("Programrunder"), None)),
        },
    )


@requires(MANAGE_ROUND, read=VIEW_COHORTS)
def round_create(request: HttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    form = RoundForm(request.POST or None, initial={"year": timezone.localdate().year})
    offer = Offer.objects.filter(code=TSP_CODE).first()
    if request.method == "POST" and form.is_valid() and offer is not None:
        try:
            cohort = services.create_round(request.user, county, offer=offer, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            return redirect("programmes:cohort", cohort.pk)
    return form_page(
        request,
        title=_("Ny runde i Tjenestestøtteprogrammet: %(county)s") % {"county": county.name},
        form=form,
        breadcrumbs=crumbs(_rounds_crumb(), (_("Ny runde"), None)),
    )


@requires(MANAGE_COHORT, read=VIEW_COHORTS)
def cohort_create(request: HttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    form = CohortForm(
        request.POST or None,
        offers=Offer.objects.filter(is_published=True).exclude(code=TSP_CODE),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.create_cohort(request.user, county, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            return redirect("programmes:cohort", cohort.pk)
    return form_page(
        request,
        title=_("Ny programrunde: %(county)s") % {"county": county.name},
        form=form,
        breadcrumbs=crumbs(_rounds_crumb(), (_("Ny programrunde"), None)),
    )


@requires(VIEW_COHORTS)
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = fetch(request, queries.visible_cohorts(request.user), pk=cohort_id)
    permitted = permitted_actions(request.user, cohort)
    candidates = (
        queries.candidates(cohort.county, cohort)
        if permitted.view_candidates and cohort.kind == Cohort.Kind.SERVICE_SUPPORT
        else []
    )
    participations = queries.round_services(cohort)
    own_participations = []
    if participations:
        # The leader's own services among the round's: one query, not one per service in it.
        led = set(
            visible(request.user, CONFIRM_EMPLOYER, Service.objects.all())
            .filter(pk__in=[p.service_id for p in participations])
            .values_list("pk", flat=True)
        )
        own_participations = [p for p in participations if p.service_id in led]
    return render(
        request,
        "programmes/cohort_detail.html",
        {
            "cohort": cohort,
            "permitted": permitted,
            "participations": participations,
            "own_participations": own_participations,
            "sessions": list(cohort.sessions.all()),
            "candidates": candidates,
            "enrolled": cohort.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).count(),
            "session_form": SessionForm() if permitted.manage_cohort else None,
            "enrol_services": _enrol_services(request.user, cohort),
            "breadcrumbs": crumbs(_rounds_crumb(), (cohort.title, None)),
        },
    )


def _enrol_services(user: Any, cohort: Cohort) -> list[Service]:
    """The leader's own services in the round's county, each a link to enrol its staff. The whole
    service joins the service support programme instead, through the county's choice."""
    if cohort.kind == Cohort.Kind.SERVICE_SUPPORT or cohort.status == Cohort.Status.COMPLETED:
        return []
    if not can(user, CONFIRM_EMPLOYER):
        return []
    in_county = competence_queries.services_in_county(cohort.county)
    return list(visible(user, CONFIRM_EMPLOYER, in_county).order_by("name"))


@requires(MANAGE_ROUND, read=VIEW_COHORTS)
def choose(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = fetch(request, Cohort, pk=cohort_id)
    form = ChooseServiceForm(request.POST or None, services=competence_queries.services_in_county(cohort.county))
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        reasons = next((c.reasons for c in queries.candidates(cohort.county) if c.service.pk == service.pk), [])
        try:
            services.choose_service(request.user, cohort, service, reasons=[str(r) for r in reasons])
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tjenesten er valgt ut."))
            return redirect("programmes:cohort", cohort.pk)
    return form_page(
        request,
        title=_("Velg tjeneste til %(title)s") % {"title": cohort.title},
        form=form,
        breadcrumbs=crumbs(
            _rounds_crumb(), (cohort.title, reverse("programmes:cohort", args=[cohort.pk])), (_("Velg"), None)
        ),
    )


@requires(CONFIRM_EMPLOYER, read=VIEW_COHORTS)
def participation(request: HttpRequest, participation_id: int) -> HttpResponse:
    item = fetch(request, CohortService.objects.select_related("cohort", "service"), pk=participation_id)
    permitted = permitted_actions(request.user, item)
    # The staff list is read once: the form's choices need only names, so they skip the courses.
    staff_query = competence_queries.current_staff(item.service)
    staff = list(staff_query)
    choices = staff_query.select_related(None).prefetch_related(None)
    enrol_form = EnrolForm(employees=choices, initial={"employees": staff})
    commitment_form = CommitmentForm(initial={"version": item.version, "signed_on": timezone.localdate()})
    if request.method == "POST" and request.POST.get("step") == "enrol":
        enrol_form = EnrolForm(request.POST, employees=choices)
        if enrol_form.is_valid():
            try:
                count = services.enrol_staff(request.user, item, enrol_form.cleaned_data["employees"])
            except Refused as error:
                enrol_form.refuse(error)
            else:
                messages.success(request, _("%(count)s ansatte er meldt på.") % {"count": count})
                return redirect("programmes:participation", item.pk)
    elif request.method == "POST" and request.POST.get("step") == "sign" and permitted.sign_commitment:
        commitment_form = CommitmentForm(request.POST)
        if commitment_form.is_valid():
            try:
                services.sign_commitment(
                    request.user,
                    item,
                    signed_on=commitment_form.cleaned_data["signed_on"],
                    expected_version=commitment_form.cleaned_data["version"],
                )
            except Refused as error:
                commitment_form.refuse(error)
            else:
                messages.success(request, _("Forpliktelsen er signert."))
                return redirect("programmes:participation", item.pk)
    return render(
        request,
        "programmes/participation.html",
        {
            "item": item,
            "permitted": permitted,
            "missing": services.missing_from_commitment(item, staff=staff),
            "enrolments": list(
                item.cohort.enrolments.filter(service=item.service).select_related("employee", "offer", "allocation")
            ),
            "enrol_form": enrol_form,
            "commitment_form": commitment_form,
            "breadcrumbs": crumbs(
                _rounds_crumb(),
                (item.cohort.title, reverse("programmes:cohort", args=[item.cohort_id])),
                (item.service.name, None),
            ),
        },
    )


@requires(CONFIRM_EMPLOYER, read=VIEW_COHORTS)
def cohort_enrol(request: HttpRequest, cohort_id: int, service_id: int) -> HttpResponse:
    cohort = get_object_or_404(queries.visible_cohorts(request.user), pk=cohort_id)
    service = fetch(request, Service, pk=service_id)
    # The picker names people only: not the competence rows the staff list prefetches.
    staff = competence_queries.current_staff(service).prefetch_related(None)
    suggested = (
        [e.pk for e in queries.suggested_new_staff(service)] if cohort.kind == Cohort.Kind.BASIC_TRAINING else []
    )
    form = EnrolForm(request.POST or None, employees=staff, initial={"employees": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            count = services.enrol_in_cohort(request.user, service, cohort, form.cleaned_data["employees"])
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("%(count)s ansatte er meldt på.") % {"count": count})
            return redirect("programmes:cohort", cohort.pk)
    return form_page(
        request,
        title=_("Meld på ansatte: %(title)s") % {"title": cohort.title},
        intro=_("Ansatte som er ansatt de siste tolv månedene, er foreslått.") if suggested else "",
        form=form,
        breadcrumbs=crumbs(
            _rounds_crumb(), (cohort.title, reverse("programmes:cohort", args=[cohort.pk])), (_("Meld på"), None)
        ),
    )


@requires(MANAGE_COHORT, read=VIEW_COHORTS)
def session_add(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = fetch(request, Cohort, pk=cohort_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_session(request.user, cohort, **form.cleaned_data)
        messages.success(request, _("Samlingen er lagt til."))
        return redirect("programmes:cohort", cohort.pk)
    return form_page(
        request,
        title=_("Ny samling"),
        form=form,
        breadcrumbs=crumbs(
            _rounds_crumb(), (cohort.title, reverse("programmes:cohort", args=[cohort.pk])), (_("Ny samling"), None)
        ),
    )


@requires(MANAGE_COHORT, read=VIEW_COHORTS)
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = fetch(request, Session.objects.select_related("cohort"), pk=session_id)
    enrolments = list(
        session.cohort.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).select_related("employee", "service")
    )
    present = [
        str(pk)
        for pk in Attendance.objects.filter(session=session, present=True).values_list("enrolment_id", flat=True)
    ]
    form = AttendanceForm(request.POST or None, enrolments=enrolments, initial={"present": present})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(request.user, session, posted_ids(form.cleaned_data["present"]))
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Oppmøtet er lagret."))
            return redirect("programmes:cohort", session.cohort_id)
    return form_page(
        request,
        title=_("Oppmøte: %(session)s") % {"session": session},
        form=form,
        breadcrumbs=crumbs(
            _rounds_crumb(),
            (session.cohort.title, reverse("programmes:cohort", args=[session.cohort_id])),
            (_("Oppmøte"), None),
        ),
    )


@requires(MANAGE_COHORT, read=VIEW_COHORTS)
def cohort_complete(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = fetch(request, Cohort, pk=cohort_id)
    from fagloft.lib.forms import ConfirmForm

    confirm = ConfirmForm(request.POST or None)
    if request.method == "POST" and confirm.is_valid():
        try:
            result = services.complete_cohort(request.user, cohort, completed_on=timezone.localdate())
        except Refused as error:
            confirm.add_error(None, str(error))
        else:
            messages.success(request, _("%(completed)s fullførte, %(not_completed)s fullførte ikke.") % result)
            return redirect("programmes:cohort", cohort.pk)
    return render(
        request,
        "programmes/confirm.html",
        {
            "title": _("Avslutt runden"),
            "consequences": [
                _("Hver deltaker med nok oppmøte får runden registrert som fullført."),
                _("Sertifiseringer føres i kompetanseregisteret."),
            ],
            "confirm_form": confirm,
            "hidden": {},
            "submit": _("Avslutt runden"),
            "cancel_url": reverse("programmes:cohort", args=[cohort.pk]),
            "breadcrumbs": crumbs(
                _rounds_crumb(), (cohort.title, reverse("programmes:cohort", args=[cohort.pk])), (_("Avslutt"), None)
            ),
        },
    )
