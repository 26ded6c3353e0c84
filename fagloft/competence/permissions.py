"""Actions on staff and competence.

Individual profiles are personal data: only the service leader sees the service's staff, and each
employee their own profile. Everyone else with a role in the tree, also the municipality's own
leadership (kommunedirektør, `Role.MUNICIPAL_LEADER`), sees aggregates of the services only: the
municipality is the employer, but the register is the service's tool and the law gives the
municipal leadership no need to read single employees' competence records. So no person-level
action below names their role, nor a county, network or national role.
"""

from typing import Any

from fagloft.accounts.access import READ_ROLES, can, define, define_rule, register_object_actions
from fagloft.accounts.roles import Role

# The roles that may see or change one named person's record as someone else than that person.
PERSON_LEVEL_ROLES = (Role.SERVICE_LEADER,)

VIEW_OVERVIEW = define("competence.view_overview", "See aggregated competence and capacity figures", READ_ROLES)
VIEW_STAFF = define(
    "competence.view_staff", "See the service's staff register and each person's profile", PERSON_LEVEL_ROLES
)
CHANGE_STAFF = define(
    "competence.change_staff", "Edit, import and export the service's staff register", PERSON_LEVEL_ROLES
)
OWN_PROFILE = define(
    "competence.own_profile",
    "See, edit and download one's own competence profile",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
)
MANAGE_MAPPING = define(
    "competence.manage_mapping", "Open and close mapping rounds and assess staff", PERSON_LEVEL_ROLES
)
ANSWER_MAPPING = define(
    "competence.answer_mapping", "Rate oneself in a mapping round", [Role.EMPLOYEE, Role.SERVICE_LEADER]
)
VIEW_PLAN = define("competence.view_plan", "See the service's competence plans", READ_ROLES)
CHANGE_PLAN = define("competence.change_plan", "Write the service's competence plan", [Role.SERVICE_LEADER])
PUBLISH_FIGURES = define(
    "competence.publish", "Publish competence figures as indicator values", [Role.ADMIN, Role.NATIONAL]
)
CHANGE_SETTINGS = define("competence.change_settings", "Set retention period and privacy thresholds", [Role.ADMIN])


def _employee_of(obj: Any) -> Any:
    from fagloft.competence.models import Employee

    # A profile's own records (education, further education, certification) belong to its person.
    return obj if isinstance(obj, Employee) else getattr(obj, "employee", None)


def _holder_or_leader(user: Any, obj: Any) -> bool:
    employee = _employee_of(obj)
    if employee is None:
        return False
    return (employee.user_id is not None and employee.user_id == user.pk) or can(user, CHANGE_STAFF, employee)


HOLDER_OR_LEADER = define_rule(
    "competence.holder_or_leader",
    "The person the profile is about, or the leader of their service",
    _holder_or_leader,
)

# The gate for profile pages and the writes on one profile: one's own, or one in a service the user
# leads. The scope (the service) comes first; the rule then excludes colleagues.
VIEW_PROFILE = define(
    "competence.view_profile",
    "Open a competence profile (one's own, or as leader)",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
    rule=HOLDER_OR_LEADER,
)
EDIT_PROFILE = define(
    "competence.edit_profile",
    "Change a competence profile and its courses (own, or as leader)",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
    rule=HOLDER_OR_LEADER,
)

# GDPR art. 15: a download of everything held about one person, for the person or (for someone
# without a login) by their leader on their behalf.
EXPORT_PROFILE = define(
    "competence.export_profile",
    "Download everything held about one person (own, or as leader)",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
    rule=HOLDER_OR_LEADER,
)
# GDPR art. 17: erasure on the person's request, by the leader of their service (the controller's
# hand in the service) or the administrator.
ERASE_EMPLOYEE = define(
    "competence.erase_employee", "Erase one person's personal data on their request", [Role.SERVICE_LEADER, Role.ADMIN]
)

register_object_actions("competence.employee", VIEW_PROFILE, EDIT_PROFILE, CHANGE_STAFF, EXPORT_PROFILE, ERASE_EMPLOYEE)
register_object_actions("organizations.service", VIEW_STAFF, CHANGE_STAFF, MANAGE_MAPPING, VIEW_PLAN, CHANGE_PLAN)
register_object_actions("competence.mappinground", MANAGE_MAPPING, ANSWER_MAPPING)
register_object_actions("competence.competenceplan", CHANGE_PLAN)
