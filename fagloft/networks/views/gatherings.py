"""Gatherings: create, read, agenda, documents, invitations, registration, attendance, minutes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    AgendaItemForm,
    DocumentForm,
    GatheringForm,
    MinutesForm,
)
from fagloft.networks.models import Gathering, Network, Participation
from fagloft.networks.permissions import MANAGE_NETWORK, TAKE_PART, VIEW_NETWORK
from fagloft.networks.views.common import network_crumbs, version_of


def _gathering(request: HttpRequest, gathering_id: int) -> Gathering:
    """The gathering, checked against the action the view declared."""
    return fetch(request, queries.gatherings_with_detail(), pk=gathering_id)


@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def gathering_create(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, Network.objects.select_related("county"), pk=network_id)
    form = GatheringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gathering = services.create_gathering(request.user, network, **form.changed_values())
        messages.success(request, _("Samlingen er opprettet."))
        return redirect("networks:gathering-detail", gathering.pk)
    return form_page(
        request,
        title=_("Ny samling i %(network)s") % {"network": network.name},
        form=form,
        breadcrumbs=network_crumbs(network, (_("Ny samling"), None)),
    )


@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def gathering_edit(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    form = GatheringForm(request.POST or None, instance=gathering)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_gathering(
                request.user, gathering, expected_version=version_of(form), **form.changed_values()
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Samlingen er lagret."))
            return redirect("networks:gathering-detail", gathering.pk)
    return form_page(
        request,
        title=_("Endre %(title)s") % {"title": gathering.title},
        form=form,
        breadcrumbs=network_crumbs(gathering.network, (gathering.title, None)),
    )


@requires(VIEW_NETWORK)
def gathering_detail(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    network = gathering.network
    permitted = permitted_actions(request.user, gathering)
    participations = list(gathering.participations.all())
    mine = next((p for p in participations if p.user_id == request.user.pk), None)
    return render(
        request,
        "networks/gathering_detail.html",
        {
            "gathering": gathering,
            "network": network,
            "participations": participations,
            "mine": mine,
            "registered_count": sum(1 for p in participations if p.status == Participation.Status.REGISTERED),
            "permitted": permitted,
            "agenda_form": AgendaItemForm(projects=network.projects.all()) if permitted.manage else None,
            "document_form": DocumentForm() if permitted.manage else None,
            "minutes_form": MinutesForm(initial={"minutes": gathering.minutes, "version": gathering.version})
            if permitted.manage
            else None,
            "breadcrumbs": network_crumbs(network, (gathering.title, None)),
        },
    )


@require_POST
@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def agenda_add(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    form = AgendaItemForm(request.POST, projects=gathering.network.projects.all())
    if form.is_valid():
        services.add_agenda_item(request.user, gathering, **form.cleaned_data)
        messages.success(request, _("Punktet er lagt til programmet."))
    else:
        messages.error(request, _("Tema må fylles ut."))
    return redirect("networks:gathering-detail", gathering.pk)


@require_POST
@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def document_add(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_gathering_document(request.user, gathering, **form.cleaned_data)
        messages.success(request, _("Dokumentet er lastet opp."))
    else:
        messages.error(request, _("Dokumentet mangler tittel eller fil."))
    return redirect("networks:gathering-detail", gathering.pk)


@require_POST
@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def minutes_save(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.save_minutes(
                request.user, gathering, expected_version=version_of(form), minutes=form.cleaned_data["minutes"]
            )
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Referatet er lagret."))
    return redirect("networks:gathering-detail", gathering.pk)


@require_POST
@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def gathering_invite(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    count = services.invite_to_gathering(request.user, gathering)
    messages.success(request, _("Invitasjon er sendt til %(count)s kontaktpersoner.") % {"count": count})
    return redirect("networks:gathering-detail", gathering.pk)


@require_POST
@requires(TAKE_PART, read=VIEW_NETWORK)
def gathering_register(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    attending = request.POST.get("attending") == "yes"
    services.register_for_gathering(request.user, gathering, attending=attending)
    messages.success(request, _("Du er påmeldt.") if attending else _("Du er avmeldt."))
    return redirect("networks:gathering-detail", gathering.pk)


@require_POST
@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def gathering_attendance(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(request, gathering_id)
    ids = [int(value) for value in request.POST.getlist("attended") if value.isdigit()]
    services.set_attendance(request.user, gathering, attended_user_ids=ids)
    messages.success(request, _("Oppmøtet er registrert."))
    return redirect("networks:gathering-detail", gathering.pk)
