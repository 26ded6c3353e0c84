"""Network list and detail, editing, steering group, contact persons and their consent."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, requires, visible
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    ConsentForm,
    ContactForm,
    NetworkForm,
    NetworkRoleForm,
    users_in_county,
)
from fagloft.networks.models import ContactPerson, Network
from fagloft.networks.permissions import (
    MANAGE_NETWORK,
    PRIORITISE_IDEAS,
    RECORD_ADOPTION,
    TAKE_PART,
    VIEW_CONTACTS,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import crumbs, form_page, network_crumbs, version_of
from fagloft.organizations.models import County
from fagloft.organizations.queries import municipalities_in_county


@requires(VIEW_NETWORK)
def network_list(request: HttpRequest) -> HttpResponse:
    networks = list(queries.network_list(request.user, VIEW_NETWORK))
    return render(request, "networks/network_list.html", {
        "networks": networks, "can_create": can(request.user, MANAGE_NETWORK),
        "breadcrumbs": crumbs(),
    })


def _counties_for(user: Any) -> list[County]:
    return list(visible(user, MANAGE_NETWORK, County.objects.all()))


@requires(MANAGE_NETWORK)
def network_create(request: HttpRequest) -> HttpResponse:
    counties = _counties_for(request.user)
    county = next((c for c in counties if str(c.pk) == request.GET.get("fylke", "")), counties[0] if counties else None)
    if county is None:
        messages.error(request, _("Du har ikke tilgang til noe fylke å opprette nettverk i."))
        return redirect("networks:network-list")
    form = NetworkForm(request.POST or None, municipalities=municipalities_in_county(county),
                       advisors=users_in_county(county))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network = services.create_network(
            request.user, county=county, name=data["name"], description=data["description"], strand=data["strand"],
            county_advisor=data["county_advisor"], municipalities=data["municipalities"], partners=data["partners"])
        messages.success(request, _("Nettverket er opprettet."))
        return redirect("networks:network-detail", network.pk)
    return form_page(request, title=_("Nytt læringsnettverk i %(county)s") % {"county": county.name}, form=form,
                     breadcrumbs=crumbs((_("Nytt nettverk"), None)))


@requires(VIEW_NETWORK)
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = queries.get_network(request.user, VIEW_NETWORK, network_id)
    user = request.user
    return render(request, "networks/network_detail.html", {
        "network": network,
        "members": queries.members_of(network),
        "partners": list(network.partners.all()),
        "steering": queries.steering_group(network),
        "adoption": queries.adoption_status(network),
        "gatherings": list(queries.gatherings_of(network)),
        "ideas": list(queries.ideas_of(network)[:5]),
        "projects": list(network.projects.select_related("lead_municipality", "partner")),
        "groups": list(network.professional_groups.all()),
        "can_manage": can(user, MANAGE_NETWORK, network) and _not_narrowed_out(user, network),
        "can_take_part": can(user, TAKE_PART, network),
        "can_adopt": can(user, RECORD_ADOPTION, network),
        "can_start_project": can(user, PRIORITISE_IDEAS, network) and _steering_or_manager(user, network),
        "breadcrumbs": crumbs((network.name, None)),
    })


def _not_narrowed_out(user: Any, network: Network) -> bool:
    own = queries.own_coordinated_network_ids(user)
    return own is None or network.pk in own


def _steering_or_manager(user: Any, network: Network) -> bool:
    return (can(user, MANAGE_NETWORK, network) and _not_narrowed_out(user, network)) or queries.is_steering_member(
        user, network)


@requires(MANAGE_NETWORK)
def network_edit(request: HttpRequest, network_id: int) -> HttpResponse:
    network = queries.get_network(request.user, MANAGE_NETWORK, network_id, read_action=VIEW_NETWORK)
    form = NetworkForm(request.POST or None, instance=network, municipalities=municipalities_in_county(network.county),
                       advisors=users_in_county(network.county))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_network(
                request.user, network, expected_version=version_of(form), municipalities=data["municipalities"],
                partners=data["partners"], **{k: data[k] for k in ("name", "description", "strand", "county_advisor")})
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Nettverket er lagret."))
            return redirect("networks:network-detail", network.pk)
    return form_page(request, title=_("Endre %(name)s") % {"name": network.name}, form=form,
                     breadcrumbs=network_crumbs(network, (_("Endre"), None)))


@requires(MANAGE_NETWORK)
def role_add(request: HttpRequest, network_id: int) -> HttpResponse:
    network = queries.get_network(request.user, MANAGE_NETWORK, network_id, read_action=VIEW_NETWORK)
    form = NetworkRoleForm(request.POST or None, municipalities=queries.member_municipalities(network),
                           users=users_in_county(network.county))
    if request.method == "POST" and form.is_valid():
        services.add_network_role(request.user, network, **form.cleaned_data)
        messages.success(request, _("Personen er lagt til."))
        return redirect("networks:network-detail", network.pk)
    return form_page(request, title=_("Legg til koordinator eller medlem av styringsgruppen"), form=form,
                     breadcrumbs=network_crumbs(network, (_("Styringsgruppe"), None)))


@requires(VIEW_CONTACTS)
def contact_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = queries.get_network(request.user, VIEW_CONTACTS, network_id)
    can_manage = can(request.user, MANAGE_NETWORK, network) and _not_narrowed_out(request.user, network)
    form = ContactForm(request.POST or None, municipalities=queries.member_municipalities(network))
    if request.method == "POST":
        if not can_manage:
            return redirect("networks:contact-list", network.pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            services.add_contact(request.user, network, consent=data.pop("consent"), **data)
            messages.success(request, _("Kontaktpersonen er lagt til."))
            return redirect("networks:contact-list", network.pk)
    own = ContactPerson.objects.filter(network=network, user=request.user) if request.user.is_authenticated else []
    return render(request, "networks/contacts.html", {
        "network": network, "contacts": queries.shared_contacts(network), "form": form, "can_manage": can_manage,
        "managed": list(network.contacts.select_related("municipality")) if can_manage else [],
        "own_contacts": list(own),
        "breadcrumbs": network_crumbs(network, (_("Kontaktpersoner"), None)),
    })


@require_POST
@requires(VIEW_CONTACTS)
def contact_consent(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The contact person themself (or whoever runs the network, recording what the person said)
    gives or withdraws consent."""
    contact = queries.get_in_network(request.user, VIEW_CONTACTS, ContactPerson, pk=contact_id)
    if contact.user_id != request.user.pk and not can(request.user, MANAGE_NETWORK, contact.network):
        messages.error(request, _("Bare personen selv eller den som driver nettverket kan endre samtykket."))
        return redirect("networks:contact-list", contact.network_id)
    if request.POST.get("withdraw"):
        services.withdraw_consent(request.user, contact)
        messages.success(request, _("Samtykket er trukket. Kontaktopplysningene deles ikke lenger."))
    else:
        form = ConsentForm(request.POST)
        form.is_valid()
        services.give_consent(request.user, contact, share_email=form.cleaned_data.get("share_email", False),
                              share_phone=form.cleaned_data.get("share_phone", False))
        messages.success(request, _("Samtykket er registrert."))
    return redirect("networks:contact-list", contact.network_id)


