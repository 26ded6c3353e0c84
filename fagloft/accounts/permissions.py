"""Actions of the accounts app."""

from fagloft.accounts.access import define
from fagloft.accounts.roles import Role

VIEW_OWN_ACCOUNT = define(
    "accounts.view_own_account", "See and manage one's own login and second factor", list(Role), any_authenticated=True
)
MANAGE_USERS = define("accounts.manage_users", "Create users and give roles", [Role.ADMIN])
VIEW_MEMBERSHIPS = define(
    "accounts.view_memberships",
    "See who holds which role in a unit",
    [Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER],
)
