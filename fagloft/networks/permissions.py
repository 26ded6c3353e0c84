"""Actions on learning networks, and the relationship rules that narrow them.

Everyone in the tree whose unit takes part in a network may read it. The county advisor and the
network coordinator (scoped to the county) run it; where a coordinator is named on particular
networks (`NetworkRole`), the rule `OWN_NETWORKS_IF_NAMED` keeps them to those. The steering group
prioritises ideas (`STEERING_GROUP_OR_RUNS`). A competence environment sees the networks it
partners in, through the `extra` rule `partner_rule`: the people linked to the environment
(`CompetenceEnvironment.people`), never an organisation name that happens to match.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

from fagloft.accounts.access import (
    ALL_ROLES,
    READ_ROLES,
    block_memo,
    can,
    define,
    define_rule,
    has_role,
    in_checks_block,
    register_object_actions,
    roles_of,
)
from fagloft.accounts.roles import Role
from fagloft.networks.models import NetworkRole

MANAGERS = [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR]
PARTICIPANTS = [*READ_ROLES]

_COUNTY = "county"


def _derive_network_paths() -> dict[str, str]:
    """For each model of the app: the ORM prefix from it to its network ("" for the network).

    Derived from SCOPE_PATHS["county"], which ends in the network's "county", so where a model
    hangs in a network is written once, on the model."""
    return {
        str(model._meta.model_name): model.SCOPE_PATHS[_COUNTY].removesuffix(_COUNTY)
        for model in apps.get_app_config("networks").get_models()
        if hasattr(model, "SCOPE_PATHS")
    }


_NETWORK_PATHS: dict[str, str] = _derive_network_paths()


def _hops_to_network(obj: Any) -> list[str] | None:
    """The attribute hops from `obj` to its network ([] for a network); None outside the app."""
    if obj._meta.app_label != "networks":
        return None
    prefix = _NETWORK_PATHS.get(obj._meta.model_name)
    if prefix is None:
        return None
    return prefix.removesuffix("__").split("__") if prefix else []


def network_id_of(obj: Any) -> int | None:
    """The id of the network `obj` belongs to; None for objects outside the app (a county, a
    municipality: an action checked on a unit)."""
    hops = _hops_to_network(obj)
    if hops is None:
        return None
    if not hops:
        return obj.pk
    for hop in hops[:-1]:
        obj = getattr(obj, hop)
    return getattr(obj, f"{hops[-1]}_id")


def network_of(obj: Any) -> Any:
    """The network `obj` belongs to (through relations already loaded where the view selected
    them); None outside the app."""
    hops = _hops_to_network(obj)
    if hops is None:
        return None
    for hop in hops:
        obj = getattr(obj, hop)
    return obj


# ---- relationship rules ----------------------------------------------------------------------

_OTHER_THAN_COORDINATOR = {Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR}


def own_coordinated_network_ids(user: Any) -> list[int] | None:
    """Networks a coordinator is named on; None when the user is not limited to such a list.

    A network coordinator holds a county-level membership; once they are named coordinator of
    particular networks, they work only in those (the brief: "sees only networks they run").
    """
    roles = roles_of(user)
    if Role.NETWORK_COORDINATOR not in roles or roles & _OTHER_THAN_COORDINATOR:
        return None
    # Asked once per object and action by the rule: within one list's checks, looked up once.
    ids = block_memo(
        ("networks.own_coordinated_network_ids", user.pk),
        lambda: list(
            NetworkRole.objects.filter(user=user, kind=NetworkRole.Kind.COORDINATOR).values_list(
                "network_id", flat=True
            )
        ),
    )
    return ids or None


def _in_own_networks(user: Any, obj: Any) -> bool:
    network_id = network_id_of(obj)
    if network_id is None:
        return True
    own = own_coordinated_network_ids(user)
    return own is None or network_id in own


OWN_NETWORKS_IF_NAMED = define_rule(
    "networks.own_networks_if_named",
    "A network coordinator who is named coordinator of particular networks works only in those",
    _in_own_networks,
)


def is_steering_member(user: Any, network_id: int) -> bool:
    """A member of the network's steering group (any named role in it, coordinators included)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if in_checks_block():
        # Within one list's checks, the user's steering groups are read once for every object.
        steering = block_memo(
            ("networks.steering_network_ids", user.pk),
            lambda: set(NetworkRole.objects.filter(user=user).values_list("network_id", flat=True)),
        )
        return network_id in steering
    return NetworkRole.objects.filter(network_id=network_id, user=user).exists()


def _steers_or_runs(user: Any, obj: Any) -> bool:
    network = network_of(obj)
    if network is None:
        return True
    return is_steering_member(user, network.pk) or can(user, MANAGE_NETWORK, network)


STEERING_GROUP_OR_RUNS = define_rule(
    "networks.steering_group_or_runs",
    "The steering group prioritises; those who run the network (its coordinator, the county advisor) may too",
    _steers_or_runs,
)


def _self_or_runs(user: Any, obj: Any) -> bool:
    if obj._meta.label_lower != "networks.contactperson":
        return True
    return obj.user_id == user.pk or can(user, MANAGE_NETWORK, obj.network)


