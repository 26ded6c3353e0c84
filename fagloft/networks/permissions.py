"""Actions on learning networks.

Everyone in the tree whose unit takes part in a network may read it. The county advisor and the
network coordinator (scoped to the county) run it; where a coordinator is named on particular
networks (`NetworkRole`), `queries.narrow_to_own_networks` keeps them to those. A competence
environment sees the networks it partners in, through the `extra` rule below.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fagloft.accounts.access import ALL_ROLES, READ_ROLES, define, has_role
from fagloft.accounts.roles import Role

MANAGERS = [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR]
PARTICIPANTS = [*READ_ROLES]

# For each model: the ORM path from it to a network, so the partner rule can be applied.
_NETWORK_PATHS = {
    "network": "",
    "networkmember": "network__",
    "networkrole": "network__",
    "overallplan": "network__",
    "planadoption": "plan__network__",
    "gathering": "network__",
    "agendaitem": "gathering__network__",
    "gatheringdocument": "gathering__network__",
    "participation": "gathering__network__",
    "developmentproject": "network__",
    "milestone": "project__network__",
    "statusreport": "project__network__",
    "idea": "network__",
    "professionalgroup": "network__",
}


def partner_rule(user: Any, queryset: QuerySet) -> QuerySet:
    """A competence environment sees the networks it partners in (and projects where it is the partner)."""
    organisation = getattr(user, "organisation_name", "")
    if not organisation or not has_role(user, Role.COMPETENCE_ENVIRONMENT):
        return queryset.none()
    prefix = _NETWORK_PATHS.get(queryset.model._meta.model_name)
    if prefix is None:
        return queryset.none()
    condition = Q(**{f"{prefix}partners__name__iexact": organisation})
    if queryset.model._meta.model_name == "developmentproject":
        condition |= Q(partner__name__iexact=organisation)
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


VIEW_NETWORK = define("networks.view", "See learning networks, members, plan, gatherings and projects",
                      PARTICIPANTS, extra=partner_rule)
MANAGE_NETWORK = define("networks.manage", "Run a network: members, steering group, contacts, gatherings",
                        MANAGERS)
VIEW_CONTACTS = define("networks.view_contacts", "See the network's contact list (consented details only)",
                       PARTICIPANTS, extra=partner_rule)
EDIT_PLAN = define("networks.edit_plan", "Write and revise the network's overall plan", MANAGERS)
RECORD_ADOPTION = define("networks.record_adoption", "Record a municipality's adoption of the overall plan",
                         [*MANAGERS, Role.MUNICIPAL_LEADER])
TAKE_PART = define("networks.take_part", "Register for gatherings, propose, support and comment on ideas",
                   [*PARTICIPANTS], extra=partner_rule)
PRIORITISE_IDEAS = define("networks.prioritise_ideas", "Prioritise ideas (steering group) and start projects",
                          [*MANAGERS, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER])
REPORT_ON_PROJECT = define("networks.report_on_project", "Write status reports, milestones and final reports",
                           [*MANAGERS, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER], extra=partner_rule)
# Calendar apps cannot log in: the feed is reached by a secret per-person token in the URL, and
# shows only what that person may see. The token is the credential, so the action is anonymous.
CALENDAR_FEED = define("networks.calendar_feed", "Fetch an iCalendar feed with a personal secret token",
                       ALL_ROLES, anonymous=True)
MY_CALENDAR = define("networks.my_calendar", "See one's own calendar feed addresses", ALL_ROLES)
