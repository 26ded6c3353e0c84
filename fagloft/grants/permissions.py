"""Actions on calls, applications, assessments and decisions.

Calls are read by everyone in the tree. Applications are read by the units that take part in
them and by the county that assesses them. Assessments (scores, comments, ranking) are read only
by those who assess: an applicant never sees any assessment, their own or another's.

Bufdir (`Role.NATIONAL`) reads everything in grants and writes nothing: calls, criteria, scores,
decisions and payments are written by the county governor's advisors (and the administrator, who
also registers Bufdir's national calls).

Writing an application is narrowed by the rule `grants.applicant_of_application`: a service or
municipal leader writes applications their own unit takes part in; a network coordinator (whose
membership covers the whole county) only those of the networks they are named coordinator of.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

from fagloft.accounts.access import (
    READ_ROLES,
    Action,
    block_memo,
    can,
    define,
    define_rule,
    memberships,
    register_object_actions,
    roles_of,
)
from fagloft.accounts.roles import Role

# Those who write calls, scores, decisions and payments. Bufdir is read-only here.
CASE_WORKERS = [Role.ADMIN, Role.COUNTY_ADVISOR]
# Those who read assessments and rankings: the case workers and Bufdir.
ASSESSMENT_READERS = [*CASE_WORKERS, Role.NATIONAL]
# The county assesses, so its advisors do not write applications (a coordinator may, for the network).
APPLICANTS = [Role.ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.NETWORK_COORDINATOR]


def _national_calls_for(roles: Iterable[str]) -> Callable[[Any, QuerySet], QuerySet]:
    def rule(user: Any, queryset: QuerySet) -> QuerySet:
        """National calls (from Bufdir, no county) are open across the tree."""
        if not roles_of(user) & set(roles):
            return queryset.none()
        if queryset.model._meta.model_name != "call":
            return queryset.none()
        return queryset.filter(county__isnull=True)

    return rule


national_calls = _national_calls_for(list(READ_ROLES))


def _coordinates(user: Any, network_id: int | None) -> bool:
    if network_id is None:
        return False
    from fagloft.networks.models import NetworkRole

    # The networks the user coordinates, read once per list (`block_memo`), per call outside one.
    coordinated = block_memo(
        ("grants.coordinated_networks", user.pk),
        lambda: set(
            NetworkRole.objects.filter(user=user, kind=NetworkRole.Kind.COORDINATOR).values_list(
                "network_id", flat=True
            )
        ),
    )
    return network_id in coordinated


# The applicant roles whose own unit places them (not a registered action: the rule below asks the
# same scope machinery as `can`, limited to these memberships).
_APPLY_THROUGH_OWN_UNIT = Action(
    "grants.apply_through_own_unit",
    "Apply for the user's own service or municipality",
    frozenset({Role.ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER}),
)


def _applicant_of(user: Any, obj: Any) -> bool:
    """Each membership counts on its own: a coordinator's county-wide membership does not lend its
    reach to the same person's leader membership elsewhere, and the other way round."""
    from fagloft.grants.models import Application

    if not isinstance(obj, Application):
        return True  # a call or a municipality: roles and scope decide
    # `can` rather than `visible(...).exists()`: inside a `checks_for` block (an API list) the scope
    # part is answered once for the whole page, not once per application.
    if can(user, _APPLY_THROUGH_OWN_UNIT, obj):
        return True
    coordinates_here = any(m.role == Role.NETWORK_COORDINATOR and m.unit_id == obj.county_id for m in memberships(user))
    return coordinates_here and _coordinates(user, obj.network_id)


APPLICANT_OF_APPLICATION = define_rule(
    "grants.applicant_of_application",
    "The user's own service or municipality takes part in the application, or the user coordinates "
    "the applying network",
    _applicant_of,
)

VIEW_CALL = define("grants.view_call", "See calls for grants", READ_ROLES, extra=national_calls)
MANAGE_CALL = define("grants.manage_call", "Create, edit and publish calls and their criteria", CASE_WORKERS)
VIEW_APPLICATION = define("grants.view_application", "See an application and its decision", READ_ROLES)
APPLY = define(
    "grants.apply",
    "Write, save and submit applications",
    APPLICANTS,
    extra=_national_calls_for(APPLICANTS),
    rule=APPLICANT_OF_APPLICATION,
)
ASSESS = define("grants.assess", "Score applications and comment on them", CASE_WORKERS)
VIEW_ASSESSMENTS = define(
    "grants.view_assessments",
    "Read assessments, scores and rankings",
    ASSESSMENT_READERS,
    extra=_national_calls_for(ASSESSMENT_READERS),
)
DECIDE = define("grants.decide", "Decide applications and record payments", CASE_WORKERS)
REPORT = define(
    "grants.report", "Send progress and final reports on a grant", APPLICANTS, rule=APPLICANT_OF_APPLICATION
)

register_object_actions("grants.call", VIEW_CALL, MANAGE_CALL, APPLY, VIEW_ASSESSMENTS)
register_object_actions("grants.application", VIEW_APPLICATION, APPLY, ASSESS, VIEW_ASSESSMENTS, DECIDE, REPORT)
