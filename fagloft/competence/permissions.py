"""Actions on staff and competence.

Individual profiles are personal data: only the service leader (and, reading, the municipality's
leadership) sees the service's staff, and each employee their own profile. County advisors,
network coordinators and Bufdir see aggregates only, so no individual action names their roles.
"""

from fagloft.accounts.access import READ_ROLES, define
from fagloft.accounts.roles import Role

VIEW_OVERVIEW = define("competence.view_overview", "See aggregated competence and capacity figures", READ_ROLES)
VIEW_STAFF = define("competence.view_staff", "See the service's staff register and each person's profile",
                    [Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER])
CHANGE_STAFF = define("competence.change_staff", "Edit, import and export the service's staff register",
                      [Role.SERVICE_LEADER])
OWN_PROFILE = define("competence.own_profile", "See, edit and download one's own competence profile",
                     [Role.EMPLOYEE, Role.SERVICE_LEADER])
MANAGE_MAPPING = define("competence.manage_mapping", "Open and close mapping rounds and assess staff",
                        [Role.SERVICE_LEADER])
ANSWER_MAPPING = define("competence.answer_mapping", "Rate oneself in a mapping round",
                        [Role.EMPLOYEE, Role.SERVICE_LEADER])
VIEW_PLAN = define("competence.view_plan", "See the service's competence plans", READ_ROLES)
CHANGE_PLAN = define("competence.change_plan", "Write the service's competence plan", [Role.SERVICE_LEADER])
PUBLISH_FIGURES = define("competence.publish", "Publish competence figures as indicator values",
                         [Role.ADMIN, Role.NATIONAL])
CHANGE_SETTINGS = define("competence.change_settings", "Set retention period and privacy thresholds",
                         [Role.ADMIN])
# The gate for profile pages: the view then allows one's own profile (OWN_PROFILE) or a profile in
# a service the user leads (VIEW_STAFF / CHANGE_STAFF), nothing else.
VIEW_PROFILE = define("competence.view_profile", "Open a competence profile (one's own, or as leader)",
                      [Role.EMPLOYEE, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER])
