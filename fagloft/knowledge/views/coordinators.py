"""Library coordinators: who approves what a network's library publishes (seed 003: «krever en
koordinator/administrator»). Named by the county's advisors and network coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.knowledge import queries, services
from fagloft.knowledge.forms import CoordinatorForm
from fagloft.knowledge.models import LibraryCoordinator
from fagloft.knowledge.permissions import MANAGE_COORDINATORS, VIEW_LIBRARY
from fagloft.knowledge.views.common import confirm_page, crumbs, is_confirmed
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.refusals import Refused
from fagloft.networks.models import Network


def _crumbs(*pairs: tuple[str, str | None]) -> list:
    return crumbs(
        (_("Ressursbibliotek"), reverse("knowledge:library")),
        (_("Bibliotekkoordinatorer"), reverse("knowledge:coordinators")),
        *pairs,
    )


@requires(MANAGE_COORDINATORS)
def coordinators(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = list(
        visible(request.user, MANAGE_COORDINATORS, Network.objects.select_related("county")).order_by(
            "county__number", "name"
        )
    )
    named = queries.coordinators_of(networks)
    return render(
        request,
        "knowledge/coordinators.html",
        {
            "rows": [(n, named.get(n.pk, [])) for n in networks],
            "breadcrumbs": crumbs(
                (_("Ressursbibliotek"), reverse("knowledge:library")), (_("Bibliotekkoordinatorer"), None)
            ),
        },
    )


@requires(MANAGE_COORDINATORS, read=VIEW_LIBRARY)
def network_coordinators(request: AuthenticatedHttpRequest, library_network_id: int) -> HttpResponse:
    network = fetch(request, Network.objects.select_related("county"), pk=library_network_id)
    current = queries.coordinators_of([network]).get(network.pk, [])
    candidates = queries.coordinator_candidates(network).exclude(pk__in=[c.user_id for c in current])
    form = CoordinatorForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_coordinator(request.user, network, form.cleaned_data["user"])
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Koordinatoren er lagt til."))
            return redirect("knowledge:network-coordinators", network.pk)
    return render(
        request,
        "knowledge/network_coordinators.html",
        {
            "network": network,
            "coordinators": current,
            "form": form,
            "breadcrumbs": _crumbs((network.name, None)),
        },
    )


@requires(MANAGE_COORDINATORS, read=VIEW_LIBRARY)
def coordinator_remove(request: AuthenticatedHttpRequest, library_coordinator_id: int) -> HttpResponse:
    coordinator = fetch(
        request, LibraryCoordinator.objects.select_related("network", "user"), pk=library_coordinator_id
    )
    back = reverse("knowledge:network-coordinators", args=[coordinator.network_id])
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    if is_confirmed(request) and confirm.is_valid():
        services.remove_coordinator(request.user, coordinator)
        messages.success(request, _("Koordinatoren er fjernet."))
        return redirect(back)
    name = coordinator.user.get_full_name() or coordinator.user.username
    return confirm_page(
        request,
        title=_("Fjern koordinator"),
        consequences=[
            _("%(name)s kan ikke lenger godkjenne det som publiseres i biblioteket til %(network)s.")
            % {"name": name, "network": coordinator.network.name},
            _("Versjoner som venter, må godkjennes av en annen koordinator."),
        ],
        submit=_("Fjern koordinatoren"),
        cancel_url=back,
        breadcrumbs=_crumbs((coordinator.network.name, back), (_("Fjern koordinator"), None)),
        confirm_form=confirm,
    )
