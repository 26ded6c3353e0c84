"""Actions of the knowledge app.

The intervention bank, the technology catalogue and the casework deadlines are national reference
data: every role reads them (the competence environments too, who deliver many of the
programmes). Bufdir (`Role.NATIONAL`) and the administrator curate them.

Offers, level owners and trials belong to a service or municipality and are read inside the tree
by scope. A service leader registers the service's own offers and trials; a municipal leader names
the owners of the pyramid's levels for the municipality.

The resource library: network items are read by the network's members and the county; national
items (no network) by everyone once published. Anyone with a writing role in the network's county
may propose an item; the library coordinator of the network (a `LibraryCoordinator` role record,
rule `knowledge.library_coordinator`) approves what is published. For the national library Bufdir
approves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fagloft.accounts.access import (
    GLOBAL_ROLES,
    READ_ROLES,
    define,
    define_rule,
    has_role,
    register_object_actions,
    roles_of,
)
from fagloft.accounts.roles import ALL_ROLES, Role

CURATORS = [Role.ADMIN, Role.NATIONAL]
LEADERS = [Role.ADMIN, Role.SERVICE_LEADER]
CONTRIBUTORS = [Role.ADMIN, Role.NATIONAL, Role.SERVICE_LEADER, Role.NETWORK_COORDINATOR, Role.COUNTY_ADVISOR]
LINKERS = [Role.ADMIN, Role.SERVICE_LEADER, Role.NETWORK_COORDINATOR]


def _published_national(user: Any, queryset: QuerySet) -> QuerySet:
    """National library items (no network) that are published are open to every reading role;
    their own drafts are open to their owner."""
    if not roles_of(user) & set(ALL_ROLES):
        return queryset.none()
    model = queryset.model._meta.model_name
    if model == "libraryitem":
        return queryset.filter(Q(network__isnull=True, status="published") | Q(owner=user))
    if model == "libraryversion":
        return queryset.filter(item__network__isnull=True, item__status="published", state="approved")
    return queryset.none()


def _coordinates(user: Any, obj: Any) -> bool:
    from fagloft.knowledge.models import LibraryCoordinator, LibraryItem, LibraryVersion

    item = obj.item if isinstance(obj, LibraryVersion) else obj
    if not isinstance(item, LibraryItem):
        return True  # no object: roles and scope decide
    if has_role(user, *GLOBAL_ROLES):
        return True
    if item.network_id is None:
        return False  # the national library is Bufdir's
    return LibraryCoordinator.objects.filter(network_id=item.network_id, user=user).exists()


def _owns_or_coordinates(user: Any, obj: Any) -> bool:
    from fagloft.knowledge.models import LibraryItem

    if isinstance(obj, LibraryItem) and obj.owner_id == getattr(user, "pk", None):
        return True
    return _coordinates(user, obj)


LIBRARY_COORDINATOR = define_rule(
    "knowledge.library_coordinator",
    "The user is a library coordinator of the item's network (Bufdir for the national library)",
    _coordinates,
)
LIBRARY_OWNER = define_rule(
    "knowledge.library_owner",
    "The user owns the library item, or coordinates its library",
    _owns_or_coordinates,
)

VIEW = define("knowledge.view", "Read the intervention bank, technology catalogue and deadlines", ALL_ROLES)
CURATE = define("knowledge.curate", "Curate the national intervention bank and technology catalogue", CURATORS)
VIEW_OFFERS = define("knowledge.view_offers", "See a service's offers and a municipality's coverage", READ_ROLES)
MANAGE_OFFERS = define("knowledge.manage_offers", "Register and change the service's offers", LEADERS)
MANAGE_OWNERS = define(
    "knowledge.manage_owners", "Name the owner of each pyramid level", [Role.ADMIN, Role.MUNICIPAL_LEADER]
)
PUBLISH_COVERAGE = define("knowledge.publish_coverage", "Publish coverage figures to statistics", CURATORS)
VIEW_LIBRARY = define("knowledge.view_library", "Read the resource library", READ_ROLES, extra=_published_national)
CONTRIBUTE = define(
    "knowledge.contribute", "Propose templates and new versions for a library", CONTRIBUTORS, rule=LIBRARY_OWNER
)
APPROVE = define("knowledge.approve", "Approve what is published in a library", CONTRIBUTORS, rule=LIBRARY_COORDINATOR)
MANAGE_COORDINATORS = define(
    "knowledge.manage_coordinators",
    "Name a network's library coordinators",
    [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR],
)
RECORD_TRIAL = define("knowledge.record_trial", "Record a technology trial and its evaluation", LEADERS)
LINK = define("knowledge.link", "Link an intervention or template to a plan measure, project or need", LINKERS)

register_object_actions("knowledge.intervention", CURATE)
register_object_actions("knowledge.offer", MANAGE_OFFERS)
register_object_actions("knowledge.libraryitem", CONTRIBUTE, APPROVE)
register_object_actions("knowledge.technology", CURATE)
register_object_actions("knowledge.technologytrial", RECORD_TRIAL)
