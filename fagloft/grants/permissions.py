"""Actions on calls, applications, assessments and decisions.

Calls are read by everyone in the tree. Applications are read by the units that take part in
them and by the county that assesses them. Assessments (scores, comments, ranking) are read only
by those who assess: an applicant never sees any assessment, their own or another's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fagloft.accounts.access import READ_ROLES, define, roles_of
from fagloft.accounts.roles import Role

ASSESSORS = [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NATIONAL]
# The county assesses, so its advisors do not write applications (a coordinator may, for the network).
APPLICANTS = [Role.ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.NETWORK_COORDINATOR]


def national_calls(user: Any, queryset: QuerySet) -> QuerySet:
    """National calls (from Bufdir, no county) are open to everyone in the tree."""
    if not roles_of(user) & set(READ_ROLES):
        return queryset.none()
    if queryset.model._meta.model_name != "call":
        return queryset.none()
    return queryset.filter(county__isnull=True)


VIEW_CALL = define("grants.view_call", "See calls for grants", READ_ROLES, extra=national_calls)
MANAGE_CALL = define("grants.manage_call", "Create and edit calls and their criteria",
                     [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NATIONAL])
VIEW_APPLICATION = define("grants.view_application", "See an application and its decision", READ_ROLES)
APPLY = define("grants.apply", "Write, save and submit applications", APPLICANTS)
ASSESS = define("grants.assess", "Score applications, comment and rank them", ASSESSORS)
VIEW_ASSESSMENTS = define("grants.view_assessments", "Read assessments, scores and rankings", ASSESSORS)
DECIDE = define("grants.decide", "Decide applications, generate letters, record payments", ASSESSORS)
REPORT = define("grants.report", "Send progress and final reports on a grant", APPLICANTS)
