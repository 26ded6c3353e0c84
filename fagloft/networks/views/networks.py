"""Network list and detail, editing, steering group, contact persons and their consent."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, checks_for, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record_bulk_read
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    ConsentForm,
    ContactForm,
    NetworkForm,
    NetworkRoleForm,
    county_advisors,
    municipalities_of,
    users_in_county,
)
from fagloft.networks.models import ContactPerson, Network
from fagloft.networks.permissions import (
    CHANGE_CONSENT,
    ERASE_CONTACT,
    EXPORT_CONTACT,
    MANAGE_NETWORK,
    VIEW_CONTACTS,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import network_crumbs, version_of
from fagloft.organizations.models import County
from fagloft.organizations.queries import municipalities_in_county

NETWORKS = Network.objects.select_related("county", "county_advisor")


@requires(VIEW_NETWORK)
def network_list(request: HttpRequest) -> HttpResponse:
    networks = list(queries.network_list(request.user, VIEW_NETWORK))
    return render(
        request,
        "networks/network_list.html",
        {
            "networks": networks,
            "can_create": can(request.user, MANAGE_NETWORK),
            "breadcrumbs": network_crumbs(None),
        },
    )


@requires(MANAGE_NETWORK)
def network_create(request: HttpRequest) -> HttpResponse:
    """A new network in one of the counties the user manages: a county choice, validated against
    the user's scope (a county outside it is a field error); ?fylke= preselects one."""
    counties = visible(request.user, MANAGE_NETWORK, County.objects.all()).order_by("number")
    if not counties.exists():
        messages.error(request, _("Du har ikke tilgang til noe fylke å opprette nettverk i."))
        return redirect("networks:network-list")
    wanted = request.GET.get("fylke", "")
    # A garbled or overlong ?fylke= preselects nothing (an id beyond the column would overflow).
    known = wanted.isdigit() and len(wanted) <= 18 and counties.filter(pk=int(wanted)).exists()
    initial = {"county": int(wanted)} if known else {}
    form = NetworkForm(
        request.POST or None,
        initial=initial,
        counties=counties,
        municipalities=municipalities_of(counties),
        advisors=county_advisors(counties),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network = services.create_network(
            request.user,
            county=data["county"],
            name=data["name"],
            description=data["description"],
            strand=data["strand"],
            county_advisor=data["county_advisor"],
            municipalities=data["municipalities"],
            partners=data["partners"],
        )
        messages.success(request, _("Nettverket er opprettet."))
        return redirect("networks:network-detail", network.pk)
    return form_page(
        request,
        title=_("Nytt læringsnettverk"),
        form=form,
        breadcrumbs=network_crumbs(None, (_("Nytt nettverk"), None)),
    )


@requires(VIEW_NETWORK)
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    # One block for the whole page: its own checks, and those of the linked apps' sections on this
    # network, share their scope queries and the rules' lookups (the coordinator's networks).
    with checks_for(request.user, [network]):
        return _network_page(request, network)


def _network_page(request: HttpRequest, network: Network) -> HttpResponse:
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "permitted": permitted_actions(request.user, network),
            "members": queries.members_of(network),
            "partners": list(network.partners.all()),
            "steering": queries.steering_group(network),
            "adoption": queries.adoption_status(network),
            "gatherings": list(queries.gatherings_of(network)),
            "ideas": list(queries.ideas_of(network)[:5]),
            "projects": list(network.projects.select_related("lead_municipality", "partner")),
            "groups": list(network.professional_groups.all()),
            "breadcrumbs": network_crumbs(None, (network.name, None)),
        },
    )


