"""Reads for pages, the API and other apps (grants reads plan adoption through this module)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from fagloft.accounts.access import Action, visible
from fagloft.networks.models import (
    ContactPerson,
    Gathering,
    Idea,
    Network,
    NetworkMember,
    NetworkRole,
    OverallPlan,
    Participation,
    PlanAdoption,
)
from fagloft.networks.permissions import VIEW_NETWORK, own_coordinated_network_ids
from fagloft.organizations.models import Municipality


def networks_for(user: Any, action: Action) -> QuerySet[Network]:
    """The networks `user` may do `action` on. `visible()` filters by roles and scope; the
    coordinator narrowing (rule `OWN_NETWORKS_IF_NAMED`, which `can()` applies to one object)
    is applied here to the list, with the same helper."""
    queryset = visible(user, action, Network.objects.select_related("county", "county_advisor"))
    own = own_coordinated_network_ids(user)
    return queryset.filter(pk__in=own) if own is not None else queryset


def network_list(user: Any, action: Action) -> QuerySet[Network]:
    return (
        networks_for(user, action)
        .annotate(
            member_count=Count("members", distinct=True),
        )
        .order_by("county__number", "name")
    )


def members_of(network: Network) -> list[NetworkMember]:
    return list(network.members.select_related("municipality"))


def member_municipalities(network: Network) -> QuerySet[Municipality]:
    return Municipality.objects.filter(network_memberships__network=network).order_by("number")


def steering_group(network: Network) -> list[NetworkRole]:
    return list(network.roles.select_related("municipality", "environment", "user"))


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
    plan = (
        OverallPlan.objects.filter(network=network, adoptions__municipality__isnull=True).order_by("-revision").first()
    )
    if plan is None:
        return False, list(municipalities)
    adopted = set(plan.adoptions.filter(municipality__isnull=False).values_list("municipality_id", flat=True))
    return True, [m for m in municipalities if m.pk not in adopted]


# ---- gatherings, ideas -----------------------------------------------------------------------


def gatherings_of(network: Network) -> QuerySet[Gathering]:
    return network.gatherings.order_by("starts_at")


def gatherings_with_detail() -> QuerySet[Gathering]:
    """Gatherings with what the detail page shows (agenda, documents, participants)."""
    return Gathering.objects.select_related("network__county").prefetch_related(
        "agenda_items__project",
        "documents",
        Prefetch("participations", queryset=Participation.objects.select_related("user")),
    )


def gatherings_for_feed(user: Any, network: Network | None = None) -> QuerySet[Gathering]:
    """The gatherings a person's feed holds: those of networks they may see, or one network."""
    networks = networks_for(user, VIEW_NETWORK)
    if network is not None:
        networks = networks.filter(pk=network.pk)
    return (
        Gathering.objects.filter(network__in=networks.values("pk"))
        .select_related("network")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )


def ideas_of(network: Network) -> QuerySet[Idea]:
    return (
        network.ideas.select_related("proposed_by", "project")
        .annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("priority", "-support_count", "-created_at")
    )
