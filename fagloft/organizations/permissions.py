"""Actions on the organisation tree."""

from fagloft.accounts.access import GLOBAL_ROLES, READ_ROLES, define, register_object_actions
from fagloft.accounts.roles import Role

VIEW_COUNTY = define("organizations.view_county", "See a county and its municipalities", READ_ROLES)
VIEW_MUNICIPALITY = define("organizations.view_municipality", "See a municipality", READ_ROLES)
VIEW_SERVICE = define("organizations.view_service", "See a child welfare service", READ_ROLES)
SEARCH_MUNICIPALITIES = define("organizations.search", "Search municipalities by name or number", READ_ROLES)
CHANGE_SERVICE = define(
    "organizations.change_service",
    "Edit a service's contact details and coverage",
    [Role.ADMIN, Role.COUNTY_ADVISOR, Role.SERVICE_LEADER],
)
VIEW_AGREEMENTS = define("organizations.view_agreements", "See cooperation agreements", READ_ROLES)
CHANGE_AGREEMENTS = define(
    "organizations.change_agreements",
    "Record cooperation agreements between municipalities",
    [Role.ADMIN, Role.COUNTY_ADVISOR, Role.MUNICIPAL_LEADER],
)
IMPORT_REFERENCE_DATA = define(
    "organizations.import",
    "Import borders and population",
    [Role.ADMIN],
)
VIEW_COUNCIL_HANDLING = define(
    "organizations.view_council_handling", "See how the council handled the status report and plan", READ_ROLES
)
RECORD_COUNCIL_HANDLING = define(
    "organizations.record_council_handling",
    "Record the council's handling of the status report or the preventive plan",
    [Role.ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER],
)
# What a page may offer on these objects: templates read `permitted.change_service` etc.
register_object_actions("organizations.service", CHANGE_SERVICE)
register_object_actions("organizations.cooperationagreement", CHANGE_AGREEMENTS)
register_object_actions("organizations.municipality", CHANGE_AGREEMENTS)
register_object_actions("organizations.county", VIEW_AGREEMENTS, CHANGE_AGREEMENTS)

__all__ = ["GLOBAL_ROLES"]