@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def network_edit(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    form = NetworkForm(
        request.POST or None,
        instance=network,
        municipalities=municipalities_in_county(network.county),
        advisors=county_advisors(network.county),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_network(
                request.user,
                network,
                expected_version=version_of(form),
                municipalities=data["municipalities"],
                partners=data["partners"],
                **{k: data[k] for k in ("name", "description", "strand", "county_advisor")},
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Nettverket er lagret."))
            return redirect("networks:network-detail", network.pk)
    return form_page(
        request,
        title=_("Endre %(name)s") % {"name": network.name},
        form=form,
        breadcrumbs=network_crumbs(network, (_("Endre"), None)),
    )


@requires(MANAGE_NETWORK, read=VIEW_NETWORK)
def role_add(request: HttpRequest, network_id: int) -> HttpResponse:
    network = fetch(request, NETWORKS, pk=network_id)
    form = NetworkRoleForm(
        request.POST or None,
        municipalities=queries.member_municipalities(network),
        users=users_in_county(network.county),
    )
    if request.method == "POST" and form.is_valid():
        services.add_network_role(request.user, network, **form.cleaned_data)
        messages.success(request, _("Personen er lagt til."))
        return redirect("networks:network-detail", network.pk)
    return form_page(
        request,
        title=_("Legg til koordinator eller medlem av styringsgruppen"),
        form=form,
        breadcrumbs=network_crumbs(network, (_("Styringsgruppe"), None)),
    )


@requires(VIEW_CONTACTS)
def contact_list(request: AuthenticatedHttpRequest, network_id: int) -> HttpResponse:
    """The shared contact list; who runs the network also adds contacts here (the use case
    `add_contact` checks MANAGE_NETWORK)."""
    network = fetch(request, NETWORKS, pk=network_id)
    permitted = permitted_actions(request.user, network)
    form = ContactForm(request.POST or None, municipalities=queries.member_municipalities(network))
    if request.method == "POST":
        if not permitted.manage:
            return redirect("networks:contact-list", network.pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            services.add_contact(request.user, network, consent=data.pop("consent"), **data)
            messages.success(request, _("Kontaktpersonen er lagt til."))
            return redirect("networks:contact-list", network.pk)
    own = list(ContactPerson.objects.filter(network=network, user=request.user))
    contacts = queries.shared_contacts(network)
    managed = list(network.contacts.select_related("municipality")) if permitted.manage else []
    # The list is personal data about many people: the read leaves one audit row, not one per person.
    record_bulk_read(request.user, AuditEvent.Verb.VIEW, network, max(len(contacts), len(managed)), "kontaktlisten")
    return render(
        request,
        "networks/contacts.html",
        {
            "network": network,
            "contacts": contacts,
            "form": form,
            "permitted": permitted,
            "managed": managed,
            "own_contacts": own,
            "breadcrumbs": network_crumbs(network, (_("Kontaktpersoner"), None)),
        },
    )


@require_POST
@requires(CHANGE_CONSENT, read=VIEW_CONTACTS)
def contact_consent(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The contact person themself (or whoever runs the network, recording what the person said)
    gives or withdraws consent: the rule on CHANGE_CONSENT."""
    contact = fetch(request, ContactPerson.objects.select_related("network"), pk=contact_id)
    if request.POST.get("withdraw"):
        services.withdraw_consent(request.user, contact)
        messages.success(request, _("Samtykket er trukket. Kontaktopplysningene deles ikke lenger."))
    else:
        form = ConsentForm(request.POST)
        form.is_valid()
        services.give_consent(
            request.user,
            contact,
            share_email=form.cleaned_data.get("share_email", False),
            share_phone=form.cleaned_data.get("share_phone", False),
        )
        messages.success(request, _("Samtykket er registrert."))
    return redirect("networks:contact-list", contact.network_id)


@requires(ERASE_CONTACT, read=VIEW_CONTACTS)
def contact_erase(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Erase a contact person's personal data on their request: a confirmation page, then the
    use case `erase_contact` (irreversible, so it is confirmed first)."""
    contact = fetch(request, ContactPerson.objects.select_related("network", "municipality"), pk=contact_id)
    network = contact.network
    confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
    confirm = ConfirmForm(request.POST if confirmed else None)
    if confirmed and confirm.is_valid():
        services.erase_contact(request.user, contact)
        messages.success(request, _("Personopplysningene om kontaktpersonen er slettet."))
        return redirect("networks:contact-list", network.pk)
    consequences = [
        _(
            "Kontaktpersonen %(name)s fjernes fra kontaktlisten i %(network)s, med navn, rolle, e-post, telefon og "
            "samtykke."
        )
        % {"name": contact.name, "network": network.name},
        _("Endringsloggen beholder at noe ble gjort, av hvem og når, men ikke opplysningene om personen."),
        _("Slettingen kan ikke angres. Eksporter opplysningene først hvis personen også har bedt om innsyn."),
    ]
    return render(
        request,
        "networks/contact_erase.html",
        {
            "title": _("Slett opplysninger om %(name)s") % {"name": contact.name},
            "contact": contact,
            "consequences": consequences,
            "confirm_form": confirm,
            "hidden": {},
            "warnings": [],
            "submit": _("Slett opplysningene"),
            "cancel_url": reverse("networks:contact-list", args=[network.pk]),
            "breadcrumbs": network_crumbs(
                network,
                (_("Kontaktpersoner"), reverse("networks:contact-list", args=[network.pk])),
                (_("Slett opplysninger"), None),
            ),
        },
    )


@requires(EXPORT_CONTACT, read=VIEW_CONTACTS)
def contact_export(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The data held about one contact person as a JSON download, to answer a request for access
    from someone who has no login. Audited (the use case); never cached."""
    contact = fetch(request, ContactPerson.objects.select_related("network", "municipality", "user"), pk=contact_id)
    data = services.export_contact(request.user, contact)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kontaktperson-{contact.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
