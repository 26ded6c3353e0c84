"""The catalogue: offers, study places per year and institution, application windows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, checks_for, fetch, has_role, permitted_actions, requires
from fagloft.accounts.roles import Role
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.programmes import queries, rules, services
from fagloft.programmes.forms import OfferForm
from fagloft.programmes.models import ApplicationWindow, GrantCeiling, Offer, OfferKind, StudyPlaceYear
from fagloft.programmes.permissions import APPLY, MANAGE_OFFERS, VIEW_OFFERS, VIEW_PROGRESS
from fagloft.programmes.views.common import crumbs


@requires(VIEW_OFFERS)
def index(request: HttpRequest) -> HttpResponse:
    offers = list(queries.published_offers())
    groups = [(label, [o for o in offers if o.kind == kind]) for kind, label in OfferKind.choices]
    used: dict[int, Any] = {
        row["year"]: row
        for row in queries.allocations().values("year").annotate(places=Sum("places"), admitted=Sum("admitted"))
    }
    years = [
        {
            "row": row,
            "allocated": used.get(row.year, {}).get("places"),
            "admitted": used.get(row.year, {}).get("admitted"),
        }
        for row in StudyPlaceYear.objects.all()
    ]
    now = timezone.now()
    windows = [(w, rules.is_open(w, now)) for w in ApplicationWindow.objects.all()[:6]]
    return render(
        request,
        "programmes/index.html",
        {
            "groups": [(label, items) for label, items in groups if items],
            "years": years,
            "windows": windows,
            "ceilings": list(GrantCeiling.objects.all()),
            "can_view_progress": can(request.user, VIEW_PROGRESS),
            "can_create_offer": can(request.user, MANAGE_OFFERS),
            "has_own": has_role(request.user, Role.EMPLOYEE, Role.SERVICE_LEADER),
            "breadcrumbs": crumbs(),
        },
    )


@requires(VIEW_OFFERS)
def offer_detail(request: HttpRequest, programme_offer_id: int) -> HttpResponse:
    # The catalogue is national: any signed-in user reads a published offer.
    offer = get_object_or_404(queries.published_offers(), pk=programme_offer_id)
    now = timezone.now()
    allocations = list(offer.allocations.select_related("provider").order_by("-year", "institution"))
    windows = rules.windows_for([a.year for a in allocations])
    classes = []
    # The classes' and the offer's actions answered together: a fixed number of queries however
    # many classes the offer has.
    with checks_for(request.user, [*allocations, offer]):
        for allocation in allocations:
            window = windows.get(allocation.year)
            classes.append(
                {
                    "allocation": allocation,
                    "window": window,
                    "open": rules.is_open(window, now),
                    "permitted": permitted_actions(request.user, allocation),
                }
            )
        permitted = permitted_actions(request.user, offer)
    return render(
        request,
        "programmes/offer_detail.html",
        {
            "offer": offer,
            "classes": classes,
            "can_apply": can(request.user, APPLY),
            "sites": list(offer.sites.select_related("municipality")) if offer.kind == OfferKind.CERTIFICATION else [],
            "permitted": permitted,
            "breadcrumbs": crumbs((offer.title, None)),
        },
    )


def _offer_form(request: HttpRequest, offer: Offer | None = None) -> OfferForm:
    return OfferForm(request.POST or None, instance=offer, providers=services.provider_choices(request.user))


def _changes(form: OfferForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in services.OFFER_FIELDS}


@requires(MANAGE_OFFERS, read=VIEW_OFFERS)
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _offer_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.create_offer(request.user, _changes(form))
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tilbudet er publisert."))
            return redirect("programmes:offer", offer.pk) if offer.is_published else redirect("programmes:index")
    return form_page(
        request,
        title=_("Nytt tilbud"),
        intro=_("Tilbudet vises i katalogen for alle innloggede når det er publisert."),
        form=form,
        submit=_("Opprett tilbud"),
        breadcrumbs=crumbs((_("Nytt tilbud"), None)),
    )


@requires(MANAGE_OFFERS, read=VIEW_OFFERS)
def offer_edit(request: AuthenticatedHttpRequest, programme_offer_id: int) -> HttpResponse:
    offer = fetch(request, Offer.objects.select_related("provider"), pk=programme_offer_id)
    form = _offer_form(request, offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_offer(request.user, offer, _changes(form), form.cleaned_data.get("version"))
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tilbudet er lagret."))
            return redirect("programmes:offer", offer.pk) if offer.is_published else redirect("programmes:index")
    return form_page(
        request,
        title=_("Endre %(title)s") % {"title": offer.title},
        form=form,
        breadcrumbs=crumbs(
            (offer.title, reverse("programmes:offer", args=[offer.pk]) if offer.is_published else None),
            (_("Endre"), None),
        ),
    )
