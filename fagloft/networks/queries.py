"""Reads for pages, the API and other apps (grants reads plan adoption through this module)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from fagloft.accounts.access import Action, get_object_for, roles_of, visible
from fagloft.accounts.roles import Role
from fagloft.networks.models import (
    ContactPerson,
    Gathering,
    Idea,
    Network,
    NetworkMember,
    NetworkRole,
    OverallPlan,
    PlanAdoption,
)
from fagloft.organizations.models import Municipality

_OTHER_THAN_COORDINATOR = {Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR}


def own_coordinated_network_ids(user: Any) -> list[int] | None:
    """Networks a coordinator is named on; None when the user is not limited to such a list.

    A network coordinator holds a county-level membership; once they are named coordinator of
    particular networks, they manage only those (the brief: "sees only networks they run").
    """
    roles = roles_of(user)
    if Role.NETWORK_COORDINATOR not in roles or roles & _OTHER_THAN_COORDINATOR:
        return None
    ids = list(NetworkRole.objects.filter(user=user, kind=NetworkRole.Kind.COORDINATOR).values_list(
        "network_id", flat=True))
    return ids or None


def networks_for(user: Any, action: Action) -> QuerySet[Network]:
    queryset = visible(user, action, Network.objects.select_related("county", "county_advisor"))
    own = own_coordinated_network_ids(user)
    return queryset.filter(pk__in=own) if own is not None else queryset


def get_network(user: Any, action: Action, network_id: int, read_action: Action | None = None) -> Network:
    network = get_object_for(user, action, Network.objects.select_related("county", "county_advisor"),
                             read_action=read_action, pk=network_id)
    own = own_coordinated_network_ids(user)
    if own is not None and network.pk not in own:
        raise Http404
    return network


def get_in_network(user: Any, action: Action, model: type, read_action: Action | None = None, **lookup: Any) -> Any:
    """An object belonging to a network (gathering, idea, project …), with the coordinator narrowing."""
    obj = get_object_for(user, action, model, read_action=read_action, **lookup)
    network_id = _network_id_of(obj)
    own = own_coordinated_network_ids(user)
    if own is not None and network_id not in own:
        raise Http404
    return obj


def _network_id_of(obj: Any) -> int:
    for path in ("network_id", "plan", "gathering", "project"):
        value = getattr(obj, path, None)
        if isinstance(value, int):
            return value
        if value is not None:
            return _network_id_of(value)
    raise TypeError(f"{obj!r} is not in a network")


def network_list(user: Any, action: Action) -> QuerySet[Network]:
    return networks_for(user, action).annotate(
        member_count=Count("members", distinct=True),
    ).order_by("county__number", "name")


def members_of(network: Network) -> list[NetworkMember]:
    return list(network.members.select_related("municipality"))


def member_municipalities(network: Network) -> QuerySet[Municipality]:
    return Municipality.objects.filter(network_memberships__network=network).order_by("number")


def steering_group(network: Network) -> list[NetworkRole]:
    return list(network.roles.select_related("municipality", "environment", "user"))


def is_steering_member(user: Any, network: Network) -> bool:
    return network.roles.filter(user=user).exists() if user.is_authenticated else False


# ---- contact persons -------------------------------------------------------------------------

@dataclass(frozen=True)
class SharedContact:
    """What the other members may see of a contact person: only details consented to."""

    name: str
    role_title: str
    municipality: str
    email: str | None
    phone: str | None


def shared_contacts(network: Network) -> list[SharedContact]:
    contacts = ContactPerson.objects.filter(network=network).select_related("municipality")
    return [_shared(contact) for contact in contacts]


def _shared(contact: ContactPerson) -> SharedContact:
    consented = contact.consent_given_at is not None and contact.consent_withdrawn_at is None
    return SharedContact(
        name=contact.name,
        role_title=contact.role_title,
        municipality=contact.municipality.name if contact.municipality else "",
        email=contact.email if consented and contact.share_email and contact.email else None,
        phone=contact.phone if consented and contact.share_phone and contact.phone else None,
    )


# ---- overall plan and adoption ---------------------------------------------------------------

def current_plan(network: Network) -> OverallPlan | None:
    return network.plans.order_by("-revision").first()


@dataclass
class AdoptionStatus:
    """Where a plan revision stands: adopted by the network, and by which member municipalities."""

    plan: OverallPlan | None
    network_adoption: PlanAdoption | None = None
    by_municipality: dict[int, PlanAdoption] = field(default_factory=dict)
    members: list[Municipality] = field(default_factory=list)

    @property
    def adopted_by_network(self) -> bool:
        return self.network_adoption is not None

    def adopted_by(self, municipality: Municipality) -> bool:
        return municipality.pk in self.by_municipality

    @property
    def missing(self) -> list[Municipality]:
        return [m for m in self.members if m.pk not in self.by_municipality]

    @property
    def rows(self) -> list[tuple[Municipality, PlanAdoption | None]]:
        return [(m, self.by_municipality.get(m.pk)) for m in self.members]


def adoption_status(network: Network, plan: OverallPlan | None = None) -> AdoptionStatus:
    plan = plan or current_plan(network)
    status = AdoptionStatus(plan=plan, members=list(member_municipalities(network)))
    if plan is None:
        return status
    for adoption in plan.adoptions.select_related("municipality"):
        if adoption.municipality_id is None:
            status.network_adoption = adoption
        else:
            status.by_municipality[adoption.municipality_id] = adoption
    return status


def plan_adopted_by(network: Network | None, municipalities: Iterable[Municipality]) -> tuple[bool, list[Municipality]]:
    """For grants: is there a plan adopted by the network, and which of `municipalities` have not
    adopted that same plan? Looks at the newest plan revision adopted by the network."""
    if network is None:
        return False, list(municipalities)
    plan = OverallPlan.objects.filter(network=network, adoptions__municipality__isnull=True).order_by(
        "-revision").first()
    if plan is None:
        return False, list(municipalities)
    adopted = set(plan.adoptions.filter(municipality__isnull=False).values_list("municipality_id", flat=True))
    return True, [m for m in municipalities if m.pk not in adopted]


def networks_of_municipality(municipality: Municipality) -> QuerySet[Network]:
    return Network.objects.filter(members__municipality=municipality)


# ---- gatherings, ideas -----------------------------------------------------------------------

def gatherings_of(network: Network) -> QuerySet[Gathering]:
    return network.gatherings.order_by("starts_at")


def gathering_detail(gathering_id: int) -> QuerySet[Gathering]:
    return Gathering.objects.select_related("network__county").prefetch_related(
        "agenda_items__project", "documents", Prefetch("participations", queryset=_participations()))


def _participations() -> QuerySet:
    from fagloft.networks.models import Participation

    return Participation.objects.select_related("user")


def gatherings_for_feed(user: Any, network: Network | None = None) -> QuerySet[Gathering]:
    """The gatherings a person's feed holds: those of networks they may see, or one network."""
    from fagloft.networks.permissions import VIEW_NETWORK

    networks = networks_for(user, VIEW_NETWORK)
    if network is not None:
        networks = networks.filter(pk=network.pk)
    return Gathering.objects.filter(network__in=networks.values("pk")).select_related("network").prefetch_related(
        "agenda_items").order_by("starts_at")


def ideas_of(network: Network) -> QuerySet[Idea]:
    return network.ideas.select_related("proposed_by", "project").annotate(
        support_count=Count("supports", distinct=True), comment_count=Count("comments", distinct=True),
    ).order_by("priority", "-support_count", "-created_at")


def member_filter(municipalities: Iterable[Municipality]) -> Q:
    return Q(members__municipality__in=list(municipalities))
