"""Bufdir's pages for the national data of further education: study places per year, each
institution's places per programme (a class), the application windows and the employer grant
ceilings. Everyone signed in reads them; Bufdir and the administrator change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.programmes import queries, rules, services
from fagloft.programmes.forms import AllocationForm, GrantCeilingForm, StudyPlaceYearForm, WindowForm
from fagloft.programmes.models import ApplicationWindow, GrantCeiling, StudyPlaceAllocation, StudyPlaceYear
from fagloft.programmes.permissions import MANAGE_STUDY_PLACES, VIEW_OFFERS
from fagloft.programmes.views.common import crumbs

LIST = "programmes:study-places"


def _crumbs(label: str) -> list[Any]:
    return crumbs((_("Studieplasser"), reverse(LIST)), (label, None))


@requires(VIEW_OFFERS)
def study_places(request: HttpRequest) -> HttpResponse:
    years = queries.study_place_years()
    now = timezone.now()
    classes: dict[int, list[StudyPlaceAllocation]] = {}
    for allocation in queries.allocations().order_by("-year", "offer__title", "institution"):
        classes.setdefault(allocation.year, []).append(allocation)
    return render(
        request,
        "programmes/study_places.html",
        {
            "years": [
                {
                    "item": item,
                    "classes": classes.get(item.year, []),
                    "open": rules.is_open(item.window, now),
                }
                for item in years
            ],
            "can_manage": can(request.user, MANAGE_STUDY_PLACES),
            "breadcrumbs": crumbs((_("Studieplasser"), None)),
        },
    )


def _save(
    request: HttpRequest,
    form: Any,
    save: Any,
    *,
    title: str,
    success: str,
    intro: str = "",
) -> HttpResponse:
    """One form page: validate, call the use case, show its refusal at the field, keep the input."""
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            save(data, form.cleaned_data.get("version"))
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, success)
            return redirect(LIST)
    return form_page(request, title=title, form=form, intro=intro, breadcrumbs=_crumbs(title))


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def year_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StudyPlaceYearForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data, version: services.save_study_place_year(request.user, None, data),
        title=_("Nytt år med studieplasser"),
        success=_("Studieplassene er lagret."),
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def year_edit(request: AuthenticatedHttpRequest, study_place_year_id: int) -> HttpResponse:
    row = get_object_or_404(StudyPlaceYear, pk=study_place_year_id)
    form = StudyPlaceYearForm(request.POST or None, instance=row)
    return _save(
        request,
        form,
        lambda data, version: services.save_study_place_year(request.user, row, data, version),
        title=_("Studieplasser %(year)s") % {"year": row.year},
        success=_("Studieplassene er lagret."),
        intro=_("Tatt opp så langt: %(used)s. Plassene kan ikke settes lavere enn det.")
        % {"used": services.places_used(row.year)},
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def allocation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AllocationForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data, version: services.create_allocation(request.user, data),
        title=_("Nye studieplasser hos et lærested"),
        success=_("Studieplassene er lagret."),
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def allocation_edit(request: AuthenticatedHttpRequest, allocation_id: int) -> HttpResponse:
    allocation = get_object_or_404(queries.allocations(), pk=allocation_id)
    admitted = allocation.admitted
    form = AllocationForm(request.POST or None, instance=allocation)
    return _save(
        request,
        form,
        lambda data, version: services.update_allocation(request.user, allocation, data, version),
        title=_("Endre %(allocation)s") % {"allocation": allocation},
        success=_("Studieplassene er lagret."),
        intro=_("Tatt opp så langt: %(used)s. Plassene kan ikke settes lavere enn det.") % {"used": admitted},
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def window_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WindowForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data, version: services.save_window(request.user, None, data),
        title=_("Ny søknadsperiode"),
        success=_("Søknadsperioden er lagret."),
        intro=_("Tidspunktene gjelder norsk tid (Europe/Oslo), også sommertid."),
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def window_edit(request: AuthenticatedHttpRequest, application_window_id: int) -> HttpResponse:
    window = get_object_or_404(ApplicationWindow, pk=application_window_id)
    form = WindowForm(request.POST or None, instance=window)
    return _save(
        request,
        form,
        lambda data, version: services.save_window(request.user, window, data, version),
        title=_("Søknadsperiode %(year)s") % {"year": window.year},
        success=_("Søknadsperioden er lagret."),
        intro=_("Tidspunktene gjelder norsk tid (Europe/Oslo), også sommertid."),
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def ceiling_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GrantCeilingForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data, version: services.save_grant_ceiling(request.user, None, data),
        title=_("Nytt tak for tilskudd til arbeidsgiver"),
        success=_("Taket er lagret."),
    )


@requires(MANAGE_STUDY_PLACES, read=VIEW_OFFERS)
def ceiling_edit(request: AuthenticatedHttpRequest, grant_ceiling_id: int) -> HttpResponse:
    ceiling = get_object_or_404(GrantCeiling, pk=grant_ceiling_id)
    form = GrantCeilingForm(request.POST or None, instance=ceiling)
    return _save(
        request,
        form,
        lambda data, version: services.save_grant_ceiling(request.user, ceiling, data, version),
        title=_("Tak for tilskudd %(year)s") % {"year": ceiling.year},
        success=_("Taket er lagret."),
    )
