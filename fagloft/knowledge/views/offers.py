"""A service's offers: list, register, edit, remove (with confirmation)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.competence.queries import current_staff
from fagloft.knowledge import coverage as rules
from fagloft.knowledge import queries, services
from fagloft.knowledge.forms import OfferForm
from fagloft.knowledge.models import Offer
from fagloft.knowledge.permissions import MANAGE_OFFERS, VIEW_OFFERS
from fagloft.knowledge.views.common import confirm_page, crumbs, is_confirmed
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import CooperationAgreement, Service, ServiceCoverage


def _service_crumbs(service: Service, *pairs: tuple[str, str | None]) -> list:
    return crumbs((service.name, reverse("knowledge:service-offers", args=[service.pk])), *pairs)


@requires(VIEW_OFFERS)
def service_offers(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service, pk=service_id)
    offers = list(queries.offers_for(request.user, Offer.objects.filter(service=service)).prefetch_related("staff"))
    today = timezone.localdate()
    coverages = ServiceCoverage.objects.valid_on(today).filter(service=service)
    served = list(coverages.values_list("municipality", flat=True))
    facts = {f.id: f for f in queries.offer_facts(served, today) if f.service_id == service.pk}
    interventions = queries.intervention_facts()
    verdicts = {pk: rules.judge_offer(fact, interventions[fact.intervention_id], today) for pk, fact in facts.items()}
    return render(
        request,
        "knowledge/service_offers.html",
        {
            "service": service,
            "rows": [(o, verdicts.get(o.pk), permitted_actions(request.user, o)) for o in offers],
            "can_add": _can_manage(request, service),
            "breadcrumbs": crumbs((service.name, None)),
        },
    )


def _can_manage(request: AuthenticatedHttpRequest, service: Service) -> bool:
    from fagloft.accounts.access import can

    return can(request.user, MANAGE_OFFERS, service)


def _form(request: AuthenticatedHttpRequest, service: Service, offer: Offer | None = None) -> OfferForm:
    served = ServiceCoverage.objects.valid_on().filter(service=service).values("municipality")
    agreements = CooperationAgreement.objects.filter(parties__in=served).distinct().order_by("title")
    return OfferForm(
        request.POST or None,
        instance=offer,
        agreements=agreements,
        # The picker names people only: not the competence rows the staff list prefetches.
        staff=current_staff(service).prefetch_related(None).order_by("last_name"),
    )


@requires(MANAGE_OFFERS, read=VIEW_OFFERS)
def offer_create(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service, pk=service_id)
    form = _form(request, service)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_offer(request.user, service, staff=form.cleaned_data["staff"], **form.values())
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tilbudet er registrert."))
            return redirect("knowledge:service-offers", service.pk)
    return form_page(
        request,
        title=_("Registrer tilbud"),
        intro=_("Registrer et tiltak tjenesten tilbyr eller har tilgang til, og hvem som leverer det."),
        form=form,
        breadcrumbs=_service_crumbs(service, (_("Registrer tilbud"), None)),
    )


@requires(MANAGE_OFFERS, read=VIEW_OFFERS)
def offer_edit(request: AuthenticatedHttpRequest, service_offer_id: int) -> HttpResponse:
    offer = fetch(request, Offer.objects.select_related("service"), pk=service_offer_id)
    form = _form(request, offer.service, offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_offer(
                request.user,
                offer,
                expected_version=form.cleaned_data["version"],
                staff=form.cleaned_data["staff"],
                **form.values(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tilbudet er lagret."))
            return redirect("knowledge:service-offers", offer.service_id)
    return form_page(
        request,
        title=_("Endre tilbud"),
        form=form,
        breadcrumbs=_service_crumbs(offer.service, (str(offer.intervention), None)),
    )


@requires(MANAGE_OFFERS, read=VIEW_OFFERS)
def offer_delete(request: AuthenticatedHttpRequest, service_offer_id: int) -> HttpResponse:
    offer = fetch(request, Offer.objects.select_related("service", "intervention"), pk=service_offer_id)
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    if is_confirmed(request) and confirm.is_valid():
        service_id = offer.service_id
        services.remove_offer(request.user, offer)
        messages.success(request, _("Tilbudet er fjernet."))
        return redirect("knowledge:service-offers", service_id)
    return confirm_page(
        request,
        title=_("Fjern tilbud"),
        consequences=[
            _("«%(name)s» fjernes fra tjenestens tilbud.") % {"name": offer.intervention.name},
            _("Dekningen for kommunene tjenesten dekker, regnes på nytt uten tilbudet."),
        ],
        submit=_("Fjern tilbudet"),
        cancel_url=reverse("knowledge:service-offers", args=[offer.service_id]),
        breadcrumbs=_service_crumbs(offer.service, (_("Fjern tilbud"), None)),
        confirm_form=confirm,
    )