THE_PERSON_OR_WHO_RUNS = define_rule(
    "networks.the_person_or_who_runs",
    "Consent is given or withdrawn by the contact person themself, or recorded by who runs the network",
    _self_or_runs,
)


def partner_rule(user: Any, queryset: QuerySet) -> QuerySet:
    """A competence environment sees the networks it partners in (and projects where it is the
    partner), through the environments the user is linked to (`CompetenceEnvironment.people`)."""
    if not has_role(user, Role.COMPETENCE_ENVIRONMENT):
        return queryset.none()
    prefix = _NETWORK_PATHS.get(queryset.model._meta.model_name)
    if prefix is None or queryset.model._meta.app_label != "networks":
        return queryset.none()
    condition = Q(**{f"{prefix}partners__people": user})
    if queryset.model._meta.model_name == "developmentproject":
        condition |= Q(partner__people=user)
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


# ---- actions ---------------------------------------------------------------------------------

VIEW_NETWORK = define(
    "networks.view",
    "See learning networks, members, plan, gatherings and projects",
    PARTICIPANTS,
    extra=partner_rule,
    rule=OWN_NETWORKS_IF_NAMED,
)
MANAGE_NETWORK = define(
    "networks.manage",
    "Run a network: members, steering group, contacts, gatherings",
    MANAGERS,
    rule=OWN_NETWORKS_IF_NAMED,
)
VIEW_CONTACTS = define(
    "networks.view_contacts",
    "See the network's contact list (consented details only)",
    PARTICIPANTS,
    extra=partner_rule,
    rule=OWN_NETWORKS_IF_NAMED,
)
CHANGE_CONSENT = define(
    "networks.change_consent",
    "Give or withdraw consent to share a contact person's details (the person, or who runs the network)",
    PARTICIPANTS,
    extra=partner_rule,
    rule=THE_PERSON_OR_WHO_RUNS,
)
# A request under GDPR art. 15 and 17 from a contact person (who usually has no login) is answered
# by those who run the network: an export of what is held about the person, and erasure.
ERASE_CONTACT = define(
    "networks.erase_contact",
    "Erase a contact person's personal data on their request (who runs the network, admin)",
    MANAGERS,
    rule=OWN_NETWORKS_IF_NAMED,
)
EXPORT_CONTACT = define(
    "networks.export_contact",
    "Export the data held about one contact person, to answer a request for access (who runs the network, admin)",
    MANAGERS,
    rule=OWN_NETWORKS_IF_NAMED,
)
EDIT_PLAN = define(
    "networks.edit_plan", "Write and revise the network's overall plan", MANAGERS, rule=OWN_NETWORKS_IF_NAMED
)
RECORD_ADOPTION = define(
    "networks.record_adoption",
    "Record a municipality's adoption of the overall plan",
    [*MANAGERS, Role.MUNICIPAL_LEADER],
    rule=OWN_NETWORKS_IF_NAMED,
)
TAKE_PART = define(
    "networks.take_part",
    "Register for gatherings, propose, support and comment on ideas",
    [*PARTICIPANTS],
    extra=partner_rule,
    rule=OWN_NETWORKS_IF_NAMED,
)
PRIORITISE_IDEAS = define(
    "networks.prioritise_ideas",
    "Prioritise ideas, start projects and professional groups (the steering group, and those who run the network)",
    [*MANAGERS, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER],
    rule=STEERING_GROUP_OR_RUNS,
)
REPORT_ON_PROJECT = define(
    "networks.report_on_project",
    "Write status reports, milestones and final reports",
    [*MANAGERS, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER],
    extra=partner_rule,
    rule=OWN_NETWORKS_IF_NAMED,
)
# Calendar apps cannot log in: the feed is reached by a secret per-person token in the URL, and
# shows only what that person may see. The token is the credential, so the action is anonymous.
CALENDAR_FEED = define(
    "networks.calendar_feed", "Fetch an iCalendar feed with a personal secret token", ALL_ROLES, anonymous=True
)
MY_CALENDAR = define("networks.my_calendar", "See one's own calendar feed addresses", ALL_ROLES)

register_object_actions(
    "networks.network",
    VIEW_NETWORK,
    MANAGE_NETWORK,
    VIEW_CONTACTS,
    EDIT_PLAN,
    RECORD_ADOPTION,
    TAKE_PART,
    PRIORITISE_IDEAS,
)
register_object_actions("networks.overallplan", EDIT_PLAN, RECORD_ADOPTION)
register_object_actions("networks.gathering", VIEW_NETWORK, MANAGE_NETWORK, TAKE_PART)
register_object_actions("networks.idea", VIEW_NETWORK, TAKE_PART, PRIORITISE_IDEAS)
register_object_actions("networks.developmentproject", VIEW_NETWORK, REPORT_ON_PROJECT)
register_object_actions("networks.professionalgroup", VIEW_NETWORK, TAKE_PART)
register_object_actions("networks.contactperson", CHANGE_CONSENT, ERASE_CONTACT, EXPORT_CONTACT)
